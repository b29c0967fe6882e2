"""Document control after release: withdraw (作废) and periodic review (定期评审).

Neither makes a new revision, so neither touches the controlled content the immutability
check (generator/document/integrity.py) holds against git: a withdrawal sets the status to
已作废 and adds a `withdrawal` block; a review appends an entry to `reviews`. Both go
through the same pipeline as revise/approve/release (open → precondition → round-trip
edit → check → atomic write) in generator/control/commands.py.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.control.commands import Outcome, apply_edit, open_document, require_status
from generator.control.roundtrip import (
    attach_trailing_comment,
    detach_trailing_comment,
    insert_after,
    replace_scalar,
    separate,
)
from generator.messages import Text
from generator.source.model import Document, ReviewResult, Status

KEYS_BEFORE_WITHDRAWAL = ("history", "reviews")


def _not_in_the_future(controlled, path: tuple, what: str, date: datetime.date, today: datetime.date) -> None:
    if date > today:
        raise controlled.refuse(
            path,
            Text("{what} is dated {date}, after today ({today})", what=what, date=date, today=today),
            Text("record what has happened, on the day it happened or later; never date it ahead"),
        )


def withdraw_document(
    root: Path, reference: str, reason: str, effective: datetime.date, today: datetime.date | None = None
) -> Outcome:
    """Mark a released document 已作废 from `effective` on; its archive stays reachable."""
    controlled = open_document(root, reference)
    if controlled.kind == "form":
        raise controlled.refuse(
            ("number",),
            Text("{number} is a form; withdraw works on documents", number=controlled.document.number),
            Text(
                "a form leaves use with a new revision of the documents that name it (remove it from their records and clauses)"
            ),
        )
    require_status(controlled, Status.EFFECTIVE, Text("withdrawn"))
    document = controlled.document
    if not reason.strip():
        raise controlled.refuse(("status",), Text("the reason for the withdrawal is empty"), Text('give --reason "…"'))
    if effective < document.effective:
        raise controlled.refuse(
            ("effective",),
            Text(
                "{number} cannot be withdrawn on {date}, before its revision {revision} took effect ({effective})",
                number=document.number,
                date=effective,
                revision=document.revision,
                effective=document.effective,
            ),
            Text("choose a date on or after {date}", date=document.effective),
        )

    def edit(data: CommentedMap) -> None:
        replace_scalar(data, "status", Status.OBSOLETE.value)
        withdrawal = CommentedMap([("date", separate(effective)), ("reason", reason.strip())])
        comment = detach_trailing_comment(data)
        insert_after(data, KEYS_BEFORE_WITHDRAWAL, "withdrawal", withdrawal)
        attach_trailing_comment(data, comment)

    notes = apply_edit(root, controlled, edit)
    return Outcome(
        controlled.path,
        controlled.display_path,
        Text(
            "{number} {revision} withdrawn (已作废) from {effective}: {reason}; its pages and PDFs stay in the archive",
            number=document.number,
            revision=document.revision,
            effective=effective,
            reason=reason.strip(),
        ),
        notes=notes,
    )


def review_document(
    root: Path,
    reference: str,
    result: str,
    name: str,
    date: datetime.date,
    note: str | None = None,
    today: datetime.date | None = None,
) -> Outcome:
    """Record a periodic review (定期评审) without a new revision; it restarts the review clock."""
    controlled = open_document(root, reference)
    if controlled.kind == "form":
        raise controlled.refuse(
            ("number",),
            Text("{number} is a form; periodic reviews are recorded on documents", number=controlled.document.number),
            Text("review the documents that use it: `handbook review-due` lists them"),
        )
    require_status(controlled, Status.EFFECTIVE, Text("reviewed"))
    document = controlled.document
    assert isinstance(document, Document)  # forms were refused above
    outcome = ReviewResult(result)
    if not name.strip():
        raise controlled.refuse(
            ("status",), Text("the reviewer's name is empty"), Text("give --name, e.g. --name 品质部经理")
        )
    _not_in_the_future(controlled, ("reviews",), Text("the review"), date, today or datetime.date.today())
    latest = max([document.effective, *(item.date for item in document.reviews)])
    if date < latest:
        raise controlled.refuse(
            ("reviews",) if document.reviews else ("effective",),
            Text(
                "the review dated {date} is before {latest}, the last review or the date {revision} took effect",
                date=date,
                latest=latest,
                revision=document.revision,
            ),
            Text("date the review on or after {date}", date=latest),
        )

    def edit(data: CommentedMap) -> None:
        entry = CommentedMap([("date", separate(date)), ("result", outcome.value), ("name", name.strip())])
        if note:
            entry["note"] = note.strip()
        entry.fa.set_flow_style()
        if "reviews" not in data:
            comment = detach_trailing_comment(data)
            insert_after(data, ("history",), "reviews", CommentedSeq())
            attach_trailing_comment(data, comment)
        reviews = data["reviews"]
        comment = detach_trailing_comment(reviews)
        reviews.append(entry)
        attach_trailing_comment(reviews, comment)

    notes = apply_edit(root, controlled, edit)
    next_step = (
        f'handbook revise {document.number} --change "…" --effective YYYY-MM-DD'
        if outcome is ReviewResult.NEEDS_REVISION
        else ""
    )
    return Outcome(
        controlled.path,
        controlled.display_path,
        Text(
            "{number} {revision}: 定期评审 {result} ({name}, {date}); the review clock restarts from this date",
            number=document.number,
            revision=document.revision,
            result=outcome.value,
            name=name.strip(),
            date=date,
        ),
        next_step,
        notes,
    )
