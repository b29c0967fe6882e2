"""Released text is immutable, identity is the number, deletion is refused: each case in a real
git repository, with the exact diagnostic `handbook check` prints (never a traceback)."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from generator.cli.control import review, withdraw
from generator.cli.main import main
from generator.document.git_history import issued_revisions
from generator.document.in_force import VersionState
from generator.document.versions import in_force_handbook, read_archive
from generator.render.site.pages import SiteRenderer
from generator.source.project import read_handbook
from tests.control_support import (
    DOCUMENT_PATH,
    NEW_CLAUSE,
    commit_all,
    git,
    init_repository,
    invoke,
    release_first_revision,
    release_second_revision,
    run_ok,
    write_handbook,
)

FORM_PATH = Path("forms/QR-GZ001-01.yml")


@pytest.fixture()
def two_revisions(tmp_path: Path) -> tuple[Path, str, str]:
    root = tmp_path / "handbook"
    write_handbook(root)
    init_repository(root)
    first = release_first_revision(root)
    second = release_second_revision(root)
    return root, first, second


def check_output(root: Path) -> tuple[int, str]:
    result = invoke(main, "check", "--root", root)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr + result.stdout


def edit(root: Path, old: str, new: str, path: Path = DOCUMENT_PATH) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_released_history_as_made_by_the_commands_passes(two_revisions) -> None:
    root, _, _ = two_revisions
    assert check_output(root) == (0, "ok: 1 documents, 1 forms\n")


def test_in_place_edit_of_released_text_fails_naming_revision_commit_and_clause(two_revisions) -> None:
    root, _, second = two_revisions
    edit(root, NEW_CLAUSE, "到达现场后，立即确认故障信息。")
    commit_all(root, "quiet fix", "2024-08-01T09:00:00+08:00")
    code, output = check_output(root)
    assert code == 1
    assert output == (
        f"procedures/SH-GZ-001.yml:24:15: error: released revision A1 was changed without a new revision: "
        f"clause （一） (body[1].steps[0].text) differs from commit {second[:10]} that released it\n"
        f"    hint: released text is frozen; undo the edit (`git checkout {second[:10]} -- procedures/SH-GZ-001.yml`) "
        f'and make the change as a new revision: `handbook revise SH/GZ-001 --change "…" --effective YYYY-MM-DD`\n'
        "1 error(s), 0 warning(s)\n"
    )


def test_uncommitted_edit_of_an_owner_fails_too(two_revisions) -> None:
    root, _, second = two_revisions
    edit(root, "    time_limit: 24小时内\n", "    time_limit: 24小时内\n        owner: 品质部\n")
    code, output = check_output(root)
    assert code == 1
    assert output.startswith(
        "procedures/SH-GZ-001.yml:22:16: error: released revision A1 was changed without a new revision: "
        "clause （二） (body[0].steps[1].owner) differs from commit"
    )
    assert second[:10] in output


def test_rollback_to_an_earlier_revision_fails(two_revisions) -> None:
    root, first, second = two_revisions
    git(root, "checkout", first, "--", str(DOCUMENT_PATH))
    code, output = check_output(root)
    assert code == 1
    assert output.splitlines()[0] == (
        f"procedures/SH-GZ-001.yml:5:11: error: revision goes backwards: A0 is older than A1, released in commit {second[:10]}"
    )
    assert "handbook revise SH/GZ-001" in output and output.endswith("1 error(s), 0 warning(s)\n")


def test_released_revision_turned_back_into_a_draft_fails(two_revisions) -> None:
    root, _, second = two_revisions
    edit(root, "status: 生效", "status: 草稿")
    code, output = check_output(root)
    assert code == 1
    assert output.splitlines()[0] == (
        f"procedures/SH-GZ-001.yml:7:9: error: status goes backwards: revision A1 was released (生效) in commit "
        f"{second[:10]} and is now 草稿 again"
    )


def test_copied_file_with_another_number_has_only_its_own_history(two_revisions) -> None:
    root, _, _ = two_revisions
    copy = root / "procedures" / "SH-GZ-002.yml"
    shutil.copy(root / DOCUMENT_PATH, copy)
    edit(root, "number: SH/GZ-001", "number: SH/GZ-002", copy.relative_to(root))
    edit(root, "title: 售后服务管理规定", "title: 售后服务投诉处理规定", copy.relative_to(root))
    copied = commit_all(root, "new document from a copy", "2024-08-01T09:00:00+08:00")
    history = issued_revisions(root, copy.relative_to(root), number="SH/GZ-002")
    assert [(item.revision, item.commit, item.document.number) for item in history.revisions] == [
        ("A1", copied, "SH/GZ-002")
    ]
    assert history.revisions[0].document.title == "售后服务投诉处理规定"
    assert check_output(root)[0] == 0


def test_deleting_a_document_with_issued_revisions_fails_and_says_withdraw(two_revisions) -> None:
    root, first, _ = two_revisions
    git(root, "rm", "-q", str(DOCUMENT_PATH), str(FORM_PATH))
    deleted = commit_all(root, "delete", "2024-08-01T09:00:00+08:00")
    code, output = check_output(root)
    assert code == 1
    assert output == (
        f"procedures/SH-GZ-001.yml:1:1: error: SH/GZ-001 was deleted, but it has issued revisions (A0 released in "
        f"commit {first[:10]}); its archive would disappear\n"
        f"    hint: restore the file (`git checkout {deleted}^ -- procedures/SH-GZ-001.yml`) and withdraw it: "
        f'`handbook withdraw SH/GZ-001 --reason "…" --effective YYYY-MM-DD`\n'
        "1 error(s), 0 warning(s)\n"
    )


def test_withdrawal_keeps_the_archive_and_takes_the_document_out_of_force(two_revisions) -> None:
    root, _, _ = two_revisions
    result = run_ok(withdraw, "SH/GZ-001", "--reason", "并入新制度", "--effective", "2024-09-01", "--root", root)
    assert result.stdout == (
        "procedures/SH-GZ-001.yml: SH/GZ-001 A1 withdrawn (已作废) from 2024-09-01: 并入新制度; "
        "its pages and PDFs stay in the archive\n"
    )
    text = (root / DOCUMENT_PATH).read_text(encoding="utf-8")
    assert "\nstatus: 已作废 " in text and "# 草稿 | 生效 | 已作废\n" in text  # the comment is kept
    assert text.endswith("withdrawal:\n  date: 2024-09-01\n  reason: 并入新制度\n")
    commit_all(root, "withdraw", "2024-08-20T09:00:00+08:00")
    assert check_output(root)[0] == 0
    read = read_handbook(root)
    before = read_archive(root, read.handbook, read.document_paths, datetime.date(2024, 8, 31))
    after = read_archive(root, read.handbook, read.document_paths, datetime.date(2024, 9, 1))
    assert before.documents["SH/GZ-001"].default.state is VersionState.IN_FORCE
    versions = after.documents["SH/GZ-001"]
    assert [(item.document.revision, item.state) for item in versions.versions] == [
        ("A0", VersionState.SUPERSEDED),
        ("A1", VersionState.WITHDRAWN),
    ]
    assert in_force_handbook(read.handbook, after).documents == ()
    assert [item.number for item in in_force_handbook(read.handbook, before).documents] == ["SH/GZ-001"]
    pages = {page.path: page.content for page in SiteRenderer(read.handbook, datetime.date(2024, 9, 1), after).pages()}
    assert (
        "本文件自 2024-09-01 起已停止使用，仅供查阅，不得作为工作依据。原因：并入新制度"
        in pages["documents/SH-GZ-001.md"]
    )
    assert "archive/SH-GZ-001/A0.md" in pages and "redlines/SH-GZ-001/A0_A1.md" in pages
    assert "SH/GZ-001" not in pages["matrix.md"] and "24小时内" not in pages["time-limits.md"]


def test_withdrawal_before_the_revision_took_effect_is_refused(two_revisions) -> None:
    root, _, _ = two_revisions
    result = invoke(withdraw, "SH/GZ-001", "--reason", "x", "--effective", "2024-01-01", "--root", root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "procedures/SH-GZ-001.yml:6:12: error: SH/GZ-001 cannot be withdrawn on 2024-01-01, before its revision A1 "
        "took effect (2024-07-01)"
    )


def test_review_without_revision_restarts_the_review_clock(two_revisions) -> None:
    from generator.control.review import next_review_of, reviews_due

    root, _, _ = two_revisions
    result = run_ok(review, "SH/GZ-001", "--result", "继续有效", "--name", "品质部经理", "--date", "2025-06-20",
                    "--root", root)  # fmt: skip
    assert result.stdout == (
        "procedures/SH-GZ-001.yml: SH/GZ-001 A1: 定期评审 继续有效 (品质部经理, 2025-06-20); "
        "the review clock restarts from this date\n"
    )
    text = (root / DOCUMENT_PATH).read_text(encoding="utf-8")
    assert "reviews:\n  - {date: 2025-06-20, result: 继续有效, name: 品质部经理}\n" in text
    commit_all(root, "review", "2025-06-21T09:00:00+08:00")
    assert check_output(root)[0] == 0  # no new revision, and the released text is untouched
    handbook = read_handbook(root).handbook
    document = handbook.documents[0]
    assert document.revision == "A1" and next_review_of(handbook, document) == datetime.date(2026, 6, 20)
    assert reviews_due(handbook, datetime.date(2025, 7, 1)) == []  # was overdue since 2025-07-01 without it


def test_review_dated_in_the_future_is_refused(two_revisions) -> None:
    root, _, _ = two_revisions
    ahead = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    result = invoke(review, "SH/GZ-001", "--result", "继续有效", "--name", "x", "--date", ahead, "--root", root)
    assert result.exit_code == 1
    assert f"error: the review is dated {ahead}, after today ({datetime.date.today()})" in result.stderr
    assert "Traceback" not in result.output
