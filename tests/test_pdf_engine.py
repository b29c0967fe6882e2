"""The engine lays out with the print stylesheet parsed once per process (engine.py); the PDF
must be, byte for byte, the one WeasyPrint makes of the HTML as written, <style> and all."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import weasyprint

from generator.render.pdf import engine
from generator.render.pdf.acroform import finish_fillable
from generator.render.pdf.engine import RenderJob, render_pdf
from generator.render.pdf.fetcher import ProjectURLFetcher
from generator.render.pdf.fonts import font_cuts
from generator.render.pdf.print_html import PrintNotice, PrintPages
from generator.render.pdf.renderer import PDF_TEMPLATE_FOLDER, TEMPLATE_FOLDER
from generator.source.project import read_handbook

FIXTURE_ROOT = Path(__file__).resolve().parent / "fixtures" / "pdf_handbook"


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RenderJob]:
    """A document and a fillable form sheet of the fixture handbook, as the build makes them."""
    handbook = read_handbook(FIXTURE_ROOT).handbook
    assert handbook is not None
    cache = tmp_path_factory.mktemp("engine")
    pages = PrintPages(handbook, font_cuts(cache))
    allowed = tuple(str(path.resolve()) for path in (TEMPLATE_FOLDER, cache))
    base = PDF_TEMPLATE_FOLDER.as_uri() + "/"
    notice = PrintNotice(datetime.date(2026, 1, 1))
    return {
        "document": RenderJob(pages.document_html(handbook.documents[0], notice), base, allowed),
        "fillable": RenderJob(pages.form_html(handbook.forms[0], fillable=True), base, allowed, fillable=True),
    }


def as_written(job: RenderJob) -> bytes:
    """WeasyPrint on the whole HTML, finished as the engine finishes it: the reference."""
    source = weasyprint.HTML(string=job.html, base_url=job.base_url, url_fetcher=ProjectURLFetcher(job.allowed_folders))
    document = source.render(pdf_forms=job.fillable or None, pdf_tags=job.tagged)
    finisher = engine._finish_fillable if job.fillable else engine._finish
    pdf = document.write_pdf(pdf_forms=job.fillable or None, pdf_tags=job.tagged, finisher=finisher)
    return finish_fillable(pdf) if job.fillable else pdf


@pytest.mark.parametrize("kind", ["document", "fillable"])
def test_a_layout_with_the_parsed_stylesheet_is_the_html_as_written(jobs: dict[str, RenderJob], kind: str) -> None:
    job = jobs[kind]
    assert engine.STYLE_ELEMENT.search(job.html) is not None  # the stylesheet is taken out, not missed
    engine._parsed_stylesheet.cache_clear()
    first = render_pdf(job).pdf
    again = render_pdf(job).pdf  # the stylesheet from the process's cache this time
    assert engine._parsed_stylesheet.cache_info().hits >= 1
    assert first == again == as_written(job)
