"""Cut a CJK font down to the characters a handbook can use, with HarfBuzz (fast: < 1 s).

Why pre-subset at all, when WeasyPrint subsets every font it embeds? WeasyPrint keeps the
glyph ids of the source font (HB_SUBSET_FLAGS_RETAIN_GIDS), so a page of text set in a
65,535-glyph Noto CJK face still carries tables sized for 65,535 glyphs: ~280 KB for a
one-page form. From a 14,000-glyph GB2312 face with compact ids the same page is ~100 KB,
and it renders faster because WeasyPrint reads a 4 MB font instead of a 26 MB collection.

WeasyPrint's own bindings lack the calls this needs (load a file, a unicode set), so the
few HarfBuzz functions are declared here and called on the libraries check_harfbuzz_subset
has already required. HarfBuzz 6 (Debian 12) refuses some TrueType faces past ~5,000
characters (Droid Sans Fallback); those go through fontTools, which takes ~2 s for them
(and minutes for a Noto CJK face, hence HarfBuzz first).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import cffi
from fontTools import subset as fonttools_subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

_DECLARATIONS = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
hb_blob_t *hb_blob_create_from_file_or_fail (const char *file_name);
hb_blob_t *hb_blob_create (const char *data, unsigned int length, int mode, void *user_data, void *destroy);
hb_blob_t *hb_face_reference_table (const hb_face_t *face, uint32_t tag);
void hb_blob_destroy (hb_blob_t *blob);
const char *hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
hb_blob_t *hb_face_reference_blob (hb_face_t *face);
void hb_set_add (hb_set_t *set, hb_codepoint_t codepoint);
hb_subset_input_t *hb_subset_input_create_or_fail (void);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_set_t *hb_subset_input_unicode_set (hb_subset_input_t *input);
void hb_subset_input_set_flags (hb_subset_input_t *input, unsigned value);
hb_face_t *hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set (hb_subset_input_t *input);
hb_set_t *hb_subset_input_set (hb_subset_input_t *input, int set_type);
uint32_t hb_tag_from_string (const char *str, int len);
"""
NO_HINTING = 0x01  # HB_SUBSET_FLAGS_NO_HINTING: hints only matter on screens, not in PDFs
# The flags WeasyPrint subsets with (weasyprint/pdf/fonts.py), so a program cut here can stand
# in for any of its subsets: glyph ids kept, CFF flattened, unknown tables passed through.
RETAIN_GIDS = 0x02
DESUBROUTINIZE = 0x04
PASSTHROUGH_UNRECOGNIZED = 0x20
NOTDEF_OUTLINE = 0x40
DROP_TABLE_TAG_SET = 3  # HB_SUBSET_SETS_DROP_TABLE_TAG
MEMORY_MODE_DUPLICATE = 0  # HB_MEMORY_MODE_DUPLICATE: HarfBuzz copies the bytes it is given
# WeasyPrint's list of tables a PDF never reads (shaping is done before the PDF is written).
PDF_UNUSED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")
# Tables the two fonts of a merge do not share (or that fontTools cannot merge across them).
UNMERGED_TABLES = ("GSUB", "GPOS", "GDEF", "kern", "MATH", "vhea", "vmtx", "gasp")


class FontSubsetError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def _libraries() -> tuple[cffi.FFI, Any, Any]:  # cffi libraries have attributes only at run time
    ffi = cffi.FFI()
    ffi.cdef(_DECLARATIONS)
    return ffi, ffi.dlopen("libharfbuzz.so.0"), ffi.dlopen("libharfbuzz-subset.so.0")


def subset_font(source: Path, face_index: int, characters: Iterable[int]) -> bytes:
    """The font file of face `face_index` of `source`, keeping only `characters`."""
    characters = sorted(set(characters))
    try:
        return _harfbuzz_subset(source, face_index, characters)
    except FontSubsetError:
        return _fonttools_subset(source, face_index, characters)


