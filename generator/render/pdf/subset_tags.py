"""Subset tags that name the subset, not the font: `ABCDEF+Handbook-Serif`.

WeasyPrint 70 derives the six-letter tag from the font's description (an md5 of "Handbook
Serif 12"), so every PDF of a build calls its own, different subset by the same name. The
PDF specification (32000-1, 9.6.4) says a tag names one subset; a viewer or a tool that
merges PDFs (Acrobat's combine, Ghostscript, our manual) may take two subsets under one tag
for one font and draw the glyphs of one with the other. Here the tag is a hash of the
embedded program's bytes, written into the font, its descendant and its descriptor before
the PDF is written (a WeasyPrint finisher on the pydyf objects).
"""

from __future__ import annotations

import hashlib

import pydyf

FONT_FILE_KEYS = ("FontFile", "FontFile2", "FontFile3")


def subset_tag(program: bytes) -> str:
    """Six capitals from the program's sha256: the same tag means the same subset."""
    number = int.from_bytes(hashlib.sha256(program).digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, index = divmod(number, 26)
        letters.append(chr(ord("A") + index))
    return "".join(letters)


def retagged(name: str, tag: str) -> str:
    """`/ABCDEF+Name` (or `/Name`) with the subset tag `tag`."""
    bare = name.removeprefix("/")
    if len(bare) > 7 and bare[6] == "+" and bare[:6].isalpha() and bare[:6].isupper():
        bare = bare[7:]
    return f"/{tag}+{bare}"


def tag_subsets_by_content(pdf: pydyf.PDF) -> None:
    """Rename every embedded font of `pdf` after its program's bytes (see the module docstring)."""
    renamed: dict[str, str] = {}
    for item in pdf.objects:
        if not isinstance(item, pydyf.Dictionary) or item.get("Type") != "/FontDescriptor":
            continue
        program = _font_program(pdf, item)
        if program is not None and "FontName" in item:
            old = _text(item["FontName"])
            renamed[old] = retagged(old, subset_tag(program))
            item["FontName"] = renamed[old]
    for item in pdf.objects:
        if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/Font" and "BaseFont" in item:
            name = _text(item["BaseFont"])
            item["BaseFont"] = renamed.get(name, name)


def _font_program(pdf: pydyf.PDF, descriptor: pydyf.Dictionary) -> bytes | None:
    """The uncompressed bytes of the descriptor's font file, or None when it embeds none."""
    for key in FONT_FILE_KEYS:
        if key in descriptor:
            number = int(_text(descriptor[key]).split()[0])
            stream = pdf.objects[number]
            return b"".join(part if isinstance(part, bytes) else str(part).encode() for part in stream.stream)
    return None


def _text(value: object) -> str:
    """pydyf keeps names and references as str or bytes, as WeasyPrint happened to make them."""
    return value.decode() if isinstance(value, bytes) else str(value)
