"""Reading and checking filled records: JSON, YAML and filled fillable PDFs, the wording of
the problems in Chinese and English, and the `schema` / `validate-record` commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from generator.cli.records import schema_command, validate_record_command
from generator.diagnostics import HandbookError
from generator.records.check import validate_record
from generator.records.numbers import parse_number
from generator.records.read import read_record
from generator.records.schema import record_schema, schema_json
from generator.source import fieldnames
from generator.source.model import FieldType, Form, FormField
from generator.source.project import read_handbook
from tests.record_examples import EVERY_TYPE_FORM, every_type_form, valid_record

FORM_NUMBER = EVERY_TYPE_FORM["number"]

SETTINGS_YAML = """\
title: 测试手册
company: 测试公司
document_types:
  - {name: 管理制度, code: GZ, number_pattern: '^SH/GZ-\\d{3}$', numbering: chinese}
form_number_pattern: '^QR-[A-Z0-9]+-\\d{2}$'
"""

PROCEDURE_YAML = """\
number: SH/GZ-001
title: 开通调试管理规定
type: 管理制度
revision: A0
effective: 2024-03-01
status: 生效
department: 用服中心
body:
  - text: 开通调试完成后，服务工程师填写《开通调试记录》并请顾客签字。
    owner: 服务工程师
    forms: [QR-GZ001-01]
records:
  - {form: QR-GZ001-01, keeper: 用服中心, retention: 3年}
history:
  - revision: A0
    date: 2024-03-01
    change: 首次发布
    prepared: {name: 用服中心, date: 2024-02-20}
    reviewed: {name: 品质部经理, date: 2024-02-25}
    approved: {name: 总经理, date: 2024-02-28}
