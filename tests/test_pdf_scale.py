"""The manual stores each font once, and still reads and renders like its parts.

Real WeasyPrint, pypdf and poppler on the small fixture handbook (tests/fixtures/pdf_handbook),
and on the example's manual from the session's site build (slow).
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest

from generator.document.outline import document_outline, iter_clauses
from generator.render.pdf.fonts import SANS_BOLD, SERIF
from generator.render.pdf.renderer import MANUAL_PDF, render_pdfs
from generator.render.pdf.shared_fonts import glyph_ids_of
from generator.source.model import Document, Handbook
from generator.source.project import read_handbook

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ROOT = PROJECT_ROOT / "tests" / "fixtures" / "pdf_handbook"
BUILD_DATE = datetime.date(2026, 1, 1)
FONT_FILE_KEYS = ("/FontFile", "/FontFile2", "/FontFile3")


def font_programs(path: Path) -> dict[str, set[bytes]]:
    """The embedded font programs of a PDF by font family: the bytes of each distinct one."""
    reader = pypdf.PdfReader(path)
    programs: dict[str, set[bytes]] = {}
    for number in range(1, int(reader.trailer["/Size"])):
        item = reader.get_object(number)
        if isinstance(item, pypdf.generic.DictionaryObject) and item.get("/Type") == "/FontDescriptor":
            for key in FONT_FILE_KEYS:
                if key in item:
                    family = str(item.get("/FontFamily", item["/FontName"]))
                    programs.setdefault(family, set()).add(item[key].get_object().get_data())
    return programs


def programs_by_tag(path: Path) -> dict[str, set[bytes]]:
    """The subset tag of every embedded font of a PDF, with the program bytes under it."""
    reader = pypdf.PdfReader(path)
    found: dict[str, set[bytes]] = {}
    for number in range(1, int(reader.trailer["/Size"])):
        item = reader.get_object(number)
        if isinstance(item, pypdf.generic.DictionaryObject) and item.get("/Type") == "/FontDescriptor":
            for key in FONT_FILE_KEYS:
                if key in item:
                    tag = str(item["/FontName"]).removeprefix("/").split("+")[0]
                    found.setdefault(tag, set()).add(item[key].get_object().get_data())
    return found


def pdftotext(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return "".join(result.stdout.split())


def font_rows(path: Path) -> list[list[str]]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return [line.split() for line in lines[2:] if line.strip()]


def clause_texts(handbook: Handbook, document: Document) -> list[str]:
    return [
        "".join(clause.text.split())
        for clause in iter_clauses(document_outline(handbook, document.number))
        if clause.text and "<" not in clause.text and "*" not in clause.text and "`" not in clause.text
    ]


@pytest.fixture(scope="module")
def fixture_handbook() -> Handbook:
    result = read_handbook(FIXTURE_ROOT)
    assert result.handbook is not None
    return result.handbook


@pytest.fixture(scope="module")
def fixture_build(fixture_handbook: Handbook, tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("pdf-scale")
    artifacts = render_pdfs(fixture_handbook, base / "site", cache_dir=base / "cache", build_date=BUILD_DATE, workers=2)
    return base / "site", base / "cache", artifacts


def assert_fonts_shared(manual: Path, parts: int) -> None:
    programs = font_programs(manual)
    assert {SERIF.family, SANS_BOLD.family} <= set(programs), programs.keys()
    for family in (SERIF.family, SANS_BOLD.family):
        assert len(programs[family]) == 1, f"{family}: {len(programs[family])} programs in the manual of {parts} parts"
    for row in font_rows(manual):
        assert row[-5:-3] == ["yes", "yes"], f"font {row[0]} is not an embedded subset"


def test_the_manual_embeds_each_font_cut_once(fixture_build, fixture_handbook):
    site, _, _ = fixture_build
    parts = len(fixture_handbook.documents) + len(fixture_handbook.forms)
    assert_fonts_shared(site / "pdf/handbook.pdf", parts)


def test_a_subset_tag_names_one_subset_across_every_pdf_of_a_build(fixture_build):
    """WeasyPrint's own tags name the font, so every PDF called its own subset by one name."""
    site, _, _ = fixture_build
    programs: dict[str, set[bytes]] = {}
    for path in sorted((site / "pdf").rglob("*.pdf")):
        for tag, found in programs_by_tag(path).items():
            assert len(tag) == 6 and tag.isalpha() and tag.isupper(), f"{path.name}: tag {tag!r}"
            programs.setdefault(tag, set()).update(found)
    assert len(programs) > 3, programs.keys()  # documents and sheets use subsets of their own
    shared = {tag: len(found) for tag, found in programs.items() if len(found) > 1}
    assert not shared, f"tags naming more than one subset: {shared}"


