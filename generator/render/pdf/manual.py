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
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from generator.render.pdf.shared_fonts import saved_with_shared_fonts

MERGE_VERSION = "manual-merge-4"  # bump when the merge changes its output
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


def merge_manual(skeleton: bytes, parts: Sequence[Path], cut_files: dict[str, Path] | None = None) -> bytes:
    """The skeleton with its last pages replaced, in order, by every page of the PDFs `parts`.

    `cut_files` are the font cuts the parts were set in, by CSS family: each is embedded
    once, with the glyphs of every part (shared_fonts.py). One part is open at a time, the
    last part first (its pages are the skeleton's last): qpdf reads a copied stream's data
    from its source only when the manual is written, so the streams of a part are read into
    the manual before it is closed (with every part of a 500-document manual open at once,
    the build's peak memory was ~350 MB higher).
    """
    with pikepdf.open(io.BytesIO(skeleton)) as manual:
        position = len(manual.pages)
        for part in reversed(parts):
            with pikepdf.open(part) as source:
                position -= len(source.pages)
                if position < 0:
                    raise ManualMergeError(f"the skeleton has {len(manual.pages)} pages, fewer than its parts")
                copied = [
                    _take_page(manual.pages[position + number], page, source, manual)
                    for number, page in enumerate(source.pages)
                ]
                _read_copied_streams([value for values in copied for value in values])
        return saved_with_shared_fonts(manual, cut_files)


def _read_copied_streams(copied: list[pikepdf.Object]) -> None:
    """Hold the data of every stream reached from `copied` in the manual itself (the raw,
    still compressed bytes), so that the part they were copied from can be closed."""
    seen: set[tuple[int, int]] = set()
    pending = list(copied)
    while pending:
        item = pending.pop()
        if not isinstance(item, pikepdf.Object):
            continue  # a number, a boolean: pikepdf gives them as Python values
        if item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        if isinstance(item, pikepdf.Stream):
            codec, parameters = item.get("/Filter"), item.get("/DecodeParms")
            item.write(
                item.read_raw_bytes(),
                filter=codec if isinstance(codec, pikepdf.Name | pikepdf.Array) else None,
                decode_parms=parameters if isinstance(parameters, pikepdf.Dictionary | pikepdf.Array) else None,
                type_check=False,
            )
        if isinstance(item, pikepdf.Dictionary | pikepdf.Stream):
            pending.extend(value for _, value in item.items())
        elif isinstance(item, pikepdf.Array):
            pending.extend(item)


def _take_page(
    placeholder: pikepdf.Page, page: pikepdf.Page, source: pikepdf.Pdf, manual: pikepdf.Pdf
) -> list[pikepdf.Object]:
    """Give `placeholder` the look of `page`; it keeps its own place, bookmarks and links.
    Returns what it took."""
    if list(placeholder.mediabox) != list(page.mediabox):
        raise ManualMergeError(f"a placeholder page is {placeholder.mediabox}, its part page {page.mediabox}")
    taken = []
    for key in PAGE_KEYS:
        if key in page.obj:
            value = page.obj[key]
            if not value.is_indirect and isinstance(value, pikepdf.Dictionary | pikepdf.Array):
                value = source.make_indirect(value)  # qpdf copies only indirect objects from another PDF
            placeholder.obj[key] = manual.copy_foreign(value) if value.is_indirect else value
            taken.append(placeholder.obj[key])
    return taken
