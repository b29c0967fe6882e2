"""validate-record on hostile record files: depth and size limits before parsing, encrypted
PDFs, and the cap on repeated messages (issue 12). Each case asserts the exact message."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest

from tests import test_records as shared
from tests.test_records import FORM_NUMBER, run, with_changes, write_json

project = shared.project  # the fixtures of the record tests: a one-form project, a records folder
records = shared.records


def test_json_nested_100000_deep_is_refused_before_parsing(project: Path, records: Path) -> None:
    path = records / "deep.json"
    path.write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result = run("validate-record", FORM_NUMBER, str(path), "--root", str(project), "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:1:38: cannot read: nesting deeper than 32 levels",
        "    hint: a record has only a few levels (fields, table rows, cells); check the brackets",
        "1 record: 0 valid, 1 invalid (1 unreadable)",
    ]
    assert "Traceback" not in result.output


def test_yaml_nested_100000_deep_is_refused(project: Path, records: Path) -> None:
    path = records / "deep.yaml"
    path.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = run("validate-record", FORM_NUMBER, str(path), "--root", str(project), "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{path}:1:68: cannot read: nesting deeper than 64 levels"
    assert "Traceback" not in result.output


def test_brackets_inside_json_strings_do_not_count(project: Path, records: Path) -> None:
    path = write_json(records / "text.json", with_changes(remarks="[" * 100 + '"\\"' + "{" * 100))
    result = run("validate-record", FORM_NUMBER, str(path), "--root", str(project), "--lang", "en")
    assert "nesting" not in result.output


def test_oversized_json_record_is_refused(project: Path, records: Path) -> None:
    path = records / "big.json"
    path.write_text(json.dumps({"x": "a" * 1_200_000}), encoding="utf-8")
    result = run("validate-record", FORM_NUMBER, str(path), "--root", str(project), "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        f"{path}:1:1: cannot read: the file has 1,200,009 bytes, more than the limit of 1,000,000 for a record",
        "    hint: check that this is a filled record file",
    ]


def _encrypted_pdf(path: Path) -> Path:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as output:
        writer.write(output)
    return path


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "cannot read: the PDF is encrypted (password or permissions protection); its fields cannot be read",
                "    hint: save an unencrypted copy (e.g. qpdf --decrypt in.pdf out.pdf) and check that",
            ],
        ),
        (
            "zh",
            [
                "无法读取: PDF 已加密（设有密码或权限保护），无法读取其字段",
                "    提示: 另存一份未加密的 PDF（例如 qpdf --decrypt 加密.pdf 未加密.pdf）再检查",
            ],
        ),
    ],
)
def test_encrypted_pdf_says_so(project: Path, records: Path, lang: str, expected: list[str]) -> None:
    path = _encrypted_pdf(records / "locked.pdf")
    result = run("validate-record", FORM_NUMBER, str(path), "--root", str(project), "--lang", lang)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}:1:1: {expected[0]}"
    assert lines[1] == expected[1]
    assert "cryptography" not in result.output


def _record_with_unknown_fields(folder: Path, count: int) -> Path:
    extra = {f"unknown_{index:05d}": "x" for index in range(count)}
    return write_json(folder / "many.json", with_changes(**extra))


def test_repeated_messages_are_capped_at_50_by_default(project: Path, records: Path) -> None:
    path = _record_with_unknown_fields(records, 10_000)
    result = run("validate-record", FORM_NUMBER, str(path), "--root", str(project), "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    problem_lines = [line for line in lines if line.startswith(str(path))]
    assert len(problem_lines) == 50
    assert lines[-2:] == ["… 9950 more", "1 record: 0 valid, 1 invalid"]
    assert len(lines) < 120


def test_max_errors_option(project: Path, records: Path) -> None:
    path = _record_with_unknown_fields(records, 30)
    capped = run("validate-record", FORM_NUMBER, str(path), "--root", str(project), "--max-errors", "3")
    assert capped.stdout.splitlines()[-2] == "…… 另有 27 个问题未列出"
    everything = run("validate-record", FORM_NUMBER, str(path), "--root", str(project), "--max-errors", "0")
    assert len([line for line in everything.stdout.splitlines() if line.startswith(str(path))]) == 30
    assert "另有" not in everything.stdout
