"""The whole manual as one PDF: a WeasyPrint skeleton with the parts' own pages put in.

Laying out the whole manual again in WeasyPrint costs ~0.5 s a page (80 s for the example's
149 pages), on one core, after every edit. But every page of it already exists: the
controlled copy of each document and the blank sheet of each form. So WeasyPrint lays out
only a skeleton (pdf/manual.html): the cover, the table of contents, and one empty
placeholder page per page of every part, in the part's paper size. target-counter() numbers
the contents and the placeholders carry the bookmarks, so both point at the right pages;
then each placeholder page takes the contents and resources of the part's page (pypdf).
Each part keeps its own header and 第 X 页 共 Y 页, as in a compiled manual of controlled
documents. Every part brings its own font subsets; the merge replaces them with one program
per font (shared_fonts.py) and stores identical objects once: 10.8 MB → ~2 MB for the example.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import NameObject

from generator.render.pdf.shared_fonts import share_font_programs

MERGE_VERSION = "manual-merge-2"  # bump when the merge changes its output
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


def read_pdf(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def merge_manual(skeleton: bytes, parts: Sequence[PdfReader], cut_files: dict[str, Path] | None = None) -> bytes:
    """The skeleton with its last pages replaced, in order, by every page of `parts`.

    `cut_files` are the font cuts the parts were set in, by CSS family: each is embedded
    once, with the glyphs of every part (shared_fonts.py).
    """
    writer = PdfWriter(clone_from=read_pdf(skeleton))
    readers = list(parts)
    first = len(writer.pages) - sum(len(reader.pages) for reader in readers)
    if first < 0:
        raise ManualMergeError(f"the skeleton has {len(writer.pages)} pages, fewer than its parts")
    placeholders = iter(writer.pages[first:])
    for reader in readers:
        for page in reader.pages:
            _take_page(next(placeholders), page, writer)
    if cut_files:
        share_font_programs(writer, cut_files)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _take_page(placeholder: PageObject, page: PageObject, writer: PdfWriter) -> None:
    """Give `placeholder` the look of `page`; it keeps its own place, bookmarks and links."""
    if placeholder.mediabox != page.mediabox:
        raise ManualMergeError(f"a placeholder page is {placeholder.mediabox}, its part page {page.mediabox}")
    for key in PAGE_KEYS:
        if key in page:
            placeholder[NameObject(key)] = page.raw_get(key).clone(writer)
