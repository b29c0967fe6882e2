"""The JSON Schema of filled records: the mapping per field type, validity against the 2020-12
metaschema, and identical verdicts from Python's jsonschema and JavaScript's ajv on valid
and deliberately broken example records — for small forms built here and for every form of
the example handbook."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from generator.records.check import validate_record
from generator.records.numbers import exact_numbers
from generator.records.schema import MONEY_PATTERN, record_schema, schema_json, write_record_schemas
from generator.source.load import load_file
from generator.source.model import Form
from generator.source.project import read_handbook
from generator.source.validate import build_model
from tests import ajv_runner
from tests.record_examples import EVERY_TYPE_FORM, broken_field_id, every_type_form, invalid_records, valid_record

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


@pytest.fixture(scope="session")
def ajv_installed() -> None:
    ajv_runner.ensure_installed()


def form_with(*fields: dict[str, Any], number: str = "QR-T-01", revision: str = "A0") -> Form:
    return Form.model_validate(
        {
            "number": number,
            "title": "测试表",
            "revision": revision,
            "effective": "2024-01-01",
            "documents": ["SH/GZ-001"],
            "retention": "1年",
            "sections": [{"fields": list(fields)}],
        }
    )


def python_verdict(schema: dict[str, Any], record: Any) -> bool:
    """jsonschema's verdict, numbers as exact decimals (as generator.records.check validates)."""
    validator = Draft202012Validator(exact_numbers(schema), format_checker=FormatChecker())
    return validator.is_valid(exact_numbers(record))


# --------------------------------------------------------------------------- the mapping, type by type


def test_form_level_annotations_and_id() -> None:
    schema = record_schema(every_type_form())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://handbook.invalid/forms/QR-GZ001-01/A-00.schema.json"
    assert schema["title"] == "开通调试记录"
    assert "QR-GZ001-01" in schema["description"] and "A/00" in schema["description"]
    assert "每种字段类型各一个" in schema["description"]
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert schema["required"] == sorted(
        ["customer_name", "open_date", "customer_phone", "service_type", "work_done", "customer_signature"]
    )
    assert list(schema["properties"]) == [field.id for field in every_type_form().all_fields()]  # the printed order


def test_slashes_in_number_and_revision_become_dashes() -> None:
    assert (
        record_schema(form_with({"id": "a", "label": "甲"}, number="QR/X-01", revision="B/02"))["$id"]
        == "https://handbook.invalid/forms/QR-X-01/B-02.schema.json"
    )


def test_text_fields() -> None:
    properties = record_schema(every_type_form())["properties"]
    assert properties["customer_name"] == {"title": "顾客名称", "type": "string", "minLength": 1, "maxLength": 20}
    assert properties["order_no"] == {
        "title": "合同编号",
        "description": "如 HT-001",
        "type": "string",
        "pattern": "^[A-Z]{2}-[0-9]{3}$",
    }
    assert properties["work_done"] == {"title": "工作内容", "type": "string", "minLength": 1}


def test_date_time_and_datetime() -> None:
    properties = record_schema(every_type_form())["properties"]
    assert properties["open_date"]["type"] == "string" and properties["open_date"]["format"] == "date"
    assert "format" not in properties["arrival_time"] and properties["arrival_time"]["pattern"].startswith("^")
    assert "format" not in properties["finish_at"] and "YYYY-MM-DD HH:MM" in properties["finish_at"]["description"]


def test_numbers_and_money() -> None:
    properties = record_schema(every_type_form())["properties"]
    assert properties["work_hours"] == {
        "title": "工时",
        "description": "单位：小时",
        "type": "number",
        "minimum": 0,
        "maximum": 24,
    }
    fee = properties["fee"]
    assert (fee["type"], fee["pattern"]) == ("string", MONEY_PATTERN) and "multipleOf" not in fee
    assert "单位：元" in fee["description"] and '"19.99"' in fee["description"]
    assert "exact in every validator" in record_schema(every_type_form())["$comment"]


def test_money_bounds_other_than_zero_are_said_in_the_description() -> None:
    fee = record_schema(form_with({"id": "fee", "label": "费", "type": "money", "minimum": 10, "maximum": 500.5}))[
        "properties"
    ]["fee"]
    assert "minimum" not in fee and "maximum" not in fee  # they would be ignored on text anyway
    assert "不少于 10" in fee["description"] and "不超过 500.5" in fee["description"]


