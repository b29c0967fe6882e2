"""The field-type registry: what each form field type means to every layer, in one table.

A form field type (`FieldType` in model.py) is read by the record schema (records/schema.py),
by reading and checking filled records (records/read.py, pdf_values.py, explain.py), by the form sheet's layout and
fillable inputs (render/form_layout.py, templates/shared/form_body.html) and by the form page
(templates/site/form.md.j2). Each of those used to keep its own table with a silent
`.get(type, default)` fallback, so a new type rendered as something plausible and wrong.
Now every layer looks its type up here, `FIELD_TYPES[kind]` fails loudly for a type without
an entry, and tests/test_field_types.py checks that every type is handled everywhere.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from generator.source.model import FieldType


class ValueKind(str, enum.Enum):
    """The shape of a filled value in a record (JSON), which decides how it is read and checked."""

    STRING = "string"
    NUMBER = "number"
    DECIMAL = "decimal"  # an exact decimal written as text, "19.99" (money)
    CHOICE = "choice"  # one of the options
    CHOICES = "choices"  # a list of options
    BOOLEAN = "boolean"
    SIGNATURE = "signature"  # {name, date}
    TABLE = "table"  # a list of rows


@dataclass(frozen=True)
class FieldTypeSpec:
    """One field type as every layer sees it."""

    label: str  # its name on the form page (文本, 日期 …)
    value: ValueKind  # the shape of its value in a filled record
    column_width_mm: float | None  # natural width as a log-table column; None: cannot be a column
    input_type: str | None  # HTML input type in the fillable sheet; None: not a text input
    expected_writing: str = ""  # how to write the value, for hover text in editors ("" when obvious)


FIELD_TYPES: dict[FieldType, FieldTypeSpec] = {
    FieldType.TEXT: FieldTypeSpec("文本", ValueKind.STRING, 30, "text"),
    FieldType.MULTILINE: FieldTypeSpec("多行文本", ValueKind.STRING, 45, "text"),
    FieldType.DATE: FieldTypeSpec("日期", ValueKind.STRING, 22, "date", "格式 YYYY-MM-DD"),
    FieldType.TIME: FieldTypeSpec("时间", ValueKind.STRING, 16, "time", "格式 HH:MM 或 HH:MM:SS（24 小时制）"),
    FieldType.DATETIME: FieldTypeSpec(
        "日期时间", ValueKind.STRING, 30, "datetime-local", "格式 YYYY-MM-DD HH:MM（24 小时制）"
    ),
    FieldType.NUMBER: FieldTypeSpec("数值", ValueKind.NUMBER, 16, "number"),
    FieldType.MONEY: FieldTypeSpec(
        "金额", ValueKind.DECIMAL, 18, "number", '金额（元），写作文本如 "19.99"：不为负，至多两位小数'
    ),
    FieldType.PHONE: FieldTypeSpec(
        "电话", ValueKind.STRING, 26, "tel", "手机号（11 位）或座机号（区号-号码，可带分机）"
    ),
    FieldType.CHOICE: FieldTypeSpec("单选", ValueKind.CHOICE, 22, None),
    # as a log-table column in the fillable sheet, a multi-choice cell is written in: a text input
    FieldType.MULTI_CHOICE: FieldTypeSpec("多选", ValueKind.CHOICES, 30, "text"),
    FieldType.CHECKBOX: FieldTypeSpec("勾选", ValueKind.BOOLEAN, 12, None),
    FieldType.SIGNATURE: FieldTypeSpec("签字", ValueKind.SIGNATURE, 22, "text", "签字人姓名及签字日期"),
    FieldType.TABLE: FieldTypeSpec("表格", ValueKind.TABLE, None, None),
}


def spec_of(kind: FieldType) -> FieldTypeSpec:
    """The registry entry of a field type (a KeyError names a type nobody registered)."""
    return FIELD_TYPES[kind]


def types_with_value(value: ValueKind) -> frozenset[FieldType]:
    """Every field type whose filled value has this shape (e.g. all the string-valued ones)."""
    return frozenset(kind for kind, spec in FIELD_TYPES.items() if spec.value is value)
