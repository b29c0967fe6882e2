"""The superseded archive, read back from a real git repository, and effective-date gating."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.diagnostics import Severity
from generator.document.git_history import IssuedHistory, issued_revisions
from generator.document.in_force import VersionState, in_force
from generator.document.redline import ChangeKind, Segment, redline
from generator.source.model import NumberingStyle, Status
from tests.control_support import (
    DOCUMENT_PATH,
    NEW_CLAUSE,
    OLD_CLAUSE,
    commit_all,
    git,
    init_repository,
    release_first_revision,
    release_second_revision,
    write_handbook,
)


def body_texts(document) -> list[str]:
    return [step.text for chapter in document.body for step in chapter.steps]


@pytest.fixture()
def two_revisions(tmp_path: Path) -> tuple[Path, str, str]:
    """A repository where A0 was released, then A1 (one clause changed); returns both commits."""
    root = tmp_path / "handbook"
    write_handbook(root)
    init_repository(root)
    first = release_first_revision(root)
    second = release_second_revision(root)
    return root, first, second


def test_issued_revisions_are_read_from_the_release_commits(two_revisions) -> None:
    root, first, second = two_revisions
    history = issued_revisions(root, DOCUMENT_PATH)
    assert history.warnings == ()
    assert [item.revision for item in history.revisions] == ["A0", "A1"]
    a0, a1 = history.revisions
    assert (a0.commit, a1.commit) == (first, second)
    assert (a0.effective, a1.effective) == (datetime.date(2024, 1, 1), datetime.date(2024, 7, 1))
    assert a0.commit_date == datetime.datetime.fromisoformat("2023-12-29T09:00:00+08:00")
    assert a1.commit_date == datetime.datetime.fromisoformat("2024-06-16T09:00:00+08:00")
    assert a0.document.status is Status.EFFECTIVE and a1.document.status is Status.EFFECTIVE
    assert OLD_CLAUSE in body_texts(a0.document) and NEW_CLAUSE not in body_texts(a0.document)
    assert NEW_CLAUSE in body_texts(a1.document)
    assert [entry.revision for entry in a1.document.history] == ["A0", "A1"]
    assert history.by_revision("A1") is a1


def test_redline_between_issued_revisions_shows_exactly_the_changed_clause(two_revisions) -> None:
    root, _, _ = two_revisions
    a0, a1 = issued_revisions(root, DOCUMENT_PATH).revisions
    changes = redline(a0.document, a1.document, NumberingStyle.CHINESE, NumberingStyle.CHINESE)
    assert (changes.old_revision, changes.new_revision) == ("A0", "A1")
    assert changes.header == () and changes.responsibilities == () and changes.records == ()
    assert len(changes.clauses) == 1
    change = changes.clauses[0]
    assert change.kind is ChangeKind.CHANGED
    assert change.label == "（一）" and change.new.anchor == "c-5-1"  # 五、服务过程 （一）
    assert (change.old.text, change.new.text) == (OLD_CLAUSE, NEW_CLAUSE)
    assert [field.field for field in change.fields] == ["text"]
    assert change.fields[0].segments == (
        Segment("equal", "到达现场后，再次了解"),
        Segment("insert", "并确认"),
        Segment("equal", "故障信息。"),
    )


def test_in_force_before_the_new_revision_takes_effect(two_revisions) -> None:
    root, _, _ = two_revisions
    history = issued_revisions(root, DOCUMENT_PATH)
    a0, a1 = history.revisions
    before = in_force(history.revisions, datetime.date(2024, 6, 30))
    assert before.current == a0
    assert before.pending == (a1,)
    assert before.state_of(a1) is VersionState.PENDING and str(before.state_of(a1)) == "待生效"
    assert before.state_of(a0) is VersionState.IN_FORCE
    after = in_force(history.revisions, datetime.date(2024, 7, 1))
    assert after.current == a1 and after.superseded == (a0,) and after.pending == ()
    assert after.state_of(a0) is VersionState.SUPERSEDED
    nothing_yet = in_force(history.revisions, datetime.date(2023, 12, 31))
    assert nothing_yet.current is None and nothing_yet.pending == (a0, a1)


def test_drafts_and_later_edits_of_an_issued_revision_are_not_new_issues(two_revisions) -> None:
    root, _, second = two_revisions
    path = root / DOCUMENT_PATH
    path.write_text(path.read_text(encoding="utf-8").replace("服务结束后", "服务完成后"), encoding="utf-8")
    commit_all(root, "typo in A1", "2024-08-01T09:00:00+08:00")
    history = issued_revisions(root, DOCUMENT_PATH)
    assert [item.revision for item in history.revisions] == ["A0", "A1"]
    assert history.revisions[1].commit == second


def released_a2(a1_text: str) -> str:
    """The A1 file turned into a released A2 (new history entry, later effective date)."""
    text = a1_text.replace("revision: A1\n", "revision: A2\n", 1).replace(
        "effective: 2024-07-01", "effective: 2024-09-01"
    )
    return text + (
        "  - revision: A2\n    date: 2024-09-01\n    change: 修订\n"
        "    prepared: {name: a, date: 2024-08-01}\n    reviewed: {name: b, date: 2024-08-01}\n"
        "    approved: {name: c, date: 2024-08-01}\n"
    )


def test_a_version_that_does_not_parse_is_skipped_with_a_warning(two_revisions) -> None:
    root, _, _ = two_revisions
    path = root / DOCUMENT_PATH
    good = released_a2(path.read_text(encoding="utf-8"))
    path.write_text(good.replace("title: 售后服务管理规定\n", "title: [售后服务管理规定\n"), encoding="utf-8")
    broken_commit = commit_all(root, "broken A2", "2024-08-20T09:00:00+08:00")
    path.write_text(good, encoding="utf-8")
    fixed_commit = commit_all(root, "fixed A2", "2024-08-21T09:00:00+08:00")
    history = issued_revisions(root, DOCUMENT_PATH)
    assert [item.revision for item in history.revisions] == ["A0", "A1", "A2"]
    assert history.revisions[2].commit == fixed_commit
    assert len(history.warnings) == 1
    problem = history.warnings[0]
    assert problem.severity is Severity.WARNING and broken_commit[:10] in problem.message
    assert "YAML syntax error" in problem.message


def test_a_broken_commit_that_issues_nothing_new_is_not_parsed(two_revisions) -> None:
    """Only versions that bring a new issued revision are parsed: that is what keeps it fast."""
    root, _, _ = two_revisions
    path = root / DOCUMENT_PATH
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("title: 售后服务管理规定\n", "title: [售后服务管理规定\n"), encoding="utf-8")
    commit_all(root, "broken A1", "2024-08-20T09:00:00+08:00")
    path.write_text(good, encoding="utf-8")
    commit_all(root, "fixed A1", "2024-08-21T09:00:00+08:00")
    history = issued_revisions(root, DOCUMENT_PATH)
    assert [item.revision for item in history.revisions] == ["A0", "A1"] and history.warnings == ()


def test_a_release_not_yet_committed_comes_from_the_working_copy(two_revisions) -> None:
    root, _, _ = two_revisions
    from generator.cli.control import release, revise
    from tests.control_support import run_ok, sign_off

    run_ok(revise, "SH/GZ-001", "--change", "增加条款", "--effective", "2024-12-01", "--root", root)
    sign_off(root, ("2024-11-01", "2024-11-02", "2024-11-03"))
    run_ok(release, "SH/GZ-001", "--root", root)
    history = issued_revisions(root, DOCUMENT_PATH)
    assert [item.revision for item in history.revisions] == ["A0", "A1", "A2"]
    assert history.revisions[-1].commit is None
    assert any("not committed" in item.message for item in history.warnings)


def test_renamed_file_keeps_its_archive(two_revisions) -> None:
    root, first, second = two_revisions
    git(root, "mv", str(DOCUMENT_PATH), "procedures/renamed.yml")
    commit_all(root, "rename", "2024-08-01T09:00:00+08:00")
    history = issued_revisions(root, Path("procedures/renamed.yml"))
    assert [(item.revision, item.commit) for item in history.revisions] == [("A0", first), ("A1", second)]


def only_current_revision(history: IssuedHistory, reason: str) -> None:
    assert [item.revision for item in history.revisions] == ["A1"]
    assert history.revisions[0].commit is None
    assert len(history.warnings) == 1
    problem = history.warnings[0]
    assert problem.severity is Severity.WARNING and problem.path == str(DOCUMENT_PATH)
    assert "only the current revision" in problem.message and reason in problem.message


def test_shallow_clone_gives_only_the_current_revision_and_says_why(two_revisions, tmp_path: Path) -> None:
    root, _, _ = two_revisions
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    only_current_revision(issued_revisions(clone, DOCUMENT_PATH), "shallow clone")
    assert "--unshallow" in issued_revisions(clone, DOCUMENT_PATH).warnings[0].hint


def test_checkout_without_git_gives_only_the_current_revision(two_revisions, tmp_path: Path) -> None:
    root, _, _ = two_revisions
    export = tmp_path / "export"
    shutil.copytree(root, export, ignore=shutil.ignore_patterns(".git"))
    only_current_revision(issued_revisions(export, DOCUMENT_PATH), "not a git repository")


def test_missing_git_program_gives_only_the_current_revision(two_revisions, tmp_path: Path, monkeypatch) -> None:
    root, _, _ = two_revisions
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    only_current_revision(issued_revisions(root, DOCUMENT_PATH), "git is not installed")


def test_document_never_released_has_no_issued_revision(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    write_handbook(root)
    init_repository(root)
    commit_all(root, "draft", "2023-12-15T09:00:00+08:00")
    history = issued_revisions(root, DOCUMENT_PATH)
    assert history.revisions == () and history.warnings == ()
