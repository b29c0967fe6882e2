"""The built intranet site, read back from disk: every page kind, every link, offline."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest

from generator.document.outline import document_outline, iter_clauses
from generator.render import paths
from generator.render.site.pages import SiteRenderer
from generator.render.text import inline_markup
from generator.source.model import Status
from tests.conftest import FIXED_BUILD_EPOCH, _is_shallow_clone
from tests.html_reading import page_file, read_page, squeeze

pytestmark = pytest.mark.slow


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def plain(text: str | None) -> str:
    return squeeze(re.sub(r"<[^>]+>", "", str(inline_markup(text))))


def test_home_lists_every_document_and_form(built_site: Path, example_handbook) -> None:
    page = read_page(built_site / "index.html")
    for document in example_handbook.documents:
        assert document.number in page.text
        assert paths.page_url(paths.document_page(document)) in " ".join(page.links)
    for form in example_handbook.forms:
        assert form.number in page.text and form.title in page.text
    assert "受控文件清单" in page.text
    for column in ("编号", "名称", "类别", "版次", "生效日期", "状态", "归口部门", "下次评审"):
        assert column in page.text


def test_document_pages_carry_header_every_clause_and_records(built_site: Path, example_handbook) -> None:
    for document in example_handbook.documents:
        page = read_page(page_file(built_site, paths.page_url(paths.document_page(document))))
        text = squeeze(page.text)
        for label in ("文件编号", "版次", "文件名称", "生效日期", "文件更改记录", "编制", "审核", "批准"):
            assert label in text
        assert squeeze(document.number) in text and squeeze(document.revision) in text
        for clause in iter_clauses(document_outline(example_handbook, document.number)):
            if clause.text:
                assert plain(clause.text) in text, f"{document.number} {clause.label} missing"
            assert clause.anchor in page.ids
        for record in document.records:
            assert f"../../forms/{paths.slug(record.form)}/" in page.links
        assert any(link.endswith(paths.document_pdf(document)) for link in page.links)


def test_time_limits_are_marked_on_their_clause(built_site: Path) -> None:
    html = (built_site / "documents" / "SH-GZ-001" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"hb-chip--time[^>]*>时限：24小时内<", html)
    html = (built_site / "documents" / "YTCXQP034" / "index.html").read_text(encoding="utf-8")
    assert "单次索赔数额超过500元" in html and "hb-chip--threshold" in html


def test_form_pages_have_fields_downloads_and_users(built_site: Path, example_handbook) -> None:
    for form in example_handbook.forms:
        page = read_page(page_file(built_site, paths.page_url(paths.form_page(form))))
        for field in form.all_fields():
            assert field.id in page.text and field.label in page.text
        for target in (paths.form_pdf(form), paths.form_pdf(form, True), paths.record_schema(form)):
            assert any(link.endswith(target) for link in page.links), target
        for number in example_handbook.form_users[form.number]:
            assert number in page.text


def test_matrix_links_each_cell_to_its_clause(built_site: Path) -> None:
    page = read_page(built_site / "matrix" / "index.html")
    assert "用服中心主管" in page.text and "前台接待人员" in page.text
    clause_links = [link for link in page.links if "#c-" in link]
    assert len(clause_links) > 200
    for link in clause_links:
        target, anchor = urldefrag(link)
        facts = read_page(page_file(built_site / "matrix", target))
        assert anchor in facts.ids, link


def test_time_rules_page_lists_every_rule(built_site: Path, example_handbook) -> None:
    renderer = SiteRenderer(example_handbook, datetime.date(2026, 1, 1))
    page = read_page(built_site / "time-limits" / "index.html")
    text = squeeze(page.text)
    assert len(renderer.time_rules) > 40
    for rule in renderer.time_rules:
        assert squeeze(rule.text) in text
    for expected in ("24小时内", "每季一次", "每年至少一次", "接函电后两天内处理完毕"):
        assert expected in text


def test_changelog_is_newest_first(built_site: Path, example_handbook) -> None:
    page = read_page(built_site / "changelog" / "index.html")
    html = (built_site / "changelog" / "index.html").read_text(encoding="utf-8")
    revision_dates = re.findall(r"<tr><td class=\"hb-nowrap\">(\d{4}-\d{2}-\d{2})</td>", html)
    assert len(revision_dates) > 20
    assert revision_dates == sorted(revision_dates, reverse=True)
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    # the change records of the revisions in force on the build date: a released revision
    # that takes effect later (SH/WI-001 A1, 2026-11-23) is not yet in the handbook's record
    build_date = datetime.datetime.fromtimestamp(int(FIXED_BUILD_EPOCH), datetime.UTC).date()
    issued = [
        entry for document in example_handbook.documents for entry in document.history if entry.date <= build_date
    ]
    assert body.count("<tr>") == len(issued)
    assert "A2" in page.text and "已被替代" in page.text


def test_flowchart_only_where_a_flow_is_defined(built_site: Path) -> None:
    # SH/GZ-001 defines no flow: no chart guessed from its clause order
    html = (built_site / "documents" / "SH-GZ-001" / "index.html").read_text(encoding="utf-8")
    assert "hb-flowchart" not in html and "未指定" not in html
    # SH/GZ-002 A1 (待生效 on the build date) defines its complaint handling: swimlanes of roles
    pending = (built_site / "archive" / "SH-GZ-002" / "A1" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg class=\"hb-flowchart\".*?</svg>", pending, re.S)
    assert svg is not None
    assert svg.group(0).count('class="hb-flow-lane') >= 3
    assert 'href="#c-5-1"' in svg.group(0)


def test_no_broken_internal_link_anywhere(built_site: Path) -> None:
    broken = []
    id_cache: dict[Path, set[str]] = {}
    for html_file in html_files(built_site):
        facts = read_page(html_file)
        for link in facts.links + facts.resources:
            parsed = urlparse(link)
            if parsed.scheme or link.startswith("//") or link.startswith("mailto:"):
                continue
            target_path, anchor = urldefrag(link)
            if target_path:
                base = built_site if target_path.startswith("/") else html_file.parent
                target = (base / target_path.lstrip("/")).resolve()
                if target.is_dir():
                    target = target / "index.html"
            else:
                target = html_file
            if not target.exists():
                broken.append(f"{html_file.relative_to(built_site)} → {link}")
                continue
            if anchor and target.suffix == ".html":
                if target not in id_cache:
                    id_cache[target] = read_page(target).ids
                if anchor not in id_cache[target]:
                    broken.append(f"{html_file.relative_to(built_site)} → {link} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


def test_site_makes_no_external_request(built_site: Path) -> None:
    for html_file in html_files(built_site):
        facts = read_page(html_file)
        external = [
            resource
            for resource in facts.resources
            if urlparse(resource).scheme in ("http", "https") or resource.startswith("//")
        ]
        assert not external, f"{html_file}: {external}"
        content = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in content and "unpkg.com" not in content and "cdn.jsdelivr" not in content


def test_search_index_is_segmented_chinese(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # jieba segments Chinese at build time: words are separated by U+200B, which the
    # separator splits on (setting `lang: zh` instead breaks search in the browser).
    assert "\\u200b" in index["config"]["separator"]
    texts = " ".join(item["text"] + item["title"] for item in index["docs"])
    assert "\u200b投诉\u200b" in texts and "YTCXQP034" in texts


# a date on which each example document's working copy is the revision in force (the example's
# newest revisions take effect on 2026-12-05, after the test build's date of 2026-01-01)
AFTER_EVERY_EFFECTIVE_DATE = datetime.date(2027, 1, 1)


def _renderer_with(example_handbook, number: str, **changes) -> tuple[SiteRenderer, object]:
    document = example_handbook.documents_by_number[number].model_copy(update=changes)
    handbook = type(example_handbook)(
        settings=example_handbook.settings,
        documents=tuple(document if item.number == number else item for item in example_handbook.documents),
        forms=example_handbook.forms,
    )
    return SiteRenderer(handbook, AFTER_EVERY_EFFECTIVE_DATE), document


@pytest.mark.parametrize(
    ("changes", "banner"),
    [
        ({"status": Status.DRAFT}, "草稿"),
        ({"status": Status.OBSOLETE}, "已作废"),
        ({"effective": datetime.date(2030, 1, 1)}, "待生效"),
    ],
)
def test_status_banners_are_unmistakable(example_handbook, changes, banner) -> None:
    renderer, document = _renderer_with(example_handbook, "SH/GZ-001", **changes)
    content = renderer.document_page(document).content
    assert '<div class="hb-banner hb-banner--' in content and f"<strong>{banner}</strong>" in content


def test_current_effective_document_has_no_banner(example_handbook) -> None:
    renderer, document = _renderer_with(example_handbook, "SH/GZ-001")
    assert "hb-banner" not in renderer.document_page(document).content.split("<table", 1)[0]


def test_text_from_yaml_is_escaped_and_shown_literally(example_handbook) -> None:
    document = example_handbook.documents_by_number["SH/GZ-001"]
    hostile = document.body[0].model_copy(
        update={"text": "<script>alert(1)</script> [x](javascript:alert(1)) **重点**"}
    )
    renderer, changed = _renderer_with(example_handbook, "SH/GZ-001", body=(hostile,) + document.body[1:])
    content = renderer.document_page(changed).content
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content
    assert 'href="javascript:' not in content
    assert "[x](javascript:alert(1)) **重点**" in content  # no Markdown: the wording never changes


@pytest.mark.skipif(
    _is_shallow_clone(),
    reason="the archive needs the git history (a shallow or git-less checkout has only the current revision)",
)
def test_archive_keeps_every_issued_revision_marked_superseded(built_site: Path) -> None:
    current = read_page(built_site / "documents" / "SH-GZ-001" / "index.html")
    assert "各版次" in current.text
    for revision in ("A0", "A1"):
        assert f"../../archive/SH-GZ-001/{revision}/" in current.links
        archived = (built_site / "archive" / "SH-GZ-001" / revision / "index.html").read_text(encoding="utf-8")
        assert "已作废（已被替代）" in archived and "查看现行版次 A2" in archived
        assert (built_site / "pdf" / "documents" / f"SH-GZ-001_{revision}.pdf").exists()
    archived_a1 = read_page(built_site / "archive" / "SH-GZ-001" / "A1" / "index.html")
    assert "48小时内给顾客满意的回复" in squeeze(archived_a1.text)  # the text as it was in A1
    assert "24小时内给顾客满意的回复" in squeeze(current.text)


@pytest.mark.skipif(_is_shallow_clone(), reason="the archive needs the git history")
def test_redline_shows_exactly_the_changed_clauses(built_site: Path) -> None:
    html = (built_site / "redlines" / "SH-GZ-007" / "A0_A1" / "index.html").read_text(encoding="utf-8")
    assert "条款（2 处更改）" in html
    assert (
        html.count('class="hb-redline--changed"') == 2
        and "hb-redline--added" not in html
        and "hb-redline--removed" not in html
    )
    assert "<ins>放下车辆前应与周围的人预先招呼" in html
    assert "<ins>不需要整车举升的必须用三角垫木垫稳不离地的车轮，</ins>" in html
    assert (built_site / "pdf" / "redlines" / "SH-GZ-007_A0_A1.pdf").exists()


def test_manifest_lists_every_artifact_with_its_checksum(built_site: Path, example_handbook) -> None:
    import hashlib

    manifest = json.loads((built_site / "manifest.json").read_text(encoding="utf-8"))
    kinds = {entry["kind"] for entry in manifest["artifacts"]}
    assert {"document-pdf", "form-pdf", "fillable-pdf", "manual-pdf", "record-schema"} <= kinds
    assert sum(1 for entry in manifest["artifacts"] if entry["kind"] == "form-pdf") == len(example_handbook.forms)
    for entry in manifest["artifacts"]:
        assert hashlib.sha256((built_site / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry["path"]
