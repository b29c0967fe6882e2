"""One font program per font in the manual, instead of one per part (~158 for the example).

The manual is made of the parts' own pages (manual.py), and every part embeds its own
subset of the same two fonts: 79 copies each of the serif and the bold sans, ~10 MB of the
example's 10.8 MB. WeasyPrint subsets with the glyph ids of the font it was given kept
(HB_SUBSET_FLAGS_RETAIN_GIDS) and maps CID = glyph id, and every PDF of a build sets its
text in the same font cuts (fonts.py). So one program cut from that font with the union of
the glyphs of all the subsets draws every page: each part keeps its own font dictionary
(widths, ToUnicode: small), and its font descriptor points at the shared program, a compact
CFF of those glyphs for the CFF cuts (compact_fonts.py). Fonts that are not our cuts (a
fallback face for a rare character) are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

from generator.render.pdf.compact_fonts import COMPACTED_FAMILIES
from generator.render.pdf.font_subset import compact_cid_font, subset_glyphs
from generator.render.pdf.subset_tags import retagged, subset_tag

FONT_FILE_KEYS = ("/FontFile", "/FontFile2", "/FontFile3")


def share_font_programs(writer: PdfWriter, cut_files: dict[str, Path]) -> int:
    """Point every font of a cut (by CSS family) at one program with the union of its glyphs.

    Returns how many font programs were replaced. The replaced ones are left unreferenced,
    for the writer to drop (`compress_identical_objects(remove_orphans=True)`).
    """
    fonts: dict[str, list[tuple[DictionaryObject, DictionaryObject]]] = {}
    glyphs: dict[str, set[int]] = {}
    for parent, font in _cid_fonts(writer):
        descriptor = _dictionary(font["/FontDescriptor"])
        family = str(descriptor.get("/FontFamily", ""))
        if family not in cut_files or not any(key in descriptor for key in FONT_FILE_KEYS):
            continue
        fonts.setdefault(family, []).append((parent, font))
        glyphs.setdefault(family, set()).update(glyph_ids_of(font.get("/W", ArrayObject())))
    replaced = 0
    for family, group in fonts.items():
        if family in COMPACTED_FAMILIES:  # a CID-keyed CFF cut: only its glyphs (compact_fonts.py)
            data = compact_cid_font(cut_files[family], glyphs[family])
            program = _compact_program_stream(writer, data)
        else:
            data = subset_glyphs(cut_files[family], glyphs[family])
            program = _program_stream(writer, _dictionary(group[0][1]["/FontDescriptor"]), data)
        tag = subset_tag(data)
        for parent, font in group:
            descriptor = _dictionary(font["/FontDescriptor"])
            for key in FONT_FILE_KEYS:
                if key in descriptor:
                    descriptor[NameObject(key)] = program
            descriptor.pop("/CIDSet", None)  # a list of the glyphs of the old subset
            for dictionary, key in ((parent, "/BaseFont"), (font, "/BaseFont"), (descriptor, "/FontName")):
                dictionary[NameObject(key)] = NameObject(retagged(str(dictionary[key]), tag))
            replaced += 1
    return replaced


def glyph_ids_of(widths: PdfObject) -> Iterator[int]:
    """The glyph ids a CIDFont's /W array gives widths for: `c [w…]` and `c_first c_last w`."""
    items = list(widths.get_object())  # type: ignore[call-overload]  # an ArrayObject
    position = 0
    while position < len(items):
        first = int(items[position])
        following = items[position + 1].get_object()
        if isinstance(following, ArrayObject):
            yield from range(first, first + len(following))
            position += 2
        else:
            yield from range(first, int(following) + 1)
            position += 3


def _program_stream(writer: PdfWriter, descriptor: DictionaryObject, program: bytes) -> IndirectObject:
    """A new font file stream like the descriptor's own (same key and subtype), compressed."""
    key = next(key for key in FONT_FILE_KEYS if key in descriptor)
    original = _dictionary(descriptor[key])
    stream = StreamObject()
    stream.set_data(program)
    if "/Subtype" in original:
        stream[NameObject("/Subtype")] = original["/Subtype"]
    if key == "/FontFile2":
        stream[NameObject("/Length1")] = NumberObject(len(program))
    return writer._add_object(stream.flate_encode())


def _compact_program_stream(writer: PdfWriter, program: bytes) -> IndirectObject:
    """A bare CID-keyed CFF program as a FontFile3 /CIDFontType0C stream, compressed."""
    stream = StreamObject()
    stream.set_data(program)
    stream[NameObject("/Subtype")] = NameObject("/CIDFontType0C")
    return writer._add_object(stream.flate_encode())


def _dictionary(value: PdfObject) -> DictionaryObject:
    """The dictionary (or stream) an entry refers to; anything else is a malformed PDF."""
    found = value.get_object()
    if not isinstance(found, DictionaryObject):
        raise TypeError(f"expected a dictionary, found {type(found).__name__}")
    return found


def _cid_fonts(writer: PdfWriter) -> Iterator[tuple[DictionaryObject, DictionaryObject]]:
    """Every (Type0 font, its descendant CID font) used on a page or in a form XObject, once each."""
    fonts: dict[int, tuple[DictionaryObject, DictionaryObject]] = {}
    visited: set[int] = set()
    pending = [page.get("/Resources") for page in writer.pages]
    while pending:
        resources = pending.pop()
        if resources is None:
            continue
        dictionary = resources.get_object()
        for reference in dictionary.get("/Font", DictionaryObject()).get_object().values():
            parent = reference.get_object()
            for descendant in parent.get("/DescendantFonts", ArrayObject()).get_object():
                font = descendant.get_object()
                fonts[id(font)] = (parent, font)  # pypdf hands out one Python object per indirect object
        for reference in dictionary.get("/XObject", DictionaryObject()).get_object().values():
            xobject = reference.get_object()
            if id(xobject) not in visited and xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                visited.add(id(xobject))
                pending.append(xobject["/Resources"])
    yield from fonts.values()
