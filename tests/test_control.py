"""revise / approve / release / review-due: edits that keep the file, refusals that teach.

The golden files under tests/golden/control/ pin the exact bytes each command writes; run
`pytest --update-golden` to rewrite them after an intended change, and review the diff.
"""

from __future__ import annotations

import datetime
import difflib
import json
import os
import shutil
from pathlib import Path

import pytest

from generator.cli.control import approve, release, review_due, revise
from generator.control.commands import revise_document
from generator.control.roundtrip import Indentation, detect_indentation
from tests.control_support import DOCUMENT, DOCUMENT_PATH, invoke, run_ok, sign_off, write_handbook

GOLDEN = Path(__file__).resolve().parent / "golden" / "control"
GOLDEN_DOCUMENT = Path("procedures/SH-WI-009.yml")

GOLDEN_STEPS = (
    ("1-revise.yml", revise, ("--change", "巡检频次改为每月一次", "--effective", "2024-09-01")),
    ("2-prepared.yml", approve, ("--as", "编制", "--name", "售后服务组", "--date", "2024-08-10")),
    ("3-reviewed.yml", approve, ("--as", "审核", "--name", "品质部经理", "--date", "2024-08-12")),
    ("4-approved.yml", approve, ("--as", "批准", "--name", "总经理", "--date", "2024-08-15")),
    ("5-released.yml", release, ()),
)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines between two texts."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def compare_golden(actual: bytes, name: str, update: bool) -> None:
    expected = GOLDEN / "expected" / name
    if update:
        expected.write_bytes(actual)
        return
    assert expected.exists(), f"{expected} is missing; run pytest --update-golden once and review it"
    assert actual == expected.read_bytes(), f"{name} differs from the golden file (pytest --update-golden to accept)"


