"""Example records of any form: one valid record, and invalid ones that each break one rule.

Generated from the form definition alone, so the same checks run over the small forms
built in the tests and over every form of the real example handbook. Each invalid record
is the valid one with exactly one thing broken; its description starts with the id of the
top-level field it breaks (or the unknown key it adds), then `: `, then what is wrong.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from generator.source.model import FieldType, Form, FormField

# Values chosen to be awkward: 19.99 / 0.01 is not an integer in binary floats, 2024-02-29
# is a leap day, 23:59:59 is the last second of a day.
VALID_MONEY = "19.99"  # money is decimal text in a record
VALID_DATE = "2024-02-29"
VALID_TIME = "23:59:59"
VALID_DATETIME = "2024-02-29 09:30"
VALID_MOBILE = "13812345678"
VALID_LANDLINE = "0571-88886666-123"
TEXT_CANDIDATES = ("示例内容", "A1", "2024-001", "QR-001", "1", "123456", "abc", "ABC-123", "张三")
UNKNOWN_OPTION = "不存在的选项"

# every example value that is not text, per field type
_FIXED_VALUES: dict[FieldType, Any] = {
    FieldType.MULTILINE: "第一行\n第二行",
    FieldType.DATE: VALID_DATE,
    FieldType.TIME: VALID_TIME,
    FieldType.DATETIME: VALID_DATETIME,
    FieldType.PHONE: VALID_MOBILE,
    FieldType.CHECKBOX: True,
}


class NoExampleError(ValueError):
    """A required text field's pattern matches none of the candidate texts."""


# --------------------------------------------------------------------------- valid


def valid_record(form: Form) -> dict[str, Any]:
    """A record with every field filled in correctly (optional ones too, to exercise them)."""
    record = {}
    for field in form.all_fields():
        value = valid_value(field)
        if value is not None:
            record[field.id] = value
    return record


def valid_value(field: FormField) -> Any:
    """A correct value for `field`; None only for an optional text whose pattern defeats us."""
    if field.type in _FIXED_VALUES:
        return _FIXED_VALUES[field.type]
    if field.type is FieldType.TEXT:
        return valid_text(field)
    if field.type is FieldType.NUMBER:
        return _number_within(field, preferred=3)
    if field.type is FieldType.MONEY:
        return VALID_MONEY  # decimal text; every seed money bound is 0
    if field.type is FieldType.CHOICE:
        return field.options[-1]
    if field.type is FieldType.MULTI_CHOICE:
        return list(field.options[:2])
    if field.type is FieldType.SIGNATURE:
        return {"name": "张三", "date": "2024-03-01"}
    if field.type is FieldType.TABLE:
        return [valid_row(field) for _ in range(min(2, field.rows))]
    raise AssertionError(f"no example for field type {field.type}")


def valid_row(table: FormField) -> dict[str, Any]:
    row = {}
    for column in table.columns:
        value = valid_value(column)
        if value is not None:
            row[column.id] = value
    return row


def valid_text(field: FormField) -> str | None:
    for candidate in TEXT_CANDIDATES:
        text = candidate[: field.max_length] if field.max_length else candidate
        if text and (field.pattern is None or re.search(field.pattern, text)):
            return text
    if field.required:
        raise NoExampleError(
            f"{field.id}: no example text matches pattern {field.pattern!r}; add one to TEXT_CANDIDATES"
        )
    return None


def _number_within(field: FormField, preferred: float) -> float:
    low, high = field.minimum, field.maximum
    if (low is None or preferred >= low) and (high is None or preferred <= high):
        return preferred
    return low if low is not None else high


# --------------------------------------------------------------------------- invalid


def invalid_records(form: Form) -> Iterator[tuple[str, dict[str, Any]]]:
    """(description, record) pairs; each record breaks exactly one rule of the form."""
    valid = valid_record(form)
    for field in form.all_fields():
        for description, change in broken_values(field):
            record = copy.deepcopy(valid)
            change(record)
            yield f"{field.id}: {description}", record
    record = copy.deepcopy(valid)
    record["unknown_field_xyz"] = "x"
    yield "unknown_field_xyz: unknown property", record


def _set(field_id: str, value: Any):
    def change(record: dict[str, Any]) -> None:
        record[field_id] = value

    return change


def _remove(field_id: str):
    def change(record: dict[str, Any]) -> None:
        record.pop(field_id, None)

    return change


def broken_values(field: FormField) -> Iterator[tuple[str, Any]]:
    """(what is wrong, function breaking a valid record) for one top-level field."""
    if field.required:
        yield "required field missing", _remove(field.id)
    for description, value in wrong_values(field):
        yield description, _set(field.id, value)
    if field.type is FieldType.TABLE:
        yield from _broken_tables(field)