def test_phone_choice_multi_choice_checkbox() -> None:
    properties = record_schema(every_type_form())["properties"]
    assert properties["customer_phone"]["type"] == "string" and "pattern" in properties["customer_phone"]
    assert properties["service_type"] == {
        "title": "服务类型",
        "type": "string",
        "enum": ["免费服务", "合同服务", "有偿服务"],
    }
    assert properties["checks"] == {
        "title": "检查项目",
        "type": "array",
        "items": {"type": "string", "enum": ["接地", "连接", "环境"]},
        "uniqueItems": True,
    }
    assert properties["tools_checked"] == {"title": "工具已配齐", "type": "boolean"}


def test_required_multi_choice_needs_one_option() -> None:
    schema = record_schema(
        form_with({"id": "checks", "label": "检查", "type": "multi_choice", "options": ["甲", "乙"], "required": True})
    )
    assert schema["properties"]["checks"]["minItems"] == 1


def test_signature() -> None:
    signature = record_schema(every_type_form())["properties"]["customer_signature"]
    assert signature["type"] == "object" and signature["additionalProperties"] is False
    assert signature["required"] == ["date", "name"]
    assert signature["properties"]["name"] == {"title": "姓名", "type": "string", "minLength": 1}
    assert signature["properties"]["date"] == {"title": "日期", "type": "string", "format": "date"}


def test_table() -> None:
    table = record_schema(every_type_form())["properties"]["spare_parts"]
    assert table["type"] == "array" and table["maxItems"] == 3 and "minItems" not in table
    row = table["items"]
    assert row["type"] == "object" and row["additionalProperties"] is False and row["required"] == ["part_name"]
    assert list(row["properties"]) == ["part_name", "quantity", "price", "kind"]
    assert row["properties"]["quantity"] == {"title": "数量", "description": "单位：件", "type": "number", "minimum": 1}
    assert row["properties"]["price"]["pattern"] == MONEY_PATTERN
    required_table = record_schema(
        form_with(
            {
                "id": "log",
                "label": "登记",
                "type": "table",
                "rows": 5,
                "required": True,
                "columns": [{"id": "what", "label": "内容"}],
            }
        )
    )["properties"]["log"]
    assert required_table["minItems"] == 1 and "required" not in required_table["items"]


def test_help_goes_into_the_description() -> None:
    schema = record_schema(
        form_with({"id": "hours", "label": "工时", "type": "number", "unit": "小时", "help": "按半小时计"})
    )
    assert schema["properties"]["hours"]["description"] == "单位：小时；按半小时计"


# --------------------------------------------------------------------------- metaschema


def test_schemas_are_valid_draft_2020_12(tmp_path: Path) -> None:
    forms = [
        every_type_form(),
        *(form_with(field) for section in EVERY_TYPE_FORM["sections"] for field in section["fields"]),
    ]
    paths = []
    for index, form in enumerate(forms):
        schema = record_schema(form)
        Draft202012Validator.check_schema(schema)
        path = tmp_path / f"schema_{index}.json"
        path.write_text(schema_json(schema), encoding="utf-8")
        paths.append(path)
    check_metaschema_cli(paths)


def check_metaschema_cli(paths: list[Path]) -> None:
    completed = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--check-metaschema", *map(str, paths)], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


# --------------------------------------------------------------------------- write_record_schemas


def test_write_record_schemas_is_deterministic(tmp_path: Path) -> None:
    from generator.source.model import Handbook, Settings

    settings = Settings.model_validate(
        {
            "title": "t",
            "company": "c",
            "form_number_pattern": ".*",
            "document_types": [{"name": "管理制度", "code": "GZ", "number_pattern": ".*"}],
        }
    )
    second = Form.model_validate({**EVERY_TYPE_FORM, "number": "QR-GZ001-00", "title": "另一张表"})
    handbook = Handbook(settings=settings, documents=(), forms=(every_type_form(), second))
    first_paths = write_record_schemas(handbook, tmp_path / "one")
    second_paths = write_record_schemas(handbook, tmp_path / "two")
    assert [path.name for path in first_paths] == ["QR-GZ001-00.schema.json", "QR-GZ001-01.schema.json"]
    for first, again in zip(first_paths, second_paths):
        assert first.read_bytes() == again.read_bytes()
    text = first_paths[1].read_text(encoding="utf-8")
    assert "开通调试记录" in text  # ensure_ascii=False: Chinese stays readable
    assert text == schema_json(record_schema(every_type_form()))


# --------------------------------------------------------------------------- valid and invalid examples, both validators


Example = tuple[str, Any, bool]  # description, record, expected to be valid


