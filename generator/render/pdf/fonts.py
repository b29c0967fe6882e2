"""Fonts for the PDFs: what must be installed, and the small fonts made from it once.

Five traps of WeasyPrint 70 decide this module (see /work/shared/FACTS.md):
- Without Debian's libharfbuzz-subset0, WeasyPrint subsets fonts with fontTools and only logs
  a warning; a one-page CJK form then takes 10–14 s instead of 0.3 s. We refuse to build.
- WeasyPrint keeps the glyph ids of the font it subsets, so text set straight in a 65,535-glyph
  Noto CJK face costs ~280 KB for a one-page form. We set text in a GB2312(+symbols) cut of
  the face with compact ids (font_subset.py): ~100 KB for the same page, and faster.
- The font of a form field is embedded whole (WeasyPrint #2119): 15–21 MB with Noto CJK.
  Fields use a GB2312 cut of Droid Sans Fallback instead (~1 MB, ~0.55 MB compressed).
  Droid Sans Fallback has no Latin letters or digits at all, so without help a viewer
  cannot show a date or a phone number typed into a field: the cut takes those from
  DejaVu Sans (Debian fonts-dejavu-core, which fontconfig itself depends on).
- WeasyPrint writes glyph ids as CIDs, and a HarfBuzz cut keeps Noto's CIDs at new glyph ids,
  so a reader that follows the CFF charset (pdf.js, as the PDF specification says) drew the
  wrong glyph or none for most characters. The cuts' charsets are CID = glyph id, and every
  PDF embeds only the glyphs it uses (compact_fonts.py).
- A whole embedded font gets its ToUnicode map from its cmap, lowest code point first, so a
  full CJK font maps 人 to the Kangxi radical ⼈ (U+2F08). None of our cuts contains the
  Kangxi radicals (U+2F00–U+2FDF), so extracted text is the source text.
Characters outside the cuts still print: the stylesheet falls back to the installed face.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.diagnostics import HandbookError, error
from generator.messages import Text
from generator.render.pdf.cache import write_atomically
from generator.render.pdf.font_subset import add_glyphs, subset_font, with_identity_charset

CUT_VERSION = "3"  # bump when the character sets or the subsetting change (3: CID = glyph id)

# Blocks kept besides GB2312: Latin with pinyin tones, punctuation, letterlike symbols,
# number forms, arrows, maths (≤ ≦), enclosed numbers (①), box drawing, shapes (□ ○),
# misc symbols (★), CJK symbols, enclosed CJK (㈠), CJK units (㎡), full-width forms.
PRINT_EXTRA_BLOCKS = (
    (0x00A0, 0x017F),
    (0x2000, 0x206F),
    (0x2100, 0x22FF),
    (0x2460, 0x25FF),
    (0x2600, 0x26FF),
    (0x3000, 0x303F),
    (0x3200, 0x33FF),
    (0xFF00, 0xFFEF),
)
KANGXI_RADICALS = range(0x2F00, 0x2FE0)


LATIN_CHARACTERS = range(0x20, 0x100)  # ASCII and Latin-1


@dataclass(frozen=True)
class InstalledFont:
    family: str  # fontconfig family
    style: str
    package: str  # Debian package that installs it


@dataclass(frozen=True)
class FontCut:
    """A font of the PDFs: the CSS family it is declared as, and what it is cut from."""

    family: str  # CSS family name in @font-face
    weight: str  # CSS font-weight the face is declared with
    source: InstalledFont
    latin: InstalledFont | None = None  # where Latin letters and digits come from, if not the source
    for_fields: bool = False


NOTO_SERIF = InstalledFont("Noto Serif CJK SC", "Regular", "fonts-noto-cjk")
NOTO_SANS_BOLD = InstalledFont("Noto Sans CJK SC", "Bold", "fonts-noto-cjk")
DROID = InstalledFont("Droid Sans Fallback", "Regular", "fonts-droid-fallback")
DEJAVU = InstalledFont("DejaVu Sans", "Book", "fonts-dejavu-core")

SERIF = FontCut("Handbook Serif", "normal", NOTO_SERIF)
SANS_BOLD = FontCut("Handbook Sans", "bold", NOTO_SANS_BOLD)
FIELD = FontCut("Handbook Field", "normal", DROID, latin=DEJAVU, for_fields=True)
FONT_CUTS = (SERIF, SANS_BOLD, FIELD)


def _setup_error(message: str, hint: str) -> HandbookError:
    return HandbookError([error("(environment)", 0, 0, message, hint)])


def check_harfbuzz_subset() -> None:
    """Fail loudly unless WeasyPrint found HarfBuzz-Subset ≥ 4.1 — the check it makes itself."""
    from weasyprint.text import ffi

    require_harfbuzz_subset(ffi.harfbuzz_subset, bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0)))


def require_harfbuzz_subset(library: object | None, recent_enough: bool) -> None:
    """`library` is WeasyPrint's handle on libharfbuzz-subset.so.0 (None when it is missing)."""
    if library is None or not recent_enough:
        raise _setup_error(
            Text(
                "HarfBuzz-Subset (libharfbuzz-subset.so.0, version 4.1 or later) is not installed: "
                "WeasyPrint would fall back to fontTools and take 30 times longer per PDF"
            ),
            Text("apt-get install {package}", package="libharfbuzz-subset0"),
        )


