"""The status words a reader sees, and the one badge style of each.

One vocabulary for every page, badge, table and banner: 生效 (the version in force, whose
state is 现行), 待生效, 草稿, 已被替代, 已作废 — and 无存档 for a revision a change record
names that the archive cannot show (it was never committed to git, or the clone is shallow).
Templates reach these through the `status_label`, `status_class` and `revision_status`
names of the one Jinja environment (render/templates.py).
"""

from __future__ import annotations

from markupsafe import Markup

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


# what a printed page of a version not in force says at its top, on every page
PRINTED_WARNINGS = {
    VersionState.PENDING.value: "待生效：生效日期前仍执行原版次",
    VersionState.DRAFT.value: "草稿：未批准，不得作为工作依据",
    VersionState.SUPERSEDED.value: "已被替代：仅供查阅，不得作为工作依据",
    VersionState.WITHDRAWN.value: "已作废：仅供查阅，不得作为工作依据",
}


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: every ASCII character but letters, digits and a few
    harmless ones is escaped, so a title cannot end the string or the <style> element."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-.() ")
    return '"' + "".join(char if char in safe or ord(char) > 127 else f"\\{ord(char):x} " for char in text) + '"'


def print_margins(number: str, title: str, revision: str, status: str) -> Markup:
    """The page-margin rules of a document page printed from the browser (Chromium supports
    CSS paged media): number, title and revision at the top left, the status at the top right
    (in words that forbid use when the version is not in force), 第X页共Y页 at the bottom, on
    every page. Chromium has no string-set, so each page carries its own rule."""
    warning = PRINTED_WARNINGS.get(status, f"{status}版次")
    heading = css_string(f"{number}  {title}  版次 {revision}")
    return Markup(
        "<style>@media print { @page { "
        f"@top-left {{ content: {heading}; font-size: 9pt; }} "
        f"@top-right {{ content: {css_string(warning)}; font-size: 9pt; font-weight: bold; }} "
        '@bottom-right { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; } '
        "} }</style>"
    )
