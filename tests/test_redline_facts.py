"""Redlines cover every controlled fact, not only the words: an owner-only change, a changed
time limit or form reference, related documents. Revisions are made with the real commands in a
real git repository and read back from it, as the archive pages and PDFs read them."""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.cli.control import release, revise
from generator.document.git_history import issued_revisions
from generator.document.redline import ChangeKind, Segment, redline
from generator.document.versions import read_archive
from generator.render.site.pages import SiteRenderer
from generator.source.model import NumberingStyle
from generator.source.project import read_handbook
from tests.control_support import (
    DOCUMENT_PATH,
    commit_all,
    init_repository,
    release_first_revision,
    run_ok,
    sign_off,
    write_handbook,
)
from tests.html_reading import squeeze


def revised(root: Path, change: str, replacements: list[tuple[str, str]]) -> None:
    """A1 through revise → edit → sign → release → commit."""
    run_ok(revise, "SH/GZ-001", "--change", change, "--effective", "2024-07-01", "--root", root)
    path = root / DOCUMENT_PATH
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    sign_off(root, ("2024-06-10", "2024-06-12", "2024-06-15"))
    run_ok(release, "SH/GZ-001", "--root", root)
    commit_all(root, "release A1", "2024-06-16T09:00:00+08:00")


def repository(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    write_handbook(root)
    init_repository(root)
    release_first_revision(root)
    return root


def test_owner_only_change_is_a_change(tmp_path: Path) -> None:
    root = repository(tmp_path)
    revised(root, "服务过程：明确责任", [("      - text: 到达现场后，再次了解故障信息。\n",
                                          "      - text: 到达现场后，再次了解故障信息。\n        owner: 服务工程师\n")])  # fmt: skip
    old, new = issued_revisions(root, DOCUMENT_PATH).revisions
    changes = redline(old.document, new.document, NumberingStyle.CHINESE, NumberingStyle.CHINESE)
    assert not changes.is_empty
    [change] = changes.clauses
    assert change.kind is ChangeKind.CHANGED and change.label == "（一）"
    assert [(field.field, field.old, field.new) for field in change.fields] == [("owner", None, "服务工程师")]
    assert change.fields[0].segments == (Segment("insert", "服务工程师"),)
    read = read_handbook(root)
    archive = read_archive(root, read.handbook, read.document_paths, datetime.date(2024, 8, 1))
    page = next(
        item for item in SiteRenderer(read.handbook, datetime.date(2024, 8, 1), archive).pages()
        if item.path == "redlines/SH-GZ-001/A0_A1.md"
    )  # fmt: skip
    text = squeeze(page.content)
    assert "没有差异" not in text and "责任：" in text and "<ins>服务工程师</ins>" in text


def test_time_limit_form_and_related_document_changes_are_listed(tmp_path: Path) -> None:
    root = repository(tmp_path)
    revised(
        root,
        "时限与表单",
        [
            ("time_limit: 24小时内", "time_limit: 12小时内"),
            ("        forms: [QR-GZ001-01]\n", "        forms: []\n"),
            ("records:\n", "related:\n  - {title: 三包售后协议}\nrecords:\n"),
        ],
    )
    old, new = issued_revisions(root, DOCUMENT_PATH).revisions
    changes = redline(old.document, new.document, NumberingStyle.CHINESE, NumberingStyle.CHINESE)
    fields = {
        (change.label, field.field, field.old, field.new) for change in changes.clauses for field in change.fields
    }
    assert fields == {("（二）", "time_limit", "24小时内", "12小时内"), ("（一）", "forms", "QR-GZ001-01", None)}
    assert [(item.field, item.old, item.new) for item in changes.header] == [("related", None, "三包售后协议")]
