"""A handbook started with `handbook init` builds at once and reads well in Chromium.

Init in a temporary folder outside the repository, a new document and a new form written
with `handbook new` and taken through approve → release as an author would, `check
--strict`, `build`, then the home page, the new document, the new form and the guide in
real headless Chromium (the fixtures of test_browser.py), offline.
"""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from benchmarks.search_ranking import _QuietHandler
from tests.scaffold_support import COMPANY, author_a_document_and_a_form, ok
from tests.test_browser import VIEWPORTS, _open

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = {
    "home": ("", COMPANY),
    "document": ("documents/QP-002/", "采购控制程序"),
    "form": ("forms/QR-QP002-01/", "采购申请单"),
    "sample": ("documents/QP-001/", "文件控制程序"),
    "guide": ("guide/02-document/", "受控文件的字段"),
}


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("second-company") / "handbook"
    ok(["init", str(root), "--company", COMPANY], root.parent)
    author_a_document_and_a_form(root)
    assert ok(["check", "--strict"], root).strip() == "ok: 2 documents, 2 forms"
    ok(["build", "--strict"], root, timeout=1800)
    return root / "site"


@pytest.fixture(scope="module")
def new_site_url(new_site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(new_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_the_new_handbook_has_its_pages_pdfs_and_schemas(new_site: Path) -> None:
    for path in (
        "index.html",
        "documents/QP-002/index.html",
        "forms/QR-QP002-01/index.html",
        "pdf/forms/QR-QP002-01.pdf",
        "schemas/forms/QR-QP002-01.schema.json",
        "guide/07-check/index.html",
        "roles/document-controller/index.html",  # the roles register of init: a page per role (我的职责)
    ):
        assert (new_site / path).is_file(), path
    assert list((new_site / "pdf" / "documents").glob("QP-002*.pdf"))


@pytest.mark.parametrize("name", list(PAGES))
def test_the_new_handbook_in_chromium(browser, new_site_url: str, artifacts_dir: Path, name: str) -> None:
    path, expected = PAGES[name]
    page, problems, requests = _open(browser, new_site_url + path, VIEWPORTS["desktop"])
    page.screenshot(path=str(artifacts_dir / f"scaffold-{name}.png"), full_page=False)
    assert expected in page.inner_text("body")
    assert not problems, problems
    assert [url for url in requests if urlparse(url).hostname not in ("127.0.0.1", "localhost")] == []
    if name == "home":
        register = page.locator("table.hb-sortable tbody tr").all_inner_texts()
        assert any("QP-002" in row for row in register) and any("QR-QP002-01" in row for row in register)
        assert page.locator("nav.md-nav >> text=编写指南").count() >= 1
    page.close()
