"""One font program per font cut in a PDF made of other PDFs' pages: the manual, a stamped copy.

The manual is made of the parts' own pages (manual.py), and every part embeds its own
subset of the same two fonts: 79 copies each of the serif and the bold sans, ~10 MB of the
example's 10.8 MB. A controlled copy is its body with a page of footer drawn over it
(distribution.py), and the footer brought its own subsets of the same fonts: 11 KB of a
145 KB copy. WeasyPrint subsets with the glyph ids of the font it was given kept
(HB_SUBSET_FLAGS_RETAIN_GIDS) and maps CID = glyph id, and every PDF of a build sets its
text in the same font cuts (fonts.py). So one program cut from that font with the union of
the glyphs of all the subsets draws every page: each font dictionary keeps its own widths
and ToUnicode (small), and all of a cut's fonts point at one descriptor and one program, a
compact CFF of those glyphs for the CFF cuts (compact_fonts.py). Fonts that are not our
cuts (a fallback face for a rare character) are left as they are.

pikepdf (qpdf) rather than pypdf: a 500-document manual merged in 19 s with pypdf, most of
it parsing the parts' object streams again for every object read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from generator.render.pdf.compact_fonts import COMPACTED_FAMILIES
from generator.render.pdf.font_subset import compact_cid_font, subset_glyphs
from generator.render.pdf.subset_tags import retagged, subset_tag

FONT_FILE_KEYS = ("/FontFile", "/FontFile2", "/FontFile3")

FontPair = tuple[pikepdf.Object, pikepdf.Object]  # a Type0 font and its descendant CID font


def share_font_programs(pdf: pikepdf.Pdf, cut_files: dict[str, Path]) -> int:
    """Point every font of a cut (by CSS family) at one descriptor and one program with the
    union of its glyphs. Returns how many fonts were repointed; what they used before is left
    unreferenced, and pikepdf does not write unreferenced objects."""
    fonts: dict[str, list[FontPair]] = {}
    glyphs: dict[str, set[int]] = {}
    for parent, font in _cid_fonts(pdf):
        descriptor = font.get("/FontDescriptor")
        if not isinstance(descriptor, Dictionary):
            continue
        family = _text(descriptor.get("/FontFamily"))
        if family not in cut_files or not any(key in descriptor for key in FONT_FILE_KEYS):
            continue
        fonts.setdefault(family, []).append((parent, font))
        glyphs.setdefault(family, set()).update(glyph_ids_of(font.get("/W", Array())))
    repointed = 0
    for family, group in fonts.items():
        descriptor, tag = _shared_descriptor(pdf, group[0][1].FontDescriptor, family, cut_files[family], glyphs[family])
        for parent, font in group:
            font.FontDescriptor = descriptor
            for dictionary in (parent, font):
                dictionary.BaseFont = Name(retagged(str(dictionary.BaseFont), tag))
            repointed += 1
    return repointed


def saved_with_shared_fonts(pdf: pikepdf.Pdf, cut_files: dict[str, Path] | None) -> bytes:
    """`pdf` with one font program per cut (when the cuts are given), saved compressed, with
    object streams and an ID from its content (the same parts give the same bytes)."""
    if cut_files:
        share_font_programs(pdf, cut_files)
    output = io.BytesIO()
    pdf.save(output, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
    return output.getvalue()


def _shared_descriptor(
    pdf: pikepdf.Pdf, model: pikepdf.Object, family: str, cut_file: Path, glyphs: set[int]
) -> tuple[pikepdf.Object, str]:
    """A new descriptor like `model` (one of the cut's own) embedding the program for `glyphs`,
    and the program's subset tag."""
    key = next(key for key in FONT_FILE_KEYS if key in model)
    if family in COMPACTED_FAMILIES:  # a CID-keyed CFF cut: only its glyphs (compact_fonts.py)
        data = compact_cid_font(cut_file, glyphs)
        program = pikepdf.Stream(pdf, data)
        program.Subtype = Name.CIDFontType0C
        key = "/FontFile3"
    else:
        data = subset_glyphs(cut_file, glyphs)
        program = pikepdf.Stream(pdf, data)
        original = model[key]
        if "/Subtype" in original:
            program.Subtype = original.Subtype
        if key == "/FontFile2":
            program.Length1 = len(data)
    descriptor = Dictionary(
        {name: value for name, value in model.items() if name not in (*FONT_FILE_KEYS, "/CIDSet")}
    )  # CIDSet listed the glyphs of the old subset
    descriptor[key] = pdf.make_indirect(program)
    tag = subset_tag(data)
    descriptor.FontName = Name(retagged(str(model.FontName), tag))
    return pdf.make_indirect(descriptor), tag


def glyph_ids_of(widths: pikepdf.Object) -> Iterator[int]:
    """The glyph ids a CIDFont's /W array gives widths for: `c [w…]` and `c_first c_last w`."""
    items = list(widths)
    position = 0
    while position < len(items):
        first = int(items[position])
        following = items[position + 1]
        if isinstance(following, Array):
            yield from range(first, first + len(following))
            position += 2
        else:
            yield from range(first, int(following) + 1)
            position += 3


def _cid_fonts(pdf: pikepdf.Pdf) -> Iterator[FontPair]:
    """Every (Type0 font, its descendant CID font) used on a page or in a form XObject, once each."""
    fonts: dict[tuple[int, int], FontPair] = {}
    visited: set[tuple[int, int]] = set()
    pending = [page.obj.get("/Resources") for page in pdf.pages]
    while pending:
        resources = pending.pop()
        if not isinstance(resources, Dictionary):
            continue
        for parent in resources.get("/Font", Dictionary()).values():
            for font in parent.get("/DescendantFonts", Array()):
                fonts[font.objgen] = (parent, font)
        for xobject in resources.get("/XObject", Dictionary()).values():
            if xobject.objgen not in visited and xobject.get("/Subtype") == Name.Form and "/Resources" in xobject:
                visited.add(xobject.objgen)
                pending.append(xobject.Resources)
    yield from fonts.values()


def _text(value: object) -> str:
    """A PDF string or name as text (a FontFamily is a string; None when it is missing)."""
    return "" if value is None else str(value)
