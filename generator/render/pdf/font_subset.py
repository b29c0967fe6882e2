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


def _subset_with(request: Any, source: Path, face_index: int) -> bytes:
    """Run a prepared HarfBuzz subset request on a face of `source`; the font file's bytes."""
    ffi, harfbuzz, harfbuzz_subset = _libraries()
    blob = ffi.gc(harfbuzz.hb_blob_create_from_file_or_fail(str(source).encode()), harfbuzz.hb_blob_destroy)
    if blob == ffi.NULL:
        raise FontSubsetError(f"cannot read the font {source}")
    face = ffi.gc(harfbuzz.hb_face_create(blob, face_index), harfbuzz.hb_face_destroy)
    result = harfbuzz_subset.hb_subset_or_fail(face, request)
    if result == ffi.NULL:
        raise FontSubsetError(f"HarfBuzz could not subset {source} (face {face_index})")
    result = ffi.gc(result, harfbuzz.hb_face_destroy)
    data_blob = ffi.gc(harfbuzz.hb_face_reference_blob(result), harfbuzz.hb_blob_destroy)
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
