"""Every PDF embeds only the glyphs it uses, and every reader draws them: pdf.js, poppler, PDFium.

The bug this guards: WeasyPrint writes glyph ids as CIDs, and our HarfBuzz cuts kept Noto's
CIDs at new glyph ids. pdf.js (Firefox) follows the CFF charset, as the PDF specification
says, and drew most Chinese characters and digits of every PDF as nothing: a register's
header read "SH/GW-" with its number and every label gone. Real WeasyPrint on the fixture
handbook; pdf.js from npm (tests/node), poppler's pdftoppm and pypdfium2 render the pages.
"""

from __future__ import annotations

import datetime
import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from fontTools.cffLib import CFFFontSet
from PIL import Image

from generator.render.pdf.compact_fonts import COMPACTED_FAMILIES
from generator.render.pdf.font_subset import compact_cid_font
from generator.render.pdf.fonts import SERIF, font_cut
from generator.render.pdf.renderer import render_pdfs
from generator.source.model import Handbook
from generator.source.project import read_handbook
from tests.ajv_runner import NODE_FOLDER, ensure_installed

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ROOT = PROJECT_ROOT / "tests" / "fixtures" / "pdf_handbook"
BUILD_DATE = datetime.date(2026, 1, 1)
RESOLUTION = 72  # dots per inch, in all three readers


@pytest.fixture(scope="module")
def fixture_handbook() -> Handbook:
    result = read_handbook(FIXTURE_ROOT)
    assert result.handbook is not None
    return result.handbook


@pytest.fixture(scope="module")
def built_pdfs(fixture_handbook: Handbook, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One PDF of each kind the fixture build writes: document, blank and fillable form, manual."""
    base = tmp_path_factory.mktemp("pdf-fonts")
    render_pdfs(fixture_handbook, base / "site", cache_dir=base / "cache", build_date=BUILD_DATE, workers=2)
    pdf = base / "site" / "pdf"
    forms = sorted((pdf / "forms").glob("*.pdf"))
    return {
        "document": sorted((pdf / "documents").glob("*.pdf"))[0],
        "blank form": next(path for path in forms if not path.stem.endswith("-fillable")),
        "fillable form": next(path for path in forms if path.stem.endswith("-fillable")),
        "manual": pdf / "handbook.pdf",
    }


def cut_fonts(path: Path) -> list[tuple[set[int], bytes, str]]:
    """(CIDs the text uses, program bytes, program subtype) of every embedded font of our cuts."""
    found = []
    with pikepdf.open(path) as pdf:
        for item in pdf.objects:
            if not (isinstance(item, pikepdf.Dictionary) and item.get("/Subtype") == "/CIDFontType0"):
                continue
            descriptor = item.FontDescriptor
            if str(descriptor.get("/FontFamily", "")) not in COMPACTED_FAMILIES:
                continue
            program = descriptor.FontFile3
            found.append((set(width_cids(list(item.W))), program.read_bytes(), str(program.get("/Subtype"))))
    return found


def width_cids(widths: list) -> list[int]:
    cids, position = [], 0
    while position < len(widths):
        first, following = int(widths[position]), widths[position + 1]
        if isinstance(following, pikepdf.Array):
            cids += range(first, first + len(following))
            position += 2
        else:
            cids += range(first, int(following) + 1)
            position += 3
    return cids


def charset_cids(program: bytes) -> list[int]:
    """The CID of every glyph of a bare CID-keyed CFF program, in glyph order."""
    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(program), None)
    top = fonts[fonts.fontNames[0]]
    assert hasattr(top, "ROS"), "not a CID-keyed CFF"
    return [0 if name == ".notdef" else int(name.removeprefix("cid")) for name in top.charset]


def test_every_cut_font_embeds_just_its_glyphs_under_the_cids_of_the_text(built_pdfs: dict[str, Path]) -> None:
    for kind, path in built_pdfs.items():
        fonts = cut_fonts(path)
        assert fonts, f"{kind}: no font of our cuts"
        used_by_program: dict[bytes, set[int]] = {}  # the manual's parts share one program per cut
        for cids, program, subtype in fonts:
            assert subtype == "/CIDFontType0C", f"{kind}: {subtype}"
            used_by_program.setdefault(program, set()).update(cids)
        for program, cids in used_by_program.items():
            glyphs = charset_cids(program)
            assert cids <= set(glyphs), f"{kind}: CIDs {sorted(cids - set(glyphs))[:5]} have no glyph"
            assert len(glyphs) <= len(cids) + 20, f"{kind}: {len(glyphs)} glyphs for {len(cids)} CIDs used"


def test_a_compact_program_names_each_kept_glyph_by_its_old_id(tmp_path: Path) -> None:
    cut = font_cut(SERIF, tmp_path)
    kept = [0, 5, 220, 221, 3000, 9000]
    glyphs = charset_cids(compact_cid_font(cut, kept))
    assert set(kept) <= set(glyphs)
    assert glyphs == sorted(glyphs), "glyphs keep the order of their old ids"


def ink(image: Image.Image) -> int:
    """Dark pixels: text and rules."""
    return sum(1 for value in image.convert("L").tobytes() if value < 128)


def poppler_pages(path: Path, folder: Path) -> list[Image.Image]:
    prefix = folder / "poppler"
    subprocess.run(["pdftoppm", "-r", str(RESOLUTION), "-gray", "-png", str(path), str(prefix)], check=True)
    return [Image.open(page) for page in sorted(folder.glob("poppler-*.png"), key=_page_number)]


def pdfjs_pages(path: Path, folder: Path) -> list[Image.Image]:
    ensure_installed()
    script = NODE_FOLDER / "pdfjs_render.mjs"
    subprocess.run(["node", str(script), str(path), str(folder / "pdfjs"), str(RESOLUTION / 72)], check=True)
    return [Image.open(page) for page in sorted(folder.glob("pdfjs-*.png"), key=_page_number)]


def pdfium_pages(path: Path) -> list[Image.Image]:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return [page.render(scale=RESOLUTION / 72).to_pil() for page in document]
    finally:
        document.close()


def _page_number(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])


@pytest.mark.slow
def test_pdfjs_draws_as_much_of_every_page_as_poppler_and_pdfium(built_pdfs: dict[str, Path], tmp_path: Path) -> None:
    """A glyph a reader cannot find is drawn as nothing: each page has at least 85 % of the
    ink PDFium (Chrome) gives it in poppler and in pdf.js.

    Anti-aliasing and dotted leaders differ between the three by a few percent, poppler drawing
    darker; before the fix pdf.js lost 30 % of a register's ink and more of a page of text."""
    for kind, path in built_pdfs.items():
        folder = tmp_path / kind.replace(" ", "-")
        folder.mkdir()
        readers = {"poppler": poppler_pages(path, folder), "pdf.js": pdfjs_pages(path, folder)}
        readers["PDFium"] = pdfium_pages(path)
        counts = {name: len(pages) for name, pages in readers.items()}
        assert len(set(counts.values())) == 1, f"{kind}: page counts {counts}"
        for number, pages in enumerate(zip(*readers.values(), strict=True), start=1):
            amounts = dict(zip(readers, map(ink, pages), strict=True))
            for reader in ("poppler", "pdf.js"):
                assert amounts[reader] >= 0.85 * amounts["PDFium"], f"{kind} page {number}: dark pixels {amounts}"