def _fonttools_subset(source: Path, face_index: int, characters: list[int]) -> bytes:
    options = fonttools_subset.Options()
    options.hinting = False
    options.notdef_outline = True
    font = TTFont(source, fontNumber=face_index, recalcTimestamp=False)  # no clock in the bytes
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def _harfbuzz_subset(source: Path, face_index: int, characters: list[int]) -> bytes:
    ffi, harfbuzz, harfbuzz_subset = _libraries()
    request = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    unicodes = harfbuzz_subset.hb_subset_input_unicode_set(request)
    for codepoint in characters:
        harfbuzz.hb_set_add(unicodes, codepoint)
    harfbuzz_subset.hb_subset_input_set_flags(request, NO_HINTING)
    return _subset_with(request, source, face_index)


def subset_glyphs(source: Path, glyph_ids: Iterable[int]) -> bytes:
    """The font program of `source` with only `glyph_ids`, each at its own id.

    WeasyPrint embeds every font as a subset that keeps the glyph ids of the font it was
    given (and the PDF maps CID = glyph id), so a program cut here from the same font, with
    the union of the glyphs of many subsets, draws the text of every one of them.
    """
    ffi, harfbuzz, harfbuzz_subset = _libraries()
    request = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    glyphs = harfbuzz_subset.hb_subset_input_glyph_set(request)
    for glyph_id in sorted({0, *glyph_ids}):
        harfbuzz.hb_set_add(glyphs, glyph_id)
    dropped = harfbuzz_subset.hb_subset_input_set(request, DROP_TABLE_TAG_SET)
    for tag in PDF_UNUSED_TABLES:
        harfbuzz.hb_set_add(dropped, harfbuzz.hb_tag_from_string(tag, len(tag)))
    flags = RETAIN_GIDS | DESUBROUTINIZE | PASSTHROUGH_UNRECOGNIZED | NOTDEF_OUTLINE | NO_HINTING
    harfbuzz_subset.hb_subset_input_set_flags(request, flags)
    return _subset_with(request, source, 0)


def compact_cid_font(source: Path | bytes, glyph_ids: Iterable[int]) -> bytes:
    """A bare CID-keyed CFF program of `glyph_ids` of `source`, glyphs renumbered 0, 1, 2 …

    The text of a PDF names glyphs by CID. For a CID-keyed CFF the PDF specification (32000-1,
    9.7.4.2) maps a CID to a glyph through the program's charset, and pdf.js does just that;
    poppler and PDFium read an /OpenType program by glyph id. With our cuts' charset CID = glyph
    id (`with_identity_charset`) both readings agree, and a program with only the glyphs used,
    its charset naming their old ids as CIDs, draws the same text at a fraction of the size:
    WeasyPrint's own subsets keep every glyph id of the cut (14,000 empty slots, ~40 KB a font
    compressed), the bulk of a one-page form's bytes. Embed it as FontFile3 /CIDFontType0C.
    """
    ffi, harfbuzz, harfbuzz_subset = _libraries()
    request = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    glyphs = harfbuzz_subset.hb_subset_input_glyph_set(request)
    for glyph_id in sorted({0, *glyph_ids}):
        harfbuzz.hb_set_add(glyphs, glyph_id)
    dropped = harfbuzz_subset.hb_subset_input_set(request, DROP_TABLE_TAG_SET)
    for tag in PDF_UNUSED_TABLES:  # GSUB dropped: no alternates of the glyphs come along
        harfbuzz.hb_set_add(dropped, harfbuzz.hb_tag_from_string(tag, len(tag)))
    harfbuzz_subset.hb_subset_input_set_flags(request, DESUBROUTINIZE | NOTDEF_OUTLINE | NO_HINTING)
    return _subset_with(request, source, 0, table=b"CFF ")


