"""A page printed from the browser (Chromium's own print to PDF, CSS paged media): every page
of the printout carries the document number, its revision, its status and 第X页共Y页, so a
loose sheet of an archived revision can never pass for the one in force.

Read back with poppler's pdftotext, page by page; the first pages are drawn to PNG
(pdftoppm) in tests/artifacts/ to look at.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PRINTED = {
    # page → what every printed page must say (besides 第X页共Y页)
    "archive/SH-GZ-001/A1/": ["SH/GZ-001", "版次 A1", "已被替代：仅供查阅，不得作为工作依据"],
    "documents/SH-GZ-001/": ["SH/GZ-001", "版次 A2", "生效"],
}


def printed_pages(browser, url: str, pdf_file: Path) -> list[str]:
    """The text of each page of the browser's printout of `url` (A4, as the print dialog)."""
    page = browser.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        page.emulate_media(media="print")
        page.pdf(path=str(pdf_file), format="A4", prefer_css_page_size=True)
    finally:
        page.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf_file), "-"], capture_output=True, text=True, check=True)
    return text.stdout.split("\f")[:-1]


@pytest.mark.parametrize("page_path", list(PRINTED))
def test_every_printed_page_names_the_document_its_revision_and_status(
    browser, site_url: str, artifacts_dir: Path, page_path: str
) -> None:
    name = "print-" + page_path.strip("/").replace("/", "-")
    pdf_file = artifacts_dir / f"{name}.pdf"
    pages = printed_pages(browser, site_url + page_path, pdf_file)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-l", "2", str(pdf_file), str(artifacts_dir / name)], check=True)
    assert len(pages) >= 3, f"{page_path}: a procedure prints on several pages, got {len(pages)}"
    for number, text in enumerate(pages, start=1):
        compact = re.sub(r"\s+", "", text)  # pdftotext drops or doubles the spaces of the margins
        for wanted in PRINTED[page_path]:
            assert re.sub(r"\s+", "", wanted) in compact, f"{page_path}, printed page {number}: {wanted!r} missing"
        assert f"第{number}页共{len(pages)}页" in compact, f"{page_path}, printed page {number}"


def test_the_archived_printout_never_says_in_force_at_the_top(browser, site_url: str, artifacts_dir: Path) -> None:
    """The status in the margin of an archived page is 已被替代, not the 生效 of the page in force."""
    pages = printed_pages(browser, site_url + "archive/SH-GZ-001/A1/", artifacts_dir / "print-archive-check.pdf")
    first_lines = [text.strip().splitlines()[0] for text in pages]
    assert all("已被替代" in line and "生效" not in line for line in first_lines), first_lines
