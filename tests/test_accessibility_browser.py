"""WCAG 2.1 AA on every page kind: axe-core (npm, pinned in tests/node) run in real Chromium
at desktop (1280 px) and phone (390 px) width, with a screenshot of each page at phone width
in tests/artifacts/ to look at.

Only serious and critical violations fail the test (the issue's bar); the rest are printed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NODE_FOLDER = Path(__file__).resolve().parent / "node"
AXE = NODE_FOLDER / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# one page of every kind the site has
PAGE_KINDS = {
    "home": "",
    "document": "documents/SH-GZ-001/",
    "document-with-flowchart": "documents/SH-GW-001/",
    "archive": "archive/SH-GZ-001/A1/",
    "redline": "redlines/SH-GZ-001/A1_A2/",
    "form": "forms/QR-GZ001-02/",
    "matrix": "matrix/",
    "time-limits": "time-limits/",
    "changelog": "changelog/",
    "register": "registers/SH-GZ-001/",
    "verify": "verify/QR-TY-07/A0/",
    "roles": "roles/",
    "role": "roles/general-manager/",
    "not-found": "404.html",
}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def install_axe() -> Path:
    """axe-core from tests/node (npm ci on first use, like the ajv tests)."""
    if not AXE.exists():
        subprocess.run(["npm", "ci", "--prefix", str(NODE_FOLDER), "--no-audit", "--no-fund"], check=True)
    return AXE


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the open page, each with its impact and the offending nodes."""
    page.add_script_tag(path=str(install_axe()))
    return page.evaluate("options => axe.run(document, options).then(result => result.violations)", AXE_OPTIONS)


def describe(violations: list[dict]) -> list[str]:
    return [
        f"{item['impact']}: {item['id']} ({item['help']}) at "
        + "; ".join(" ".join(node["target"]) for node in item["nodes"][:3])
        for item in violations
    ]


@pytest.mark.parametrize("viewport_name", list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_serious_or_critical_accessibility_violation(
    browser, site_url: str, artifacts_dir: Path, kind: str, viewport_name: str
) -> None:
    page = browser.new_page(viewport=VIEWPORTS[viewport_name], bypass_csp=True)  # axe is injected inline
    try:
        page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
        if viewport_name == "phone":
            page.screenshot(path=str(artifacts_dir / f"a11y-{kind}-390.png"), full_page=False)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{kind}: the page scrolls sideways at 390 px ({width} px wide)"
        violations = axe_violations(page)
    finally:
        page.close()
    failing = [item for item in violations if item["impact"] in ("serious", "critical")]
    assert not failing, "\n".join(describe(failing))
    print("\n".join(describe(violations)))


def test_the_search_dialog_has_a_name(browser, site_url: str) -> None:
    """Material's search dialog fails aria-dialog-name on every page unless it is named."""
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    try:
        page.goto(site_url, wait_until="networkidle")
        names = page.evaluate(
            "[...document.querySelectorAll('[role=dialog]')].map(d => d.getAttribute('aria-label') || d.getAttribute('aria-labelledby'))"
        )
    finally:
        page.close()
    assert names and all(names), names
