"""The status words a reader sees, and the one badge style of each.

One vocabulary for every page, badge, table and banner: 生效 (the version in force, whose
state is 现行), 待生效, 草稿, 已被替代, 已作废 — and 无存档 for a revision a change record
names that the archive cannot show (it was never committed to git, or the clone is shallow).
Templates reach these through the `status_label`, `status_class` and `revision_status`
names of the one Jinja environment (render/templates.py).
"""

from __future__ import annotations

from generator.document.in_force import VersionState
from generator.document.versions import DocumentVersions

IN_FORCE_WORD = "生效"
NOT_ARCHIVED = "无存档"
NOT_ARCHIVED_REASON = "该版次的文本不在版本库（git）中，无法显示或下载；请向文控索取纸质存档"

# status word → the modifier of its badge class, `hb-status--<modifier>` (handbook.css)
STATUS_CLASSES = {
    IN_FORCE_WORD: "effective",
    VersionState.PENDING.value: "pending",
    VersionState.DRAFT.value: "draft",
    VersionState.SUPERSEDED.value: "superseded",
    VersionState.WITHDRAWN.value: "obsolete",
    NOT_ARCHIVED: "unarchived",
}


def status_label(state: str) -> str:
    """The status a reader sees for a version's state: the one in force (现行) reads 生效,
    the others (待生效, 草稿, 已作废, 已被替代) as they are."""
    return IN_FORCE_WORD if state == VersionState.IN_FORCE else str(state)


def status_class(status: str) -> str:
    """The badge style of a status word; a word outside the vocabulary is a template error."""
    if status not in STATUS_CLASSES:
        raise ValueError(f"{status!r} is not a status word; use one of {', '.join(STATUS_CLASSES)}")
    return STATUS_CLASSES[status]


def revision_status(versions: DocumentVersions, revision: str) -> str:
    """The status of the revision a change-record line names, from the archive: so that the
    record on an archived page never calls its own superseded revision 现行, and a revision
    the archive does not hold says so (无存档) instead of guessing."""
    for version in versions.versions:
        if version.document.revision == revision:
            return status_label(version.state)
    return NOT_ARCHIVED
