"""Reading the values of a filled fillable PDF (its AcroForm fields) as a record.

A fillable PDF names its fields by `generator/source/fieldnames.py`; this module reads
them back: text, ticked boxes, radio groups and list boxes, table cells, signatures, and
filled fields the form does not know. It is apart from `records/read.py` because it is a
different reader altogether (pypdf, the quirks of WeasyPrint's and viewers' AcroForms),
as long as the JSON and YAML reading, and only PDF records need it.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.diagnostics import HandbookError
from generator.messages import Text, render, translate
from generator.records.limits import check_readable, refuse_encrypted_pdf, refuse_other_form, unreadable
from generator.records.numbers import decimal_text, parse_number
from generator.records.record import DECIMAL_TYPES, NUMBER_TYPES
from generator.records.schema import SIGNATURE_PART_LABELS
from generator.source import fieldnames
from generator.source.model import FieldType, Form, FormField


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs every oddity of WeasyPrint's radio groups; a clerk needs none of it."""
    logger = logging.getLogger("pypdf")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


def read_pdf_values(path: Path, form: Form, display: str, lang: str = "zh") -> dict[str, Any]:
    """The record held by the AcroForm fields of a filled PDF, by generator/source/fieldnames.py.

    Empty fields are left out (as if not filled in), numbers are parsed, ticked boxes become
    true, a radio group becomes its option, table rows with no cell filled are dropped.
    Filled fields the form does not know are kept under their PDF name, so the check
    reports them instead of silently losing what someone wrote.
    """
    from pypdf import PdfReader  # imported here: only PDF records need it

    check_readable(path, display, lang)
    try:
        with _quiet_pypdf():
            reader = PdfReader(path)
            refuse_encrypted_pdf(reader, display, lang)
            refuse_other_form(reader, form.number, display, lang)
            pdf_fields = reader.get_fields() or {}
            raw = {str(name): _raw_pdf_value(field) for name, field in pdf_fields.items()}
    except HandbookError:
        raise
    except Exception as problem:  # pypdf raises many kinds of error on damaged files
        raise unreadable(
            display,
            render(Text("cannot read the PDF: {detail}", detail=str(problem)), lang),
            translate("check that it is a complete, unencrypted fillable PDF", lang),
        ) from None
    if not raw:
        raise unreadable(
            display,
            translate("this PDF has no fillable fields", lang),
            render(Text("use the fillable PDF of form {number}", number=form.number), lang),
        )
    return _PdfRecordReader(form, raw).record()


@dataclass(frozen=True)
class _RawValue:
    """What one AcroForm field holds: its kind, its value, and its export values if any."""

    kind: str  # text | button | choice
    value: Any  # str, list of str, or a state name without the slash
    options: tuple[str, ...] = ()


def _raw_pdf_value(field: Mapping[str, Any]) -> _RawValue:
    kind = {"/Tx": "text", "/Btn": "button", "/Ch": "choice"}.get(str(field.get("/FT")), "text")
    if kind == "button":
        return _RawValue(kind, _button_state(field), _export_values(field.get("/Opt")))
    value = field.get("/V")
    if isinstance(value, list):
        return _RawValue(kind, [str(item) for item in value], _export_values(field.get("/Opt")))
    return _RawValue(kind, "" if value is None else str(value), _export_values(field.get("/Opt")))


def _button_state(field: Mapping[str, Any]) -> str:
    """The on-state of a checkbox or radio group, or "" when off.

    A viewer records a radio choice in the group's /V; some writers (pypdf among them) only
    switch the chosen widget's appearance state /AS, so the widgets are asked as well.
    """
    state = _state_name(field.get("/V"))
    if state:
        return state
    for kid in field.get("/Kids") or ():
        kid = kid.get_object()
        state = _state_name(kid.get("/V")) or _state_name(kid.get("/AS"))
        if state:
            return state
    return ""


def _state_name(value: Any) -> str:
    text = "" if value is None else str(value)
    text = text[1:] if text.startswith("/") else text
    return "" if text in ("", "Off") else text


def _export_values(options: Any) -> tuple[str, ...]:
    """/Opt holds export values, or [export, display] pairs for choice fields."""
    if not options:
        return ()
    values = []
    for option in options:
        option = option.get_object() if hasattr(option, "get_object") else option
        values.append(str(option[0]) if isinstance(option, list) and option else str(option))
    return tuple(values)


_TICKED = {"x", "√", "✓", "✔", "是", "yes", "true", "1", "on", "y"}


