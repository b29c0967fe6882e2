"""The printable PDFs, read back with the tools a reader would use: pypdf and poppler.

Real WeasyPrint, real files, no mocks. The fast tests run on a small fixture handbook
(tests/fixtures/pdf_handbook: two documents, a log form, a landscape form, a form with every
field type); the example handbook of the project is checked too when it reads without
errors (from the session's site build, which renders them anyway).
"""

from __future__ import annotations

import datetime
import html
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from generator.diagnostics import HandbookError
from generator.document.in_force import VersionState
from generator.document.outline import document_outline, iter_clauses
from generator.render.form_layout import GRID_UNITS, copies_text, pack_grid
from generator.render.pdf.cache import PdfCache
from generator.render.pdf.engine import RenderFailure, RenderJob, render_pdf
from generator.render.pdf.fetcher import ProjectURLFetcher, RefusedURL
from generator.render.pdf.fonts import font_cuts, require_harfbuzz_subset
from generator.render.pdf.print_html import PDF_TEMPLATE_FOLDER, TEMPLATE_FOLDER, PrintNotice, PrintPages
from generator.render.pdf.renderer import (
    DOCUMENT_PDF,
    FILLABLE_PDF,
    FORM_PDF,
    MANUAL_PDF,
    Artifact,
    PdfRenderer,
    pdf_path_for_document,
    pdf_path_for_form,
    render_pdfs,
)
from generator.render.text import inline_markup
from generator.source import fieldnames
from generator.source.model import Document, FieldType, Form, Handbook
from generator.source.project import read_handbook

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ROOT = PROJECT_ROOT / "tests" / "fixtures" / "pdf_handbook"
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
BUILD_DATE = datetime.date(2026, 1, 1)
A4_PORTRAIT = (595, 842)
A4_LANDSCAPE = (842, 595)
DOCUMENT_BODY_TOP_PT, DOCUMENT_BODY_BOTTOM_PT = 99, 62  # print.css @page document margins (35 mm, 22 mm)
VIEWER_FIELD_FONTS = ("STSong-Light-UniGB-UCS2-H", "ZapfDingbats")
KANGXI = re.compile("[\u2f00-\u2fdf]")
UNCONTROLLED = f"本文件打印后为非受控文件，打印日期：{BUILD_DATE.isoformat()}"


# ---------------------------------------------------------------------------- reading PDFs back


def squeeze(text: str) -> str:
    """Line breaks and spaces are layout, not text: drop them before comparing."""
    return re.sub(r"\s+", "", text)


