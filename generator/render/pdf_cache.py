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

    def put(self, key: str, content: bytes) -> None:
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            handle.write(content)
        os.replace(handle.name, path)
