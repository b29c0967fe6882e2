"""Filled records: reading them (JSON, YAML, filled fillable PDF) and checking them.

A record is the data of one filled-in form: field id → value, exactly the shape the form's
record schema (`generator.records.schema`) describes. The check runs that schema, so
a record accepted here is accepted by any validator using the published schema, and turns
each finding into a sentence a clerk can act on: which field (Chinese label and id), what
is wrong, what is allowed — in Chinese by default, in English on request.

Money is decimal text ("19.99") in a record, checked by the schema's pattern exactly as any
other validator checks it (see record_schema's module docstring). Amounts read from a PDF
or written as YAML numbers are turned into that text; a JSON number is refused with a hint,
because every other validator of the published schema refuses it too.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import json
import logging
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

from generator.diagnostics import HandbookError, error
from generator.records.limits import check_text_record, refuse_encrypted_pdf
from generator.records.schema import SIGNATURE_PART_LABELS, record_schema
from generator.source import fieldnames
from generator.source.field_types import ValueKind, types_with_value
from generator.source.load import JsonPath, LoadedFile, load_text
from generator.source.model import FieldType, Form, FormField

RECORD_SUFFIXES = (".json", ".yaml", ".yml", ".pdf")
LANGUAGES = ("zh", "en")
MAX_RECORD_BYTES = 20_000_000  # a scanned-and-filled PDF can be large; a JSON/YAML record never is

STRING_TYPES = types_with_value(ValueKind.STRING)  # from the field-type registry
NUMBER_TYPES = types_with_value(ValueKind.NUMBER)
DECIMAL_TYPES = types_with_value(ValueKind.DECIMAL)


def say(lang: str, chinese: str, english: str) -> str:
    """Pick the sentence for the user's language; every message here exists in both."""
    return english if lang == "en" else chinese


# --------------------------------------------------------------------------- the record


@dataclass(frozen=True)
class FilledRecord:
    """The values of one filled form plus where they came from, for located messages."""

    values: Any
    display_path: str
    source_kind: str  # json | yaml | pdf
    loaded: LoadedFile | None = None  # positions of the values (JSON and YAML only)

    def position_of(self, path: JsonPath, *, key: bool = False) -> tuple[int, int] | None:
        """Line and column of a value (or of its nearest ancestor); None for PDFs."""
        if self.loaded is None:
            return None
        position = self.loaded.position_of(path, key=key)
        return position.line, position.column


@dataclass(frozen=True)
class RecordProblem:
    """One thing wrong with a record, ready to print."""

    path: JsonPath  # where in the record (list indexes 0-based)
    field_id: str  # e.g. open_date, spare_parts.quantity_out, or the unknown key
    label: str  # e.g. 开通日期, 配件明细 第 2 行 带出数量 (empty for an unknown key)
    keyword: str  # the JSON Schema keyword that failed: required, format, pattern …
    message: str  # the whole sentence: subject, what is wrong, what is allowed
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return self.message

    def format(self, display_path: str) -> str:
        """`file:line:column: message`, like the project's other diagnostics."""
        where = display_path if self.line is None else f"{display_path}:{self.line}:{self.column}"
        return f"{where}: {self.message}"


# --------------------------------------------------------------------------- reading


def read_record(path: Path, form: Form, *, lang: str = "zh", display_path: str | None = None) -> FilledRecord:
    """Read a filled record of `form` from a .json, .yaml/.yml or filled fillable .pdf file.

    Raises HandbookError (one located diagnostic) when the file cannot be read as a record;
    whether the values are right is `validate_record`'s business, not this function's.
    """
    display = display_path or str(path)
    suffix = path.suffix.lower()
    if suffix not in RECORD_SUFFIXES:
        raise _unreadable(
            display,
            say(
                lang,
                f"不支持的文件类型 {suffix or '（无扩展名）'}",
                f"unsupported file type {suffix or '(no extension)'}",
            ),
            say(
                lang,
                "记录应为 .json、.yaml、.yml 或填好的 .pdf 文件",
                "a record is a .json, .yaml, .yml or filled .pdf file",
            ),
        )
    if suffix == ".pdf":
        return FilledRecord(read_pdf_values(path, form, display, lang), display, "pdf")
    text = _read_text(path, display, lang)
    check_text_record(text, display, lang, is_json=suffix == ".json")
    if suffix == ".json":
        return _read_json(text, path, display, lang)
    return _read_yaml(text, path, form, display)