def examples_of(form: Form) -> list[Example]:
    examples = [("valid record", valid_record(form), True)]
    return examples + [(description, record, False) for description, record in invalid_records(form)]


def python_failures(form: Form, examples: list[Example]) -> list[str]:
    """Every disagreement of jsonschema and of validate_record with the expected verdicts."""
    schema = record_schema(form)
    failures = []
    for description, record, expected in examples:
        if python_verdict(schema, record) != expected:
            failures.append(f"{form.number}: jsonschema says {'invalid' if expected else 'valid'} for {description}")
        failures += explanation_failures(form, description, record, expected)
    return failures


def ajv_failures(form: Form, examples: list[Example], folder: Path) -> list[str]:
    """Every disagreement of ajv with the expected verdicts; one ajv run for all examples."""
    verdicts = ajv_runner.ajv_verdicts(record_schema(form), [record for _, record, _ in examples], folder)
    return [
        f"{form.number}: ajv says {'invalid' if expected else 'valid'} for {description}"
        for (description, _, expected), verdict in zip(examples, verdicts)
        if verdict != expected
    ]


def check_examples(form: Form, folder: Path) -> list[str]:
    examples = examples_of(form)
    return python_failures(form, examples) + ajv_failures(form, examples, folder)


def explanation_failures(form: Form, description: str, record: dict[str, Any], expected_valid: bool) -> list[str]:
    """validate_record must agree, and name the broken field by id and label in each language."""
    failures = []
    for lang in ("zh", "en"):
        problems = validate_record(record, form, lang)
        if expected_valid:
            if problems:
                failures.append(f"{form.number}: validate_record rejects the valid record: {problems[0]}")
            continue
        broken = broken_field_id(description)
        named = [problem for problem in problems if problem.path and problem.path[0] == broken]
        if not named:
            failures.append(
                f"{form.number}: validate_record ({lang}) does not report {description}: {[str(p) for p in problems]}"
            )
        elif broken in form_ids(form) and not any(
            label_of(form, broken) in problem.message and broken in problem.message for problem in named
        ):
            failures.append(f"{form.number}: message lacks label or id for {description}: {named[0]}")
    return failures


def form_ids(form: Form) -> set[str]:
    return {field.id for field in form.all_fields()}


def label_of(form: Form, field_id: str) -> str:
    return next(field.label for field in form.all_fields() if field.id == field_id)


def test_every_type_form_examples_under_jsonschema_and_ajv(ajv_installed: None, tmp_path: Path) -> None:
    failures = check_examples(every_type_form(), tmp_path)
    assert not failures, "\n".join(failures)


def test_invalid_examples_cover_the_required_cases() -> None:
    descriptions = [description for description, _ in invalid_records(every_type_form())]
    for expected in (
        "open_date: not a real date 2024-02-30",
        "customer_phone: bad phone number",
        "fee: money with 3 decimals",
        "fee: negative money",
        "work_hours: number below minimum",
        "service_type: unknown option",
        "spare_parts: too many table rows",
        "unknown_field_xyz: unknown property",
        "customer_name: required field missing",
        "customer_signature: signature without date",
        "spare_parts: required column part_name missing",
    ):
        assert expected in descriptions


# the patterns, value by value; the verdicts must be the same in Python and JavaScript
PATTERN_CASES = [
    ("customer_phone", "13812345678", True),
    ("customer_phone", "19912345678", True),
    ("customer_phone", "010-12345678", True),
    ("customer_phone", "0571-8888666", True),
    ("customer_phone", "057188886666", True),
    ("customer_phone", "0571-88886666-123", True),
    ("customer_phone", "0571-88886666转8001", True),
    ("customer_phone", "12812345678", False),
    ("customer_phone", "1381234567", False),
    ("customer_phone", "0571-888866", False),
    ("customer_phone", "13812345678\n", False),
    ("customer_phone", "电话", False),
    ("arrival_time", "00:00", True),
    ("arrival_time", "09:30", True),
    ("arrival_time", "23:59:59", True),
    ("arrival_time", "24:00", False),
    ("arrival_time", "9:30", False),
    ("arrival_time", "12:60", False),
    ("arrival_time", "12:30\n", False),
    ("arrival_time", "١٢:٣٠", False),
    ("arrival_time", "12:30:60", False),
    ("finish_at", "2024-02-29 09:30", True),
    ("finish_at", "2000-02-29T00:00:00", True),
    ("finish_at", "2023-12-31 23:59", True),
    ("finish_at", "2024-04-30 08:00", True),
    ("finish_at", "1900-02-29 10:00", False),
    ("finish_at", "2023-02-29 10:00", False),
    ("finish_at", "2024-04-31 10:00", False),
    ("finish_at", "2024-02-29", False),
    ("finish_at", "2024-02-29 24:00", False),
    ("finish_at", "2024-13-01 10:00", False),
    ("open_date", "2024-02-29", True),
    ("open_date", "2024-02-30", False),
    ("open_date", "2023-02-29", False),
    ("open_date", "2024-2-1", False),
    ("open_date", "2024/02/01", False),
    ("fee", "0", True),
    ("fee", "0.07", True),
    ("fee", "19.99", True),
    ("fee", "1234567.89", True),
    ("fee", "99999.99", True),
    ("fee", "12.345", False),
    ("fee", "0.001", False),
    ("fee", "-0.01", False),
    ("fee", 19.99, False),  # a JSON number: amounts are decimal text
]


