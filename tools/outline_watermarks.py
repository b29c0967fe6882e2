"""Write generator/templates/pdf/watermark-*.svg with the watermark words as outlines.

Why outlines and not SVG <text>: WeasyPrint draws SVG text as real PDF text, so the diagonal
word of a 草稿 / 待生效 / 已作废 copy was read back inside the clauses it crosses — copying a
sentence out of a pending procedure gave "统一安排安装调效试人员", and a PDF reader's search
for the sentence failed. As paths the word looks the same and is no text at all.

Run it when a watermark word, colour or size changes:

    .venv/bin/python tools/outline_watermarks.py
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection, TTFont

FONT_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FONT_FAMILY = "Noto Sans CJK SC"
TEMPLATES = Path(__file__).resolve().parent.parent / "generator" / "templates" / "pdf"
CANVAS = 600  # the SVG is a 600 × 600 square; print.css scales it to 150 mm


@dataclass(frozen=True)
class Watermark:
    name: str
    word: str
    meaning: str
    font_size: float
    letter_spacing: float
    fill: str
    opacity: float


WATERMARKS = (
    Watermark("draft", "草稿", "草稿 (draft)", 170, 40, "#808080", 0.18),
    Watermark("pending", "待生效", "待生效 (pending)", 130, 20, "#808080", 0.18),
    Watermark("obsolete", "已作废", "已作废 (obsolete)", 130, 20, "#c00000", 0.16),
)


def simplified_chinese_font() -> TTFont:
    """The Simplified Chinese face of the Noto Sans CJK Bold collection."""
    for font in TTCollection(str(FONT_FILE)).fonts:
        if font["name"].getDebugName(1) == FONT_FAMILY:
            return font
    raise SystemExit(f"{FONT_FAMILY} Bold is not in {FONT_FILE}")


def word_path(font: TTFont, watermark: Watermark) -> str:
    """SVG path data of the word, centred on the canvas, in font units scaled to the size."""
    glyph_set = font.getGlyphSet()
    character_map = font.getBestCmap()
    scale = watermark.font_size / font["head"].unitsPerEm
    names = [character_map[ord(character)] for character in watermark.word]
    advances = [glyph_set[name].width * scale for name in names]
    width = sum(advances) + watermark.letter_spacing * (len(names) - 1)
    ascent = font["OS/2"].sTypoAscender * scale
    descent = -font["OS/2"].sTypoDescender * scale
    baseline = CANVAS / 2 + (ascent - descent) / 2
    path_pen = SVGPathPen(glyph_set, ntos=lambda number: f"{number:.1f}".rstrip("0").rstrip("."))
    left = CANVAS / 2 - width / 2
    for name, advance in zip(names, advances):
        # font units are y-up; SVG is y-down: flip and move to the pen position
        glyph_set[name].draw(TransformPen(path_pen, (scale, 0, 0, -scale, left, baseline)))
        left += advance + watermark.letter_spacing
    return path_pen.getCommands()


def svg_of(font: TTFont, watermark: Watermark) -> str:
    centre = CANVAS / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CANVAS}" height="{CANVAS}" viewBox="0 0 {CANVAS} {CANVAS}">\n'
        f"  <!-- Background of every page of a {watermark.meaning} document: pdf/print.css,"
        f" @page document-{watermark.name}.\n"
        f"       The word {watermark.word} as outlines, not text, so it never mixes into the text a reader copies:\n"
        f"       written by tools/outline_watermarks.py. -->\n"
        f'  <path transform="rotate(-40 {centre:g} {centre:g})" fill="{watermark.fill}"'
        f' fill-opacity="{watermark.opacity}" d="{word_path(font, watermark)}"/>\n'
        "</svg>\n"
    )


def main() -> None:
    font = simplified_chinese_font()
    for watermark in WATERMARKS:
        target = TEMPLATES / f"watermark-{watermark.name}.svg"
        target.write_text(svg_of(font, watermark), encoding="utf-8")
        print(f"{target.relative_to(TEMPLATES.parent.parent.parent)}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
