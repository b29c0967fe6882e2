"""A folder of finished PDFs keyed by the sha256 of what made them (see RenderJob.cache_key).

Rendering is the slow part of a build; the HTML is cheap. So every build makes all the
HTML, and only PDFs whose key is not here yet are rendered. Editing one form then re-renders
that form, its fillable twin, the documents that print its title, and the manual.
Entries are written atomically, so an interrupted build never leaves half a PDF behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class PdfCache:
    def __init__(self, folder: Path):
        self.folder = folder

    def path_for(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pdf"

    def has(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def get(self, key: str) -> bytes:
        return self.path_for(key).read_bytes()

    def pages(self, key: str) -> int:
        """Page count of an entry, kept beside it so the manual need not parse the PDF."""
        return int(self.path_for(key).with_suffix(".pages").read_text())

    def put(self, key: str, content: bytes, pages: int) -> None:
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path.with_suffix(".pages"), str(pages).encode())
        _write_atomically(path, content)  # last: its presence means the entry is complete


def _write_atomically(path: Path, content: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
        handle.write(content)
    os.replace(handle.name, path)