class _PdfRecordReader:
    """Turns AcroForm values into a record, field by field, following fieldnames.py."""

    def __init__(self, form: Form, raw: dict[str, _RawValue]):
        self.form = form
        self.raw = raw
        self.used: set[str] = set()

    def record(self) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for field in self.form.all_fields():
            value = self.field_value(field, fieldnames.field_name(field.id))
            if value is not None:
                record[field.id] = value
        record.update(self.unknown_filled_fields())
        return record

    def take(self, name: str) -> _RawValue | None:
        self.used.add(name)
        return self.raw.get(name)

    def field_value(self, field: FormField, name: str) -> Any:
        """The value of `field` stored under PDF name `name`; None when it was left empty."""
        if field.type is FieldType.TABLE:
            return self.table_value(field, name)
        if field.type is FieldType.SIGNATURE:
            return self.signature_value(name)
        if field.type is FieldType.MULTI_CHOICE:
            return self.multi_choice_value(field, name)
        raw = self.take(name)
        if raw is None:
            return None
        if field.type is FieldType.CHECKBOX:
            return _checkbox_value(raw)
        if field.type is FieldType.CHOICE:
            return _choice_value(raw, field.options)
        text = _text_of(raw)
        if not text:
            return None
        if field.type in NUMBER_TYPES:
            return parse_number(text, field.unit)
        if field.type in DECIMAL_TYPES:
            return decimal_text(text, field.unit)
        return text

    def signature_value(self, name: str) -> dict[str, str] | None:
        parts = {}
        for part in SIGNATURE_PART_LABELS:
            raw = self.take(fieldnames.signature_part_name(name, part))
            text = _text_of(raw) if raw is not None else ""
            if text:
                parts[part] = text
        whole = self.take(name)  # a signature drawn as one text box (as in table cells): the signer
        if not parts and whole is not None and _text_of(whole):
            parts["name"] = _text_of(whole)
        return parts or None

    def multi_choice_value(self, field: FormField, name: str) -> list[str] | None:
        whole = self.take(name)  # a list box, or a text box, holding the whole selection
        if whole is not None and isinstance(whole.value, list) and whole.value:
            values = [_choice_value(_RawValue("choice", item, whole.options), field.options) for item in whole.value]
            return [item for item in values if item is not None]
        if whole is not None and _text_of(whole):
            return [item for item in re.split(r"[、,，;；/\s]+", _text_of(whole)) if item]
        chosen: list[str] = []
        for index, option in enumerate(field.options, start=1):
            raw = self.take(fieldnames.option_name(name, index))
            if raw is not None and _checkbox_value(raw) is True:
                chosen.append(option)
        return chosen or None

    def table_value(self, field: FormField, name: str) -> list[dict[str, Any]] | None:
        rows = []
        for row_number in range(1, field.rows + 1):
            row = {}
            for column in field.columns:
                value = self.field_value(column, fieldnames.table_cell_name(name, row_number, column.id))
                if value is not None:
                    row[column.id] = value
            if row:
                rows.append(row)
        return rows or None

    def unknown_filled_fields(self) -> dict[str, Any]:
        """Filled PDF fields this form has no place for (a PDF of another form, or a stale one).

        A name with a dot is a widget of a field already read (WeasyPrint names radio
        widgets `group.group`), not a field of its own.
        """
        unknown = {}
        for name, raw in self.raw.items():
            if name in self.used or name.split(".")[0] in self.used:
                continue
            value = _checkbox_value(raw) if raw.kind == "button" else (_text_of(raw) or None)
            if value is not None:
                unknown[name] = value
        return unknown


def _text_of(raw: _RawValue) -> str:
    if isinstance(raw.value, list):
        return "、".join(item.strip() for item in raw.value if item.strip())
    return raw.value.strip()


def _checkbox_value(raw: _RawValue) -> bool | str | None:
    """A ticked box is true; an unticked one is left out, like an empty text field."""
    if raw.kind == "button":
        return True if raw.value else None
    text = _text_of(raw)
    if not text:
        return None
    return True if text.lower() in _TICKED else text


def _choice_value(raw: _RawValue, options: tuple[str, ...]) -> str | None:
    """The option a radio group or list box holds.

    WeasyPrint 70 names radio states by option index (/0, /1 …, first option 0) and keeps
    the option texts in /Opt; other writers use the option text as the state. Both work.
    """
    state = raw.value if raw.kind == "button" else _text_of(raw)
    if not state:
        return None
    if state in options:
        return state
    if state.isdigit():
        index = int(state)
        exported = raw.options[index] if index < len(raw.options) else None
        if exported in options:
            return exported
        if exported is None and index < len(options):
            return options[index]
    return state  # not an option: the check will say so