def pdftotext(path: Path, *extra: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *extra, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_texts(path: Path) -> list[str]:
    return pdftotext(path).split("\f")[:-1]


def body_text(path: Path, *, layout: bool = False) -> str:
    """The text between the running header and footer of every page, pages joined.

    `layout` reads line by line down the page (paragraphs, never reordered by poppler's
    column guessing); without it poppler reads a table cell by cell.
    """
    pages = []
    height = A4_PORTRAIT[1] - DOCUMENT_BODY_TOP_PT - DOCUMENT_BODY_BOTTOM_PT
    for number in range(1, len(pypdf.PdfReader(path).pages) + 1):
        crop = (
            "-f",
            str(number),
            "-l",
            str(number),
            "-x",
            "0",
            "-y",
            str(DOCUMENT_BODY_TOP_PT),
            "-W",
            str(A4_PORTRAIT[0]),
            "-H",
            str(height),
        )
        pages.append(pdftotext(path, *crop, *(("-layout",) if layout else ())))
    return squeeze("".join(pages))


def printed(text: str) -> str:
    """What the reader sees of a YAML text: its inline markup rendered, tags dropped."""
    return squeeze(html.unescape(re.sub(r"<[^>]+>", "", str(inline_markup(text)))))


def page_sizes(path: Path) -> list[tuple[int, int]]:
    return [(round(page.mediabox.width), round(page.mediabox.height)) for page in pypdf.PdfReader(path).pages]


def paper_size(form: Form) -> tuple[int, int]:
    portrait = {"A4": A4_PORTRAIT, "A5": (420, 595), "A3": (842, 1191)}[form.paper]
    return portrait[::-1] if form.orientation == "landscape" else portrait


def font_rows(path: Path) -> list[list[str]]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return [line.split() for line in lines[2:] if line.strip()]


def expected_field_names(form: Form) -> list[str]:
    """Every fillable field the form must have, named by generator/source/fieldnames.py."""
    names = []
    for field in form.all_fields():
        if field.type is FieldType.TABLE:
            names += [
                fieldnames.table_cell_name(field.id, row, column.id)
                for row in range(1, field.rows + 1)
                for column in field.columns
            ]
        elif field.type is FieldType.MULTI_CHOICE:
            names += [fieldnames.option_name(field.id, index) for index in range(1, len(field.options) + 1)]
        elif field.type is FieldType.SIGNATURE:
            names += [fieldnames.signature_part_name(field.id, part) for part in ("name", "date")]
        else:
            names.append(fieldnames.field_name(field.id))
    return names


def clause_texts(handbook: Handbook, document: Document) -> list[str]:
    """Every title, text and note the clause tree of `document` prints."""
    texts = []
    for clause in iter_clauses(document_outline(handbook, document.number)):
        texts += [text for text in (clause.title, clause.text) if text]
        if clause.step is not None:
            texts += list(clause.step.notes)
    return texts


# ---------------------------------------------------------------------------- fixtures


def _fixture_handbook() -> Handbook:
    result = read_handbook(FIXTURE_ROOT)
    assert result.handbook is not None, "\n".join(item.format() for item in result.diagnostics)
    return result.handbook


@pytest.fixture(scope="module")
def fixture_handbook() -> Handbook:
    return _fixture_handbook()


@pytest.fixture(scope="module")
def fixture_build(fixture_handbook: Handbook, tmp_path_factory: pytest.TempPathFactory):
    """The fixture handbook rendered cold: (output folder, cache folder, artifacts)."""
    base = tmp_path_factory.mktemp("pdf-fixture")
    artifacts = render_pdfs(fixture_handbook, base / "site", cache_dir=base / "cache", build_date=BUILD_DATE, workers=2)
    return base / "site", base / "cache", artifacts


@pytest.fixture(scope="module")
def site(fixture_build) -> Path:
    return fixture_build[0]


def artifact_paths(site: Path, artifacts: list[Artifact], kind: str) -> list[Path]:
    return [site / item.path for item in artifacts if item.kind == kind]


# ---------------------------------------------------------------------------- the artefacts


def test_every_artifact_is_written_where_the_site_links(fixture_build, fixture_handbook):
    site, _, artifacts = fixture_build
    expected = {pdf_path_for_document(document) for document in fixture_handbook.documents}
    expected |= {pdf_path_for_form(form, fillable) for form in fixture_handbook.forms for fillable in (False, True)}
    expected.add("pdf/handbook.pdf")
    assert {item.path for item in artifacts} == expected
    assert "pdf/documents/TQ-QP-001_A-01.pdf" in expected
    for item in artifacts:
        content = (site / item.path).read_bytes()
        assert content.startswith(b"%PDF-")
        assert item.sha256 == __import__("hashlib").sha256(content).hexdigest()
        assert item.rendered, f"{item.path} should have been rendered on a cold cache"


def test_page_size_and_orientation(site, fixture_handbook):
    for document in fixture_handbook.documents:
        assert set(page_sizes(site / pdf_path_for_document(document))) == {A4_PORTRAIT}
    for form in fixture_handbook.forms:
        for fillable in (False, True):
            assert set(page_sizes(site / pdf_path_for_form(form, fillable))) == {paper_size(form)}, form.number
    manual = page_sizes(site / "pdf/handbook.pdf")
    assert A4_LANDSCAPE in manual and manual[0] == A4_PORTRAIT


def test_document_header_and_footer_on_every_page(site, fixture_handbook):
    for document in fixture_handbook.documents:
        pages = page_texts(site / pdf_path_for_document(document))
        assert len(pages) >= 1
        for number, text in enumerate(pages, start=1):
            flat = squeeze(text)
            for expected in (
                fixture_handbook.company_of(document),
                "文件编号",
                document.number,
                "版次",
                document.revision,
                "文件名称",
                document.title,
                "生效日期",
                document.effective.isoformat(),
                f"第{number}页共{len(pages)}页",
                UNCONTROLLED,
            ):
                assert squeeze(expected) in flat, f"{document.number} page {number} lacks {expected!r}"


def test_long_document_runs_onto_a_second_page(site):
    assert len(page_texts(site / "pdf/documents/TQ-QP-001_A-01.pdf")) == 2


def test_every_clause_is_printed_exactly(site, fixture_handbook):
    for document in fixture_handbook.documents:
        body = body_text(site / pdf_path_for_document(document), layout=True)
        assert squeeze(document.title) in body
        for text in clause_texts(fixture_handbook, document):
            assert printed(text) in body, f"{document.number}: {text!r} not found"


def test_body_shows_time_limits_form_references_records_history_and_sign_off(site, fixture_handbook):
    document = fixture_handbook.documents_by_number["TQ/QP-001"]
    body = body_text(site / pdf_path_for_document(document))
    assert "时限：24小时内" in body and "频次：每季度一次" in body
    assert "阈值：单次索赔数额超过500元→报总经理批准" in body  # the facts list is shared with the site
    assert "QR-QP001-01《售后服务信息登记表》" in body
    for record in document.records:  # table cells: poppler may read a row cell by cell
        form = fixture_handbook.forms_by_number[record.form]
        for cell in (record.form, form.title, record.keeper, record.retention):
            assert squeeze(cell) in body
    for heading in ("质量记录", "文件更改记录", "版次", "日期", "更改内容", "编制", "审核", "批准"):
        assert heading in body
    for entry in document.history:
        for cell in (
            entry.revision,
            entry.date.isoformat(),
            entry.change,
            entry.prepared.name,
            entry.approved.date.isoformat(),
        ):
            assert squeeze(cell) in body
    current = document.history[-1]
    for role, signature in (("编制", current.prepared), ("审核", current.reviewed), ("批准", current.approved)):
        assert f"{role}/日期" in body and signature.name in body and signature.date.isoformat() in body


def gray_pixels(path: Path, tmp_path: Path) -> list[int]:
    """Page 1 of `path` at 30 dpi in grey levels (0 black … 255 white)."""
    prefix = tmp_path / path.stem
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", "-singlefile", str(path), str(prefix)], check=True
    )
    return list(Image.open(prefix.with_suffix(".pgm")).getdata())