def _unreadable(display: str, message: str, hint: str = "", line: int = 1, column: int = 1) -> HandbookError:
    return HandbookError([error(display, line, column, message, hint)])


def _check_readable(path: Path, display: str, lang: str) -> None:
    """Refuse what cannot be a record before reading it: missing, unreadable or huge files."""
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as problem:
        raise _unreadable(
            display,
            say(lang, f"无法读取文件：{problem.strerror}", f"cannot read the file: {problem.strerror}"),
            say(lang, "检查路径和权限", "check the path and the permissions"),
        ) from None
    if size > MAX_RECORD_BYTES:
        raise _unreadable(
            display,
            say(
                lang,
                f"文件有 {size:,} 字节，太大，不像是一份记录",
                f"the file has {size:,} bytes, too large to be a record",
            ),
        )


def _read_bytes(path: Path, display: str, lang: str) -> bytes:
    _check_readable(path, display, lang)
    try:
        return path.read_bytes()
    except OSError as problem:
        raise _unreadable(
            display, say(lang, f"无法读取文件：{problem.strerror}", f"cannot read the file: {problem.strerror}")
        ) from None


def _read_text(path: Path, display: str, lang: str) -> str:
    raw = _read_bytes(path, display, lang)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _unreadable(
            display,
            say(lang, "文件不是 UTF-8 文本", "the file is not UTF-8 text"),
            say(
                lang,
                "以 UTF-8 编码保存（GBK 文件可用 iconv -f GBK -t UTF-8 转换）",
                "save it as UTF-8 (convert GBK files with iconv -f GBK -t UTF-8)",
            ),
        ) from None


def _read_json(text: str, path: Path, display: str, lang: str) -> FilledRecord:
    """Values from `json` (exact JSON semantics); positions from the YAML composer when it copes."""
    try:
        values = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as problem:
        raise _unreadable(
            display,
            say(lang, f"JSON 语法错误：{problem.msg}", f"JSON syntax error: {problem.msg}"),
            say(lang, "检查引号、逗号和括号", "check the quotes, commas and brackets"),
            problem.lineno,
            problem.colno,
        ) from None
    except ValueError as problem:
        raise _unreadable(display, say(lang, f"JSON 内容有误：{problem}", f"invalid JSON: {problem}")) from None
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
        written = match.group().replace("_", "") if match else _plain(exact_numbers(value))
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