def test_patterns_and_formats_agree_in_python_and_javascript(ajv_installed: None, tmp_path: Path) -> None:
    form = every_type_form()
    schema = record_schema(form)
    base = valid_record(form)
    records = [{**copy.deepcopy(base), field_id: value} for field_id, value, _ in PATTERN_CASES]
    ajv = ajv_runner.ajv_verdicts(schema, records, tmp_path)
    wrong = []
    for (field_id, value, expected), record, ajv_verdict in zip(PATTERN_CASES, records, ajv):
        python = python_verdict(schema, record)
        if (python, ajv_verdict) != (expected, expected):
            wrong.append(f"{field_id}={value!r}: expected {expected}, jsonschema {python}, ajv {ajv_verdict}")
    assert not wrong, "\n".join(wrong)


def test_money_is_exact_in_stock_validators(ajv_installed: None, tmp_path: Path) -> None:
    """Amounts binary floats get wrong with multipleOf 0.01 pass stock jsonschema, ajv and ours alike."""
    form = form_with({"id": "fee", "label": "费", "type": "money"})
    schema = record_schema(form)
    amounts = ["0.07", "19.99", "1234.56", "0", "100000.1", "12.345", "-5", "1.", ".5", "19.99\n", 19.99]
    expected = [True] * 5 + [False] * 6
    stock = [Draft202012Validator(schema).is_valid({"fee": amount}) for amount in amounts]
    ajv = ajv_runner.ajv_verdicts(schema, [{"fee": amount} for amount in amounts], tmp_path)
    ours = [validate_record({"fee": amount}, form) == [] for amount in amounts]
    assert stock == ajv == ours == expected


# --------------------------------------------------------------------------- the example handbook


def test_every_form_of_the_example_handbook(ajv_installed: None, tmp_path: Path) -> None:
    result = read_handbook(PROJECT_ROOT)
    if result.handbook is None:
        errors = [item for item in result.diagnostics if item.severity.value == "error"]
        pytest.skip(
            f"the example handbook has {len(errors)} error(s) (its content is being written); "
            f"first: {errors[0].format().splitlines()[0] if errors else '?'}"
        )
    forms = result.handbook.forms
    assert forms, "the example handbook has no forms"
    failures: list[str] = []
    schema_paths = write_record_schemas(result.handbook, tmp_path / "schemas")
    examples = {}
    for form in forms:
        Draft202012Validator.check_schema(record_schema(form))
        examples[form.number] = examples_of(form)
        failures += python_failures(form, examples[form.number])
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # one ajv process per form, in parallel
        for found in pool.map(lambda form: ajv_failures(form, examples[form.number], tmp_path / form.number), forms):
            failures += found
    check_metaschema_cli(schema_paths)
    assert not failures, "\n".join(failures)


def example_form_files() -> list[Path]:
    return sorted((PROJECT_ROOT / "forms").glob("*.yml"))


@pytest.mark.parametrize("path", example_form_files(), ids=lambda path: path.stem)
def test_each_example_form_file_that_is_valid_on_its_own(path: Path) -> None:
    """While the handbook as a whole still has errors, every form file that is sound by itself
    is checked anyway (with jsonschema; ajv runs in the whole-handbook test above)."""
    try:
        form, problems = build_model(load_file(path, PROJECT_ROOT), "form")
    except Exception as problem:  # a file being written right now may be anything
        pytest.skip(f"{path.name} cannot be read right now: {problem}")
    if form is None:
        pytest.skip(f"{path.name} has errors of its own right now: {problems[0].format().splitlines()[0]}")
    Draft202012Validator.check_schema(record_schema(form))
    failures = python_failures(form, examples_of(form))
    assert not failures, "\n".join(failures)
