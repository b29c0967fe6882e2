"""The built site in real headless Chromium (Debian's package, driven by Playwright).

Served by a static web server on localhost, like the intranet serves it. Every request is
recorded: nothing may leave localhost. Screenshots land in tests/artifacts/ to be looked at.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PAGES = {
    "home": "",
    "document": "documents/SH-GZ-001/",
    "form": "forms/QR-GZ001-02/",
    "matrix": "matrix/",
    "time-limits": "time-limits/",
    "roles": "roles/",
    "role": "roles/after-sales-manager/",
}


def _open(browser, url: str, viewport: dict):
    page = browser.new_page(viewport=viewport)
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exception: problems.append(str(exception)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, problems, requests


@pytest.mark.parametrize("viewport_name", list(VIEWPORTS))
@pytest.mark.parametrize("page_name", list(PAGES))
def test_page_renders_cleanly_and_offline(
    browser, site_url: str, artifacts_dir: Path, page_name: str, viewport_name: str
) -> None:
    page, problems, requests = _open(browser, site_url + PAGES[page_name], VIEWPORTS[viewport_name])
    page.screenshot(path=str(artifacts_dir / f"site-{page_name}-{viewport_name}.png"), full_page=False)
    leaving = [url for url in requests if urlparse(url).hostname not in ("127.0.0.1", "localhost")]
    assert not problems, problems
    assert not leaving, leaving
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport_name]["width"] + 1, (
        "the page scrolls sideways; wide tables must scroll inside their wrapper"
    )
    page.close()


def test_home_filter_and_sort_work(browser, site_url: str) -> None:
    page, problems, _ = _open(browser, site_url, VIEWPORTS["desktop"])
    rows = page.locator("table.hb-sortable tbody tr")
    total = rows.count()
    page.select_option("select[data-hb-filter=type]", "岗位职责")
    visible = page.locator("table.hb-sortable tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all(text == "岗位职责" for text in visible.locator("td:nth-child(3)").all_inner_texts())
    page.select_option("select[data-hb-filter=type]", "")
    page.click("th[data-hb-sort]:has-text('生效日期')")
    page.click("th[data-hb-sort]:has-text('生效日期')")
    dates = page.locator("table.hb-sortable tbody tr td:nth-child(5)").all_inner_texts()
    assert dates == sorted(dates, reverse=True)
    assert not problems
    page.close()


@pytest.mark.parametrize(
    ("query", "expected_path"),
    [
        ("投诉", "documents/SH-GZ-002/"),
        ("出差任务及报告单", "forms/QR-GZ001-02/"),
        ("YTCXQP034", "documents/YTCXQP034/"),
    ],
)
def test_chinese_search_finds_the_page(
    browser, site_url: str, artifacts_dir: Path, query: str, expected_path: str
) -> None:
    page, problems, _ = _open(browser, site_url, VIEWPORTS["desktop"])
    page.click("label.md-search__icon, .md-search__input")
    search_box = page.locator("input.md-search__input")
    search_box.press_sequentially(query, delay=60)  # Material ignores fill(): it listens to key events
    search_box.press("End")  # Chinese characters arrive as text input without a keyup; this key event runs the query
    results = page.locator(".md-search-result__link")
    results.first.wait_for(timeout=20_000)
    pages = list(dict.fromkeys(urlparse(link.get_attribute("href") or "").path for link in results.all()))
    page.screenshot(path=str(artifacts_dir / f"site-search-{expected_path.strip('/').replace('/', '-')}.png"))
    assert any(path.endswith("/" + expected_path) for path in pages[:8]), pages[:8]
    assert not problems
    page.close()


def test_no_page_scrolls_sideways_on_a_phone(browser, site_url: str, built_site: Path) -> None:
    """Every page of the site at 390 px: staff read procedures on their phones, and one header
    cell that will not wrap (a register's 版次（已被替代）) pushes the whole page sideways."""
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    too_wide = []
    pages = sorted(path.parent.relative_to(built_site).as_posix() for path in built_site.rglob("index.html"))
    for relative in pages:
        address = "" if relative == "." else relative + "/"
        page.goto(site_url + address, wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > VIEWPORTS["phone"]["width"] + 1:
            too_wide.append(f"{address} {width}px")
    page.close()
    assert len(pages) > 100
    assert too_wide == [], "wide content must wrap or scroll inside its own frame"