@pytest.mark.parametrize(("state", "word"), [(VersionState.DRAFT, "草稿"), (VersionState.PENDING, "待生效")])
def test_watermark_is_drawn_and_is_no_text(fixture_build, fixture_handbook, tmp_path, state, word):
    """The diagonal word of a copy not in force is seen on the page but never read as text:
    as text it mixed into the clauses it crosses (a copied sentence gained a 效)."""
    _, cache, _ = fixture_build
    document = fixture_handbook.documents_by_number["TQ/QP-001"]
    pages = PrintPages(fixture_handbook, font_cuts(cache))
    renderer = PdfRenderer(PdfCache(tmp_path), (str(TEMPLATE_FOLDER), str(cache)), 1)
    copies = {}
    for name, version_state in (("in-force", VersionState.IN_FORCE), ("marked", state)):
        copies[name] = tmp_path / f"{name}.pdf"
        copies[name].write_bytes(
            render_pdf(renderer.job(pages.document_html(document, PrintNotice(BUILD_DATE), version_state))).pdf
        )
    marked, in_force = gray_pixels(copies["marked"], tmp_path), gray_pixels(copies["in-force"], tmp_path)
    changed = sum(1 for left, right in zip(marked, in_force) if abs(left - right) > 8)
    assert changed > 1_500, f"the {word} watermark is not drawn ({changed} pixels differ)"
    assert body_text(copies["marked"], layout=True) == body_text(copies["in-force"], layout=True)
    assert word in squeeze(pdftotext(copies["marked"]))  # the footer line says it in words