"""


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A one-document, one-form handbook project that passes `handbook check`."""
    root = tmp_path / "project"
    (root / "procedures").mkdir(parents=True)
    (root / "forms").mkdir()
    (root / "handbook.yml").write_text(SETTINGS_YAML, encoding="utf-8")
    (root / "procedures" / "SH-GZ-001.yml").write_text(PROCEDURE_YAML, encoding="utf-8")
    (root / "forms" / f"{FORM_NUMBER}.yml").write_text(
        yaml.safe_dump(EVERY_TYPE_FORM, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    result = read_handbook(root)
    assert result.handbook is not None, "\n".join(item.format() for item in result.diagnostics)
    return root


@pytest.fixture
def form() -> Form:
    return every_type_form()


@pytest.fixture
def records(tmp_path: Path) -> Path:
    folder = tmp_path / "records"
    folder.mkdir()
    return folder


def handbook_cli() -> click.Group:
    """A throwaway `handbook` group holding only the commands under test."""

    @click.group()
    def group() -> None:
        pass

    group.add_command(schema_command)
    group.add_command(validate_record_command)
    return group


def run(*arguments: str):
    """The record commands as a Chinese user runs them (conftest.py makes the suite English)."""
    return CliRunner(env={"HANDBOOK_LANG": "zh"}).invoke(handbook_cli(), list(arguments))


def write_json(path: Path, record: Any) -> Path:
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def with_changes(**changes: Any) -> dict[str, Any]:
    return {**valid_record(every_type_form()), **changes}


# --------------------------------------------------------------------------- validate_record: messages


def test_valid_record_has_no_problems(form: Form) -> None:
    assert validate_record(valid_record(form), form) == []


def test_impossible_date_is_rejected_in_both_languages(form: Form) -> None:
    record = with_changes(open_date="2024-02-30")
    [problem] = validate_record(record, form)
    assert problem.message == '开通日期 (open_date): "2024-02-30" 不是有效日期，应为 YYYY-MM-DD 格式的真实日期'
    assert (problem.field_id, problem.label, problem.keyword, problem.path) == (
        "open_date",
        "开通日期",
        "format",
        ("open_date",),
    )
    [problem] = validate_record(record, form, lang="en")
    assert (
        problem.message == 'open_date (开通日期): "2024-02-30" is not a valid date; expected a real date as YYYY-MM-DD'
    )


def test_leap_day_is_a_date(form: Form) -> None:
    assert validate_record(with_changes(open_date="2024-02-29"), form) == []
    assert validate_record(with_changes(open_date="2023-02-29"), form) != []


def only_message(record: dict[str, Any], form: Form, lang: str = "zh") -> str:
    problems = validate_record(record, form, lang)
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0].message


def test_required_field_missing(form: Form) -> None:
    record = valid_record(form)
    del record["customer_name"]
    assert only_message(record, form) == "顾客名称 (customer_name): 必填，但没有填写"
    assert only_message(record, form, "en") == "customer_name (顾客名称): is required but missing"


def test_wrong_type_with_a_quoting_hint(form: Form) -> None:
    message = only_message(with_changes(customer_phone=13812345678), form)
    assert (
        message.startswith("联系电话 (customer_phone): 应为文本，不是数字 13812345678") and '"13812345678"' in message
    )
    assert "should be text, not the number 13812345678" in only_message(
        with_changes(customer_phone=13812345678), form, "en"
    )
    assert "应为数字" in only_message(with_changes(work_hours="三"), form)
    assert "true" in only_message(with_changes(tools_checked="是"), form)


def test_unknown_option_suggests_the_close_one(form: Form) -> None:
    message = only_message(with_changes(service_type="合同服"), form)
    assert message.startswith('服务类型 (service_type): "合同服" 不是可选项，可选：免费服务、合同服务、有偿服务')
    assert '是否想写 "合同服务"' in message
    assert 'did you mean "合同服务"' in only_message(with_changes(service_type="合同服"), form, "en")


def test_multi_choice_problems_name_the_field(form: Form) -> None:
    assert only_message(with_changes(checks=["接地", "其它"]), form).startswith('检查项目 (checks): "其它" 不是可选项')
    assert "选项重复" in only_message(with_changes(checks=["接地", "接地"]), form)


def test_phone_time_and_datetime_patterns(form: Form) -> None:
    assert "不是有效的电话号码" in only_message(with_changes(customer_phone="12345"), form)
    assert "11-digit mobile" in only_message(with_changes(customer_phone="12345"), form, "en")
    assert "不是有效时间" in only_message(with_changes(arrival_time="25:00"), form)
    assert "不是有效的日期时间" in only_message(with_changes(finish_at="2024-02-30 10:00"), form)
    for good in ("13812345678", "0571-88886666", "010-12345678-123"):
        assert validate_record(with_changes(customer_phone=good), form) == []


def test_bounds_and_money(form: Form) -> None:
    assert only_message(with_changes(work_hours=-1), form) == "工时 (work_hours): -1 小于允许的最小值 0 小时"
    assert only_message(with_changes(work_hours=25), form) == "工时 (work_hours): 25 大于允许的最大值 24 小时"
    assert "至多两位小数" in only_message(with_changes(fee="12.345"), form)
    assert "at most two decimal places" in only_message(with_changes(fee="12.345"), form, "en")
    assert "不为负" in only_message(with_changes(fee="-5"), form)
    assert only_message(with_changes(fee=19.99), form).endswith('应为文本，不是数字 19.99；请给值加引号，如 "19.99"')
    for amount in ("0.07", "19.99", "1234.5", "99999.99", "0"):  # amounts binary floats get wrong with multipleOf
        assert validate_record(with_changes(fee=amount), form) == []


def test_table_cells_name_table_row_and_column(form: Form) -> None:
    rows = [{"part_name": "保险丝", "quantity": 2}, {"part_name": "继电器", "quantity": 0}]
    message = only_message(with_changes(spare_parts=rows), form)
    assert message == "备件明细 第 2 行 数量 (spare_parts.quantity): 0 小于允许的最小值 1 件"
    assert (
        only_message(with_changes(spare_parts=rows), form, "en")
        == "spare_parts.quantity, row 2 (备件明细 第 2 行 数量): 0 is below the minimum 1 件"
    )
    missing = only_message(with_changes(spare_parts=[{"quantity": 2}]), form)
    assert missing == "备件明细 第 1 行 备件名称 (spare_parts.part_name): 必填，但没有填写"


def test_too_many_rows(form: Form) -> None:
    rows = [{"part_name": f"件{index}"} for index in range(4)]
    assert only_message(with_changes(spare_parts=rows), form) == "备件明细 (spare_parts): 填了 4 行，本表至多 3 行"
    assert (
        only_message(with_changes(spare_parts=rows), form, "en")
        == "spare_parts (备件明细): has 4 rows; the form has room for 3"
    )


def test_unknown_fields_get_a_did_you_mean(form: Form) -> None:
    record = valid_record(form)
    record["custmer_name"] = "x"
    message = only_message(record, form)
    assert '"custmer_name"' in message and "是否想写 customer_name（顾客名称）" in message
    record = valid_record(form)
    record["服务费"] = 10  # the label instead of the id
    assert "did you mean fee (服务费)" in only_message(record, form, "en")
    message = only_message(with_changes(spare_parts=[{"part_name": "保险丝", "qty": 1}]), form)
    assert message.startswith('备件明细 第 1 行 (spare_parts): 未知的列 "qty"')


def test_signature_parts(form: Form) -> None:
    message = only_message(with_changes(customer_signature={"name": "张三"}), form)
    assert message == "顾客签字 日期 (customer_signature.date): 必填，但没有填写"
    assert "不是有效日期" in only_message(with_changes(customer_signature={"name": "张三", "date": "2024-02-30"}), form)


def test_problems_follow_the_order_of_the_form(form: Form) -> None:
    record = with_changes(customer_signature={"name": "张三"}, open_date="2024-02-30", fee=-1)
    assert [problem.field_id for problem in validate_record(record, form)] == [
        "open_date",
        "fee",
        "customer_signature.date",
    ]


def test_a_record_that_is_not_an_object(form: Form) -> None:
    [problem] = validate_record(["not", "a", "record"], form)
    assert "对象" in problem.message


def test_unknown_language_is_a_programming_error(form: Form) -> None:
    with pytest.raises(ValueError):
        validate_record({}, form, lang="fr")


# --------------------------------------------------------------------------- read_record: JSON and YAML


def test_json_record_with_positions(form: Form, records: Path) -> None:
    path = write_json(records / "a.json", with_changes(open_date="2024-02-30"))
    record = read_record(path, form)
    assert record.source_kind == "json"
    [problem] = validate_record(record, form)
    line = next(
        number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "open_date" in text
    )
    assert problem.line == line
    assert problem.format("a.json").startswith(f"a.json:{line}:")


def test_yaml_record_with_positions(form: Form, records: Path) -> None:
    path = records / "a.yaml"
    path.write_text(
        yaml.safe_dump(with_changes(open_date="2024-02-30"), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    [problem] = validate_record(read_record(path, form), form)
    line = next(
        number
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("open_date")
    )
    assert (problem.line, problem.column) == (line, len("open_date: ") + 1)


def test_yaml_times_written_plainly_stay_times(form: Form, records: Path) -> None:
    """YAML 1.1 reads a plain 12:30 as 750 (base 60) but 09:30 as text; both mean a time."""
    record = valid_record(form)
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False).replace(
        "arrival_time: '23:59:59'", "arrival_time: 12:30"
    )
    assert "arrival_time: 12:30\n" in text
    path = records / "times.yml"
    path.write_text(text, encoding="utf-8")
    filled = read_record(path, form)
    assert filled.values["arrival_time"] == "12:30"
    assert validate_record(filled, form) == []


def test_yaml_dates_are_judged_not_crashed_on(form: Form, records: Path) -> None:
    path = records / "d.yml"
    path.write_text(yaml.safe_dump(valid_record(form), allow_unicode=True, sort_keys=False) + "", encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace("open_date: '2024-02-29'", "open_date: 2024-02-30")
    path.write_text(text, encoding="utf-8")
    assert "open_date: 2024-02-30" in text
    assert [problem.field_id for problem in validate_record(read_record(path, form), form)] == ["open_date"]


def test_unreadable_records_raise_handbook_errors(form: Form, records: Path) -> None:
    broken = records / "broken.json"
    broken.write_text('{"customer_name": "x",\n  "open_date": }', encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        read_record(broken, form)
    assert caught.value.diagnostics[0].line == 2 and "JSON" in caught.value.diagnostics[0].message
    duplicate = records / "duplicate.json"
    duplicate.write_text('{"fee": 1, "fee": 2}', encoding="utf-8")
    with pytest.raises(HandbookError, match="duplicate key"):
        read_record(duplicate, form)
    with pytest.raises(HandbookError, match="不支持的文件类型"):
        read_record(write_json(records / "record.txt", {}), form)
    with pytest.raises(HandbookError, match="无法读取"):
        read_record(records / "missing.json", form)
    with pytest.raises(HandbookError, match="YAML syntax error"):
        (records / "bad.yml").write_text("customer_name: [unclosed\n", encoding="utf-8")
        read_record(records / "bad.yml", form)


def test_number_parsing() -> None:
    assert parse_number("1,234.50 元", "元") == 1234.5
    assert parse_number("１２") == 12
    assert parse_number("￥19.99") == 19.99
    assert parse_number("七") == "七"


# --------------------------------------------------------------------------- filled PDFs


def fillable_html(form: Form) -> str:
    """A plain fillable sheet of `form`, fields named as generator/source/fieldnames.py says.

    No <button> anywhere: WeasyPrint 70 turns one inside a <form> into a field that stops
    pypdf from reading the others.
    """
    parts = [f"<h1>{form.title}</h1>"]
    for field in form.all_fields():
        parts.append(f"<p>{field.label} {field_html(field, fieldnames.field_name(field.id))}</p>")
    style = """
      @page { size: A4; margin: 12mm }
      body, input, textarea, select { font-family: "Droid Sans Fallback", "Noto Sans CJK SC", sans-serif; font-size: 9pt }
      input[type=text], textarea, select { width: 45mm; height: 6mm }
      input[type=checkbox], input[type=radio] { width: 4mm; height: 4mm }
      table input[type=text], table select { width: 30mm }
    """
    return f"<html><head><meta charset='utf-8'><style>{style}</style></head><body><form>{''.join(parts)}</form></body></html>"


def field_html(field: FormField, name: str) -> str:
    if field.type is FieldType.MULTILINE:
        return f'<textarea name="{name}"></textarea>'
    if field.type is FieldType.CHECKBOX:
        return f'<input type="checkbox" name="{name}">'
    if field.type is FieldType.CHOICE:  # a radio group at the top level, a list box inside tables
        if name != field.id:
            options = "".join(f'<option value="{option}">{option}</option>' for option in ("", *field.options))
            return f'<select name="{name}">{options}</select>'
        return " ".join(f'<input type="radio" name="{name}" value="{option}">{option}' for option in field.options)
    if field.type is FieldType.MULTI_CHOICE:
        return " ".join(
            f'<input type="checkbox" name="{fieldnames.option_name(name, index)}">{option}'
            for index, option in enumerate(field.options, start=1)
        )
    if field.type is FieldType.SIGNATURE:
        return " ".join(
            f'<input type="text" name="{fieldnames.signature_part_name(name, part)}">' for part in ("name", "date")
        )
    if field.type is FieldType.TABLE:
        header = "".join(f"<th>{column.label}</th>" for column in field.columns)
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{field_html(column, fieldnames.table_cell_name(name, row, column.id))}</td>"
                for column in field.columns
            )
            + "</tr>"
            for row in range(1, field.rows + 1)
        )
        return f"<table><tr>{header}</tr>{rows}</table>"
    return f'<input type="text" name="{name}">'


@pytest.fixture(scope="module")
def blank_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import weasyprint

    path = tmp_path_factory.mktemp("pdf") / "blank.pdf"
    weasyprint.HTML(string=fillable_html(every_type_form())).write_pdf(path, pdf_forms=True)
    return path


FILLED_PDF_VALUES = {
    "customer_name": "上海某某电力公司",
    "order_no": "HT-001",
    "open_date": "2024-03-01",
    "arrival_time": "09:30",
    "finish_at": "2024-03-01 17:45",
    "customer_phone": "0571-88886666",
    "work_hours": "7.5",
    "fee": "1,234.50",
    "service_type": "/1",  # WeasyPrint names radio states by option index: /1 is 合同服务
    "checks__o1": "/on",
    "checks__o3": "/on",
    "tools_checked": "/on",
    "work_done": "检查接地\n更换保险丝",
    "spare_parts__r1__part_name": "保险丝",
    "spare_parts__r1__quantity": "2",
    "spare_parts__r1__price": "3.5",
    "spare_parts__r1__kind": "常用配件",
    "spare_parts__r3__part_name": "继电器",  # row 2 left empty: dropped
    "spare_parts__r3__quantity": "1",
    "customer_signature__name": "李四",
    "customer_signature__date": "2024-03-01",
}

EXPECTED_PDF_RECORD = {
    "customer_name": "上海某某电力公司",
    "order_no": "HT-001",
    "open_date": "2024-03-01",
    "arrival_time": "09:30",
    "finish_at": "2024-03-01 17:45",
    "customer_phone": "0571-88886666",
    "work_hours": 7.5,
    "fee": "1234.50",  # decimal text, as typed (the thousands separator dropped)
    "service_type": "合同服务",
    "checks": ["接地", "环境"],
    "tools_checked": True,
    "work_done": "检查接地\n更换保险丝",
    "spare_parts": [
        {"part_name": "保险丝", "quantity": 2, "price": "3.5", "kind": "常用配件"},
        {"part_name": "继电器", "quantity": 1},
    ],
    "customer_signature": {"name": "李四", "date": "2024-03-01"},
}


def fill_pdf(blank: Path, target: Path, values: dict[str, str]) -> Path:
    """Fill the form fields the way a PDF viewer would, with pypdf."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=blank)
    writer.set_need_appearances_writer(True)
    for page in writer.pages:
        if "/Annots" in page:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(target)
    return target


def test_blank_pdf_has_the_field_kinds_we_read(blank_pdf: Path) -> None:
    from pypdf import PdfReader

    fields = PdfReader(blank_pdf).get_fields()
    assert fields["customer_name"]["/FT"] == "/Tx"
    assert fields["tools_checked"]["/FT"] == "/Btn"
    assert fields["service_type"]["/FT"] == "/Btn" and "/Kids" in fields["service_type"]
    assert fields["spare_parts__r1__kind"]["/FT"] == "/Ch"


WRONG_PDF_VALUES = {"open_date": "2024-02-30", "fee": "12.345", "spare_parts__r3__quantity": "很多"}


# Filling is the slow part: pypdf draws each text field's appearance with the embedded CJK
# font (about a second per field), so each filled PDF is made once per module.
@pytest.fixture(scope="module")
def filled_pdf(blank_pdf: Path) -> Path:
    return fill_pdf(blank_pdf, blank_pdf.with_name("filled.pdf"), FILLED_PDF_VALUES)


@pytest.fixture(scope="module")
def wrong_pdf(filled_pdf: Path) -> Path:
    return fill_pdf(filled_pdf, filled_pdf.with_name("wrong.pdf"), WRONG_PDF_VALUES)


@pytest.mark.slow
def test_filled_pdf_reads_back_as_the_record(filled_pdf: Path, form: Form) -> None:
    filled = read_record(filled_pdf, form)
    assert filled.source_kind == "pdf"
    assert filled.values == EXPECTED_PDF_RECORD
    assert validate_record(filled, form) == []


def test_blank_pdf_reads_as_an_empty_record(blank_pdf: Path, form: Form) -> None:
    record = read_record(blank_pdf, form)
    assert record.values == {}
    assert "顾客名称 (customer_name): 必填，但没有填写" in [
        problem.message for problem in validate_record(record, form)
    ]


@pytest.mark.slow
def test_wrongly_filled_pdf_is_reported(wrong_pdf: Path, form: Form) -> None:
    messages = [problem.message for problem in validate_record(read_record(wrong_pdf, form), form)]
    assert messages == [
        '开通日期 (open_date): "2024-02-30" 不是有效日期，应为 YYYY-MM-DD 格式的真实日期',
        '服务费 (fee): "12.345" 不是有效金额：金额以元为单位，不为负，至多两位小数（精确到分），如 "19.99"',
        '备件明细 第 2 行 数量 (spare_parts.quantity): 应为数字（单位：件），不是文本 "很多"',
    ]


def test_radio_state_given_as_option_text(blank_pdf: Path, form: Form, tmp_path: Path) -> None:
    """Writers other than WeasyPrint and pypdf put the option itself in the group's /V."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=blank_pdf)
    for reference in writer._root_object["/AcroForm"]["/Fields"]:
        field = reference.get_object()
        if field.get("/T") == "service_type" and "/Kids" in field:
            field[NameObject("/V")] = NameObject("/有偿服务")
    writer.write(tmp_path / "named.pdf")
    assert read_record(tmp_path / "named.pdf", form).values == {"service_type": "有偿服务"}


def test_not_a_pdf(form: Form, records: Path) -> None:
    path = records / "fake.pdf"
    path.write_bytes(b"this is not a PDF")
    with pytest.raises(HandbookError, match="无法读取 PDF"):
        read_record(path, form)


# --------------------------------------------------------------------------- handbook schema


def test_schema_command_prints_the_record_schema(project: Path) -> None:
    result = run("schema", FORM_NUMBER, "--root", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout == schema_json(record_schema(every_type_form()))
    assert json.loads(result.stdout)["$id"].endswith("/QR-GZ001-01/A-00.schema.json")


def test_schema_command_accepts_a_loosely_typed_number(project: Path) -> None:
    assert run("schema", "qr-gz001-01", "--root", str(project)).exit_code == 0


def test_unknown_form_number_suggests_one(project: Path) -> None:
    result = run("schema", "QR-GZ001-10", "--root", str(project))
    assert result.exit_code == 1
    assert '未知的表单编号 "QR-GZ001-10"；是否想写 QR-GZ001-01？' in result.stderr
    assert "Traceback" not in result.output
    result = run("validate-record", "QR-GZ001-10", "x.json", "--root", str(project), "--lang", "en")
    assert result.exit_code == 1 and "did you mean QR-GZ001-01?" in result.stderr


def test_handbook_errors_stop_the_commands(project: Path, tmp_path: Path) -> None:
    (project / "forms" / "QR-GZ001-02.yml").write_text("number: QR-GZ001-02\ntitle: 坏表\n", encoding="utf-8")
    result = run("validate-record", FORM_NUMBER, str(tmp_path), "--root", str(project))
    assert result.exit_code == 1
    assert "forms/QR-GZ001-02.yml" in result.stderr and "个错误" in result.stderr


# --------------------------------------------------------------------------- handbook validate-record


def test_validate_one_valid_json(project: Path, records: Path) -> None:
    path = write_json(records / "good.json", valid_record(every_type_form()))
    result = run("validate-record", FORM_NUMBER, str(path), "--root", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: ok\n1 个记录：1 个有效，0 个无效\n"


def test_validate_invalid_yaml_in_english(project: Path, records: Path) -> None:
    path = records / "bad.yaml"
    path.write_text(
        yaml.safe_dump(with_changes(open_date="2024-02-30"), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    result = run("validate-record", FORM_NUMBER, str(path), "--lang", "en", "--root", str(project))
    assert result.exit_code == 1
    assert f'{path}:3:12: open_date (开通日期): "2024-02-30" is not a valid date' in result.stdout
    assert result.stdout.endswith("1 record: 0 valid, 1 invalid\n")


def make_record_folder(records: Path) -> None:
    form = every_type_form()
    write_json(records / "one.json", valid_record(form))
    (records / "two.yml").write_text(yaml.safe_dump(valid_record(form), allow_unicode=True), encoding="utf-8")
    (records / "sub").mkdir()
    write_json(records / "sub" / "three.json", with_changes(customer_phone="12345"))
    (records / "notes.txt").write_text("not a record", encoding="utf-8")


def test_validate_a_folder(project: Path, records: Path) -> None:
    make_record_folder(records)
    result = run("validate-record", FORM_NUMBER, str(records), "--root", str(project))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{records / 'one.json'}: ok" in lines and f"{records / 'two.yml'}: ok" in lines
    assert any(
        line.startswith(f"{records / 'sub' / 'three.json'}:") and "联系电话 (customer_phone)" in line for line in lines
    )
    assert lines[-1] == "3 个记录：2 个有效，1 个无效"
    assert "notes.txt" not in result.stdout


def test_validate_a_glob(project: Path, records: Path) -> None:
    make_record_folder(records)
    result = run(
        "validate-record",
        FORM_NUMBER,
        str(records / "*.json"),
        str(records / "**" / "three.json"),
        "--lang",
        "en",
        "--root",
        str(project),
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "2 records: 1 valid, 1 invalid"


def test_validate_only_valid_records_exits_zero(project: Path, records: Path) -> None:
    make_record_folder(records)
    result = run(
        "validate-record",
        FORM_NUMBER,
        str(records / "one.json"),
        str(records / "two.yml"),
        str(records / "one.json"),
        "--root",
        str(project),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "2 个记录：2 个有效，0 个无效"  # a file named twice is checked once


def test_validate_reports_unreadable_and_missing_files(project: Path, records: Path) -> None:
    (records / "broken.json").write_text('{"customer_name": ', encoding="utf-8")
    result = run(
        "validate-record",
        FORM_NUMBER,
        str(records / "broken.json"),
        str(records / "nothing.json"),
        str(records / "*.pdf"),
        "--root",
        str(project),
    )
    assert result.exit_code == 1
    assert "无法读取: JSON 语法错误" in result.stdout
    assert "nothing.json: 找不到这个文件或文件夹" in result.stderr
    assert "*.pdf: 没有匹配的记录文件" in result.stderr
    assert result.stdout.splitlines()[-1] == "1 个记录：0 个有效，1 个无效（其中 1 个无法读取）"
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_validate_a_filled_pdf(project: Path, filled_pdf: Path, wrong_pdf: Path, records: Path) -> None:
    shutil.copy(filled_pdf, records / "filled.pdf")
    shutil.copy(wrong_pdf, records / "wrong.pdf")
    result = run("validate-record", FORM_NUMBER, str(records), "--root", str(project))
    assert result.exit_code == 1
    assert f"{records / 'filled.pdf'}: ok" in result.stdout
    assert f'{records / "wrong.pdf"}: 开通日期 (open_date): "2024-02-30" 不是有效日期' in result.stdout
    assert result.stdout.splitlines()[-1] == "2 个记录：1 个有效，1 个无效"


def test_pdf_field_variants_other_renderers_produce() -> None:
    """Text boxes standing in for ticks, selections and signatures; radio states by index
    with and without /Opt; WeasyPrint's `group.group` widget names; stray filled fields."""
    from generator.records.pdf_values import _PdfRecordReader, _RawValue

    form = Form.model_validate(
        {
            **EVERY_TYPE_FORM,
            "sections": [
                {
                    "fields": [
                        {
                            "id": "service_type",
                            "label": "服务类型",
                            "type": "choice",
                            "options": ["免费服务", "合同服务", "有偿服务"],
                        },
                        {"id": "level", "label": "等级", "type": "choice", "options": ["甲", "乙"]},
                        {
                            "id": "checks",
                            "label": "检查项目",
                            "type": "multi_choice",
                            "options": ["接地", "连接", "环境"],
                        },
                        {"id": "tools_checked", "label": "工具已配齐", "type": "checkbox"},
                        {
                            "id": "log",
                            "label": "记录",
                            "type": "table",
                            "rows": 3,
                            "columns": [
                                {"id": "done", "label": "完成", "type": "checkbox"},
                                {"id": "signer", "label": "签字", "type": "signature"},
                                {"id": "items", "label": "项目", "type": "multi_choice", "options": ["接地", "环境"]},
                            ],
                        },
                    ]
                }
            ],
        }
    )
    raw = {
        "service_type": _RawValue("button", "2", ("免费服务", "合同服务", "有偿服务")),
        "service_type.service_type": _RawValue("button", ""),
        "level": _RawValue("button", "1"),  # no /Opt: the index counts the form's options
        "checks": _RawValue("text", "接地、环境"),
        "tools_checked": _RawValue("text", "√"),
        "log__r1__done": _RawValue("text", ""),
        "log__r1__signer": _RawValue("text", ""),
        "log__r2__done": _RawValue("text", "x"),
        "log__r2__signer": _RawValue("text", "王五"),
        "log__r2__items": _RawValue("choice", ["环境"], ("接地", "环境")),
        "stray_field": _RawValue("text", "写在别处"),
        "stray_empty": _RawValue("text", ""),
    }
    assert _PdfRecordReader(form, raw).record() == {
        "service_type": "有偿服务",
        "level": "乙",
        "checks": ["接地", "环境"],
        "tools_checked": True,
        "log": [{"done": True, "signer": {"name": "王五"}, "items": ["环境"]}],
        "stray_field": "写在别处",
    }
