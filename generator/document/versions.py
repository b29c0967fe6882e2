"""The versions of every document the site and PDFs show: archive, in-force, pending, draft.

Reads the issued revisions of each document from git (generator/document/git_history.py) once per build
and decides, for the build date, which version is the default page of each document:

- the revision in force (the newest issued one whose effective date has come);
- later issued revisions are 待生效 (pending) until their date;
- earlier ones are 已被替代 (superseded), kept retrievable with a redline to their successor;
- a working-copy revision that is not released (草稿) is shown as a draft beside them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic, warning
from generator.document.git_history import history_unavailable, issued_revisions
from generator.document.redline import Redline, redline
from generator.source.model import Document, Handbook, Status


@dataclass(frozen=True)
class DocumentVersion:
    document: Document
    state: str  # 现行 | 待生效 | 已被替代 | 草稿 | 已作废
    commit: str | None = None


@dataclass(frozen=True)
class DocumentVersions:
    """All versions of one document, oldest first; `default` is the one its page shows."""

    number: str
    versions: tuple[DocumentVersion, ...]
    default: DocumentVersion

    @property
    def others(self) -> tuple[DocumentVersion, ...]:
        return tuple(version for version in self.versions if version is not self.default)

    def predecessor_of(self, version: DocumentVersion) -> DocumentVersion | None:
        position = self.versions.index(version)
        return self.versions[position - 1] if position > 0 else None


def versions_redline(handbook: Handbook, old: DocumentVersion, new: DocumentVersion) -> Redline:
    """What changed between two versions, each numbered in its own style as it was issued
    (one definition for the redline page and the redline PDF)."""
    return redline(old.document, new.document, handbook.numbering_of(old.document), handbook.numbering_of(new.document))


class Redlines:
    """`versions_redline` computed once per pair of versions: the redline page and the redline
    PDF of one build (and the rebuilds of `mkdocs serve` while the sources are unchanged)
    share each diff instead of computing it twice."""

    def __init__(self, handbook: Handbook):
        self.handbook = handbook
        self._found: dict[tuple[str, str, str], Redline] = {}

    def __call__(self, old: DocumentVersion, new: DocumentVersion) -> Redline:
        key = (new.document.number, old.document.revision, new.document.revision)
        if key not in self._found:
            self._found[key] = versions_redline(self.handbook, old, new)
        return self._found[key]


@dataclass(frozen=True)
class Archive:
    documents: dict[str, DocumentVersions] = field(default_factory=dict)
    warnings: tuple[Diagnostic, ...] = ()


def _versions_of(working_copy: Document, issued: list[Document], build_date: datetime.date) -> DocumentVersions:
    versions: list[DocumentVersion] = []
    started = [position for position, document in enumerate(issued) if document.effective <= build_date]
    current_position = started[-1] if started else None
    for position, document in enumerate(issued):
        if current_position is None or position > current_position:
            state = "待生效"
        elif position == current_position:
            state = (
                "已作废"
                if working_copy.status is Status.OBSOLETE and document.revision == working_copy.revision
                else "现行"
            )
        else:
            state = "已被替代"
        versions.append(DocumentVersion(document, state))
    if not any(version.document.revision == working_copy.revision for version in versions):
        versions.append(
            DocumentVersion(
                working_copy, working_copy.status.value if working_copy.status is not Status.EFFECTIVE else "待生效"
            )
        )
    default = versions[current_position] if current_position is not None else versions[-1]
    return DocumentVersions(working_copy.number, tuple(versions), default)


def read_archive(root: Path, handbook: Handbook, document_paths: dict[str, Path], build_date: datetime.date) -> Archive:
    """Every document's versions on `build_date`, from git where history is available."""
    missing = history_unavailable(root)
    if missing is not None:
        reason, hint = missing
        only_current = current_only(handbook, build_date)
        return Archive(
            only_current.documents,
            (warning("procedures", 1, 1, f"only the current revision of each document is shown: {reason}", hint),),
        )
    documents: dict[str, DocumentVersions] = {}
    warnings: list[Diagnostic] = []
    for document in handbook.documents:
        history = issued_revisions(root, document_paths[document.number], handbook.settings.revision_scheme)
        warnings.extend(history.warnings)
        issued = [revision.document for revision in history.revisions]
        documents[document.number] = _versions_of(document, issued, build_date)
    return Archive(documents, tuple(warnings))


def current_only(handbook: Handbook, build_date: datetime.date) -> Archive:
    """The archive of a handbook without history (tests, benchmarks): one version each."""
    return Archive(
        {
            document.number: _versions_of(
                document, [document] if document.status is not Status.DRAFT else [], build_date
            )
            for document in handbook.documents
        }
    )
