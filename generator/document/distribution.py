"""Who holds a numbered controlled copy (受控副本) of which revision, and what a release recalls.

A distribution list is document-control data, not approved text: a department may receive a
copy without a new revision. So the revision in force and a pending one are distributed to the
holders of the working copy (the live list in procedures/), while a superseded revision was
held by the list it was issued with (its version in git). When a revision takes over, the copies
of the one it replaces are recalled and the new ones issued: `recall_plan` says which.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.document.versions import DocumentVersion, DocumentVersions
from generator.source.model import Document, Handbook, Holder

# states whose copies are (or are about to be) in the holders' hands
DISTRIBUTED_STATES = ("现行", "待生效")
# states of revisions that were issued at all (a draft never was)
ISSUED_STATES = ("现行", "待生效", "已被替代", "已作废")


@dataclass(frozen=True)
class ControlledCopy:
    """One numbered copy of one revision: the PDF stamped 受控 with its 分发号 and holder."""

    document: Document
    holder: Holder

    @property
    def copy_number(self) -> str:
        return self.holder.copy_number


@dataclass(frozen=True)
class RecallPlan:
    """What document control does when `new` replaces `old`: recall these, issue those."""

    old: Document
    new: Document
    recall: tuple[Holder, ...]
    issue: tuple[Holder, ...]


def holders_of(handbook: Handbook, version: DocumentVersion) -> tuple[Holder, ...]:
    """The holders of `version`: the live list while it is in force or pending, else as issued.

    The working copy's revision counts as live too, whatever its state (a draft's list is the
    one it will be issued with)."""
    working_copy = handbook.documents_by_number[version.document.number]
    if version.state in DISTRIBUTED_STATES or version.document.revision == working_copy.revision:
        return handbook.distribution_of(working_copy)
    return handbook.distribution_of(version.document)


def copies_of(handbook: Handbook, version: DocumentVersion) -> tuple[ControlledCopy, ...]:
    return tuple(ControlledCopy(version.document, holder) for holder in holders_of(handbook, version))


def distributed_copies(handbook: Handbook, versions: DocumentVersions) -> tuple[ControlledCopy, ...]:
    """Copies the build stamps: every holder of the revision in force and of a pending one."""
    return tuple(
        copy
        for version in versions.versions
        if version.state in DISTRIBUTED_STATES
        for copy in copies_of(handbook, version)
    )


def issued_versions(versions: DocumentVersions) -> tuple[DocumentVersion, ...]:
    """Revisions that were issued (each has a 文件发放/回收登记表); drafts are not."""
    return tuple(version for version in versions.versions if version.state in ISSUED_STATES)


def recall_plan(handbook: Handbook, versions: DocumentVersions, new: DocumentVersion) -> RecallPlan | None:
    """The copies to recall and to issue when `new` takes over from the issued revision before it."""
    issued = issued_versions(versions)
    if new not in issued or issued.index(new) == 0:
        return None
    old = issued[issued.index(new) - 1]
    return RecallPlan(old.document, new.document, holders_of(handbook, old), holders_of(handbook, new))


def recall_plan_of_documents(handbook: Handbook, old: Document, new: Document) -> RecallPlan:
    """The same plan for two documents read outside an archive (`handbook release`)."""
    return RecallPlan(old, new, handbook.distribution_of(old), handbook.distribution_of(new))
