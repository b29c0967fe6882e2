"""Role pages, the matrix and the flowchart in real headless Chromium, at 390 px and 1280 px.

On a phone nothing scrolls sideways: the matrix becomes a list of roles, the flowchart a
numbered list of its steps. On a desktop every line of a flowchart box fits inside the box
(measured with getBBox, so a cut or overflowing text fails).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_browser import VIEWPORTS, _open

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FLOW_PAGE = "archive/SH-GZ-002/A1/"  # 待生效 on the test build's date; it defines the complaint flow
PHONE_PAGES = ["roles/", "roles/after-sales-manager/", "roles/after-sales-staff/", "matrix/", FLOW_PAGE]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_sideways_scroll_at_390_px(browser, site_url: str, artifacts_dir: Path, path: str) -> None:
    page, problems, _ = _open(browser, site_url + path, VIEWPORTS["phone"])
    page.screenshot(path=str(artifacts_dir / f"roles-{path.strip('/').replace('/', '-')}-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    assert not problems, problems
    page.close()


@pytest.mark.parametrize("path", [FLOW_PAGE, "archive/SH-GZ-001/A3/", "matrix/"])
def test_wide_charts_scroll_inside_their_frame_on_a_desktop(browser, site_url: str, path: str) -> None:
    page, _, _ = _open(browser, site_url + path, VIEWPORTS["desktop"])
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["desktop"]["width"]
    page.close()


def test_matrix_is_a_list_on_a_phone(browser, site_url: str) -> None:
    page, _, _ = _open(browser, site_url + "matrix/", VIEWPORTS["phone"])
    assert page.locator("table.hb-matrix thead").first.is_hidden()
    cell = page.locator("table.hb-matrix td:not(.hb-matrix-empty)").first
    label = page.evaluate("(cell) => getComputedStyle(cell, '::before').content", cell.element_handle())
    assert "SH/" in label or "YTCX" in label or "SQ/" in label  # each entry names its document in text
    page.close()


def test_flowchart_is_a_numbered_list_on_a_phone(browser, site_url: str) -> None:
    page, _, _ = _open(browser, site_url + FLOW_PAGE, VIEWPORTS["phone"])
    assert page.locator("svg.hb-flowchart").is_hidden()
    items = page.locator("ol.hb-flow-list > li")
    assert items.count() == 9 and items.first.is_visible()
    assert "产品质量问题 → 第 3 步" in page.locator("ol.hb-flow-list").inner_text()
    page.close()


def test_flowchart_text_fits_its_boxes(browser, site_url: str, artifacts_dir: Path) -> None:
    page, problems, _ = _open(browser, site_url + FLOW_PAGE, VIEWPORTS["desktop"])
    svg = page.locator("svg.hb-flowchart")
    assert svg.is_visible()
    svg.screenshot(path=str(artifacts_dir / "flow-SH-GZ-002-desktop.png"))
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('g.hb-flow-step')].flatMap(group => {
            const box = group.querySelector('.hb-flow-node').getBBox();
            return [...group.querySelectorAll('text')].filter(text => {
                const own = text.getBBox();
                return own.x < box.x || own.x + own.width > box.x + box.width || own.y + own.height > box.y + box.height;
            }).map(text => text.textContent);
        })"""
    )
    assert overflowing == []
    font_sizes = page.evaluate(
        "() => [...document.querySelectorAll('.hb-flow-node-text')].map(t => parseFloat(getComputedStyle(t).fontSize))"
    )
    assert min(font_sizes) >= 12  # readable: the old chart's 9 px nodes are gone
    assert not problems, problems
    page.close()
