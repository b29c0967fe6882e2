"""Issue 12: nothing from the sources runs, and the reader sees the source text literally.

Hostile text (HTML, attributes, javascript: URLs, Markdown, attr_list, Jinja, Unicode
controls) goes into every free-text field of the documents and forms of a small handbook
(tests/hostile_project.py), which is built for real with MkDocs. Every output page and the
search index are parsed with an HTML parser and compared with a build of the same project
holding plain text: no element or attribute that the templates do not make, no on*
attribute, no javascript: URL, and every marked value reads back character for character.
PDFs are skipped in these builds (plugin option `artifacts: false`); the PDF text path has
its own test below, read back with pdftotext.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from generator.publish.build import build
from tests.hostile_project import HOSTILE, hostile_text, make_project
from tests.html_audit import Audit, audit_html, audit_site

pytestmark = pytest.mark.slow


def built(folder: Path, texts) -> tuple[Path, dict[int, str]]:
    placed = make_project(folder, texts)
    build(folder, site_dir=folder / "site")
    return folder / "site", placed


@pytest.fixture(scope="module")
def plain_build(tmp_path_factory: pytest.TempPathFactory) -> Audit:
    """The same handbook with harmless text (one line break each): what the templates make."""
    site, _ = built(tmp_path_factory.mktemp("plain"), lambda number: f"文本{number}\n第二行")
    return audit_site(site)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, str]]:
    return built(tmp_path_factory.mktemp("hostile"), hostile_text)


def assert_inert_and_literal(audit: Audit, plain: Audit, placed: dict[int, str]) -> None:
    assert audit.handlers == []
    assert audit.script_urls == []
    assert audit.vocabulary - plain.vocabulary == set(), "elements or attributes the templates do not make"
    for number, shown in audit.shown.items():
        for text in shown:
            assert text == placed[number], f"value {number} shows as {text!r}, source {placed[number]!r}"


def test_hostile_text_in_every_field_is_inert_and_shown_literally(hostile_build, plain_build) -> None:
    site, placed = hostile_build
    audit = audit_site(site)
    assert_inert_and_literal(audit, plain_build, placed)
    # every value is shown somewhere, except the unit of a threshold (data for the time-limit list)
    source = (site.parent / "procedures" / "TQ-QP-001.yml").read_text(encoding="utf-8")
    not_shown = {number for number in placed if number not in audit.shown}
    assert not_shown == {int(re.search(r"unit: ⟦(\d+)⟧", source).group(1))}
    assert any(text == "7*7 … 7*7" for shown in audit.shown.values() for text in shown)


@pytest.mark.parametrize(
    ("source", "page"),
    [("procedures/TQ-QP-001.yml", "documents/TQ-QP-001"), ("forms/QR-QP001-01.yml", "forms/QR-QP001-01")],
)
def test_titles_reach_title_h1_navigation_and_search_as_text(hostile_build, source: str, page: str) -> None:
    site, placed = hostile_build
    number = int(re.search(r"^title: ⟦(\d+)⟧", (site.parent / source).read_text(encoding="utf-8"), re.M).group(1))
    assert placed[number] in HOSTILE
    escaped = f"⟦{number}⟧{html.escape(placed[number], quote=False)}⟦/{number}⟧"
    text = (site / page / "index.html").read_text(encoding="utf-8")
    assert f"<title>{escaped} - " in text
    assert f"<h1>{escaped}</h1>" in text
    assert f'<span class="md-ellipsis">\n        {escaped}' in text or text.count(escaped) >= 4  # header, nav
    if "<" in placed[number]:
        assert placed[number] not in text  # never raw
        assert placed[number] not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    else:
        assert f"⟦{number}⟧49" not in text  # the Jinja in the title was not evaluated


def test_search_index_text_reads_back(hostile_build) -> None:
    """The search dialog renders titles and texts as HTML; jieba puts U+200B between words."""
    import json

    site, placed = hostile_build
    squeezed = {number: re.sub(r"[\s\u200b]+", "", text) for number, text in placed.items()}
    found = 0
    for entry in json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]:
        for key in ("title", "text"):
            audit = Audit()
            audit_html(entry[key].replace("\u200b", ""), audit, key)
            assert audit.handlers == [] and audit.script_urls == []
            assert {tag for tag, _ in audit.vocabulary} <= {"p", "code", "pre", "li", "ul", "ol", "table", "tr"}
            for number, shown in audit.shown.items():
                found += len(shown)
                assert all(re.sub(r"\s+", "", text) == squeezed[number] for text in shown)
    assert found > 20


texts_for_fields = st.lists(
    st.text(
        st.characters(
            codec="utf-8",
            exclude_categories=("Cs", "Cc"),
            exclude_characters="\u2028\u2029\ufffe\uffff⟦⟧",
        )
        | st.sampled_from(list("\t\n<>&\"'`*_[](){}#|!:/\\=;-")),
        max_size=24,
    )
    | st.sampled_from(HOSTILE),
    min_size=4,
    max_size=8,
)


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each example is a whole build
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(texts=texts_for_fields)
@example(texts=["", "", "", "0000000"])  # once shown with a line break: a flowchart box wrapped it
def test_property_any_text_in_any_field_is_inert_and_literal(texts: list[str], plain_build) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site, placed = built(Path(folder), lambda number: texts[number % len(texts)])
        assert_inert_and_literal(audit_site(site), plain_build, placed)


# ---------------------------------------------------------------------------- PDF text path

PDF_HOSTILE = (
    "<script>alert(1)</script>",
    "[点我](javascript:alert(3))",
    "7*7 … 7*7",
    "**粗体** _斜体_ `代码`",
    "{{ 7*7 }} {% if 1 %}x{% endif %}",
    "&amp; &lt;b&gt;",
    "<img src=x onerror=alert(2)>",
)


def test_pdf_prints_hostile_text_literally(tmp_path: Path) -> None:
    from generator.render.pdf.cache import PdfCache
    from generator.render.pdf.engine import render_pdf
    from generator.render.pdf.fonts import font_cuts
    from generator.render.pdf.print_html import TEMPLATE_FOLDER, PrintNotice, PrintPages
    from generator.render.pdf.renderer import PdfRenderer
    from generator.source.project import read_handbook

    root = tmp_path / "project"
    make_project(root, lambda number: PDF_HOSTILE[number % len(PDF_HOSTILE)])
    handbook = read_handbook(root).handbook
    assert handbook is not None
    document = handbook.documents_by_number["TQ/QP-001"]
    cache = tmp_path / "cache"
    pages = PrintPages(handbook, font_cuts(cache))
    renderer = PdfRenderer(PdfCache(cache), (str(TEMPLATE_FOLDER), str(cache)), 1)
    import datetime

    job = renderer.job(pages.document_html(document, PrintNotice(datetime.date(2024, 6, 1), controlled=False)))
    target = tmp_path / "document.pdf"
    target.write_bytes(render_pdf(job).pdf)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout)
    for hostile in PDF_HOSTILE:
        assert re.sub(r"\s+", "", hostile) in text, hostile
    for page in pypdf.PdfReader(target).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert not str(action.get("/URI", "")).lower().startswith("javascript:")
            assert action.get("/S") != "/JavaScript"
