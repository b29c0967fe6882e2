"""Naming a new form in its owner's `records` (质量记录), so `handbook new form` checks clean.

A form that no document names is a warning (`handbook check --strict` fails on it), and the
author's next step would be a hand edit of the owner. When the owner is still a draft that
edit is made here, through the same pipeline as revise/approve/release (open → precondition
→ round-trip edit → check → atomic write). A released owner is never edited in place: its
text is held against git, so the form waits for the owner's next revision.
"""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.control.commands import Outcome, apply_edit, open_document
from generator.control.files import ControlledFile
from generator.control.roundtrip import attach_trailing_comment, detach_trailing_comment, insert_after
from generator.messages import Text
from generator.source.model import Document, Status

KEYS_BEFORE_RECORDS = ("purpose", "scope", "definitions", "responsibilities", "body", "related")
DEFAULT_RETENTION = "3年"


def open_owner(root: Path, reference: str) -> ControlledFile:
    """The document a new form belongs to, opened for editing; a form cannot own a form."""
    controlled = open_document(root, reference)
    if controlled.kind == "form":
        raise controlled.refuse(
            ("number",),
            Text("{number} is a form; a form belongs to a document", number=controlled.document.number),
            Text("give the number of a document in procedures/ with --document"),
        )
    return controlled


def can_name_in_place(owner: ControlledFile) -> bool:
    """Only a draft may change its records; a released revision's text is fixed."""
    return owner.document.status is Status.DRAFT


def add_record(root: Path, owner: ControlledFile, form_number: str, retention: str = DEFAULT_RETENTION) -> Outcome:
    """Append `{form, keeper, retention}` to the draft owner's `records`; the keeper is its department."""
    document = owner.document
    assert isinstance(document, Document)  # open_owner refused forms
    if not can_name_in_place(owner):
        raise owner.refuse(
            ("status",),
            Text(
                "{number} revision {revision} is released; its records cannot change in place",
                number=document.number,
                revision=document.revision,
            ),
            Text(
                'start a new revision first: `handbook revise {number} --change "增加表单 {form}" --effective YYYY-MM-DD`',
                number=document.number,
                form=form_number,
            ),
        )
    if any(record.form == form_number for record in document.records):
        already = Text("{number} already names {form} in its records", number=document.number, form=form_number)
        return Outcome(owner.path, owner.display_path, already)

    def edit(data: CommentedMap) -> None:
        entry = CommentedMap([("form", form_number), ("keeper", document.department), ("retention", retention)])
        entry.fa.set_flow_style()
        if "records" not in data:
            comment = detach_trailing_comment(data)
            insert_after(data, KEYS_BEFORE_RECORDS, "records", CommentedSeq())
            attach_trailing_comment(data, comment)
        records = data["records"]
        comment = detach_trailing_comment(records)
        records.append(entry)
        attach_trailing_comment(records, comment)

    notes = apply_edit(root, owner, edit)
    return Outcome(
        owner.path,
        owner.display_path,
        Text(
            "{number}: {form} added to its records (保管 {keeper}, {retention})",
            number=document.number,
            form=form_number,
            keeper=document.department,
            retention=retention,
        ),
        notes=notes,
    )
