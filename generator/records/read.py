"""Reading a filled record from a file: JSON, YAML, or (through `records/pdf_values.py`) a PDF.

`read_record` is the one entry point for every kind of record file. JSON is read with
exact JSON semantics (no duplicate keys, no NaN), YAML with the source loader (so values
keep their line and column) and then repaired where YAML 1.1 misreads what a clerk wrote:
times such as 12:30 and amounts such as 19.90. Whether the values are right is not this
module's business but `records/check.py`'s.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.diagnostics import HandbookError
from generator.messages import Text, render, translate
from generator.records.limits import check_readable, check_text_record, unreadable
from generator.records.numbers import exact_numbers, plain
from generator.records.pdf_values import read_pdf_values
from generator.records.record import DECIMAL_TYPES, STRING_TYPES, FilledRecord
from generator.records.schema import SIGNATURE_PART_LABELS
from generator.source.load import JsonPath, LoadedFile, load_text
from generator.source.model import FieldType, Form, FormField

RECORD_SUFFIXES = (".json", ".yaml", ".yml", ".pdf")


def read_record(path: Path, form: Form, *, lang: str = "zh", display_path: str | None = None) -> FilledRecord:
    """Read a filled record of `form` from a .json, .yaml/.yml or filled fillable .pdf file.

    Raises HandbookError (one located diagnostic) when the file cannot be read as a record;
    whether the values are right is `validate_record`'s business, not this function's.
    """
    display = display_path or str(path)
    suffix = path.suffix.lower()
    if suffix not in RECORD_SUFFIXES:
        raise unreadable(
            display,
            render(Text("unsupported file type {suffix}", suffix=suffix or Text("(no extension)")), lang),
            translate("a record is a .json, .yaml, .yml or filled .pdf file", lang),
        )
    if suffix == ".pdf":
        return FilledRecord(read_pdf_values(path, form, display, lang), display, "pdf")
    text = _read_text(path, display, lang)
    check_text_record(text, display, lang, is_json=suffix == ".json")
    if suffix == ".json":
        return _read_json(text, path, display, lang)
    return _read_yaml(text, path, form, display)


def _read_bytes(path: Path, display: str, lang: str) -> bytes:
    check_readable(path, display, lang)
    try:
        return path.read_bytes()
    except OSError as problem:
        raise unreadable(
            display, render(Text("cannot read the file: {reason}", reason=problem.strerror), lang)
        ) from None


def _read_text(path: Path, display: str, lang: str) -> str:
    raw = _read_bytes(path, display, lang)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise unreadable(
            display,
            translate("the file is not UTF-8 text", lang),
            translate("save it as UTF-8 (convert GBK files with iconv -f GBK -t UTF-8)", lang),
        ) from None


def _read_json(text: str, path: Path, display: str, lang: str) -> FilledRecord:
    """Values from `json` (exact JSON semantics); positions from the YAML composer when it copes."""
    try:
        values = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as problem:
        raise unreadable(
            display,
            render(Text("JSON syntax error: {detail}", detail=problem.msg), lang),
            translate("check the quotes, commas and brackets", lang),
            problem.lineno,
            problem.colno,
        ) from None
    except ValueError as problem:
        raise unreadable(display, render(Text("invalid JSON: {detail}", detail=str(problem)), lang)) from None
    return FilledRecord(values, display, "json", _positions_of(text, path, display))


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON parsers silently keep the last of two equal keys; a record must not hide a value."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _positions_of(text: str, path: Path, display: str) -> LoadedFile | None:
    with contextlib.suppress(HandbookError):
        return load_text(text, path, display)
    return None


def _read_yaml(text: str, path: Path, form: Form, display: str) -> FilledRecord:
    loaded = load_text(text, path, display)  # raises HandbookError with a located diagnostic
    restore_sexagesimal_times(loaded, form, text)
    restore_decimal_texts(loaded, form, text)
    return FilledRecord(loaded.data, display, "yaml", loaded)


# YAML 1.1 reads a plain 12:30 as the base-60 integer 750 (but 09:30 as text).
_SEXAGESIMAL = re.compile(r"[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")


def restore_sexagesimal_times(loaded: LoadedFile, form: Form, text: str) -> None:
    """Put back the text of times that YAML 1.1 turned into base-60 numbers.

    Nobody writing `arrival: 12:30` means 750, and YAML 1.2 readers already read it as text;
    without this, 12:30 would be rejected and 09:30 accepted.
    """
    lines = text.splitlines()
    for path, _field in _string_valued_places(form, loaded.data):
        value = _value_at(loaded.data, path)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        position = loaded.value_positions.get(path)
        if position is None or position.line > len(lines):
            continue
        match = _SEXAGESIMAL.match(lines[position.line - 1], position.column - 1)
        if match and ":" in match.group():
            _set_value_at(loaded.data, path, match.group())


_YAML_NUMBER = re.compile(r"[+-]?[0-9][0-9_]*(?:\.[0-9_]*)?")


def restore_decimal_texts(loaded: LoadedFile, form: Form, text: str) -> None:
    """`fee: 19.90` in YAML is the amount "19.90", as written, not the float 19.9.

    YAML has no quotes-free way to write decimal text, and nobody quotes an amount; the
    record as data (and as JSON) holds the text the schema's pattern checks.
    """
    lines = text.splitlines()
    for path, field in _string_valued_places(form, loaded.data):
        value = _value_at(loaded.data, path)
        if field.type not in DECIMAL_TYPES or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        position = loaded.value_positions.get(path)
        match = None
        if position is not None and position.line <= len(lines):
            match = _YAML_NUMBER.match(lines[position.line - 1], position.column - 1)
        written = match.group().replace("_", "") if match else plain(exact_numbers(value))
        _set_value_at(loaded.data, path, written)


def _string_valued_places(form: Form, data: Any) -> Iterator[tuple[JsonPath, FormField]]:
    """Every place in `data` where the form expects text, by the form's field types."""
    if not isinstance(data, dict):
        return
    for field in form.all_fields():
        yield from _string_places_of(field, (field.id,), data.get(field.id))


def _string_places_of(field: FormField, path: JsonPath, value: Any) -> Iterator[tuple[JsonPath, FormField]]:
    if field.type in STRING_TYPES or field.type in DECIMAL_TYPES:
        yield path, field
    elif field.type is FieldType.SIGNATURE and isinstance(value, dict):
        yield from ((path + (part,), field) for part in SIGNATURE_PART_LABELS)
    elif field.type is FieldType.TABLE and isinstance(value, list):
        for index, row in enumerate(value):
            if isinstance(row, dict):
                for column in field.columns:
                    yield from _string_places_of(column, path + (index, column.id), row.get(column.id))


def _value_at(data: Any, path: JsonPath) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _set_value_at(data: Any, path: JsonPath, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value
