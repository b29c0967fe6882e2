"""The document controller's commands: revise, approve, release, withdraw, review, review-due.

Thin shells over `generator.control.commands` and `generator.control.review`, registered on the
`handbook` group with `main.add_command(...)`. A refusal is a HandbookError, reported by the one
error path of `cli/shared.py` the way `handbook check` reports a problem — `file:line:col:
error: …` plus a hint, exit code 1 — and never with a traceback (unless `handbook --debug`).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import click

from generator.cli.shared import chosen_language, command, echo, format_option, root_option
from generator.control.commands import ROLES_BY_NAME, Outcome, approve_document, release_document, revise_document
from generator.control.files import open_document
from generator.control.lifecycle import review_document, withdraw_document
from generator.control.review import DEFAULT_WINDOW_DAYS, format_reviews, reviews_due
from generator.messages import Text, render
from generator.source.model import ReviewResult
from generator.source.project import require_handbook


class DateType(click.ParamType):
    """YYYY-MM-DD on the command line, a `datetime.date` in the program."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, parameter: click.Parameter | None, context: click.Context | None) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                render(
                    Text("'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2024-06-01", value=value),
                    chosen_language(context),
                ),
                parameter,
                context,
            )


DATE = DateType()


def _report(outcome: Outcome) -> None:
    echo(Text("{path}: {summary}", path=outcome.display_path, summary=outcome.summary))
    for note in outcome.notes:
        echo(Text("{path}: note: {note}", path=outcome.display_path, note=note), err=True)
    if outcome.next_step:
        echo(Text("next: {step}", step=outcome.next_step))


@command(short_help="Start a new revision of a document, as a draft (草稿).")
@click.argument("document")
@click.option("--change", required=True, help="修改说明: what this revision changes (goes into the history entry).")
@click.option(
    "--effective",
    type=DATE,
    required=True,
    help="Planned effective date of the new revision; sign-off must come on or before it (release --effective can move it).",
)
@click.option("--major", is_flag=True, help="Major revision: A → B (minor counter restarts), instead of A0 → A1.")
@root_option
def revise(document: str, change: str, effective: datetime.date, major: bool, root: Path) -> None:
    """Start the next revision of DOCUMENT (number or file) as a draft (草稿)."""
    _report(revise_document(root, document, change, effective, major=major))


@command(short_help="Record a sign-off: 编制, 审核 or 批准.")
@click.argument("document")
@click.option(
    "--as",
    "role",
    type=click.Choice(list(ROLES_BY_NAME)),
    required=True,
    help="Which sign-off: 编制 (prepared), 审核 (reviewed), 批准 (approved).",
)
@click.option("--name", required=True, help="Who signs (a name or a role title).")
@click.option("--date", type=DATE, default=None, help="Date of the signature  [default: today]")
@root_option
def approve(document: str, role: str, name: str, date: datetime.date | None, root: Path) -> None:
    """Record a sign-off on the newest (draft) revision of DOCUMENT."""
    _report(approve_document(root, document, role, name, date or datetime.date.today()))


@command(short_help="Make a signed-off draft effective (生效).")
@click.argument("document")
@click.option(
    "--effective",
    type=DATE,
    default=None,
    help="Take effect on this date instead of the planned one (on or after the last sign-off).",
)
@root_option
def release(document: str, effective: datetime.date | None, root: Path) -> None:
    """Make the draft revision of DOCUMENT effective (生效) once 编制, 审核 and 批准 are recorded.

    Then lists the controlled copies to recall (previous revision) and to issue (this one)."""
    from generator.control.recall import format_recall, recall_report

    outcome = release_document(root, document, effective)
    _report(outcome)
    report = recall_report(root, open_document(root, str(outcome.path)).document.number)
    for line in format_recall(report) if report else []:
        echo(line)


@command("review-due", short_help="List documents due for periodic review.")
@click.option("--as-of", type=DATE, default=None, help="Count from this date  [default: today]")
@click.option(
    "--within",
    "window_days",
    type=click.IntRange(0, 366),
    default=DEFAULT_WINDOW_DAYS,
    show_default=True,
    help="List reviews falling due within this many days.",
)
@format_option
@root_option
def review_due(as_of: datetime.date | None, window_days: int, output_format: str, root: Path) -> None:
    """List released documents whose periodic review is overdue or due soon."""
    handbook = require_handbook(root)
    date = as_of or datetime.date.today()
    click.echo(
        format_reviews(reviews_due(handbook, date, window_days), date, output_format, window_days, chosen_language())
    )


@command(short_help="Withdraw a document (已作废) without deleting it.")
@click.argument("document")
@click.option("--reason", required=True, help="作废原因: why the document is withdrawn.")
@click.option("--effective", type=DATE, required=True, help="The date from which the document is no longer valid.")
@root_option
def withdraw(document: str, reason: str, effective: datetime.date, root: Path) -> None:
    """Withdraw DOCUMENT (已作废) instead of deleting it: its pages and PDFs stay in the archive."""
    _report(withdraw_document(root, document, reason, effective))


@command(short_help="Record a periodic review (定期评审).")
@click.argument("document")
@click.option(
    "--result",
    type=click.Choice([item.value for item in ReviewResult]),
    required=True,
    help="评审结论: 继续有效 (still suitable) or 需修订 (a revision is needed).",
)
@click.option("--name", required=True, help="Who reviewed it.")
@click.option("--date", type=DATE, default=None, help="Date of the review (not in the future)  [default: today]")
@click.option("--note", default=None, help="A remark recorded with the review.")
@root_option
def review(document: str, result: str, name: str, date: datetime.date | None, note: str | None, root: Path) -> None:
    """Record a periodic review (定期评审) of DOCUMENT without a new revision; restarts the review clock."""
    _report(review_document(root, document, result, name, date or datetime.date.today(), note))


COMMANDS = (revise, approve, release, withdraw, review, review_due)
