"""What `handbook release` tells document control to do with paper: recall and issue copies.

After a release the copies of the revision being replaced must come back (holder, 分发号) and
the new revision's copies go out; the new revision's 文件发放/回收登记表 is printed from the
next build. The replaced revision's holders are those it was issued with (its version in git);
without git history the live list stands in for them, and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.document.distribution import RecallPlan, recall_plan_of_documents
from generator.document.git_history import issued_revisions
from generator.messages import Text
from generator.render import paths
from generator.source.model import Document, Handbook, Holder
from generator.source.project import read_handbook


@dataclass(frozen=True)
class RecallReport:
    plan: RecallPlan | None
    new: Document
    holders: tuple[Holder, ...]
    note: str = ""


def recall_report(root: Path, number: str) -> RecallReport | None:
    """The plan for the newest revision of `number` just released (None: sources unreadable)."""
    result = read_handbook(root)
    if result.handbook is None or number not in result.handbook.documents_by_number:
        return None
    handbook = result.handbook
    new = handbook.documents_by_number[number]
    if len(new.history) < 2:
        return RecallReport(None, new, handbook.distribution_of(new))
    previous_revision = new.history[-2].revision
    old, note = _previous_issue(root, handbook, result.document_paths[number], new, previous_revision)
    return RecallReport(recall_plan_of_documents(handbook, old, new), new, handbook.distribution_of(new), note)


def _previous_issue(root: Path, handbook: Handbook, path: Path, new: Document, revision: str) -> tuple[Document, str]:
    for issued in issued_revisions(root, path).revisions:
        if issued.revision == revision and isinstance(issued.document, Document):
            return issued.document, ""
    stand_in = new.model_copy(update={"revision": revision})
    return stand_in, Text(
        "{revision} was not found in git history: its holders are taken from the current list", revision=revision
    )


def _holder_lines(holders: tuple[Holder, ...]) -> list[str]:
    return [f"  分发号 {holder.copy_number}  {holder.holder}（{holder.medium.label}）" for holder in holders]


def format_recall(report: RecallReport) -> list[str]:
    """Lines for the terminal: recall, issue, and where the 登记表 will be."""
    new = report.new
    lines: list[str] = []
    if report.plan is not None:
        lines.append(
            Text(
                "recall {count} copies of {number} {revision} (收回, from {effective}):",
                count=len(report.plan.recall),
                number=new.number,
                revision=report.plan.old.revision,
                effective=new.effective,
            )
        )
        lines += _holder_lines(report.plan.recall) or [Text("  (none: no distribution list)")]
    lines.append(
        Text(
            "issue {count} copies of {number} {revision} (发放):",
            count=len(report.holders),
            number=new.number,
            revision=new.revision,
        )
    )
    lines += _holder_lines(report.holders) or [Text("  (none: no distribution list)")]
    lines.append(
        Text(
            "登记表: {pdf} and {page} after `handbook build`",
            pdf=paths.register_pdf(new.number, new.revision),
            page=paths.page_url(paths.register_page(new.number, new.revision)),
        )
    )
    if report.note:
        lines.append(Text("note: {note}", note=report.note))
    return lines
