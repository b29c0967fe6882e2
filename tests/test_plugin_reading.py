"""The plugin owns reading: once per build, and not again while the sources are unchanged.

Real MkDocs builds of a small handbook in a real git repository. `read_handbook` and
`versions_redline` are wrapped only to count their calls; what they do is unchanged.
"""

from __future__ import annotations

import datetime
import shutil
from collections import Counter
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

import generator.document.versions as versions_module
import generator.publish.build as build_module
import generator.publish.sources as sources_module
import generator.source.project as project_module
from generator.publish.build import build
from generator.publish.plugin import HandbookPlugin
from generator.publish.sources import source_stamp
from tests.control_support import commit_all, init_repository, run_ok, write_handbook

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counted: Counter[str] = Counter()

    def counting(name: str, function):
        def wrapper(*arguments, **options):
            counted[name] += 1
            return function(*arguments, **options)

        return wrapper

    read = counting("read_handbook", project_module.read_handbook)
    monkeypatch.setattr(project_module, "read_handbook", read)
    monkeypatch.setattr(sources_module, "read_handbook", read)
    monkeypatch.setattr(build_module, "read_handbook", read)
    monkeypatch.setattr(versions_module, "versions_redline", counting("redline", versions_module.versions_redline))
    return counted


@pytest.fixture()
def released_twice(tmp_path: Path) -> Path:
    """A handbook whose document has two issued revisions (so one redline), pages only."""
    from generator.cli.control import approve, release, revise

    root = tmp_path / "handbook"
    write_handbook(root)
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        text.replace("  - handbook\n", "  - handbook:\n      artifacts: false\n"), encoding="utf-8"
    )
    (root / "docs").mkdir()
    init_repository(root)
    signers = (
        ("编制", "张三"),
        ("审核", "李四"),
        ("批准", "王五"),
    )  # three people: sign-off rules forbid one signing twice
    for (role, name), date in zip(signers, ("2023-12-01", "2023-12-02", "2023-12-03")):
        run_ok(approve, "SH/GZ-001", "--as", role, "--name", name, "--date", date, "--root", root)
    run_ok(release, "SH/GZ-001", "--root", root)
    commit_all(root, "A0", "2024-01-01T09:00:00+08:00")
    run_ok(revise, "SH/GZ-001", "--change", "改", "--effective", "2024-06-01", "--root", root)
    for (role, name), date in zip(signers, ("2024-05-01", "2024-05-02", "2024-05-03")):
        run_ok(approve, "SH/GZ-001", "--as", role, "--name", name, "--date", date, "--root", root)
    run_ok(release, "SH/GZ-001", "--root", root)
    commit_all(root, "A1", "2024-05-04T09:00:00+08:00")
    return root


def test_handbook_build_reads_the_sources_once_and_each_redline_once(
    released_twice: Path, calls: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2024, 7, 1).timestamp())))
    build(released_twice)
    assert calls["read_handbook"] == 1
    assert calls["redline"] == 1
    assert (released_twice / "site" / "redlines" / "SH-GZ-001" / "A0_A1" / "index.html").exists()


def test_serve_rebuilds_reuse_the_read_until_a_source_or_head_changes(
    released_twice: Path, calls: Counter[str], tmp_path: Path
) -> None:
    """As `mkdocs serve` does: load_config per rebuild; the plugin instance (it has on_startup) persists."""

    def rebuild() -> HandbookPlugin:
        config = load_config(config_file=str(released_twice / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        plugin = config.plugins["handbook"]
        assert isinstance(plugin, HandbookPlugin)
        mkdocs_build(config)
        return plugin

    first = rebuild()
    first_handbook = first.handbook
    assert (calls["read_handbook"], calls["redline"]) == (1, 1)
    assert rebuild() is first  # the same instance, so the same cache
    assert (calls["read_handbook"], calls["redline"]) == (1, 1)

    source = released_twice / "procedures" / "SH-GZ-001.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("服务结束后", "服务完成后"), encoding="utf-8")
    assert rebuild().handbook is not first_handbook
    assert calls["read_handbook"] == 2
    assert "服务完成后" in source_text_of(first)

    commit_all(released_twice, "edit", "2024-05-05T09:00:00+08:00")
    rebuild()  # same files, new HEAD: the archive may differ, so read again
    assert calls["read_handbook"] == 3


def source_text_of(plugin: HandbookPlugin) -> str:
    """The working copy's clause texts as the plugin read them."""
    assert plugin.handbook is not None
    document = plugin.handbook.documents_by_number["SH/GZ-001"]
    return " ".join(step.text or "" for section in document.body for step in section.steps)


def test_the_stamp_changes_with_size_mtime_new_files_and_head(released_twice: Path) -> None:
    before = source_stamp(released_twice)
    assert before == source_stamp(released_twice)
    assert before.head is not None and len(before.head) == 40
    shutil.copy(released_twice / "forms" / "QR-GZ001-01.yml", released_twice / "forms" / "QR-GZ001-02.yml")
    assert source_stamp(released_twice) != before