def test_the_manual_is_smaller_than_its_parts_together(fixture_build, fixture_handbook):
    site, _, _ = fixture_build
    parts = [site / "pdf" / "documents" / path.name for path in (site / "pdf" / "documents").glob("*.pdf")]
    parts += [path for path in (site / "pdf" / "forms").glob("*.pdf") if not path.stem.endswith("-fillable")]
    # Each part embeds only its own glyphs (compact_fonts.py), so the parts are small already;
    # the manual stores one program per cut for all of them, and so stays under their sum.
    assert (site / "pdf/handbook.pdf").stat().st_size < 0.85 * sum(path.stat().st_size for path in parts)


def test_text_in_the_manual_is_still_the_source_text(fixture_build, fixture_handbook):
    site, _, _ = fixture_build
    text = pdftotext(site / "pdf/handbook.pdf")
    for document in fixture_handbook.documents:
        texts = clause_texts(fixture_handbook, document)
        assert texts, document.number
        for clause in texts:
            assert clause in text, f"{document.number}: {clause!r} is not in the manual's text"
    for form in fixture_handbook.forms:
        assert "".join(form.title.split()) in text


def test_manual_pages_render_as_their_parts_do(fixture_build, tmp_path):
    """The page of a document in the manual draws the same pixels as in its own PDF."""
    site, _, _ = fixture_build
    manual = site / "pdf/handbook.pdf"
    reader = pypdf.PdfReader(manual)
    document = next((site / "pdf" / "documents").glob("*.pdf"))
    label = pypdf.PdfReader(document).metadata.title
    page = _first_page_of(reader, label)
    for name, path, number in (("manual", manual, page), ("part", document, 1)):
        subprocess.run(
            ["pdftoppm", "-r", "50", "-gray", "-f", str(number), "-l", str(number), str(path), str(tmp_path / name)],
            check=True,
        )
    (manual_png,) = tmp_path.glob("manual*.pgm")
    (part_png,) = tmp_path.glob("part*.pgm")
    assert manual_png.read_bytes() == part_png.read_bytes()


def page_text(path: Path, number: int) -> str:
    command = ["pdftotext", "-enc", "UTF-8", "-layout", "-f", str(number), "-l", str(number), str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdfium_pixels(path: Path, number: int) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return document[number - 1].render(scale=0.7, grayscale=True).to_pil().tobytes()
    finally:
        document.close()


def test_every_part_page_reads_and_draws_the_same_in_the_manual(fixture_build):
    """pdftotext and PDFium see each page of each part in the manual exactly as in the part:
    the shared font program draws every glyph, and the text maps stay the parts' own."""
    site, _, _ = fixture_build
    manual = site / "pdf/handbook.pdf"
    reader = pypdf.PdfReader(manual)
    for part in sorted((site / "pdf" / "documents").glob("*.pdf")):
        first = _first_page_of(reader, pypdf.PdfReader(part).metadata.title)
        for offset in range(len(pypdf.PdfReader(part).pages)):
            assert page_text(manual, first + offset) == page_text(part, 1 + offset), f"{part.name} page {offset + 1}"
            assert pdfium_pixels(manual, first + offset) == pdfium_pixels(part, 1 + offset), f"{part.name}"


def test_qpdf_finds_no_damage_in_the_manual(fixture_build):
    site, _, _ = fixture_build
    result = subprocess.run(["qpdf", "--check", str(site / "pdf/handbook.pdf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def _first_page_of(reader: pypdf.PdfReader, title: str) -> int:
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item

    return next(reader.get_destination_page_number(item) + 1 for item in walk(reader.outline) if title in item.title)


def test_glyph_ids_are_read_from_both_forms_of_a_widths_array():
    widths = pikepdf.Array([3, pikepdf.Array([500, 600]), 10, 12, 1000])
    assert list(glyph_ids_of(widths)) == [3, 4, 10, 11, 12]


def test_an_unchanged_build_reuses_every_pdf_and_the_merged_manual(fixture_build, fixture_handbook, tmp_path):
    _, cache, artifacts = fixture_build
    again = render_pdfs(fixture_handbook, tmp_path / "site", cache_dir=cache, build_date=BUILD_DATE, workers=2)
    assert not any(item.rendered for item in again)
    assert again == artifacts
    manual = next(item for item in again if item.kind == MANUAL_PDF)
    assert (tmp_path / "site" / manual.path).stat().st_size > 0


@pytest.mark.slow
def test_example_manual_shares_fonts_reads_and_stays_small(built_site):
    result = read_handbook(PROJECT_ROOT)
    assert result.handbook is not None
    handbook = result.handbook
    manual = built_site / "pdf/handbook.pdf"
    assert_fonts_shared(manual, len(handbook.documents) + len(handbook.forms))
    assert manual.stat().st_size <= 3_000_000
    text = pdftotext(manual)
    for document in handbook.documents[:5]:
        for clause in clause_texts(handbook, document)[:5]:
            assert clause in text, f"{document.number}: {clause!r} is not in the manual's text"
