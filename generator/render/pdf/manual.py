"""The whole manual as one PDF: a WeasyPrint skeleton with the parts' own pages put in.

Laying out the whole manual again in WeasyPrint costs ~0.5 s a page (80 s for the example's
149 pages), on one core, after every edit. But every page of it already exists: the
controlled copy of each document and the blank sheet of each form. So WeasyPrint lays out
only a skeleton (pdf/manual.html): the cover, the table of contents, and one empty
placeholder page per page of every part, in the part's paper size. target-counter() numbers
the contents and the placeholders carry the bookmarks, so both point at the right pages;
then each placeholder page takes the contents and resources of the part's page (pikepdf).
Each part keeps its own header and 第 X 页 共 Y 页, as in a compiled manual of controlled
documents. Every part brings its own font subsets; the merge replaces them with one program
per font (shared_fonts.py): 10.8 MB → ~2 MB for the example.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from generator.render.pdf.shared_fonts import share_font_programs

MERGE_VERSION = "manual-merge-3"  # bump when the merge changes its output
PAGE_KEYS = ("/Contents", "/Resources", "/MediaBox", "/CropBox", "/TrimBox", "/BleedBox", "/Rotate")


class ManualMergeError(RuntimeError):
    pass


@dataclass(frozen=True)
class ManualPart:
    """A document or form as the skeleton sees it: where it goes and how many pages it has."""

    number: str
    title: str
    anchor: str
    paper: str
    orientation: str
    pages: int


@dataclass(frozen=True)
class PartGroup:
    title: str
    parts: tuple[ManualPart, ...]


def merge_manual(skeleton: bytes, parts: Sequence[bytes], cut_files: dict[str, Path] | None = None) -> bytes:
    """The skeleton with its last pages replaced, in order, by every page of `parts`.

    `cut_files` are the font cuts the parts were set in, by CSS family: each is embedded
    once, with the glyphs of every part (shared_fonts.py). The parts stay open until the
    manual is written: qpdf reads the data of a copied stream from its source only then.
    """
    with ExitStack() as open_files:
        manual = open_files.enter_context(pikepdf.open(io.BytesIO(skeleton)))
        sources = [open_files.enter_context(pikepdf.open(io.BytesIO(part))) for part in parts]
        first = len(manual.pages) - sum(len(source.pages) for source in sources)
        if first < 0:
            raise ManualMergeError(f"the skeleton has {len(manual.pages)} pages, fewer than its parts")
        placeholders = iter(range(first, len(manual.pages)))
        for source in sources:
            for page in source.pages:
                _take_page(manual.pages[next(placeholders)], page, source, manual)
        if cut_files:
            share_font_programs(manual, cut_files)
        output = io.BytesIO()
        manual.save(
            output, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True
        )
        return output.getvalue()


def _take_page(placeholder: pikepdf.Page, page: pikepdf.Page, source: pikepdf.Pdf, manual: pikepdf.Pdf) -> None:
    """Give `placeholder` the look of `page`; it keeps its own place, bookmarks and links."""
    if list(placeholder.mediabox) != list(page.mediabox):
        raise ManualMergeError(f"a placeholder page is {placeholder.mediabox}, its part page {page.mediabox}")
    for key in PAGE_KEYS:
        if key in page.obj:
            value = page.obj[key]
            if not value.is_indirect and isinstance(value, pikepdf.Dictionary | pikepdf.Array):
                value = source.make_indirect(value)  # qpdf copies only indirect objects from another PDF
            placeholder.obj[key] = manual.copy_foreign(value) if value.is_indirect else value
