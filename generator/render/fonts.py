"""Fonts for the PDFs: what must be installed, and the small font of fillable fields.

Three traps of WeasyPrint 70 decide this module (see /work/shared/FACTS.md):
- Without Debian's libharfbuzz-subset0, WeasyPrint subsets fonts with fontTools and only logs
  a warning; a one-page CJK form then takes 10–14 s instead of 0.3 s. We refuse to build.
- The font of a form field is embedded whole (WeasyPrint #2119): 15–21 MB with Noto CJK.
  Fields therefore use a GB2312 subset of Droid Sans Fallback, made once and cached
  (~1 MB, ~0.55 MB compressed), which still covers every common Simplified character.
- A whole embedded font gets its ToUnicode map from the font's cmap, first code point
  first, so a full CJK font maps 人 to the Kangxi radical ⼈ (U+2F08). GB2312 has no Kangxi
  radicals, so text typed into a field extracts correctly.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from generator.diagnostics import HandbookError, error

BODY_SERIF = "Noto Serif CJK SC"
BODY_SANS = "Noto Sans CJK SC"
FIELD_SOURCE_FAMILY = "Droid Sans Fallback"
FIELD_FAMILY = "Handbook Field"
FIELD_SUBSET_VERSION = "gb2312-1"  # bump when the subset recipe changes

REQUIRED_FAMILIES = {
    BODY_SERIF: "fonts-noto-cjk",
    BODY_SANS: "fonts-noto-cjk",
    FIELD_SOURCE_FAMILY: "fonts-droid-fallback",
}


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
            "HarfBuzz-Subset (libharfbuzz-subset.so.0, version 4.1 or later) is not installed: "
            "WeasyPrint would fall back to fontTools and take 30 times longer per PDF",
            "apt-get install libharfbuzz-subset0",
        )


def font_file(family: str) -> Path:
    """The file fontconfig holds for `family` exactly (no substitute), or a setup error."""
    result = subprocess.run(["fc-list", f":family={family}", "file"], capture_output=True, text=True, check=False)
    files = sorted(line.rstrip().rstrip(":") for line in result.stdout.splitlines() if line.strip())
    if not files:
        package = REQUIRED_FAMILIES.get(family, "the package that provides it")
        raise _setup_error(f"the font family {family!r} is not installed", f"apt-get install {package}")
    return Path(files[0])


def check_fonts() -> None:
    for family in REQUIRED_FAMILIES:
        font_file(family)


def gb2312_characters() -> set[int]:
    """Printable ASCII plus every character of GB2312 (6,763 hanzi and the symbols)."""
    characters = set(range(0x20, 0x7F))
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                characters.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return characters


def _subset_font(source: Path, target: Path) -> None:
    """Write the GB2312 subset of `source`; no timestamp is touched, so the bytes are stable."""
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=gb2312_characters())
    subsetter.subset(font)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as handle:
        font.save(handle, reorderTables=True)
    os.replace(handle.name, target)


def field_font(cache_dir: Path) -> Path:
    """The cached GB2312 subset of Droid Sans Fallback, made on first use (~2 s)."""
    source = font_file(FIELD_SOURCE_FAMILY)
    digest = hashlib.sha256(source.read_bytes() + FIELD_SUBSET_VERSION.encode()).hexdigest()[:16]
    target = cache_dir / "fonts" / f"field-{digest}.ttf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        _subset_font(source, target)
    return target
