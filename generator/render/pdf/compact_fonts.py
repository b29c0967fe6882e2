"""Embed each of our fonts as only the glyphs a PDF uses, under the CIDs its text names.

WeasyPrint 70 embeds a subset that keeps every glyph id of the font it was given
(HB_SUBSET_FLAGS_RETAIN_GIDS), wrapped as /OpenType: for our GB2312 cuts 9,000–14,000 glyph
slots, nearly all empty, and empty slots still cost offsets and metrics. In a one-page
register that was 120 KB of its 129 KB. Here, as a WeasyPrint finisher on the pydyf objects
before anything is written, each program cut from our fonts becomes a bare CID-keyed CFF
(FontFile3 /CIDFontType0C, the form Acrobat writes) with the glyphs of its /W widths only,
their old glyph ids kept as CIDs: the page's text, widths and ToUnicode stay as they are.
Fonts that are not our cuts (a fallback face for a rare character, the TrueType field font)
are left alone: their charsets are not known to be CID = glyph id (font_subset.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pydyf

from generator.render.pdf.font_subset import compact_cid_font
from generator.render.pdf.fonts import SANS_BOLD, SERIF

COMPACTED_FAMILIES = frozenset({SERIF.family, SANS_BOLD.family})  # CID-keyed CFF cuts, CID = glyph id


def compact_embedded_fonts(pdf: pydyf.PDF) -> None:
    """Replace every /OpenType program of our cuts in `pdf` by its compact CFF (module docstring)."""
    used = _glyphs_by_descriptor(pdf)
    for number, descriptor in _descriptors(pdf):
        if _plain(descriptor.get("FontFamily")) not in COMPACTED_FAMILIES or "FontFile3" not in descriptor:
            continue
        stream = pdf.objects[_object_number(descriptor["FontFile3"])]
        if stream.extra.get("Subtype") != "/OpenType" or number not in used:
            continue
        program = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in stream.stream)
        stream.stream = [compact_cid_font(program, used[number])]
        stream.extra["Subtype"] = "/CIDFontType0C"
        descriptor.pop("CIDSet", None)  # optional, and it listed the glyphs of the old program


def _descriptors(pdf: pydyf.PDF) -> Iterator[tuple[int, pydyf.Dictionary]]:
    for number, item in enumerate(pdf.objects):
        if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/FontDescriptor":
            yield number, item


def _glyphs_by_descriptor(pdf: pydyf.PDF) -> dict[int, set[int]]:
    """The glyph ids (= CIDs) every CFF CIDFont gives widths for, by its descriptor's object number."""
    glyphs: dict[int, set[int]] = {}
    for item in pdf.objects:
        if isinstance(item, pydyf.Dictionary) and item.get("Subtype") == "/CIDFontType0" and "W" in item:
            number = _object_number(item["FontDescriptor"])
            glyphs.setdefault(number, set()).update(_width_glyphs(item["W"]))
    return glyphs


def _width_glyphs(widths: list[object]) -> Iterator[int]:
    """The CIDs of a /W array: `c [w …]` and `c_first c_last w` entries."""
    position = 0
    while position < len(widths):
        first = int(str(widths[position]))
        following = widths[position + 1]
        if isinstance(following, list):
            yield from range(first, first + len(following))
            position += 2
        else:
            yield from range(first, int(str(following)) + 1)
            position += 3


def _object_number(reference: object) -> int:
    """pydyf keeps a reference as b"12 0 R" or "12 0 R", as WeasyPrint happened to make it."""
    text = reference.decode() if isinstance(reference, bytes) else str(reference)
    return int(text.split()[0])


def _plain(value: object) -> str:
    return value.string if isinstance(value, pydyf.String) else str(value or "")
