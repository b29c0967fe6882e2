"""Forms under the same control as documents, in a real git repository: revise → approve →
release on a form, effective-date gating, breaking changes reported by `check` and on the
form page, old record schemas kept at a versioned path, documents using it listed for review."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest

from generator.cli.control import approve, release, review_due, revise
from generator.cli.main import main
from generator.document.versions import in_force_handbook, read_archive
from generator.publish.artifacts import write_versioned_record_schemas
from generator.render.site.pages import SiteRenderer
from generator.source.project import read_handbook
from tests.control_support import commit_all, init_repository, invoke, release_first_revision, run_ok, write_handbook
from tests.html_reading import squeeze

FORM = Path("forms/QR-GZ001-01.yml")
OLD_FIELD = "{id: customer_name, label: 顾客名称, type: text, required: true}"
RENAMED_FIELD = "{id: client_name, label: 顾客名称, type: text, required: true}"


def edit_form(root: Path, old: str, new: str) -> None:
    path = root / FORM
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture()
def form_revised(tmp_path: Path) -> Path:
    """QR-GZ001-01 A0 (as first committed), then A1 renaming a field id, effective 2024-09-01."""
    root = tmp_path / "handbook"
    write_handbook(root)
    init_repository(root)
    release_first_revision(root)
    run_ok(revise, "QR-GZ001-01", "--change", "字段标识改为 client_name", "--effective", "2024-09-01", "--root", root)
    edit_form(root, OLD_FIELD, RENAMED_FIELD)
    for role, name, date in (("编制", "用服中心", "2024-08-01"), ("审核", "品质部经理", "2024-08-02")):
        run_ok(approve, "QR-GZ001-01", "--as", role, "--name", name, "--date", date, "--root", root)
    run_ok(approve, "QR-GZ001-01", "--as", "批准", "--name", "总经理", "--date", "2024-08-03", "--root", root)
    run_ok(release, "QR-GZ001-01", "--root", root)
    commit_all(root, "release QR-GZ001-01 A1", "2024-08-04T09:00:00+08:00")
    return root


def site_on(root: Path, date: datetime.date) -> SiteRenderer:
    read = read_handbook(root)
    archive = read_archive(root, read.handbook, read.document_paths, date, read.form_paths)
    return SiteRenderer(read.handbook, date, archive)


def form_page_text(site: SiteRenderer) -> str:
    return squeeze(next(page.content for page in site.pages() if page.path == "forms/QR-GZ001-01.md"))


def test_revised_form_file_has_history_sign_off_and_passes_check(form_revised: Path) -> None:
    text = (form_revised / FORM).read_text(encoding="utf-8")
    assert "status: 生效\n" in text
    assert text.endswith(
        "history:\n  - revision: A0\n    date: 2024-01-01\n    change: 首次发布\n"
        "  - revision: A1\n    date: 2024-09-01\n    change: 字段标识改为 client_name\n"
        "    prepared: {name: 用服中心, date: 2024-08-01}\n    reviewed: {name: 品质部经理, date: 2024-08-02}\n"
        "    approved: {name: 总经理, date: 2024-08-03}\n"
    )
    result = invoke(main, "check", "--root", form_revised)
    assert (result.exit_code, result.stdout) == (0, "ok: 1 documents, 1 forms\n")


def test_form_revision_is_gated_by_its_effective_date(form_revised: Path) -> None:
    before = site_on(form_revised, datetime.date(2024, 8, 31))
    assert [form.revision for form in before.handbook.forms] == ["A0"]
    text = form_page_text(before)
    assert (
        "<strong>新版次A1（待生效）</strong>将于2024-09-01生效" in text
        and "customer_name" in text
        and "client_name" not in text
    )
    after = site_on(form_revised, datetime.date(2024, 9, 1))
    assert [form.revision for form in after.handbook.forms] == ["A1"]


def test_breaking_change_and_documents_to_review_are_on_the_form_page(form_revised: Path) -> None:
    text = form_page_text(site_on(form_revised, datetime.date(2024, 9, 2)))
    assert "不兼容变更（A0→A1）" in text
    assert "<li>字段改名：customer_name→client_name（顾客名称）</li>" in text
    assert "需评审的文件" in text and "SH/GZ-001售后服务管理规定</a>" in text
    assert 'href="../../schemas/forms/QR-GZ001-01/A0.schema.json"' in text


def test_document_page_says_it_is_due_for_review_after_its_form_was_revised(form_revised: Path) -> None:
    site = site_on(form_revised, datetime.date(2024, 9, 2))
    page = squeeze(next(page.content for page in site.pages() if page.path == "documents/SH-GZ-001.md"))
    assert "<strong>需评审</strong>：本文件使用的表单" in page and "已修订为A1（2024-09-01生效）" in page
    before = site_on(form_revised, datetime.date(2024, 8, 31))
    assert "需评审" not in next(page.content for page in before.pages() if page.path == "documents/SH-GZ-001.md")


def test_review_due_lists_the_documents_using_the_revised_form(form_revised: Path) -> None:
    result = run_ok(review_due, "--as-of", "2024-09-02", "--root", form_revised)
    assert "SH/GZ-001  售后服务管理规定（表单 QR-GZ001-01 已修订为 A1）" in result.stdout
    assert "表单已修订" in result.stdout


def test_old_records_still_validate_against_their_revisions_schema(form_revised: Path, tmp_path: Path) -> None:
    read = read_handbook(form_revised)
    archive = read_archive(form_revised, read.handbook, read.document_paths, datetime.date(2024, 9, 2), read.form_paths)
    entries = write_versioned_record_schemas(in_force_handbook(read.handbook, archive), archive, tmp_path / "site")
    assert [(entry.revision, entry.path) for entry in entries] == [
        ("A0", "schemas/forms/QR-GZ001-01/A0.schema.json"),
        ("A1", "schemas/forms/QR-GZ001-01/A1.schema.json"),
    ]
    old_schema, new_schema = (json.loads((tmp_path / "site" / entry.path).read_text()) for entry in entries)
    old_record = {"customer_name": "某客户"}
    jsonschema.validate(old_record, old_schema, cls=jsonschema.Draft202012Validator)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(old_record, new_schema, cls=jsonschema.Draft202012Validator)


def test_breaking_change_made_in_place_fails_check(form_revised: Path) -> None:
    edit_form(form_revised, RENAMED_FIELD, "{id: client, label: 顾客名称, type: text, required: true}")
    result = invoke(main, "check", "--root", form_revised)
    assert result.exit_code == 1 and "Traceback" not in result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(
        "forms/QR-GZ001-01.yml:11:14: error: released form revision A1 was changed without a new revision: "
        "breaking change 字段改名：client_name → client（顾客名称） (records kept under it would no longer validate); "
        "it was released in commit "
    )
    assert "handbook revise QR-GZ001-01" in result.stderr


@pytest.mark.slow
def test_superseded_form_revision_keeps_a_marked_blank_pdf(form_revised: Path, monkeypatch) -> None:
    import shutil
    import subprocess

    from generator.publish.build import build
    from tests.conftest import PROJECT_ROOT

    shutil.copy(PROJECT_ROOT / "mkdocs.yml", form_revised / "mkdocs.yml")
    (form_revised / "docs").mkdir()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1725580800")  # 2024-09-06: A1 in force
    build(form_revised, strict=True)
    site = form_revised / "site"
    old = subprocess.run(["pdftotext", str(site / "pdf/forms/QR-GZ001-01_A0.pdf"), "-"], capture_output=True, text=True)
    pages = old.stdout.split("\f")[:-1]
    assert pages and all("已作废（已被替代）A0：仅供查阅" in page for page in pages)
    current = subprocess.run(
        ["pdftotext", str(site / "pdf/forms/QR-GZ001-01.pdf"), "-"], capture_output=True, text=True
    )
    assert "QR-GZ001-01 A1" in current.stdout and "已作废" not in current.stdout
    assert (site / "schemas/forms/QR-GZ001-01/A0.schema.json").is_file()
    assert json.loads((site / "schemas/forms/QR-GZ001-01.schema.json").read_text())["required"] == ["client_name"]