def test_controlled_copy_prints_the_copy_number_field_instead(fixture_build, fixture_handbook, tmp_path):
    _, cache, _ = fixture_build
    document = fixture_handbook.documents_by_number["TQ/QP-001"]
    pages = PrintPages(fixture_handbook, font_cuts(cache))
    renderer = PdfRenderer(PdfCache(tmp_path), (str(TEMPLATE_FOLDER), str(cache)), 1)
    job = renderer.job(pages.document_html(document, PrintNotice(BUILD_DATE, controlled=True)))
    target = tmp_path / "controlled.pdf"
    target.write_bytes(render_pdf(job).pdf)
    for text in page_texts(target):
        assert "受控" in text and "分发号：" in text
        assert "非受控" not in text


def test_no_kangxi_radicals_and_every_font_embedded(site, fixture_build):
    for path in sorted(site.rglob("*.pdf")):
        assert not KANGXI.search(pdftotext(path)), f"{path.name}: Kangxi radical in the extracted text"
        rows = font_rows(path)
        assert rows, path.name
        for row in rows:
            if path.name.endswith("-fillable.pdf") and row[0] in VIEWER_FIELD_FONTS:
                continue  # the fields' fonts are supplied by the viewer (render/pdf/acroform.py)
            embedded, subset = row[-5], row[-4]
            assert embedded == "yes", f"{path.name}: font {row[0]} is not embedded"
            assert subset == "yes", f"{path.name}: font {row[0]} is not a subset"


def test_metadata_title_subject_author_language(site, fixture_handbook):
    for document in fixture_handbook.documents:
        reader = pypdf.PdfReader(site / pdf_path_for_document(document))
        assert reader.metadata.title == document.title
        assert reader.metadata.subject == f"{document.number} {document.revision}"
        assert reader.metadata.author == fixture_handbook.company_of(document)
        assert reader.metadata.creation_date.date() == document.effective
        assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
        assert "/StructTreeRoot" in reader.trailer["/Root"], "documents are tagged PDF"
    for form in fixture_handbook.forms:
        reader = pypdf.PdfReader(site / pdf_path_for_form(form, True))
        assert reader.metadata.title == form.title
        assert reader.metadata.subject == f"{form.number} {form.revision}"
    manual = pypdf.PdfReader(site / "pdf/handbook.pdf")
    assert manual.metadata.title == fixture_handbook.settings.title
    assert manual.metadata.creation_date.date() == BUILD_DATE


def test_form_sheets_print_number_revision_title_and_copies(site, fixture_handbook):
    for form in fixture_handbook.forms:
        text = squeeze(pdftotext(site / pdf_path_for_form(form, False)))
        assert squeeze(f"{form.number} {form.revision}") in text
        assert squeeze(form.title) in text
        for field in form.all_fields():
            assert squeeze(field.label) in text, f"{form.number}: label {field.label} missing"
        assert squeeze(copies_text(form)) in text
        assert f"保存期限：{form.retention}" in text
    report = squeeze(pdftotext(site / "pdf/forms/QR-QP001-03.pdf"))
    assert "本表一式两份，顾客与公司各执一份。" in report
    for option in ("免费服务", "合同服务", "有偿服务", "其他服务", "安装调试", "年月日时分"):
        assert option in report