def with_identity_charset(data: bytes) -> bytes:
    """`data` with every glyph of its CID-keyed CFF renamed to the CID of its glyph id.

    HarfBuzz keeps the source's CIDs when it cuts a face (Noto's glyph 232 stays CID 232 at
    glyph id 226), but WeasyPrint writes glyph ids into the PDF as CIDs; see compact_cid_font.
    Fonts that are not CID-keyed CFF are returned as they are. Bounding boxes are not
    recalculated: the outlines do not change, and recalculating takes 40 times longer.
    """
    font = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False)
    if "CFF " not in font:
        return data
    cff = font["CFF "].cff
    top = cff[cff.fontNames[0]]
    if not hasattr(top, "ROS"):
        return data
    old_names = list(top.charset)
    new_names = [".notdef"] + [f"cid{glyph_id:05d}" for glyph_id in range(1, len(old_names))]
    renamed = dict(zip(old_names, new_names, strict=True))
    charstrings = top.CharStrings
    charstrings.charStrings = {renamed[name]: index for name, index in charstrings.charStrings.items()}
    top.charset = new_names
    font.setGlyphOrder(new_names)
    return _saved(font)


def _subset_with(request: Any, source: Path | bytes, face_index: int, table: bytes = b"") -> bytes:
    """Run a prepared HarfBuzz subset request on a face of `source` (a file or its bytes);
    the font file's bytes, or only its `table` when one is named."""
    ffi, harfbuzz, harfbuzz_subset = _libraries()
    if isinstance(source, bytes):
        blob = harfbuzz.hb_blob_create(source, len(source), MEMORY_MODE_DUPLICATE, ffi.NULL, ffi.NULL)
    else:
        blob = harfbuzz.hb_blob_create_from_file_or_fail(str(source).encode())
    if blob == ffi.NULL:
        raise FontSubsetError(f"cannot read the font {source if isinstance(source, Path) else 'program'}")
    blob = ffi.gc(blob, harfbuzz.hb_blob_destroy)
    face = ffi.gc(harfbuzz.hb_face_create(blob, face_index), harfbuzz.hb_face_destroy)
    result = harfbuzz_subset.hb_subset_or_fail(face, request)
    if result == ffi.NULL:
        raise FontSubsetError(f"HarfBuzz could not subset {source if isinstance(source, Path) else 'a font program'}")
    result = ffi.gc(result, harfbuzz.hb_face_destroy)
    if table:
        reference = harfbuzz.hb_face_reference_table(result, harfbuzz.hb_tag_from_string(table, len(table)))
    else:
        reference = harfbuzz.hb_face_reference_blob(result)
    data_blob = ffi.gc(reference, harfbuzz.hb_blob_destroy)
    length = ffi.new("unsigned int *")
    data = harfbuzz.hb_blob_get_data(data_blob, length)
    return bytes(ffi.buffer(data, length[0]))


def _font(data: bytes) -> TTFont:
    return TTFont(io.BytesIO(data), recalcTimestamp=False)


def _saved(font: TTFont) -> bytes:
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def _mergeable(data: bytes, units_per_em: int) -> io.BytesIO:
    font = _font(data)
    for tag in UNMERGED_TABLES:
        if tag in font:
            del font[tag]
    if font["head"].unitsPerEm != units_per_em:
        scale_upem(font, units_per_em)
    return io.BytesIO(_saved(font))


def add_glyphs(base: bytes, supplement: bytes) -> bytes:
    """`base` with the glyphs of `supplement` added (both TrueType; the supplement's cmap
    wins where both map a character). fontTools stamps the merged font with the clock, so
    its dates are set back to the base's: the same inputs give the same bytes."""
    units_per_em = _font(base)["head"].unitsPerEm
    merged = _font(_saved(Merger().merge([_mergeable(supplement, units_per_em), _mergeable(base, units_per_em)])))
    stamp = _font(base)["head"].created
    merged["head"].created = merged["head"].modified = stamp
    return _saved(merged)
