"""A folder of finished PDFs keyed by the sha256 of what made them (see RenderJob.cache_key).

Rendering is the slow part of a build; the HTML is cheap. So every build makes all the
HTML, and only PDFs whose key is not here yet are rendered. Editing one form then re-renders
that form, its fillable twin, the documents that print its title, and the manual.
Entries are written atomically, so an interrupted build never leaves half a PDF behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
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

    def copy_to(self, key: str, target: Path) -> str:
        """Copy an entry to `target` (atomically) and return its sha256, never holding it whole:
        a build writes every PDF of the handbook, and memory must not grow with their number."""
        source = self.path_for(key)
        with source.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
        return digest

    def pages(self, key: str) -> int:
        """Page count of an entry, kept beside it so the manual need not parse the PDF."""
        return int(self.path_for(key).with_suffix(".pages").read_text())

    def put(self, key: str, content: bytes, pages: int) -> None:
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path.with_suffix(".pages"), str(pages).encode())
        write_atomically(path, content)  # last: its presence means the entry is complete

    def read_index(self, name: str) -> dict:
        """A small JSON note kept beside the entries (a guess for the next build, never trusted)."""
        path = self.folder / name
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write_index(self, name: str, content: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.folder / name, json.dumps(content, ensure_ascii=False, sort_keys=True).encode())


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers see all or nothing."""
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
        handle.write(content)
    os.replace(handle.name, path)