@pytest.fixture()
def golden_handbook(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(GOLDEN / "input", root)
    return root


def test_commands_keep_comments_and_formatting_byte_for_byte(golden_handbook: Path, update_golden: bool) -> None:
    path = golden_handbook / GOLDEN_DOCUMENT
    for name, command, arguments in GOLDEN_STEPS:
        run_ok(command, "SH/WI-009", *arguments, "--root", golden_handbook)
        compare_golden(path.read_bytes(), name, update_golden)


def test_only_the_changed_keys_change(golden_handbook: Path) -> None:
    """Independent of the golden bytes: each step touches exactly the lines it should."""
    path = golden_handbook / GOLDEN_DOCUMENT
    texts = [path.read_text(encoding="utf-8")]
    for _, command, arguments in GOLDEN_STEPS:
        run_ok(command, "SH/WI-009", *arguments, "--root", golden_handbook)
        texts.append(path.read_text(encoding="utf-8"))
    revised = changed_lines(texts[0], texts[1])
    assert revised == (
        [
            "revision: 'A/01'                # quoted on purpose: the quotes must survive",
            "effective: 2024-02-01           # 生效日期",
            "status: 生效                    # 草稿 | 生效 | 已作废",
        ],
        [
            "revision: 'A/02'                # quoted on purpose: the quotes must survive",
            "effective: 2024-09-01           # 生效日期",
            "status: 草稿                    # 草稿 | 生效 | 已作废",
            "- revision: A/02",
            "  date: 2024-09-01",
            "  change: 巡检频次改为每月一次",
        ],
    )
    assert texts[1].rstrip().endswith("# (Second line of the note.)")
    assert changed_lines(texts[1], texts[2]) == ([], ["  prepared: {name: 售后服务组, date: 2024-08-10}"])
    assert changed_lines(texts[2], texts[3]) == ([], ["  reviewed: {name: 品质部经理, date: 2024-08-12}"])
    assert changed_lines(texts[3], texts[4]) == ([], ["  approved: {name: 总经理, date: 2024-08-15}"])
    assert changed_lines(texts[4], texts[5]) == (
        ["status: 草稿                    # 草稿 | 生效 | 已作废"],
        ["status: 生效                    # 草稿 | 生效 | 已作废"],
    )


def test_the_released_file_passes_handbook_check(golden_handbook: Path) -> None:
    from generator.source.project import read_handbook

    for _, command, arguments in GOLDEN_STEPS:
        run_ok(command, "SH/WI-009", *arguments, "--root", golden_handbook)
    result = read_handbook(golden_handbook)
    assert result.handbook is not None and result.diagnostics == ()
    document = result.handbook.documents[0]
    assert (document.revision, document.status.value, document.effective) == ("A/02", "生效", datetime.date(2024, 9, 1))


def test_indentation_is_detected_from_the_file() -> None:
    assert detect_indentation((GOLDEN / "input" / GOLDEN_DOCUMENT).read_text(encoding="utf-8")) == Indentation(2, 2, 0)
    assert detect_indentation(DOCUMENT) == Indentation(2, 4, 2)
    assert detect_indentation("a:\n    b:\n        - x\n") == Indentation(4, 6, 4)


def test_line_endings_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    path = write_handbook(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + DOCUMENT.replace("\n", "\r\n").encode("utf-8"))
    run_ok(approve, "SH/GZ-001", "--as", "编制", "--name", "用服中心", "--date", "2023-12-20", "--root", tmp_path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n") == DOCUMENT.count("\n") + 1
    assert data.endswith(
        b"    prepared: {name: \xe7\x94\xa8\xe6\x9c\x8d\xe4\xb8\xad\xe5\xbf\x83, date: 2023-12-20}\r\n"
    )


def test_document_can_be_named_by_path(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    run_ok(
        approve, str(DOCUMENT_PATH), "--as", "prepared", "--name", "张三", "--date", "2023-12-01", "--root", tmp_path
    )
    run_ok(
        approve,
        str(tmp_path / DOCUMENT_PATH),
        "--as",
        "reviewed",
        "--name",
        "李四",
        "--date",
        "2023-12-02",
        "--root",
        tmp_path,
    )
    text = (tmp_path / DOCUMENT_PATH).read_text(encoding="utf-8")
    assert "    prepared: {name: 张三, date: 2023-12-01}\n    reviewed: {name: 李四, date: 2023-12-02}\n" in text


def test_a_file_outside_the_handbook_is_refused(tmp_path: Path) -> None:
    write_handbook(tmp_path / "one")
    other = write_handbook(tmp_path / "two")
    before = other.read_bytes()
    result = invoke(
        approve, str(other), "--as", "编制", "--name", "x", "--date", "2023-12-01", "--root", tmp_path / "one"
    )
    assert result.exit_code == 1 and "is not part of the handbook" in result.stderr
    assert other.read_bytes() == before


def test_major_revision(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    sign_off(tmp_path, ("2023-12-20", "2023-12-25", "2023-12-28"))
    run_ok(release, "SH/GZ-001", "--root", tmp_path)
    result = run_ok(
        revise, "SH/GZ-001", "--change", "全面修订", "--effective", "2024-06-01", "--major", "--root", tmp_path
    )
    assert "A0 → B0" in result.output
    assert "revision: B0\n" in (tmp_path / DOCUMENT_PATH).read_text(encoding="utf-8")


def test_release_can_move_the_effective_date(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    sign_off(tmp_path, ("2023-12-20", "2023-12-25", "2023-12-28"))
    run_ok(release, "SH/GZ-001", "--effective", "2024-02-01", "--root", tmp_path)
    text = (tmp_path / DOCUMENT_PATH).read_text(encoding="utf-8")
    assert "effective: 2024-02-01\n" in text and "    date: 2024-02-01\n" in text and "status: 生效" in text


# --------------------------------------------------------------------------- refusals


def refused(root: Path, command, *arguments: str) -> str:
    """Run a command that must be refused: exit 1, no traceback, the document untouched."""
    path = root / DOCUMENT_PATH
    before = path.read_bytes()
    listing = sorted(os.listdir(path.parent))
    result = invoke(command, *arguments, "--root", root)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == listing
    return result.stderr


def test_release_with_missing_approvals_is_refused_and_names_them(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    run_ok(approve, "SH/GZ-001", "--as", "编制", "--name", "用服中心", "--date", "2023-12-20", "--root", tmp_path)
    message = refused(tmp_path, release, "SH/GZ-001")
    assert "procedures/SH-GZ-001.yml:29:5: error: SH/GZ-001 A0 cannot be released: no 审核、批准 sign-off" in message
    assert "hint: record it first: `handbook approve SH/GZ-001 --as 审核" in message


def test_unknown_document_number_suggests_the_closest(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    message = refused(tmp_path, revise, "SH/GZ-01", "--change", "x", "--effective", "2024-06-01")
    assert "no document numbered SH/GZ-01" in message and "did you mean SH/GZ-001?" in message
    assert "did you mean SH/GZ-001?" in refused(tmp_path, approve, "sh/gz-001", "--as", "编制", "--name", "x")


def test_approval_dated_before_the_previous_sign_off_is_refused(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    run_ok(approve, "SH/GZ-001", "--as", "编制", "--name", "用服中心", "--date", "2023-12-20", "--root", tmp_path)
    message = refused(tmp_path, approve, "SH/GZ-001", "--as", "审核", "--name", "品质部经理", "--date", "2023-12-19")
    assert "审核 dated 2023-12-19 is before 编制 (2023-12-20)" in message
    assert "procedures/SH-GZ-001.yml:32:" in message  # the 编制 signature's date


def test_approval_dated_after_the_effective_date_is_refused(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    message = refused(tmp_path, approve, "SH/GZ-001", "--as", "编制", "--name", "用服中心", "--date", "2024-01-02")
    assert "procedures/SH-GZ-001.yml:30:" in message
    assert "编制 dated 2024-01-02 is after A0 takes effect (2024-01-01)" in message


def test_sign_off_out_of_order_or_twice_is_refused(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    assert "批准 cannot be recorded before 编制、审核" in refused(
        tmp_path, approve, "SH/GZ-001", "--as", "批准", "--name", "总经理", "--date", "2023-12-28"
    )
    run_ok(approve, "SH/GZ-001", "--as", "编制", "--name", "用服中心", "--date", "2023-12-20", "--root", tmp_path)
    message = refused(tmp_path, approve, "SH/GZ-001", "--as", "编制", "--name", "别人", "--date", "2023-12-21")
    assert "编制 of A0 is already recorded (用服中心, 2023-12-20)" in message


def test_revise_on_an_unreleased_draft_is_refused_with_a_hint(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    message = refused(tmp_path, revise, "SH/GZ-001", "--change", "再改", "--effective", "2024-06-01")
    assert (
        "procedures/SH-GZ-001.yml:7:9: error: SH/GZ-001 revision A0 is a draft (草稿) that has not been released"
        in message
    )
    assert "hint: finish it first: `handbook approve SH/GZ-001" in message


def test_approve_or_release_of_a_released_revision_is_refused(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    sign_off(tmp_path, ("2023-12-20", "2023-12-25", "2023-12-28"))
    run_ok(release, "SH/GZ-001", "--root", tmp_path)
    assert "already released (生效)" in refused(tmp_path, release, "SH/GZ-001")
    assert "handbook revise SH/GZ-001" in refused(
        tmp_path, approve, "SH/GZ-001", "--as", "编制", "--name", "x", "--date", "2023-12-20"
    )


def test_an_edit_that_would_fail_the_checks_is_not_written(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    sign_off(tmp_path, ("2023-12-20", "2023-12-25", "2023-12-28"))
    run_ok(release, "SH/GZ-001", "--root", tmp_path)
    message = refused(tmp_path, revise, "SH/GZ-001", "--change", "倒签", "--effective", "2023-06-01")
    assert "not written: after this edit the file would fail `handbook check`" in message
    assert "revision A1 takes effect on 2023-06-01, before A0 (2024-01-01)" in message


def test_a_file_that_already_fails_the_structural_check_is_not_edited(tmp_path: Path) -> None:
    write_handbook(tmp_path, DOCUMENT.replace("department: 用服中心\n", ""))
    message = refused(tmp_path, approve, "SH/GZ-001", "--as", "编制", "--name", "x", "--date", "2023-12-20")
    assert "cannot edit this file" in message and "missing required field 'department'" in message


def test_bad_date_option_is_a_usage_error(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    result = invoke(revise, "SH/GZ-001", "--change", "x", "--effective", "2024-02-30", "--root", tmp_path)
    assert result.exit_code == 2 and "write it as YYYY-MM-DD" in result.stderr


def test_interrupted_write_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_handbook(tmp_path)
    sign_off(tmp_path, ("2023-12-20", "2023-12-25", "2023-12-28"))
    run_ok(release, "SH/GZ-001", "--root", tmp_path)
    before = path.read_bytes()
    listing = sorted(os.listdir(path.parent))

    def interrupted(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        revise_document(tmp_path, "SH/GZ-001", "修改", datetime.date(2024, 6, 1))
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == listing


# --------------------------------------------------------------------------- review-due


def review_handbook(root: Path) -> None:
    """Three released documents: reviewed 13, 12 and 11 months ago; one with a 6-month period."""
    released = DOCUMENT.replace("status: 草稿", "status: 生效").replace(
        "    change: 首次发布\n",
        "    change: 首次发布\n    prepared: {name: a, date: 2023-01-01}\n    reviewed: {name: b, date: 2023-01-01}\n    approved: {name: c, date: 2023-01-01}\n",
    )
    write_handbook(root)
    variants = {
        "SH/GZ-001": ("2023-05-01", ""),  # next review 2024-05-01: overdue on 2024-06-01
        "SH/GZ-002": ("2023-06-01", ""),  # 2024-06-01: due today
        "SH/GZ-003": ("2023-07-01", ""),  # 2024-07-01: in 30 days
        "SH/GZ-004": ("2023-08-01", ""),  # 2024-08-01: not yet
        "SH/GZ-005": ("2024-01-01", "review_period_months: 5\n"),  # 2024-06-01 with its own period
    }
    for number, (date, extra) in variants.items():
        text = (
            released.replace("SH/GZ-001", number)
            .replace("2024-01-01", date)
            .replace("department: 用服中心\n", f"department: 用服中心\n{extra}")
        )
        (root / "procedures" / f"{number.replace('/', '-')}.yml").write_text(text, encoding="utf-8")


def test_review_due_lists_overdue_due_and_upcoming(tmp_path: Path) -> None:
    review_handbook(tmp_path)
    result = run_ok(review_due, "--as-of", "2024-06-01", "--root", tmp_path)
    lines = result.output.splitlines()
    assert lines[0].split() == ["文件编号", "文件名称", "生效日期", "评审周期", "下次评审", "状态", "天数"]
    rows = [line.split() for line in lines[2:-1]]
    assert rows == [
        ["SH/GZ-001", "售后服务管理规定", "2023-05-01", "12个月", "2024-05-01", "逾期", "-31"],
        ["SH/GZ-002", "售后服务管理规定", "2023-06-01", "12个月", "2024-06-01", "到期", "0"],
        ["SH/GZ-005", "售后服务管理规定", "2024-01-01", "5个月", "2024-06-01", "到期", "0"],
        ["SH/GZ-003", "售后服务管理规定", "2023-07-01", "12个月", "2024-07-01", "即将到期", "30"],
    ]
    assert lines[-1] == "4 document(s) due for review as of 2024-06-01, 1 overdue"
    assert len({len(line.encode("gbk")) for line in lines[:2]}) == 1  # columns line up (CJK = 2 columns)


def test_review_due_as_json_and_when_nothing_is_due(tmp_path: Path) -> None:
    review_handbook(tmp_path)
    records = json.loads(run_ok(review_due, "--as-of", "2024-06-01", "--format", "json", "--root", tmp_path).output)
    assert [(item["number"], item["status"], item["days"]) for item in records] == [
        ("SH/GZ-001", "逾期", -31),
        ("SH/GZ-002", "到期", 0),
        ("SH/GZ-005", "到期", 0),
        ("SH/GZ-003", "即将到期", 30),
    ]
    assert records[0]["next_review"] == "2024-05-01" and records[0]["period_months"] == 12
    quiet = run_ok(review_due, "--as-of", "2023-06-01", "--root", tmp_path)
    assert quiet.output.strip() == "no document is due for review within 30 days of 2023-06-01"


FLOW_HISTORY = """\
number: SH/GZ-001
title: 售后服务管理规定
type: 管理制度
revision: A0
effective: 2024-01-01
status: 生效
department: 用服中心
body:
    -   text: 顾客反馈信息应及时记录在《售后服务信息登记表》中。
        forms: [QR-GZ001-01]
records: [{form: QR-GZ001-01, keeper: 用服中心, retention: 3年}]
history:
    -   {revision: A0, date: 2024-01-01, change: 首次发布, prepared: {name: a, date: 2023-12-01}, reviewed: {name: b, date: 2023-12-01}, approved: {name: c, date: 2023-12-01}}  # 首版
# 文件更改记录到此为止。
"""


def test_flow_style_entries_and_a_trailing_comment(tmp_path: Path) -> None:
    """Entries written as one-line flow maps stay so, and the closing comment stays last."""
    path = write_handbook(tmp_path, FLOW_HISTORY)
    run_ok(revise, "SH/GZ-001", "--change", "修改: 登记要求", "--effective", "2024-09-01", "--root", tmp_path)
    run_ok(approve, "SH/GZ-001", "--as", "编制", "--name", "张三", "--date", "2024-08-01", "--root", tmp_path)
    expected = FLOW_HISTORY.replace(
        "revision: A0\neffective: 2024-01-01\nstatus: 生效", "revision: A1\neffective: 2024-09-01\nstatus: 草稿"
    )
    expected = expected.replace(
        "# 文件更改记录到此为止。",
        "    -   {revision: A1, date: 2024-09-01, change: '修改: 登记要求', prepared: {name: 张三, date: 2024-08-01}}\n"
        "# 文件更改记录到此为止。",
    )
    assert path.read_text(encoding="utf-8") == expected


def test_lines_the_writer_normalises_are_reported(tmp_path: Path) -> None:
    """A file mixing indentation styles cannot stay byte-identical; the command says so."""
    mixed = DOCUMENT.replace("records:\n  - {form", "records:\n    - {form")
    write_handbook(tmp_path, mixed)
    result = run_ok(approve, "SH/GZ-001", "--as", "编制", "--name", "张三", "--date", "2023-12-01", "--root", tmp_path)
    assert "note: 1 line(s) outside the edited fields were re-indented" in result.stderr
    clean = run_ok(approve, "SH/GZ-001", "--as", "审核", "--name", "李四", "--date", "2023-12-02", "--root", tmp_path)
    assert clean.stderr == ""


def test_registered_on_a_group_with_debug_the_error_propagates(tmp_path: Path) -> None:
    """As on `handbook`: `--debug` on the group shows the traceback instead of the report."""
    import click
    from click.testing import CliRunner

    from generator.cli.control import COMMANDS
    from generator.diagnostics import HandbookError

    @click.group()
    @click.option("--debug", is_flag=True)
    @click.pass_context
    def group(context: click.Context, debug: bool) -> None:
        context.obj = {"debug": debug}

    for command in COMMANDS:
        group.add_command(command)
    assert sorted(group.commands) == ["approve", "release", "review", "review-due", "revise", "withdraw"]
    write_handbook(tmp_path)
    arguments = ["release", "SH/GZ-001", "--root", str(tmp_path)]
    plain = CliRunner().invoke(group, arguments)
    assert plain.exit_code == 1 and "cannot be released" in plain.stderr
    debugging = CliRunner().invoke(group, ["--debug", *arguments])
    assert isinstance(debugging.exception, HandbookError)
