"""The JSON Schema (draft 2020-12) of a FILLED record of a form, generated from the form.

A form definition says what a person writes on the sheet; this schema says what a filled
record of it must look like as data (JSON, YAML, or read back from a fillable PDF), so
another system can check records without knowing anything about this project. It is a
renderer: it receives the typed `Form` model and never reads YAML.

Choices that are not obvious, made so that Python's `jsonschema` and JavaScript's `ajv`
(with `ajv-formats`) accept and reject exactly the same records:

* Patterns use `[0-9]`, never `\\d` (Python's `\\d` also matches Arabic-Indic and other
  Unicode digits, ECMAScript's does not), and end in `$(?!\\n)`: Python's `$` also matches
  before a final newline, ECMAScript's does not; the look-ahead makes both mean "end".
* time: a pattern for `HH:MM` or `HH:MM:SS` (24-hour clock), no `format` — the standard
  `time` format demands seconds and a time-zone offset, which no paper form records.
* datetime: a pattern for `YYYY-MM-DD HH:MM[:SS]` (a `T` instead of the space is accepted
  too, as HTML `datetime-local` inputs produce it), no `format` — `date-time` demands a
  time-zone offset. The date part of the pattern only accepts days that exist, leap years
  included, so `2024-02-30 10:00` is rejected like the date `2024-02-30`.
* date: `format: date`, which both validators check against the calendar once format
  assertion is on (`FormatChecker()`; `-c ajv-formats`).
* money: a decimal written as TEXT, `"19.99"`, matched by a pattern (digits, at most two
  decimals, never negative), not a JSON number with `multipleOf: 0.01`. Stock validators
  (python-jsonschema, check-jsonschema, ajv with default options) divide binary floats and
  reject about one amount in nine (19.99 / 0.01 is 1998.9999999999998); a pattern is exact in
  every one of them, and text keeps the writing of the amount ("19.90") as accounting does.
  A form's money bounds other than 0 cannot be said of text in JSON Schema: they go into
  the description, not into the check (no seed form has one).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.render import paths
from generator.source.field_types import spec_of
from generator.source.model import FieldType, Form, FormField, Handbook

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
RECORD_SCHEMA_BASE_URI = "https://handbook.invalid/forms/"

# ECMAScript's `$` is the end of the text; Python's `$` also matches before a final "\n".
END_OF_TEXT = r"$(?!\n)"

_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?"
_MONTH_DAY = (
    r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"  # every month has days 1-28
    r"|(?:0[13-9]|1[0-2])-(?:29|30)"  # all but February have 29 and 30
    r"|(?:0[13578]|1[02])-31)"
)  # the long months have 31
_LEAP_DAY = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29"
_DATE = rf"(?:[0-9]{{4}}-{_MONTH_DAY}|{_LEAP_DAY})"

TIME_PATTERN = rf"^{_TIME}{END_OF_TEXT}"
DATETIME_PATTERN = rf"^{_DATE}[ T]{_TIME}{END_OF_TEXT}"
PHONE_PATTERN = (
    r"^(?:1[3-9][0-9]{9}"  # mobile: 11 digits starting 13-19
    r"|0[0-9]{2,3}-?[0-9]{7,8}(?:(?:-|转|#)[0-9]{1,6})?)" + END_OF_TEXT  # landline, optional extension
)

# yuan with at most two decimals, never negative: "0", "19.9", "1234.56"
MONEY_PATTERN = r"^[0-9]+(?:\.[0-9]{1,2})?" + END_OF_TEXT
MONEY_COMMENT = (
    'Amounts (money) are decimal text such as "19.99", checked by a pattern: exact in every '
    "validator, unlike multipleOf 0.01 on binary floats."
)

SIGNATURE_PART_LABELS = {"name": "姓名", "date": "日期"}


def record_schema_id(form: Form) -> str:
    """`https://handbook.invalid/forms/QR-034-01/A0.schema.json`: one URI per form and revision.

    A record schema changes whenever the form is revised, so the revision is part of the
    identity; `/` (as in `A/00` or a document-style number) would add path levels.
    """
    return f"{RECORD_SCHEMA_BASE_URI}{_path_safe(form.number)}/{_path_safe(form.revision)}.schema.json"


def record_schema_file_name(form: Form) -> str:
    """`QR-034-01.schema.json`: the file `write_record_schemas` writes for a form."""
    return Path(paths.record_schema(form)).name


def record_schema(form: Form) -> dict[str, Any]:
    """The draft 2020-12 JSON Schema of a filled record of `form`."""
    fields = form.all_fields()
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": record_schema_id(form),
        "title": form.title,
        "description": _form_description(form),
    }
    if any(_uses_money(field) for field in fields):
        schema["$comment"] = MONEY_COMMENT
    schema["type"] = "object"
    schema["properties"] = {field.id: field_schema(field) for field in fields}
    schema["required"] = _required_ids(fields)
    schema["additionalProperties"] = False
    return schema


def field_schema(field: FormField) -> dict[str, Any]:
    """The schema of one field's value: its annotations, then its type's constraints."""
    schema: dict[str, Any] = {"title": field.label}
    description = _field_description(field)
    if description:
        schema["description"] = description
    schema.update(_TYPE_SCHEMAS[field.type](field))
    return schema


def write_record_schemas(handbook: Handbook, folder: Path) -> list[Path]:
    """Write `<form number>.schema.json` for every form; return the paths written, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for form in sorted(handbook.forms, key=lambda item: item.number):
        path = folder / record_schema_file_name(form)
        path.write_text(schema_json(record_schema(form)), encoding="utf-8")
        written.append(path)
    return written