def test_fillable_fields_are_named_for_the_record_schema(site, fixture_handbook):
    for form in fixture_handbook.forms:
        reader = pypdf.PdfReader(site / pdf_path_for_form(form, True))
        names = sorted(reader.get_fields())
        assert names == sorted(expected_field_names(form)), form.number
        assert b"None 0 R" not in (site / pdf_path_for_form(form, True)).read_bytes()
    reader = pypdf.PdfReader(site / "pdf/forms/QR-QP001-03-fillable.pdf")
    fields = {
        str(field["/T"]): field
        for field in (item.get_object() for item in reader.trailer["/Root"]["/AcroForm"]["/Fields"])
    }
    assert fields["service_type"]["/FT"] == "/Btn" and len(fields["service_type"]["/Kids"]) == 4  # one radio group
    assert [str(option) for option in fields["service_type"]["/Opt"]] == [
        "免费服务",
        "合同服务",
        "有偿服务",
        "其他服务",
    ]
    assert fields["work_items__o2"]["/FT"] == "/Btn"
    assert fields["fault_description"]["/FT"] == "/Tx" and fields["fault_description"]["/Ff"] & 1 << 12  # multiline
    assert fields["report_no"]["/MaxLen"] == 20


def test_blank_sheets_have_no_fields_and_fit_size_targets(site, fixture_handbook):
    for form in fixture_handbook.forms:
        blank = site / pdf_path_for_form(form, False)
        assert not pypdf.PdfReader(blank).get_fields()
        assert blank.stat().st_size <= 300_000, f"{blank.name}: {blank.stat().st_size} bytes"
        assert (site / pdf_path_for_form(form, True)).stat().st_size <= 2_000_000


def log_with_rows(handbook: Handbook, rows: int) -> Form:
    form = handbook.forms_by_number["QR-QP001-01"]
    table = form.sections[0].fields[0].model_copy(update={"rows": rows})
    return form.model_copy(update={"sections": (form.sections[0].model_copy(update={"fields": (table,)}),)})


def render_form(handbook: Handbook, cache: Path, form: Form, target: Path) -> Path:
    """The blank sheet as plan_parts makes it: with its compact layout to fall back on."""
    pages = PrintPages(handbook, font_cuts(cache))
    renderer = PdfRenderer(PdfCache(cache), (str(TEMPLATE_FOLDER), str(cache)), 1)
    job = renderer.job(
        pages.form_html(form, fillable=False),
        tagged=False,
        tighter_html=pages.form_html(form, fillable=False, compact=True),
    )
    target.write_bytes(render_pdf(job).pdf)
    return target


def test_a_form_that_would_spill_a_little_is_set_compact_on_one_page(fixture_build, fixture_handbook, tmp_path):
    _, cache, _ = fixture_build
    form = log_with_rows(fixture_handbook, 33)
    pages = PrintPages(fixture_handbook, font_cuts(cache))
    normal = RenderJob(
        pages.form_html(form, fillable=False),
        PDF_TEMPLATE_FOLDER.as_uri() + "/",
        (str(TEMPLATE_FOLDER), str(cache)),
        tagged=False,
    )
    assert render_pdf(normal).pages == 2
    assert len(page_texts(render_form(fixture_handbook, cache, form, tmp_path / "compact.pdf"))) == 1


def test_log_table_header_repeats_on_the_next_page(fixture_build, fixture_handbook, tmp_path):
    """A log too long for one page: its column headings (thead) start the second page too."""
    _, cache, _ = fixture_build
    target = render_form(fixture_handbook, cache, log_with_rows(fixture_handbook, 45), tmp_path / "long-log.pdf")
    texts = page_texts(target)
    assert len(texts) == 2
    for text in texts:
        assert "序号日期顾客名称联系电话反馈内容处理人处理结果" in squeeze(text)
        assert squeeze(f"第 {texts.index(text) + 1} 页 共 2 页") in squeeze(text)


