"""Distribution lists, recall on release and the verify status, on small real git handbooks.

The release is walked through with the real commands (tests/control_support.py); the site
pages come from a real MkDocs build of that repository without PDFs.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.document.distribution import recall_plan
from generator.document.verification import document_status, form_status
from generator.document.versions import read_archive
from generator.render.verify_code import verify_url
from generator.source.project import read_handbook
from tests.control_support import (
    DOCUMENT_PATH,
    SETTINGS,
    commit_all,
    init_repository,
    invoke,
    run_ok,
    sign_off,
    write_handbook,
)

TYPE_DEFAULT = """\
    distribution:
      - {copy: '01', holder: 总经理办公室}
      - {copy: '02', holder: 用服中心}
"""
OWN_LIST = """\
distribution:
  - {copy: '01', holder: 总经理办公室}
  - {copy: '02', holder: 用服中心}
  - {copy: '03', holder: 服务工程师班组, medium: electronic}
"""


def settings_with_default() -> str:
    return SETTINGS.replace("    numbering: chinese\n", "    numbering: chinese\n" + TYPE_DEFAULT)


@pytest.fixture()
def released_a0(tmp_path: Path) -> Path:
    """A0 released to the type's default holders, committed; the repository root."""
    from generator.cli.control import release

    root = tmp_path / "handbook"
    write_handbook(root)
    (root / "handbook.yml").write_text(settings_with_default(), encoding="utf-8")
    init_repository(root)
    commit_all(root, "A0 draft", "2023-12-15T09:00:00+08:00")
    sign_off(root, ("2023-12-20", "2023-12-25", "2023-12-28"))
    run_ok(release, "SH/GZ-001", "--root", root)
    commit_all(root, "release A0", "2023-12-29T09:00:00+08:00")
    return root


def release_a1_with_own_list(root: Path):
    """A1 gets a distribution list of its own (a third holder); returns the release's result."""
    from generator.cli.control import release, revise

    run_ok(revise, "SH/GZ-001", "--change", "增加服务工程师班组的电子副本", "--effective", "2024-07-01", "--root", root)
    path = root / DOCUMENT_PATH
    path.write_text(path.read_text(encoding="utf-8") + OWN_LIST, encoding="utf-8")
    commit_all(root, "A1 draft", "2024-06-01T09:00:00+08:00")
    sign_off(root, ("2024-06-10", "2024-06-12", "2024-06-15"))
    return run_ok(release, "SH/GZ-001", "--root", root)


def test_release_prints_the_copies_to_recall_and_to_issue(released_a0: Path) -> None:
    result = release_a1_with_own_list(released_a0)
    lines = result.stdout.splitlines()
    recall = lines.index("recall 2 copies of SH/GZ-001 A0 (收回, from 2024-07-01):")
    assert lines[recall + 1 : recall + 3] == ["  分发号 01  总经理办公室（纸质）", "  分发号 02  用服中心（纸质）"]
    issue = lines.index("issue 3 copies of SH/GZ-001 A1 (发放):")
    assert lines[issue + 1 : issue + 4] == [
        "  分发号 01  总经理办公室（纸质）",
        "  分发号 02  用服中心（纸质）",
        "  分发号 03  服务工程师班组（电子）",
    ]
    assert "登记表: pdf/registers/SH-GZ-001_A1.pdf and registers/SH-GZ-001/A1/ after `handbook build`" in lines


def test_first_release_has_nothing_to_recall(tmp_path: Path) -> None:
    from generator.cli.control import release

    root = tmp_path / "handbook"
    write_handbook(root)
    (root / "handbook.yml").write_text(settings_with_default(), encoding="utf-8")
    sign_off(root, ("2023-12-20", "2023-12-25", "2023-12-28"))
    output = run_ok(release, "SH/GZ-001", "--root", root).stdout
    assert "recall" not in output
    assert "issue 2 copies of SH/GZ-001 A0 (发放):" in output


def test_a_refused_release_prints_no_recall(released_a0: Path) -> None:
    from generator.cli.control import release

    result = invoke(release, "SH/GZ-001", "--root", released_a0)
    assert result.exit_code == 1
    assert "recall" not in result.stdout and "issue" not in result.stdout


def test_statuses_and_recall_plan_from_the_archive(released_a0: Path) -> None:
    release_a1_with_own_list(released_a0)
    commit_all(released_a0, "release A1", "2024-06-16T09:00:00+08:00")
    result = read_handbook(released_a0)
    handbook = result.handbook
    for date, expected in (
        (datetime.date(2024, 6, 20), {"A0": ("现行", "2024-01-01"), "A1": ("待生效", "2024-07-01")}),
        (datetime.date(2024, 7, 1), {"A0": ("已被替代", "2024-07-01"), "A1": ("现行", "2024-07-01")}),
    ):
        versions = read_archive(released_a0, handbook, result.document_paths, date).documents["SH/GZ-001"]
        statuses = {version.document.revision: document_status(versions, version) for version in versions.versions}
        assert {revision: (status.state, str(status.since)) for revision, status in statuses.items()} == expected
    assert statuses["A0"].successor.revision == "A1" and statuses["A0"].in_force.revision == "A1"
    plan = recall_plan(handbook, versions, versions.versions[1])
    assert [holder.copy_number for holder in plan.recall] == ["01", "02"]
    assert [(holder.copy_number, holder.medium.label) for holder in plan.issue][-1] == ("03", "电子")


def test_a_form_is_pending_until_its_effective_date(example_handbook) -> None:
    form = example_handbook.forms[0]
    assert form_status(form, form.effective).state == "现行"
    assert form_status(form, form.effective - datetime.timedelta(days=1)).state == "待生效"


def test_verify_url_is_relative_without_a_site_url() -> None:
    assert verify_url(None, "SQ/WI0727", "A/00") == "verify/SQ-WI0727/A-00/"
    assert (
        verify_url("http://handbook.internal", "SQ/WI0727", "A/00") == "http://handbook.internal/verify/SQ-WI0727/A-00/"
    )


def test_type_default_applies_unless_a_document_has_its_own_list(example_handbook) -> None:
    own = example_handbook.documents_by_number["SH/GZ-001"]
    default = example_handbook.documents_by_number["SH/GZ-002"]
    assert [holder.holder for holder in example_handbook.distribution_of(own)][:3] == [
        "总经理办公室",
        "营销事业部用服中心",
        "销售部",
    ]
    assert [holder.holder for holder in example_handbook.distribution_of(default)] == [
        "总经理办公室",
        "售后服务部",
        "品质部",
        "财务部",
    ]
