"""The document controller's commands: revise, approve, release, review-due.

Thin shells over `generator.control.commands` and `generator.control.review`, registered on the `handbook`
group with `main.add_command(...)`. They report a refusal the way `handbook check` reports
a problem — `file:line:col: error: …` plus a hint, exit code 1 — and never with a traceback
(unless `handbook --debug`).
"""

from __future__ import annotations

import datetime
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator.control.commands import (
    ROLES_BY_NAME,
    Outcome,
    approve_document,
    open_document,
    release_document,
    revise_document,
)
from generator.control.review import DEFAULT_WINDOW_DAYS, format_reviews, reviews_due
from generator.diagnostics import HandbookError, format_report
from generator.source.project import read_handbook

control_root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The handbook project folder (holds handbook.yml).",
)


class DateType(click.ParamType):
    """YYYY-MM-DD on the command line, a `datetime.date` in the program."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, parameter: click.Parameter | None, context: click.Context | None) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2024-06-01", parameter, context)


DATE = DateType()


def _debugging() -> bool:
    context = click.get_current_context(silent=True)
    settings = context.find_root().obj if context is not None else None
    return isinstance(settings, dict) and bool(settings.get("debug"))


def reports_problems(command: Callable[..., None]) -> Callable[..., None]:
    """Turn a HandbookError into its diagnostics on stderr and exit code 1."""

    @functools.wraps(command)
    def wrapper(*arguments: Any, **options: Any) -> None:
        try:
            command(*arguments, **options)
        except HandbookError as problem:
            if _debugging():
                raise
            click.echo(format_report(problem.diagnostics), err=True)
            sys.exit(1)

    return wrapper


def _report(outcome: Outcome) -> None:
    click.echo(f"{outcome.display_path}: {outcome.summary}")
    for note in outcome.notes:
        click.echo(f"{outcome.display_path}: note: {note}", err=True)
    if outcome.next_step:
        click.echo(f"next: {outcome.next_step}")


@click.command()
@click.argument("document")
@click.option("--change", required=True, help="修改说明: what this revision changes (goes into the history entry).")
@click.option(
    "--effective",
    type=DATE,
    required=True,
    help="Planned effective date of the new revision; sign-off must come on or before it (release --effective can move it).",
)
@click.option("--major", is_flag=True, help="Major revision: A → B (minor counter restarts), instead of A0 → A1.")
@control_root_option
@reports_problems
def revise(document: str, change: str, effective: datetime.date, major: bool, root: Path) -> None:
    """Start the next revision of DOCUMENT (number or file) as a draft (草稿)."""
    _report(revise_document(root, document, change, effective, major=major))


@click.command()
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
@control_root_option
@reports_problems
def approve(document: str, role: str, name: str, date: datetime.date | None, root: Path) -> None:
    """Record a sign-off on the newest (draft) revision of DOCUMENT."""
    _report(approve_document(root, document, role, name, date or datetime.date.today()))


@click.command()
@click.argument("document")
@click.option(
    "--effective",
    type=DATE,
    default=None,
    help="Take effect on this date instead of the planned one (on or after the last sign-off).",
)
@control_root_option
@reports_problems
def release(document: str, effective: datetime.date | None, root: Path) -> None:
    """Make the draft revision of DOCUMENT effective (生效) once 编制, 审核 and 批准 are recorded.

    Then lists the controlled copies to recall (previous revision) and to issue (this one)."""
    from generator.control.recall import format_recall, recall_report

    outcome = release_document(root, document, effective)
    _report(outcome)
    report = recall_report(root, open_document(root, str(outcome.path)).document.number)
    for line in format_recall(report) if report else []:
        click.echo(line)


@click.command("review-due")
@click.option("--as-of", type=DATE, default=None, help="Count from this date  [default: today]")
@click.option(
    "--within",
    "window_days",
    type=click.IntRange(0, 366),
    default=DEFAULT_WINDOW_DAYS,
    show_default=True,
    help="List reviews falling due within this many days.",
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@control_root_option
@reports_problems
def review_due(as_of: datetime.date | None, window_days: int, output_format: str, root: Path) -> None:
    """List released documents whose periodic review is overdue or due soon."""
    result = read_handbook(root)
    if result.handbook is None:
        raise HandbookError(result.diagnostics)
    date = as_of or datetime.date.today()
    click.echo(format_reviews(reviews_due(result.handbook, date, window_days), date, output_format, window_days))


COMMANDS = (revise, approve, release, review_due)
