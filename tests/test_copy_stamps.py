"""A numbered copy stamped onto the revision's one body is the copy laid out whole.

distribution.py lays a revision's body out once and draws each copy's footer over it. These
tests lay the same copy out whole, as one HTML page with its footer (how copies were made
before), and compare what readers see: poppler's and PDFium's pixels of every page, and the
text pdftotext reads. Real WeasyPrint on the fixture handbook.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest

from generator.document.distribution import ControlledCopy
from generator.render.pdf.distribution import copy_notice, copy_runs, stamped_copy
from generator.render.pdf.engine import RenderJob, render_pdf
from generator.render.pdf.fonts import font_cuts
from generator.render.pdf.print_html import PrintPages
from generator.render.pdf.renderer import PDF_TEMPLATE_FOLDER, TEMPLATE_FOLDER, text_cut_files
from generator.source.model import Document, Handbook, Holder, Medium
from generator.source.project import read_handbook

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ROOT = PROJECT_ROOT / "tests" / "fixtures" / "pdf_handbook"
PRINT_DATE = datetime.date(2026, 1, 1)
HOLDERS = (
    Holder(copy="01", holder="总经理办公室", medium=Medium.PAPER),
    Holder(copy="02", holder="售后服务部维修组", medium=Medium.ELECTRONIC),
)


@pytest.fixture(scope="module")
def fixture_handbook() -> Handbook:
    result = read_handbook(FIXTURE_ROOT)
    assert result.handbook is not None
    return result.handbook


@pytest.fixture(scope="module")
def printed(fixture_handbook: Handbook, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Each copy of the fixture's longest document, stamped and laid out whole."""
    folder = tmp_path_factory.mktemp("copies")
    cache = folder / "cache"
    pages = PrintPages(fixture_handbook, font_cuts(cache))
    allowed = tuple(str(path.resolve()) for path in (TEMPLATE_FOLDER, cache))

    def job(html: str) -> RenderJob:
        return RenderJob(html, PDF_TEMPLATE_FOLDER.as_uri() + "/", allowed)

    document = longest(fixture_handbook)
    copies = [ControlledCopy(document, holder) for holder in HOLDERS]
    (run,) = copy_runs(pages, PRINT_DATE, job, copies)
    body, stamps = render_pdf(run.body).pdf, render_pdf(run.stamps).pdf
    assert len(pypdf.PdfReader(folder_file(folder, "stamps.pdf", stamps)).pages) == len(copies)
    result = {}
    for index, copy in enumerate(copies):
        whole = render_pdf(job(pages.document_html(document, copy_notice(copy, PRINT_DATE)))).pdf
        result[copy.copy_number] = {
            "stamped": folder_file(
                folder, f"stamped-{index}.pdf", stamped_copy(body, stamps, index, text_cut_files(pages))
            ),
            "whole": folder_file(folder, f"whole-{index}.pdf", whole),
        }
    return result


def longest(handbook: Handbook) -> Document:
    return max(handbook.documents, key=lambda document: len(document.model_dump_json()))


def folder_file(folder: Path, name: str, content: bytes) -> Path:
    (folder / name).write_bytes(content)
    return folder / name


def poppler_pixels(path: Path, folder: Path, name: str) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", "60", "-gray", str(path), str(folder / name)], check=True)
    return [page.read_bytes() for page in sorted(folder.glob(f"{name}-*.pgm"))]


def pdfium_pixels(path: Path) -> list[bytes]:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return [page.render(scale=0.8, grayscale=True).to_pil().tobytes() for page in document]
    finally:
        document.close()


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_stamped_copy_draws_and_reads_as_the_copy_laid_out_whole(printed, tmp_path: Path) -> None:
    for copy_number, files in printed.items():
        stamped, whole = files["stamped"], files["whole"]
        assert len(pypdf.PdfReader(stamped).pages) == len(pypdf.PdfReader(whole).pages) > 1
        stamped_pages = poppler_pixels(stamped, tmp_path, f"stamped-{copy_number}")
        assert stamped_pages == poppler_pixels(whole, tmp_path, f"whole-{copy_number}"), copy_number
        assert pdfium_pixels(stamped) == pdfium_pixels(whole), copy_number
        assert pdftotext(stamped) == pdftotext(whole), copy_number


def test_a_stamped_copy_embeds_each_font_cut_once(printed) -> None:
    """The footer's text is set in the body's font programs, not in subsets of its own."""
    for files in printed.values():
        with pikepdf.open(files["stamped"]) as copy:
            programs = [item for item in copy.objects if isinstance(item, pikepdf.Stream) and "/Subtype" in item]
            families = sorted(
                str(item.FontFamily)
                for item in copy.objects
                if isinstance(item, pikepdf.Dictionary) and item.get("/Type") == pikepdf.Name.FontDescriptor
            )
        assert families == ["Handbook Sans", "Handbook Serif"]
        assert sum(item.Subtype == pikepdf.Name.CIDFontType0C for item in programs) == 2


def test_every_page_of_each_copy_names_that_copy_and_its_holder(printed) -> None:
    for (copy_number, files), holder in zip(printed.items(), HOLDERS, strict=True):
        pages = pdftotext(files["stamped"]).split("\f")[:-1]
        for text in pages:
            squeezed = "".join(text.split())
            assert f"受控分发号：{copy_number}" in squeezed and holder.holder in squeezed
            assert other_copy(copy_number) not in squeezed and "非受控" not in squeezed


def other_copy(copy_number: str) -> str:
    return "分发号：" + next(holder.copy_number for holder in HOLDERS if holder.copy_number != copy_number)
