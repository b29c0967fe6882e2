"""Site search in real Chromium on the built example handbook: every question of
tests/search/queries.yml ranked by the site's own worker, and a few typed into the search box.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from benchmarks.search_ranking import hit_rates, rank_in_page, read_queries

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOP_ONE_GOAL = 0.90


@pytest.fixture(scope="module")
def site_page(browser, site_url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url, wait_until="networkidle")
    yield page
    page.close()


def test_the_page_a_question_needs_comes_first(site_page) -> None:
    queries = read_queries()
    ranked = rank_in_page(site_page, [query for query, _ in queries])
    expected = [page for _, page in queries]
    top_one, top_three = hit_rates(expected, ranked)
    misses = [
        (query, page, pages[:3]) for (query, page), pages in zip(queries, ranked, strict=True) if pages[:1] != [page]
    ]
    assert len(queries) >= 40
    assert top_one >= TOP_ONE_GOAL, misses
    assert top_three == 1.0, misses
    assert not [pages for pages in ranked if any(page.startswith(("archive/", "redlines/")) for page in pages)]


@pytest.mark.parametrize(
    ("query", "expected_path"),
    [
        ("SH/GZ-001", "documents/SH-GZ-001/"),
        ("24小时内给顾客满意的回复", "documents/SH-GZ-001/"),
        ("单次索赔数额超过500元", "documents/YTCXQP034/"),
        ("出差任务及报告单", "forms/QR-GZ001-02/"),
    ],
)
def test_typed_into_the_search_box_the_page_comes_first(
    browser, site_url: str, artifacts_dir: Path, query: str, expected_path: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exception: problems.append(str(exception)))
    page.goto(site_url, wait_until="networkidle")
    page.click("label.md-search__icon, .md-search__input")
    search_box = page.locator("input.md-search__input")
    search_box.press_sequentially(query, delay=40)  # Material ignores fill(): it listens to key events
    search_box.press("End")  # Chinese arrives as text input without a keyup; a key event runs the query
    results = page.locator(".md-search-result__link")
    results.first.wait_for(timeout=20_000)
    first = urlparse(results.first.get_attribute("href") or "").path
    page.screenshot(path=str(artifacts_dir / f"site-search-first-{expected_path.strip('/').replace('/', '-')}.png"))
    assert first.endswith("/" + expected_path), first
    assert page.locator(".md-search-result__list mark").count() > 0  # the matching words are marked
    assert not problems, problems
    page.close()


def ranked_in_search_box(page, query: str) -> list[str]:
    """Pages in the order the search box lists them for `query`, typed as a user types:
    the text arrives, then a keystroke (End) makes Material run the search."""
    search_box = page.locator("input.md-search__input")
    search_box.fill("")
    search_box.press("End")
    # a function, not an expression: Playwright polls an expression with eval(), which the site's
    # Content-Security-Policy forbids (the old results are still there when the machine is slow)
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    search_box.fill(query)
    search_box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "links => links.map(link => link.href)"
    )
    return list(dict.fromkeys(urlparse(href).path.lstrip("/") for href in hrefs))


def test_every_question_through_the_real_search_box(browser, site_url: str, artifacts_dir: Path) -> None:
    """All the questions of tests/search/queries.yml typed into the search box: the list the
    user sees meets the ranking goals, and no archived revision is ever listed."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url, wait_until="networkidle")
        page.click("label.md-search__icon, .md-search__input")
        queries = read_queries()
        ranked = [ranked_in_search_box(page, query) for query, _ in queries]
        page.screenshot(path=str(artifacts_dir / "site-search-box-last-question.png"))
    finally:
        page.close()
    top_one, top_three = hit_rates([expected for _, expected in queries], ranked)
    misses = [
        (query, expected, pages[:3]) for (query, expected), pages in zip(queries, ranked) if pages[:1] != [expected]
    ]
    print(f"search box: top-1 {top_one:.1%}, top-3 {top_three:.1%} of {len(queries)} questions")
    assert top_one >= TOP_ONE_GOAL, misses
    assert top_three == 1.0, misses
    assert not [pages for pages in ranked if any(path.startswith(("archive/", "redlines/")) for path in pages)]
