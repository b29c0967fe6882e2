"""One HTML string in, one PDF out: the only place that calls WeasyPrint.

A `RenderJob` is plain data so it can cross into a worker process and so its sha256 can key
the cache. Bump RENDERER_VERSION whenever this module (or WeasyPrint) changes what the
same HTML turns into.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache

import pydyf
import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from generator.render.pdf.acroform import finish_fillable
from generator.render.pdf.compact_fonts import compact_embedded_fonts
from generator.render.pdf.fetcher import ProjectURLFetcher
from generator.render.pdf.subset_tags import tag_subsets_by_content

RENDERER_VERSION = "handbook-pdf-8"  # 6: AcroForm by acroform.py; 7: subset tags by content; 8: compact fonts


class RenderFailure(Exception):
    """A PDF could not be made; carries a plain message so it survives a process boundary."""


@dataclass(frozen=True)
class RenderJob:
    html: str
    base_url: str  # folder of the templates, for relative url() in the stylesheets
    allowed_folders: tuple[str, ...]  # what the URL fetcher may read
    fillable: bool = False
    tagged: bool = True
    manual_copy: bool = False  # also write an untagged copy for the manual (see manual.py)
    tighter_html: str = ""  # a tighter layout, used when it takes fewer pages than `html`

    def cache_key(self, assets_digest: str) -> str:
        """sha256 of everything that decides the bytes of the PDF.

        `assets_digest` covers the templates and the files they load by relative URL
        (watermarks); the font cuts are named in the HTML by a hash of their source. The
        allowed folders and the base URL only say where files may be read from.
        """
        texts = ("html", "tighter_html", "allowed_folders", "base_url")
        options = {key: value for key, value in asdict(self).items() if key not in texts}
        header = json.dumps(
            {
                "renderer": RENDERER_VERSION,
                "weasyprint": weasyprint.__version__,
                "pydyf": pydyf.__version__,  # pydyf writes the PDF bytes WeasyPrint lays out
                "assets": assets_digest,
                "options": options,
            },
            sort_keys=True,
        )
        return hashlib.sha256(b"\0".join((header.encode(), self.html.encode(), self.tighter_html.encode()))).hexdigest()


def _name_radio_groups_only(document: weasyprint.Document, pdf: pydyf.PDF) -> None:
    """WeasyPrint 70 gives every radio button the group's /T and lists it in /Fields beside
    its group, so readers see a second field `x.x`. A widget under a /Parent is only a
    kid: no name of its own, and reached through its group, not from /Fields."""
    kids = [
        item
        for item in pdf.objects
        if isinstance(item, pydyf.Dictionary) and item.get("Subtype") == "/Widget" and "Parent" in item
    ]
    for kid in kids:
        kid.pop("T", None)
        kid.pop("TU", None)
    if kids and "AcroForm" in pdf.catalog:
        references = {kid.reference for kid in kids}
        fields = pdf.catalog["AcroForm"]["Fields"]
        fields[:] = [reference for reference in fields if reference not in references]


def _finish(document: weasyprint.Document, pdf: pydyf.PDF) -> None:
    compact_embedded_fonts(pdf)
    tag_subsets_by_content(pdf)  # after compacting: the tag names the bytes embedded


def _finish_fillable(document: weasyprint.Document, pdf: pydyf.PDF) -> None:
    _name_radio_groups_only(document, pdf)
    _finish(document, pdf)


@dataclass(frozen=True)
class RenderedPdf:
    pdf: bytes
    pages: int
    manual_copy: bytes | None = None  # untagged: the manual is put together from pages, not structure trees


STYLE_ELEMENT = re.compile(r"<style>(?P<css>.*?)</style>", re.DOTALL)  # pdf/base.html's one <style>


@lru_cache(maxsize=8)  # a build has two: with and without the field font
def _parsed_stylesheet(
    css: str, base_url: str, allowed_folders: tuple[str, ...]
) -> tuple[weasyprint.CSS, FontConfiguration]:
    """The print stylesheet parsed once per process, with the font configuration that holds
    its @font-face rules (WeasyPrint requires the same one for the layout).

    Every HTML carries the whole stylesheet inline (print_html.py: each HTML is complete, and
    the cache key covers it), and WeasyPrint parsed it, validated every declaration and loaded
    the font cuts again for every layout: 17 % of the CPU of a document or a form sheet (cProfile
    of 42 example jobs; 135 jobs on 2 workers 28.0 s → 22.9 s, the same bytes)."""
    fonts = FontConfiguration()
    fetcher = ProjectURLFetcher(allowed_folders)
    return weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher, font_config=fonts), fonts


def _layout(job: RenderJob, html: str) -> weasyprint.Document:
    """`html` laid out, its <style> taken from the process's parsed stylesheets."""
    fetcher = ProjectURLFetcher(job.allowed_folders)
    options = {"pdf_forms": job.fillable or None, "pdf_tags": job.tagged}
    style = STYLE_ELEMENT.search(html)
    if style is None:
        return weasyprint.HTML(string=html, base_url=job.base_url, url_fetcher=fetcher).render(**options)
    stylesheet, fonts = _parsed_stylesheet(style["css"], job.base_url, job.allowed_folders)
    source = weasyprint.HTML(
        string=html[: style.start()] + html[style.end() :], base_url=job.base_url, url_fetcher=fetcher
    )
    return source.render(stylesheets=[stylesheet], font_config=fonts, **options)


def render_pdf(job: RenderJob) -> RenderedPdf:
    """Lay `job` out (again tighter if that saves a page) and write it (twice with a manual copy).

    A refused URL or any WeasyPrint failure becomes a RenderFailure.
    """
    finisher = _finish_fillable if job.fillable else _finish
    try:
        document = _layout(job, job.html)
        if job.tighter_html and len(document.pages) > 1:
            tighter = _layout(job, job.tighter_html)
            document = tighter if len(tighter.pages) < len(document.pages) else document
        pdf = document.write_pdf(pdf_forms=job.fillable or None, pdf_tags=job.tagged, finisher=finisher)
        if job.fillable:
            pdf = finish_fillable(pdf)  # appearances, field font and flags every viewer shows alike
        copy = document.write_pdf(pdf_tags=False, finisher=_finish) if job.manual_copy else None
        return RenderedPdf(pdf, len(document.pages), copy)
    except FatalURLFetchingError as problem:
        raise RenderFailure(f"{problem} ({problem.__cause__})") from None
    except Exception as problem:
        raise RenderFailure(f"{type(problem).__name__}: {problem}") from None
