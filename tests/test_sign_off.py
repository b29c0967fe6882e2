"""Sign-off rules (handbook.yml `sign_off`): separation of duties, who may sign, no future dates.

Each case is refused by `handbook approve` before anything is written and reported by
`handbook check` when the file was edited by hand, with its exact message.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from generator.cli.control import approve
from generator.cli.main import main
from tests.control_support import DOCUMENT_PATH, SETTINGS, commit_all, init_repository, invoke, run_ok, write_handbook

SIGNED_TWICE = """\
    prepared: {name: 张三, date: 2023-12-20}
    reviewed: {name: 张三, date: 2023-12-21}
    approved: {name: 总经理, date: 2023-12-22}
"""


def refused(root: Path, *arguments: str) -> str:
    path = root / DOCUMENT_PATH
    before = path.read_bytes()
    result = invoke(approve, "SH/GZ-001", *arguments, "--root", root)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert path.read_bytes() == before and sorted(os.listdir(path.parent)) == ["SH-GZ-001.yml"]
    return result.stderr


def released_by_hand(root: Path, signatures: str) -> None:
    path = root / DOCUMENT_PATH
    text = path.read_text(encoding="utf-8").replace("status: 草稿", "status: 生效")
    path.write_text(text + signatures, encoding="utf-8")


def check(root: Path) -> tuple[int, str]:
    result = invoke(main, "check", "--root", root)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def test_one_person_may_not_sign_twice(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    run_ok(approve, "SH/GZ-001", "--as", "编制", "--name", "张三", "--date", "2023-12-20", "--root", tmp_path)
    message = refused(tmp_path, "--as", "审核", "--name", "张三", "--date", "2023-12-21")
    assert message == (
        "procedures/SH-GZ-001.yml:29:5: error: 张三 already signed 编制 of A0; one person may not also sign 审核\n"
        "    hint: 编制, 审核 and 批准 are three different people (handbook.yml sign_off.distinct_signers)\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_one_person_signing_twice_by_hand_fails_check(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    released_by_hand(tmp_path, SIGNED_TWICE)
    assert check(tmp_path) == (
        1,
        "procedures/SH-GZ-001.yml:33:22: error: 张三 already signed 编制 of A0; one person may not also sign 审核\n"
        "    hint: 编制, 审核 and 批准 are three different people (handbook.yml sign_off.distinct_signers)\n"
        "1 error(s), 0 warning(s)\n",
    )


def test_distinct_signers_can_be_switched_off(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    (tmp_path / "handbook.yml").write_text(SETTINGS + "sign_off:\n  distinct_signers: false\n", encoding="utf-8")
    released_by_hand(tmp_path, SIGNED_TWICE)
    assert check(tmp_path) == (0, "")


def test_only_listed_roles_may_approve_a_document_type(tmp_path: Path) -> None:
    write_handbook(tmp_path)
    rules = "sign_off:\n  rules:\n    - {document_types: [管理制度], approved: [总经理, 副总经理]}\n"
    (tmp_path / "handbook.yml").write_text(SETTINGS + rules, encoding="utf-8")
    run_ok(approve, "SH/GZ-001", "--as", "编制", "--name", "用服中心", "--date", "2023-12-20", "--root", tmp_path)
    run_ok(approve, "SH/GZ-001", "--as", "审核", "--name", "品质部经理", "--date", "2023-12-21", "--root", tmp_path)
    message = refused(tmp_path, "--as", "批准", "--name", "品质部经理助理", "--date", "2023-12-22")
    assert message.splitlines()[:2] == [
        "procedures/SH-GZ-001.yml:29:5: error: 品质部经理助理 may not sign 批准 of a 管理制度",
        "    hint: handbook.yml sign_off allows 总经理、副总经理 to sign 批准 of a 管理制度",
    ]
    run_ok(approve, "SH/GZ-001", "--as", "批准", "--name", "副总经理", "--date", "2023-12-22", "--root", tmp_path)


def test_signature_dated_in_the_future_is_refused(tmp_path: Path) -> None:
    ahead = datetime.date.today() + datetime.timedelta(days=10)
    write_handbook(tmp_path)
    path = tmp_path / DOCUMENT_PATH
    text = path.read_text(encoding="utf-8").replace("2024-01-01", (ahead + datetime.timedelta(days=30)).isoformat())
    path.write_text(text, encoding="utf-8")
    message = refused(tmp_path, "--as", "编制", "--name", "用服中心", "--date", ahead.isoformat())
    assert message.splitlines()[0] == (
        f"procedures/SH-GZ-001.yml:29:5: error: 编制 dated {ahead} is after today ({datetime.date.today()})"
    )


def test_future_dated_signature_by_hand_fails_check(tmp_path: Path) -> None:
    ahead = datetime.date.today() + datetime.timedelta(days=10)
    write_handbook(tmp_path)
    path = tmp_path / DOCUMENT_PATH
    effective = (ahead + datetime.timedelta(days=30)).isoformat()
    path.write_text(path.read_text(encoding="utf-8").replace("2024-01-01", effective), encoding="utf-8")
    released_by_hand(
        tmp_path,
        "    prepared: {name: 用服中心, date: 2023-12-20}\n"
        "    reviewed: {name: 品质部经理, date: 2023-12-21}\n"
        f"    approved: {{name: 总经理, date: {ahead}}}\n",
    )
    init_repository(tmp_path)
    commit_all(tmp_path, "by hand", "2023-12-22T09:00:00+08:00")
    code, message = check(tmp_path)
    assert code == 1
    assert message.splitlines()[0] == (
        f"procedures/SH-GZ-001.yml:34:33: error: 批准 of A0 is dated {ahead}, after today ({datetime.date.today()})"
    )