def schema_json(schema: dict[str, Any]) -> str:
    """Deterministic text: Chinese stays readable, keys keep the order they were built in.

    Key order is already fixed by construction (annotations first, properties in the order
    of the printed form, `required` sorted), so the same form always gives the same bytes.
    """
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- descriptions


def _form_description(form: Form) -> str:
    text = f"表单 {form.number}（版次 {form.revision}）{form.title} 的填写记录。"
    if form.description:
        text += form.description
    return text


def _field_description(field: FormField) -> str:
    """Unit, help text and the expected writing of the value, for hover text in editors."""
    parts = []
    if field.unit:
        parts.append(f"单位：{field.unit}")
    expected = spec_of(field.type).expected_writing  # field-type registry
    if expected:
        parts.append(expected)
    if field.type is FieldType.MONEY:
        parts.extend(_money_bounds(field))
    if field.help:
        parts.append(field.help)
    return "；".join(parts)


# --------------------------------------------------------------------------- one schema per field type


def _text(field: FormField) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if field.required:
        schema["minLength"] = 1
    if field.max_length is not None:
        schema["maxLength"] = field.max_length
    if field.pattern is not None:
        schema["pattern"] = field.pattern
    return schema


def _date(field: FormField) -> dict[str, Any]:
    return {"type": "string", "format": "date"}


def _time(field: FormField) -> dict[str, Any]:
    return {"type": "string", "pattern": TIME_PATTERN}


def _datetime(field: FormField) -> dict[str, Any]:
    return {"type": "string", "pattern": DATETIME_PATTERN}


def _number(field: FormField) -> dict[str, Any]:
    return {"type": "number", **_bounds(field.minimum, field.maximum)}


def _money(field: FormField) -> dict[str, Any]:
    """Decimal text: `"19.99"`, never the float 19.99 (see the module docstring)."""
    return {"type": "string", "pattern": MONEY_PATTERN}


def _phone(field: FormField) -> dict[str, Any]:
    return {"type": "string", "pattern": PHONE_PATTERN}


def _choice(field: FormField) -> dict[str, Any]:
    return {"type": "string", "enum": list(field.options)}


def _multi_choice(field: FormField) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "array",
        "items": {"type": "string", "enum": list(field.options)},
        "uniqueItems": True,
    }
    if field.required:
        schema["minItems"] = 1
    return schema


def _checkbox(field: FormField) -> dict[str, Any]:
    return {"type": "boolean"}


def _signature(field: FormField) -> dict[str, Any]:
    """Who signed and when: a signature without either is not a sign-off."""
    return {
        "type": "object",
        "properties": {
            "name": {"title": SIGNATURE_PART_LABELS["name"], "type": "string", "minLength": 1},
            "date": {"title": SIGNATURE_PART_LABELS["date"], "type": "string", "format": "date"},
        },
        "required": ["date", "name"],
        "additionalProperties": False,
    }


def _table(field: FormField) -> dict[str, Any]:
    """Rows as objects keyed by column id; no more rows than the printed sheet has."""
    row: dict[str, Any] = {
        "type": "object",
        "properties": {column.id: field_schema(column) for column in field.columns},
        "required": _required_ids(field.columns),
        "minProperties": 1,  # an empty row is not a row of the log
        "additionalProperties": False,
    }
    if not row["required"]:
        del row["required"]
    schema: dict[str, Any] = {"type": "array", "items": row, "maxItems": field.rows}
    if field.required:
        schema["minItems"] = 1
    return schema


_TYPE_SCHEMAS = {
    FieldType.TEXT: _text,
    FieldType.MULTILINE: _text,
    FieldType.DATE: _date,
    FieldType.TIME: _time,
    FieldType.DATETIME: _datetime,
    FieldType.NUMBER: _number,
    FieldType.MONEY: _money,
    FieldType.PHONE: _phone,
    FieldType.CHOICE: _choice,
    FieldType.MULTI_CHOICE: _multi_choice,
    FieldType.CHECKBOX: _checkbox,
    FieldType.SIGNATURE: _signature,
    FieldType.TABLE: _table,
}


# --------------------------------------------------------------------------- helpers


def _bounds(minimum: float | None, maximum: float | None) -> dict[str, Any]:
    bounds: dict[str, Any] = {}
    if minimum is not None:
        bounds["minimum"] = _plain_number(minimum)
    if maximum is not None:
        bounds["maximum"] = _plain_number(maximum)
    return bounds


def _plain_number(value: float) -> int | float:
    """`0` rather than `0.0`: the model stores bounds as floats, people write integers."""
    return int(value) if float(value).is_integer() else value


def _required_ids(fields: tuple[FormField, ...]) -> list[str]:
    return sorted(field.id for field in fields if field.required)


def _uses_money(field: FormField) -> bool:
    return field.type is FieldType.MONEY or any(_uses_money(column) for column in field.columns)


def _money_bounds(field: FormField) -> list[str]:
    """The bounds a pattern cannot check, said in words (0 is the pattern's own floor)."""
    said = []
    if field.minimum is not None and field.minimum > 0:
        said.append(f"不少于 {_plain_number(field.minimum)}")
    if field.maximum is not None:
        said.append(f"不超过 {_plain_number(field.maximum)}")
    return said


def _path_safe(text: str) -> str:
    return text.replace("/", "-")