def test_manual_has_cover_contents_bookmarks_and_every_part(site, fixture_handbook):
    path = site / "pdf/handbook.pdf"
    reader = pypdf.PdfReader(path)
    pages = page_texts(path)
    assert squeeze(fixture_handbook.settings.title) in squeeze(pages[0])
    assert "2026年1月1日" in squeeze(pages[0])
    contents = squeeze(pages[1])

    def outline(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from outline(item, depth + 1)
            else:
                yield depth, item.title, reader.get_destination_page_number(item) + 1

    bookmarks = list(outline(reader.outline))
    titles = [title for _, title, _ in bookmarks]
    for document in fixture_handbook.documents:
        label = f"{document.number} {document.title}"
        assert label in titles
        page = next(number for _, title, number in bookmarks if title == label)
        assert contents.count(squeeze(document.title)) == 1
        assert re.search(re.escape(squeeze(document.title)) + r"\.*" + str(page), contents), (label, page)
        assert squeeze(document.number) in squeeze(pages[page - 1]) and "第1页" in squeeze(pages[page - 1])
    for form in fixture_handbook.forms:
        label = f"{form.number} {form.title}"
        page = next(number for _, title, number in bookmarks if title == label)
        assert re.search(re.escape(squeeze(form.title)) + r"\.*" + str(page), contents), (label, page)
        assert squeeze(f"{form.number} {form.revision}") in squeeze(pages[page - 1])
    assert {depth for depth, _, _ in bookmarks} == {0, 1}
    assert {"程序文件", "管理制度", "表单"} <= set(titles)
    assert UNCONTROLLED in squeeze(pages[1])


def test_same_sources_give_byte_identical_pdfs(fixture_build, fixture_handbook, tmp_path):
    """A second cold build, in other folders (the font cuts copied over), writes the same bytes."""
    site, cache, artifacts = fixture_build
    second_cache = tmp_path / "cache"
    shutil.copytree(cache / "fonts", second_cache / "fonts")
    second = render_pdfs(fixture_handbook, tmp_path / "site", cache_dir=second_cache, build_date=BUILD_DATE, workers=2)
    assert all(item.rendered for item in second)
    assert second == artifacts
    for item in artifacts:
        assert (tmp_path / "site" / item.path).read_bytes() == (site / item.path).read_bytes(), item.path


def test_editing_one_form_rerenders_only_what_depends_on_it(fixture_build, fixture_handbook, tmp_path):
    _, cache, _ = fixture_build
    edited = fixture_handbook.forms_by_number["QR-QP001-02"].model_copy(update={"title": "备件领用及返还登记表"})
    handbook = replace(
        fixture_handbook,
        forms=tuple(edited if form.number == edited.number else form for form in fixture_handbook.forms),
    )
    artifacts = render_pdfs(handbook, tmp_path / "site", cache_dir=cache, build_date=BUILD_DATE, workers=2)
    rendered = {(item.kind, item.number) for item in artifacts if item.rendered}
    # the form, its fillable twin, the document that prints its title (records, references), the manual
    assert rendered == {
        (FORM_PDF, "QR-QP001-02"),
        (FILLABLE_PDF, "QR-QP001-02"),
        (DOCUMENT_PDF, "TQ/QP-001"),
        (MANUAL_PDF, "handbook"),
    }
    again = render_pdfs(handbook, tmp_path / "again", cache_dir=cache, build_date=BUILD_DATE, workers=2)
    assert not any(item.rendered for item in again)


def test_url_fetcher_reads_only_the_allowed_folders(tmp_path):
    allowed = tmp_path / "project"
    allowed.mkdir()
    (allowed / "style.css").write_text("p { color: red }")
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = ProjectURLFetcher([allowed])
    assert fetcher.fetch((allowed / "style.css").as_uri()).read() == b"p { color: red }"
    for url in (
        "file:///etc/passwd",
        (tmp_path / "secret.txt").as_uri(),
        f"{allowed.as_uri()}/../secret.txt",
        "http://example.com/style.css",
        "https://example.com/x.png",
        "ftp://example.com/x",
        "file://otherhost/etc/passwd",
        "data:text/plain,hello",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_a_crafted_url_stops_the_render(tmp_path):
    for source in (
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="http://example.com/x.css">',
        "<style>@import url(file:///etc/passwd);</style>",
        '<img src="../../../../etc/passwd">',
    ):
        job = RenderJob(
            f"<html><body>{source}<p>x</p></body></html>", PDF_TEMPLATE_FOLDER.as_uri() + "/", (str(TEMPLATE_FOLDER),)
        )
        with pytest.raises(RenderFailure):
            render_pdf(job)


def test_missing_harfbuzz_subset_fails_loudly():
    with pytest.raises(HandbookError) as problem:
        require_harfbuzz_subset(None, True)
    assert "libharfbuzz-subset" in str(problem.value)
    assert "apt-get install libharfbuzz-subset0" in problem.value.diagnostics[0].hint
    require_harfbuzz_subset(object(), True)


def test_grid_rows_always_fill_four_units(fixture_handbook):
    for form in fixture_handbook.forms:
        for section in form.sections:
            plain = tuple(field for field in section.fields if field.type is not FieldType.TABLE)
            for row in pack_grid(plain):
                assert sum(cell.span for cell in row) == GRID_UNITS


def test_png_previews_of_a_document_a_log_and_a_landscape_form(site):
    """Pictures to look at (tests/artifacts/, gitignored); the layout itself was checked by eye."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    previews = {
        "pdf-document": "pdf/documents/TQ-QP-001_A-01.pdf",
        "pdf-form-log": "pdf/forms/QR-QP001-01.pdf",
        "pdf-form-landscape": "pdf/forms/QR-QP001-02.pdf",
        "pdf-form-every-field": "pdf/forms/QR-QP001-03.pdf",
        "pdf-form-fillable": "pdf/forms/QR-QP001-03-fillable.pdf",
        "pdf-document-draft": "pdf/documents/TQ-GZ-001_A0.pdf",
    }
    for name, relative in previews.items():
        prefix = ARTIFACTS / name
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(site / relative), str(prefix)],
            check=True,
        )
        assert prefix.with_suffix(".png").stat().st_size > 5_000
    header = (ARTIFACTS / "pdf-form-landscape.png").read_bytes()[16:24]
    width, height = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")
    assert width > height


# ---------------------------------------------------------------------------- the example handbook


@pytest.fixture(scope="module")
def example_build(request: pytest.FixtureRequest):
    """The example's PDFs from the session's real site build (conftest `built_site`, dated
    2026-01-01): `handbook build` renders them through the MkDocs plugin, so they are paid
    for once per test run, and the PDFs checked here are the ones the site ships."""
    result = read_handbook(PROJECT_ROOT)
    if result.handbook is None:
        errors = [item.format() for item in result.diagnostics if item.severity.value == "error"]
        pytest.skip(f"the example handbook has {len(errors)} error(s), first: {errors[0] if errors else '?'}")
    return result.handbook, request.getfixturevalue("built_site")


@pytest.mark.slow
def test_example_documents_print_every_clause_with_header_and_footer(example_build):
    handbook, site = example_build
    for document in handbook.documents:
        path = site / pdf_path_for_document(document)
        assert set(page_sizes(path)) == {A4_PORTRAIT}
        pages = page_texts(path)
        for number, text in enumerate(pages, start=1):
            flat = squeeze(text)
            assert squeeze(document.number) in flat and f"第{number}页共{len(pages)}页" in flat, (
                document.number,
                number,
            )
            assert UNCONTROLLED in flat
        body = body_text(path, layout=True)
        for text in clause_texts(handbook, document):
            assert printed(text) in body, f"{document.number}: {text!r} not found"


@pytest.mark.slow
def test_example_forms_fields_fonts_and_sizes(example_build):
    handbook, site = example_build
    for form in handbook.forms:
        blank, fillable = site / pdf_path_for_form(form, False), site / pdf_path_for_form(form, True)
        assert set(page_sizes(blank)) == {paper_size(form)} == set(page_sizes(fillable)), form.number
        assert sorted(pypdf.PdfReader(fillable).get_fields()) == sorted(expected_field_names(form)), form.number
        assert fillable.stat().st_size <= 2_000_000, form.number
    for path in sorted((site / "pdf").rglob("*.pdf")):
        # every font of the printed page is embedded; a fillable twin's field font alone is
        # STSong-Light, which the viewer supplies (generator/render/pdf/acroform.py)
        not_embedded = {row[0] for row in font_rows(path) if row[-5] != "yes"}
        assert not_embedded == ({"STSong-Light-UniGB-UCS2-H"} if path.name.endswith("-fillable.pdf") else set()), path
        assert not KANGXI.search(pdftotext(path)), path.name


@pytest.mark.slow
def test_example_manual_bookmarks_every_document_and_form(example_build):
    handbook, site = example_build
    reader = pypdf.PdfReader(site / "pdf/handbook.pdf")
    titles = set()
    stack = list(reader.outline)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            titles.add(item.title)
    assert {f"{document.number} {document.title}" for document in handbook.documents} <= titles
    assert {f"{form.number} {form.title}" for form in handbook.forms} <= titles


def test_weasyprint_logs_no_warning(fixture_handbook, fixture_build, caplog):
    """Like WeasyPrint's own tests: an unexpected log line (bad CSS, missing font, refused
    resource) is a failure, so every kind of page is rendered here in this process."""
    _, cache, _ = fixture_build
    pages = PrintPages(fixture_handbook, font_cuts(cache))
    renderer = PdfRenderer(PdfCache(cache), (str(TEMPLATE_FOLDER), str(cache)), 1)
    notice = PrintNotice(BUILD_DATE)
    jobs = [renderer.job(pages.document_html(document, notice)) for document in fixture_handbook.documents]
    jobs += [
        renderer.job(pages.form_html(form, fillable=fillable), fillable=fillable)
        for form in fixture_handbook.forms
        for fillable in (False, True)
    ]
    with caplog.at_level("WARNING", logger="weasyprint"):
        for job in jobs:
            render_pdf(job)
    assert [record.getMessage() for record in caplog.records] == []


def test_field_font_can_show_what_people_type(site):
    """Fields draw with STSong-Light (Adobe-GB1, UniGB-UCS2-H), which every viewer supplies:
    any GB 18030 hanzi typed into a field prints, and no field font is embedded (the old
    embedded 7,287-character cut printed 王赟 as 王 in poppler and weighed ~700 KB a form)."""
    reader = pypdf.PdfReader(site / "pdf/forms/QR-QP001-03-fillable.pdf")
    acroform = reader.trailer["/Root"]["/AcroForm"]
    field = next(item.get_object() for item in acroform["/Fields"] if item.get_object()["/T"] == "report_no")
    font_name = str(field["/DA"]).split(" Tf")[0].split()[-2]
    font = acroform["/DR"]["/Font"][font_name].get_object()
    assert (font["/BaseFont"], font["/Encoding"]) == ("/STSong-Light-UniGB-UCS2-H", "/UniGB-UCS2-H")
    descendant = font["/DescendantFonts"][0].get_object()
    assert descendant["/CIDSystemInfo"]["/Ordering"] == "GB1"
    assert not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descendant["/FontDescriptor"])
    page_fonts = [
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page.get("/Resources", {}).get("/Font", {}).values()
    ]
    assert page_fonts and not any("Handbook-Field" in name for name in page_fonts)