# --------------------------------------------------------------------------- reading a filled PDF


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

    _check_readable(path, display, lang)
    try:
        with _quiet_pypdf():
            reader = PdfReader(path)
            refuse_encrypted_pdf(reader, display, lang)
            pdf_fields = reader.get_fields() or {}
            raw = {str(name): _raw_pdf_value(field) for name, field in pdf_fields.items()}
    except HandbookError:
        raise
    except Exception as problem:  # pypdf raises many kinds of error on damaged files
        raise _unreadable(
            display,
            say(lang, f"无法读取 PDF：{problem}", f"cannot read the PDF: {problem}"),
            say(lang, "确认这是完整、未加密的可填写 PDF", "check that it is a complete, unencrypted fillable PDF"),
        ) from None
    if not raw:
        raise _unreadable(
            display,
            say(lang, "这个 PDF 没有可填写的字段", "this PDF has no fillable fields"),
            say(lang, f"请使用表单 {form.number} 的可填写 PDF", f"use the fillable PDF of form {form.number}"),
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


_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def parse_number(text: str, unit: str | None = None) -> int | float | str:
    """`1,234.50 元` → 1234.5; text that is no number stays text, so the check can say so.

    Full-width digits (１２．５) are normalised, thousands separators and the unit (or a ¥ sign)
    dropped: that is how people type amounts into a PDF field.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for noise in (",", "，", " ", "¥", "￥", unit or ""):
        if noise:
            cleaned = cleaned.replace(noise, "")
    if not _NUMBER_TEXT.fullmatch(cleaned):
        return text
    if re.fullmatch(r"[+-]?[0-9]+", cleaned):
        return int(cleaned)
    return float(cleaned)


def decimal_text(text: str, unit: str | None = None) -> str:
    """`1,234.50 元` → "1234.50": an amount typed into a PDF field, as the decimal text of a record.

    The digits are kept as typed (no rounding, no float), so a third decimal still fails
    the check; text that is no number stays as it was, so the check can say so.
    """
    number = parse_number(text, unit)
    if isinstance(number, str):
        return text
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for noise in (",", "，", " ", "¥", "￥", unit or ""):
        if noise:
            cleaned = cleaned.replace(noise, "")
    cleaned = cleaned.lstrip("+")
    return "0" + cleaned if cleaned.startswith(".") else cleaned


# --------------------------------------------------------------------------- checking


def validate_record(record: FilledRecord | Any, form: Form, lang: str = "zh") -> list[RecordProblem]:
    """Every problem of a record against its form's record schema, in the order of the form."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
    filled = record if isinstance(record, FilledRecord) else None
    values = filled.values if filled else record
    explainer = _Explainer(form, lang)
    problems: dict[tuple[JsonPath, str], RecordProblem] = {}
    for finding in _validator_for(form).iter_errors(exact_numbers(values)):
        for problem in explainer.explain(finding):
            problems.setdefault((problem.path, problem.message), _located(problem, filled))
    return sorted(problems.values(), key=explainer.order_key)


@functools.lru_cache(maxsize=128)
def _validator_for(form: Form) -> Draft202012Validator:
    return Draft202012Validator(exact_numbers(record_schema(form)), format_checker=FormatChecker())


def exact_numbers(value: Any) -> Any:
    """Floats → Decimal of their shortest text, so bounds compare 19.99 as 19.99, not its binary neighbour.

    Non-finite floats (YAML's .inf, .nan) are no amounts at all: they become text and fail
    the number type with a message that shows them.
    """
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else repr(value)
    if isinstance(value, dict):
        return {key: exact_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [exact_numbers(item) for item in value]
    return value


def _located(problem: RecordProblem, filled: FilledRecord | None) -> RecordProblem:
    if filled is None:
        return problem
    position = filled.position_of(problem.path, key=problem.keyword == "additionalProperties")
    if position is None:
        return problem
    return RecordProblem(problem.path, problem.field_id, problem.label, problem.keyword, problem.message, *position)


@dataclass(frozen=True)
class _Place:
    """What a path in a record points at, in the form's terms."""

    field: FormField | None = None  # the top-level field
    row: int | None = None  # 1-based table row
    column: FormField | None = None  # the table column
    part: str | None = None  # signature part: name | date

    @property
    def leaf(self) -> FormField | None:
        return self.column or self.field


def locate(form: Form, path: JsonPath) -> _Place:
    """Resolve a record path (`spare_parts`, 1, `quantity_out`) to field, row and column."""
    fields = {field.id: field for field in form.all_fields()}
    if not path or path[0] not in fields:
        return _Place()
    field = fields[path[0]]
    rest = path[1:]
    if field.type is FieldType.TABLE and rest and isinstance(rest[0], int):
        columns = {column.id: column for column in field.columns}
        column = columns.get(rest[1]) if len(rest) > 1 and isinstance(rest[1], str) else None
        part = rest[2] if column is not None and column.type is FieldType.SIGNATURE and len(rest) > 2 else None
        return _Place(field, rest[0] + 1, column, part if isinstance(part, str) else None)
    if field.type is FieldType.SIGNATURE and rest and isinstance(rest[0], str):
        return _Place(field, part=rest[0])
    return _Place(field)


class _Explainer:
    """Turns jsonschema findings into RecordProblems worded for the person who filled the form."""

    def __init__(self, form: Form, lang: str):
        self.form = form
        self.lang = lang
        self.field_order = {field.id: index for index, field in enumerate(form.all_fields())}

    def say(self, chinese: str, english: str) -> str:
        return say(self.lang, chinese, english)

    # -- subject: which field, by label and id

    def subject(self, path: JsonPath) -> tuple[str, str, str]:
        """(label, id, "label (id)" or "id (label)") of the thing at `path`."""
        place = locate(self.form, path)
        if place.field is None:
            return "", "", self.say("记录", "the record")
        label_parts = [place.field.label]
        id_parts = [place.field.id]
        if place.row is not None:
            label_parts.append(f"第 {place.row} 行")
        if place.column is not None:
            label_parts.append(place.column.label)
            id_parts.append(place.column.id)
        if place.part is not None:
            label_parts.append(SIGNATURE_PART_LABELS.get(place.part, place.part))
            id_parts.append(place.part)
        label, field_id = " ".join(label_parts), ".".join(id_parts)
        if self.lang == "en":
            row = f", row {place.row}" if place.row is not None else ""
            return label, field_id, f"{field_id}{row} ({label})"
        return label, field_id, f"{label} ({field_id})"

    def problem(self, path: JsonPath, keyword: str, explanation: str) -> RecordProblem:
        label, field_id, subject = self.subject(path)
        return RecordProblem(path, field_id, label, keyword, f"{subject}: {explanation}")

    def order_key(self, problem: RecordProblem) -> tuple:
        first = problem.path[0] if problem.path else ""
        rank = self.field_order.get(first, len(self.field_order)) if isinstance(first, str) else -1
        return (
            rank,
            [str(part).zfill(6) if isinstance(part, int) else str(part) for part in problem.path[1:]],
            problem.message,
        )

    # -- findings

    def explain(self, finding: jsonschema.ValidationError) -> Iterator[RecordProblem]:
        path: JsonPath = tuple(finding.absolute_path)
        keyword = str(finding.validator)
        if keyword == "required":
            yield from self.missing(path, finding)
        elif keyword == "additionalProperties":
            yield from self.unknown(path, finding)
        else:
            handler = getattr(self, f"explain_{keyword}", None)
            text = handler(path, finding) if handler else self.say(f"不符合要求（{finding.message}）", finding.message)
            yield self.problem(self.subject_path(path), keyword, text)

    def subject_path(self, path: JsonPath) -> JsonPath:
        """Findings about one chosen option of a multi-choice are about the multi-choice field."""
        if len(path) >= 2 and isinstance(path[-1], int):
            owner = locate(self.form, path[:-1]).leaf
            if owner is not None and owner.type is FieldType.MULTI_CHOICE:
                return path[:-1]
        return path

    def missing(self, path: JsonPath, finding: jsonschema.ValidationError) -> Iterator[RecordProblem]:
        present = finding.instance if isinstance(finding.instance, dict) else {}
        for name in finding.validator_value:
            if name not in present:
                yield self.problem(path + (name,), "required", self.say("必填，但没有填写", "is required but missing"))

    def unknown(self, path: JsonPath, finding: jsonschema.ValidationError) -> Iterator[RecordProblem]:
        known = finding.schema.get("properties", {})
        for name in finding.instance:
            if name not in known:
                yield self.unknown_key(path, str(name), known)

    def unknown_key(self, path: JsonPath, name: str, known: Mapping[str, Any]) -> RecordProblem:
        labels = {key: schema.get("title", key) for key, schema in known.items()}
        guess = did_you_mean(name, labels)
        place = locate(self.form, path)
        _, _, subject = self.subject(path)
        if place.field is None:
            subject_text = self.say(f'未知字段 "{name}"', f'unknown field "{name}"')
        elif place.row is not None and place.column is None:
            subject_text = self.say(f'{subject}: 未知的列 "{name}"', f'{subject}: unknown column "{name}"')
        else:
            subject_text = self.say(f'{subject}: 未知的项 "{name}"', f'{subject}: unknown key "{name}"')
        if guess:
            advice = self.say(f"是否想写 {guess}（{labels[guess]}）？", f"did you mean {guess} ({labels[guess]})?")
        else:
            allowed = "、".join(labels) if self.lang == "zh" else ", ".join(labels)
            advice = self.say(f"可用的有：{allowed}", f"allowed: {allowed}")
        text = self.say(
            f"{subject_text}：表单 {self.form.number} 中没有；{advice}",
            f"{subject_text}: form {self.form.number} has none by that name; {advice}",
        )
        return RecordProblem(path + (name,), name, "", "additionalProperties", text)

    # -- one method per keyword; each returns what is wrong and what is allowed

    def explain_type(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        expected = finding.validator_value
        value = finding.instance
        leaf = locate(self.form, self.subject_path(path)).leaf
        shown = _show(value)
        if expected == "string":
            if isinstance(value, (int, float, Decimal)):  # a phone number or code written without quotes
                return self.say(
                    f'应为文本，不是数字 {shown}；请给值加引号，如 "{_plain(value)}"',
                    f'should be text, not the number {shown}; put it in quotes: "{_plain(value)}"',
                )
            return self.say(
                f"应为文本，不是{_kind_zh(value)} {shown}", f"should be text, not {_kind_en(value)} {shown}"
            )
        if expected == "number":
            unit = f"（单位：{leaf.unit}）" if leaf is not None and leaf.unit else ""
            return self.say(
                f"应为数字{unit}，不是{_kind_zh(value)} {shown}", f"should be a number, not {_kind_en(value)} {shown}"
            )
        if expected == "boolean":
            return self.say(
                f"应为 true（已勾选）或 false（未勾选），不是 {shown}",
                f"should be true (ticked) or false (not ticked), not {shown}",
            )
        if expected == "array":
            if leaf is not None and leaf.type is FieldType.TABLE:
                return self.say(f"应为行的列表，不是 {shown}", f"should be a list of rows, not {shown}")
            return self.say(
                f'应为所选项的列表，如 ["{_first_option(leaf)}"]，不是 {shown}',
                f'should be a list of the chosen options, e.g. ["{_first_option(leaf)}"], not {shown}',
            )
        return self.explain_object_type(path, shown)

    def explain_object_type(self, path: JsonPath, shown: str) -> str:
        place = locate(self.form, path)
        if place.field is None:
            return self.say(
                f"应为 字段 id → 值 的对象，不是 {shown}", f"should be an object of field id → value, not {shown}"
            )
        if place.leaf is not None and place.leaf.type is FieldType.SIGNATURE:
            return self.say(
                f'应为 {{"name": 签字人, "date": "YYYY-MM-DD"}}，不是 {shown}',
                f'should be {{"name": signer, "date": "YYYY-MM-DD"}}, not {shown}',
            )
        return self.say(
            f"每一行应为 列 id → 值 的对象，不是 {shown}",
            f"each row should be an object of column id → value, not {shown}",
        )

    def explain_enum(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        options = [str(option) for option in finding.validator_value]
        guess = difflib.get_close_matches(str(finding.instance), options, n=1, cutoff=0.5)
        listed = "、".join(options) if self.lang == "zh" else ", ".join(options)
        advice = self.say(f'；是否想写 "{guess[0]}"？', f'; did you mean "{guess[0]}"?') if guess else ""
        return self.say(
            f"{_show(finding.instance)} 不是可选项，可选：{listed}{advice}",
            f"{_show(finding.instance)} is not one of the options: {listed}{advice}",
        )

    def explain_format(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        if finding.validator_value == "date":
            return self.say(
                f"{_show(finding.instance)} 不是有效日期，应为 YYYY-MM-DD 格式的真实日期",
                f"{_show(finding.instance)} is not a valid date; expected a real date as YYYY-MM-DD",
            )
        return self.say(
            f"{_show(finding.instance)} 不符合 {finding.validator_value} 格式",
            f"{_show(finding.instance)} is not in {finding.validator_value} format",
        )

    def explain_pattern(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        kind = leaf.type if leaf is not None else None
        shown = _show(finding.instance)
        if kind is FieldType.TIME:
            return self.say(
                f"{shown} 不是有效时间，应为 24 小时制的 HH:MM 或 HH:MM:SS，如 09:30",
                f"{shown} is not a valid time; expected HH:MM or HH:MM:SS on the 24-hour clock, e.g. 09:30",
            )
        if kind is FieldType.DATETIME:
            return self.say(
                f"{shown} 不是有效的日期时间，应为 YYYY-MM-DD HH:MM（日期须真实存在，24 小时制），如 2024-03-01 09:30",
                f"{shown} is not a valid date and time; expected YYYY-MM-DD HH:MM (a real date, 24-hour clock), e.g. 2024-03-01 09:30",
            )
        if kind is FieldType.MONEY:
            return self.say(
                f'{shown} 不是有效金额：金额以元为单位，不为负，至多两位小数（精确到分），如 "19.99"',
                f'{shown} is not a valid amount: yuan, not negative, at most two decimal places, e.g. "19.99"',
            )
        if kind is FieldType.PHONE:
            return self.say(
                f"{shown} 不是有效的电话号码，应为 11 位手机号（如 13812345678）或带区号的座机号（如 0571-88886666，可带分机 -123）",
                f"{shown} is not a valid phone number; expected an 11-digit mobile number (e.g. 13812345678) "
                "or a landline with area code (e.g. 0571-88886666, extension -123 allowed)",
            )
        help_text = f"（{leaf.help}）" if leaf is not None and leaf.help else ""
        return self.say(
            f"{shown} 不符合规定的格式 {finding.validator_value}{help_text}",
            f"{shown} does not match the required pattern {finding.validator_value}{help_text}",
        )

    def explain_minimum(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        bound = _show(finding.validator_value)
        if leaf is not None and leaf.type is FieldType.MONEY and finding.validator_value == 0:
            return self.say(
                f"{_show(finding.instance)} 是负数，金额不能小于 0",
                f"{_show(finding.instance)} is negative; an amount cannot be below 0",
            )
        return self.say(
            f"{_show(finding.instance)} 小于允许的最小值 {bound}{_unit(leaf)}",
            f"{_show(finding.instance)} is below the minimum {bound}{_unit(leaf)}",
        )

    def explain_maximum(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        bound = _show(finding.validator_value)
        return self.say(
            f"{_show(finding.instance)} 大于允许的最大值 {bound}{_unit(leaf)}",
            f"{_show(finding.instance)} is above the maximum {bound}{_unit(leaf)}",
        )

    def explain_maxItems(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return self.say(
            f"填了 {len(finding.instance)} 行，本表至多 {finding.validator_value} 行",
            f"has {len(finding.instance)} rows; the form has room for {finding.validator_value}",
        )

    def explain_minItems(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        if leaf is not None and leaf.type is FieldType.TABLE:
            return self.say("必填，至少要填一行", "is required: fill in at least one row")
        return self.say("必填，至少要选一项", "is required: choose at least one option")

    def explain_uniqueItems(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        seen, repeated = set(), []
        for item in finding.instance:
            key = json.dumps(item, ensure_ascii=False, sort_keys=True, default=str)
            if key in seen and item not in repeated:
                repeated.append(item)
            seen.add(key)
        shown = "、".join(_show(item) for item in repeated)
        return self.say(f"选项重复：{shown}；每个选项只能选一次", f"repeats {shown}; choose each option once")

    def explain_minLength(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return self.say("不能为空", "must not be empty")

    def explain_maxLength(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return self.say(
            f"有 {len(finding.instance)} 个字，至多 {finding.validator_value} 个字",
            f"has {len(finding.instance)} characters; at most {finding.validator_value} are allowed",
        )

    def explain_minProperties(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return self.say("是空行，删去它或填写内容", "is an empty row; remove it or fill it in")


def did_you_mean(name: str, labels: Mapping[str, str]) -> str | None:
    """The id meant by `name`: a close id, or the id of an equal or close Chinese label."""
    for key, label in labels.items():
        if name == label:
            return key
    close = difflib.get_close_matches(name, list(labels), n=1, cutoff=0.6)
    if close:
        return close[0]
    by_label = {label: key for key, label in labels.items()}
    close = difflib.get_close_matches(name, list(by_label), n=1, cutoff=0.5)
    return by_label[close[0]] if close else None


def _show(value: Any) -> str:
    """A value as the user would recognise it: text quoted, decimals as written."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "…"
        return json.dumps(text, ensure_ascii=False)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (int, float)):
        return str(value)
    text = json.dumps(
        value, ensure_ascii=False, default=lambda item: format(item, "f") if isinstance(item, Decimal) else str(item)
    )
    return text if len(text) <= 60 else text[:57] + "…"


def _plain(value: Any) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _kind_zh(value: Any) -> str:
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float, Decimal)):
        return "数字"
    if isinstance(value, str):
        return "文本"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "对象"
    return "空值"


def _kind_en(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float, Decimal)):
        return "the number"
    if isinstance(value, str):
        return "the text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _unit(field: FormField | None) -> str:
    return f" {field.unit}" if field is not None and field.unit else ""


def _first_option(field: FormField | None) -> str:
    return field.options[0] if field is not None and field.options else "…"
