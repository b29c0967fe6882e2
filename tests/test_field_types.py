"""Every form field type is handled by every layer, through the one field-type registry.

A type added to `FieldType` without an entry in `generator/source/field_types.py`, or without
its record schema, or that one of the renderers cannot draw, fails here by name — instead of
rendering as something plausible through a silent `.get(type, default)`.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from generator.records.check import validate_record
from generator.records.schema import _TYPE_SCHEMAS, record_schema
from generator.render.form_layout import column_width, form_sheet
from generator.render.templates import field_type_label, template_environment
from generator.source.field_types import FIELD_TYPES, ValueKind, spec_of, types_with_value
from generator.source.model import FieldType, Form, FormField
from tests.record_examples import every_type_form, valid_record

OPTIONS = ["甲", "乙", "丙"]


def field_data(kind: FieldType, prefix: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"{prefix}{kind.value}_field",
        "label": f"{spec_of(kind).label}栏",
        "type": kind.value,
    }
    if kind in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
        data["options"] = OPTIONS
    return data


def all_types_form() -> Form:
    """One field of every type, and a log table with a column of every type a column may have."""
    columns = [field_data(kind, "col_") for kind in FieldType if spec_of(kind).column_width_mm is not None]
    table = {"id": "log", "label": "记录表", "type": "table", "rows": 2, "columns": columns}
    fields = [field_data(kind) for kind in FieldType if kind is not FieldType.TABLE] + [table]
    return Form.model_validate(
        {
            "number": "QR-TEST-01",
            "title": "全类型测试表",
            "revision": "A0",
            "effective": datetime.date(2024, 1, 1),
            "documents": ["SH/GZ-001"],
            "retention": "3年",
            "sections": [{"title": "全部类型", "fields": fields}],
        }
    )


def leaves(form: Form) -> list[FormField]:
    return [leaf for field in form.all_fields() for leaf in (field, *field.columns)]


def test_the_registry_has_every_field_type() -> None:
    assert set(FIELD_TYPES) == set(FieldType)
    for kind, spec in FIELD_TYPES.items():
        assert spec.label, kind
    assert set().union(*(types_with_value(value) for value in ValueKind)) == set(FieldType)


def test_every_type_has_a_record_schema_and_the_example_form_uses_every_type() -> None:
    assert set(_TYPE_SCHEMAS) == set(FieldType)
    assert {leaf.type for leaf in leaves(every_type_form())} == set(FieldType)
    schema = record_schema(all_types_form())
    assert set(schema["properties"]) == {field.id for field in all_types_form().all_fields()}


def test_records_of_every_type_are_read_and_checked() -> None:
    """A valid value passes and a value of the wrong shape is refused, for every field."""
    form = every_type_form()
    assert validate_record(valid_record(form), form) == []
    for field in form.all_fields():
        record = valid_record(form) | {field.id: {"unexpected": "shape"}}
        problems = validate_record(record, form)
        assert problems and all(problem.path[0] == field.id for problem in problems), field.type


def test_the_form_sheet_draws_every_type_blank_and_fillable() -> None:
    form = all_types_form()
    template = template_environment().get_template("shared/form_body.html")
    blank = template.render(form=form, fillable=False)
    fillable = template.render(form=form, fillable=True)
    sheet = form_sheet(form)
    for field in form.all_fields():
        assert f"hf-value--{field.type.value}" in blank or field.type in (FieldType.CHECKBOX, FieldType.TABLE)
        assert sheet.names.field_name(field.id) in fillable or field.type in (
            FieldType.MULTI_CHOICE,
            FieldType.SIGNATURE,
            FieldType.TABLE,
        )
    for kind in FieldType:
        input_type = spec_of(kind).input_type
        if input_type is not None:
            assert f'type="{input_type}"' in fillable, kind
    [table] = [field for field in form.all_fields() if field.type is FieldType.TABLE]
    for column in table.columns:
        assert column_width(column) > 0
        assert sheet.names.table_cell_name(table.id, 1, column.id) in fillable, column.type


def test_a_type_without_a_text_input_or_column_width_fails_loudly() -> None:
    table = FormField.model_validate(field_data(FieldType.TABLE) | {"rows": 1, "columns": [field_data(FieldType.TEXT)]})
    with pytest.raises(ValueError, match="cannot be a table column"):
        column_width(table)
    with pytest.raises(ValueError, match="has no text input"):
        form_sheet(all_types_form()).input_type(table)


def test_the_form_page_names_every_type() -> None:
    for kind in FieldType:
        assert field_type_label(kind) == f"{spec_of(kind).label}（{kind.value}）"
