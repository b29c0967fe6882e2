"""`handbook build`: a failed build never touches the site that is being served."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import HandbookError
from generator.publish.build import build
from generator.publish.guard import write_marker


def _previous_site(project: Path) -> Path:
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    write_marker(site)  # made by a build: the next build may replace it
    return site


def test_build_with_source_errors_leaves_previous_site_intact(project_copy: Path) -> None:
    site = _previous_site(project_copy)
    source = project_copy / "procedures" / "SH-GZ-001.yml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("effective: 2026-12-05", "effective: 2024-02-30"), encoding="utf-8"
    )
    with pytest.raises(HandbookError) as raised:
        build(project_copy)
    assert any("not a real date" in item.message for item in raised.value.diagnostics)
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert [path.name for path in project_copy.iterdir() if path.name.startswith(".site")] == []


def test_build_failing_inside_mkdocs_leaves_previous_site_intact(project_copy: Path) -> None:
    site = _previous_site(project_copy)
    configuration = project_copy / "mkdocs.yml"
    configuration.write_text(configuration.read_text(encoding="utf-8") + "\nnot_a_mkdocs_option: 1\n", encoding="utf-8")
    with pytest.raises(HandbookError):
        build(project_copy, strict=True)
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert [path.name for path in project_copy.iterdir() if path.name.startswith(".site")] == []


def test_successful_build_replaces_the_site(project_copy: Path) -> None:
    site = _previous_site(project_copy)
    build(project_copy)
    assert "受控文件清单" in (site / "index.html").read_text(encoding="utf-8")
    assert not (project_copy / "site.old").exists()
