"""The record itself: the values of one filled form, and one problem found in them.

A record is the data of one filled-in form: field id → value, exactly the shape the form's
record schema (`generator.records.schema`) describes. Reading a record (`records/read.py`,
`records/pdf_values.py`) makes a `FilledRecord`; checking it (`records/check.py`, worded by
`records/explain.py`) makes `RecordProblem`s. Both kinds of module use these, so they live
here, apart from either, and the modules that read and check never import each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.source.field_types import ValueKind, types_with_value
from generator.source.load import JsonPath, LoadedFile

STRING_TYPES = types_with_value(ValueKind.STRING)  # from the field-type registry
NUMBER_TYPES = types_with_value(ValueKind.NUMBER)
DECIMAL_TYPES = types_with_value(ValueKind.DECIMAL)


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
