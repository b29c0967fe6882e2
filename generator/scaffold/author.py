"""`handbook new document` and `handbook new form`: a new source file an author fills in.

The file is a draft (草稿) of the first revision with every required field, named by its
number (SH/QP-001 → procedures/SH-QP-001.yml) and carrying the schema comment, so the YAML
language server completes and checks it as the author types. A wrong number or type is
refused before anything is written, with the rule it broke.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from generator.control.files import ControlledFile
from generator.control.form_records import add_record, can_name_in_place, open_owner
from generator.diagnostics import HandbookError, error
from generator.messages import Text
from generator.scaffold.files import render, write_new
from generator.source.model import DocumentType, Settings
from generator.source.project import FORMS_FOLDER, PROCEDURES_FOLDER, SETTINGS_FILE, read_handbook, read_settings
from generator.source.revisions import RevisionKey, format_revision

DEFAULT_DEPARTMENT = "文件编制部门"


@dataclass(frozen=True)
class NewFile:
    """What `new` wrote: the file, as shown to the user, what else it changed, and what to do next."""

    path: Path
    shown: str
    next_step: str
    changed: tuple[str, ...] = ()


def file_name_of(number: str) -> str:
    """A number's file name: SH/QP-001 → SH-QP-001.yml (the rule `handbook check` keeps)."""
    return number.replace("/", "-") + ".yml"


def new_document(
    root: Path,
    number: str,
    title: str,
    type_name: str,
    department: str | None = None,
    today: datetime.date | None = None,
) -> NewFile:
    """Write procedures/<number>.yml: a draft of revision A0 (or A/00) of a new document."""
    settings = read_settings(root)
    document_type = _type_named(settings, type_name)
    shown = f"{PROCEDURES_FOLDER}/{file_name_of(number)}"
    _check_number(number, document_type.number_pattern, Text("the pattern of {type}", type=document_type.name), shown)
    _check_title(title)
    text = render(
        "author/document.yml.j2",
        number=number,
        title=title,
        type=document_type.name,
        department=department or _default_department(settings),
        revision=_first_revision(settings),
        today=(today or datetime.date.today()).isoformat(),
    )
    write_new(root / shown, text, shown)
    next_step = Text(
        "fill in {path}, then: handbook check; handbook approve {number} --as 编制 …", path=shown, number=number
    )
    return NewFile(root / shown, shown, next_step)


def new_form(root: Path, number: str, title: str, document: str, today: datetime.date | None = None) -> NewFile:
    """Write forms/<number>.yml: a draft form owned by `document`, with one section of fields."""
    settings = read_settings(root)
    shown = f"{FORMS_FOLDER}/{file_name_of(number)}"
    _check_number(number, settings.form_number_pattern, Text("form_number_pattern"), shown)
    _check_title(title)
    sources = read_handbook(root)
    if document not in sources.document_paths:
        known = ", ".join(sorted(sources.document_paths)) or Text("none yet")
        raise HandbookError(
            [
                error(
                    PROCEDURES_FOLDER,
                    1,
                    1,
                    Text("unknown document '{document}'", document=document),
                    Text("give the number of a document in procedures/ (known: {known})", known=known),
                )
            ]
        )
    if number in sources.form_paths:
        used = sources.form_paths[number]
        used = used.relative_to(root) if used.is_absolute() and used.is_relative_to(root) else used
        raise HandbookError(
            [
                error(
                    str(used),
                    1,
                    1,
                    Text("form number {number} is already used by {used}", number=number, used=str(used)),
                    Text("choose another number"),
                )
            ]
        )
    owner = open_owner(root, document)
    text = render(
        "author/form.yml.j2",
        number=number,
        title=title,
        document=document,
        revision=_first_revision(settings),
        today=(today or datetime.date.today()).isoformat(),
    )
    write_new(root / shown, text, shown)
    return _name_in_owner(
        root, owner, number, NewFile(root / shown, shown, Text("add the fields to {path}", path=shown))
    )


def _name_in_owner(root: Path, owner: ControlledFile, form_number: str, written: NewFile) -> NewFile:
    """Name the new form in its draft owner's records, or say how once the owner is released.

    When the owner cannot take the edit, the form just written is removed again: `new form`
    leaves both files as they were or both done.
    """
    number = owner.document.number
    if not can_name_in_place(owner):
        return NewFile(
            written.path,
            written.shown,
            Text(
                "add the fields to {path}; {number} is released, so name the form in its next revision: "
                'handbook revise {number} --change "增加表单" --effective YYYY-MM-DD, then add it to `records`',
                path=written.shown,
                number=number,
            ),
        )
    try:
        outcome = add_record(root, owner, form_number)
    except HandbookError:
        written.path.unlink()
        raise
    return NewFile(
        written.path,
        written.shown,
        Text(
            "add the fields to {path}, and name it in the clause that uses it (`forms:` in {owner})",
            path=written.shown,
            owner=outcome.display_path,
        ),
        (Text("{path}: {summary}", path=outcome.display_path, summary=outcome.summary), *outcome.notes),
    )


def _default_department(settings: Settings) -> str:
    """The first department of the roles register (or of `parties`): a name `check` accepts."""
    departments = [role.name for role in settings.roles if role.name == role.department and not role.external]
    return next(iter(departments + list(settings.parties)), DEFAULT_DEPARTMENT)


def _type_named(settings: Settings, name: str) -> DocumentType:
    """The document type called `name` (or with code `name`) in handbook.yml."""
    for document_type in settings.document_types:
        if name in (document_type.name, document_type.code):
            return document_type
    known = "、".join(f"{item.name}（{item.code}）" for item in settings.document_types)
    raise HandbookError(
        [
            error(
                SETTINGS_FILE,
                1,
                1,
                Text("unknown document type '{name}'", name=name),
                Text("handbook.yml document_types has: {known}", known=known),
            )
        ]
    )


def _check_number(number: str, pattern: str, rule: str, shown: str) -> None:
    """Numbers become file names and URLs: they must match the handbook's pattern exactly."""
    if not re.fullmatch(pattern, number) or number.strip() != number or ".." in number:
        raise HandbookError(
            [
                error(
                    shown,
                    1,
                    1,
                    Text("number {number} does not match {rule}: {pattern}", number=number, rule=rule, pattern=pattern),
                    Text("correct the number, or the pattern in handbook.yml"),
                )
            ]
        )


def _check_title(title: str) -> None:
    if not title.strip():
        hint = Text("give the title, e.g. --title 文件控制程序")
        raise HandbookError([error("--title", 1, 1, Text("the title is empty"), hint)])


def _first_revision(settings: Settings) -> str:
    return format_revision(RevisionKey("A", 0), settings.revision_scheme)