def installed_face(font: InstalledFont) -> tuple[Path, int]:
    """File and face index fontconfig holds for `font` (exact family, no substitute)."""
    pattern = f":family={font.family}:style={font.style}"
    result = subprocess.run(
        ["fc-list", "--format", "%{file}\t%{index}\n", pattern], capture_output=True, text=True, check=False
    )
    faces = sorted(line.split("\t") for line in result.stdout.splitlines() if "\t" in line)
    if not faces:
        raise _setup_error(
            Text("the font {family} {style} is not installed", family=font.family, style=font.style),
            Text("apt-get install {package}", package=font.package),
        )
    path, index = faces[0]
    return Path(path), int(index)


@lru_cache(maxsize=1)
def gb2312_characters() -> frozenset[int]:
    """Printable ASCII plus every character of GB2312 (6,763 hanzi and the symbols)."""
    characters = set(range(0x20, 0x7F))
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                characters.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return frozenset(characters)


def cut_characters(cut: FontCut) -> frozenset[int]:
    if cut.for_fields:
        return gb2312_characters()
    extra = {codepoint for start, end in PRINT_EXTRA_BLOCKS for codepoint in range(start, end + 1)}
    return frozenset((gb2312_characters() | extra) - set(KANGXI_RADICALS))


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def font_cut(cut: FontCut, cache_dir: Path) -> Path:
    """The cut's font file in cache_dir/fonts/, made on first use (HarfBuzz ~1 s, fontTools ~3 s)."""
    sources = [installed_face(cut.source)] + ([installed_face(cut.latin)] if cut.latin else [])
    fingerprint = ":".join(f"{_file_digest(path)}:{index}" for path, index in sources)
    key = hashlib.sha256(f"{fingerprint}:{CUT_VERSION}".encode()).hexdigest()[:16]
    target = cache_dir / "fonts" / f"{cut.family.lower().replace(' ', '-')}-{key}.font"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, _cut(cut, sources))
    return target


def _cut(cut: FontCut, sources: list[tuple[Path, int]]) -> bytes:
    (source, index), *latin = sources
    data = subset_font(source, index, cut_characters(cut))
    if latin:
        ((latin_source, latin_index),) = latin
        data = add_glyphs(data, subset_font(latin_source, latin_index, LATIN_CHARACTERS))
    return with_identity_charset(data)  # the CIDs WeasyPrint writes are glyph ids


def font_cuts(cache_dir: Path) -> dict[FontCut, Path]:
    """Every font of the PDFs, cut and cached (checks that the sources are installed)."""
    return {cut: font_cut(cut, cache_dir) for cut in FONT_CUTS}