def wrong_values(field: FormField) -> Iterator[tuple[str, Any]]:
    """Wrong values for one field (or one table cell), each breaking one constraint."""
    kind = field.type
    if kind is FieldType.DATE:
        yield "not a real date 2024-02-30", "2024-02-30"
    elif kind is FieldType.TIME:
        yield "hour 24", "24:00"
        yield "time with a trailing newline", "12:30\n"
    elif kind is FieldType.DATETIME:
        yield "not a real date in a datetime", "2024-02-30 10:00"
        yield "datetime without a time", "2024-03-01"
    elif kind is FieldType.PHONE:
        yield "bad phone number", "12345"
        yield "mobile number with 12 digits", "138123456789"
    elif kind is FieldType.MONEY:
        yield "money with 3 decimals", "12.345"
        yield "negative money", "-5"
        yield "money as a JSON number", 19.99
    elif kind is FieldType.NUMBER:
        if field.minimum is not None:
            yield "number below minimum", field.minimum - 1
        if field.maximum is not None:
            yield "number above maximum", field.maximum + 1
        yield "number written as text", "三"
    elif kind is FieldType.CHOICE:
        yield "unknown option", UNKNOWN_OPTION
    elif kind is FieldType.MULTI_CHOICE:
        yield "unknown option in a multi-choice", [UNKNOWN_OPTION]
        yield "option chosen twice", [field.options[0], field.options[0]]
    elif kind is FieldType.CHECKBOX:
        yield "checkbox as text", "是"
    elif kind is FieldType.SIGNATURE:
        yield "signature without date", {"name": "张三"}
        yield "signature with an impossible date", {"name": "张三", "date": "2023-02-29"}
    elif kind in (FieldType.TEXT, FieldType.MULTILINE):
        yield from _wrong_texts(field)


def _wrong_texts(field: FormField) -> Iterator[tuple[str, Any]]:
    if field.required:
        yield "required text empty", ""
    if field.max_length is not None:
        yield "text too long", "字" * (field.max_length + 1)
    if field.pattern is not None:
        mismatch = next((text for text in ("!!!", "不匹配", "", "a b") if not re.search(field.pattern, text)), None)
        if mismatch is not None and (mismatch or not field.required):
            yield "text not matching the pattern", mismatch
    yield "number instead of text", 12345


def _broken_tables(table: FormField) -> Iterator[tuple[str, Any]]:
    row = valid_row(table)
    yield "too many table rows", _set(table.id, [copy.deepcopy(row) for _ in range(table.rows + 1)])
    yield "unknown table column", _set(table.id, [{**row, "unknown_column_xyz": "x"}])
    yield "empty table row", _set(table.id, [row, {}])
    for column in table.columns:
        if column.required:
            yield (
                f"required column {column.id} missing",
                _set(table.id, [{key: value for key, value in row.items() if key != column.id}]),
            )
        for description, value in wrong_values(column):
            yield f"column {column.id}: {description}", _set(table.id, [{**row, column.id: value}])


def broken_field_id(description: str) -> str:
    """The top-level field id (or unknown key) an invalid example's description names."""
    return description.split(":", 1)[0]


# --------------------------------------------------------------------------- a form with every field type


EVERY_TYPE_FORM: dict[str, Any] = {
    "number": "QR-GZ001-01",
    "title": "开通调试记录",
    "revision": "A/00",
    "effective": "2024-03-01",
    "documents": ["SH/GZ-001"],
    "retention": "3年",
    "description": "用于测试：每种字段类型各一个。",
    "sections": [
        {
            "title": "基本信息",
            "fields": [
                {"id": "customer_name", "label": "顾客名称", "type": "text", "required": True, "max_length": 20},
                {
                    "id": "order_no",
                    "label": "合同编号",
                    "type": "text",
                    "pattern": "^[A-Z]{2}-[0-9]{3}$",
                    "help": "如 HT-001",
                },
                {"id": "open_date", "label": "开通日期", "type": "date", "required": True},
                {"id": "arrival_time", "label": "到达时间", "type": "time"},
                {"id": "finish_at", "label": "完成时间", "type": "datetime"},
                {"id": "customer_phone", "label": "联系电话", "type": "phone", "required": True},
                {"id": "work_hours", "label": "工时", "type": "number", "minimum": 0, "maximum": 24, "unit": "小时"},
                {"id": "fee", "label": "服务费", "type": "money", "unit": "元"},
                {
                    "id": "service_type",
                    "label": "服务类型",
                    "type": "choice",
                    "options": ["免费服务", "合同服务", "有偿服务"],
                    "required": True,
                },
                {"id": "checks", "label": "检查项目", "type": "multi_choice", "options": ["接地", "连接", "环境"]},
                {"id": "tools_checked", "label": "工具已配齐", "type": "checkbox"},
                {"id": "work_done", "label": "工作内容", "type": "multiline", "required": True},
            ],
        },
        {
            "title": "备件",
            "fields": [
                {
                    "id": "spare_parts",
                    "label": "备件明细",
                    "type": "table",
                    "rows": 3,
                    "columns": [
                        {"id": "part_name", "label": "备件名称", "required": True},
                        {"id": "quantity", "label": "数量", "type": "number", "minimum": 1, "unit": "件"},
                        {"id": "price", "label": "单价", "type": "money"},
                        {"id": "kind", "label": "类别", "type": "choice", "options": ["更换备件", "常用配件"]},
                    ],
                },
            ],
        },
        {
            "title": "签字",
            "fields": [
                {"id": "customer_signature", "label": "顾客签字", "type": "signature", "required": True},
            ],
        },
    ],
}


def every_type_form() -> Form:
    """The form above as a model: every field type, required and optional, one table."""
    return Form.model_validate(EVERY_TYPE_FORM)
