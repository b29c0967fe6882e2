"""What WeasyPrint may read while it renders: files inside the project, nothing else.

Clause text comes from YAML that many people edit; a stray `file:///etc/passwd` or
`http://…` in it must neither leak a file into a PDF nor make the build touch the network.
Every resource WeasyPrint loads (stylesheets, images, @font-face files) goes through
`ProjectURLFetcher.fetch`, which serves `file:` URLs under the allowed folders and refuses
everything else. `fail_on_errors=True` turns a refusal into WeasyPrint's
`FatalURLFetchingError`, which stops the render instead of silently dropping the resource.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """A URL outside the folders the renderer may read."""


class ProjectURLFetcher(URLFetcher):
    """Serves `file:` URLs under `allowed_folders` and refuses every other URL."""

    def __init__(self, allowed_folders: Iterable[str | Path]):
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self.allowed_folders = tuple(Path(folder).resolve() for folder in allowed_folders)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = self.allowed_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def allowed_path(self, url: str) -> Path:
        """The local file `url` names, when it is a `file:` URL inside an allowed folder."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"only local files of the project may be read, not {url!r}")
        path = Path(unquote(parts.path)).resolve()  # resolves .. and symlinks before the check
        if not any(path.is_relative_to(folder) for folder in self.allowed_folders):
            raise RefusedURL(f"{path} is outside the project; refusing to read it")
        if not path.is_file():
            raise RefusedURL(f"{path} does not exist")
        return path
