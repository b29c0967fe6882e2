"""Rank queries with the site's own search: Material's search worker and the built index,
in real Chromium. Shared by benchmarks/search_benchmark.py and tests/test_search_browser.py.

The worker is asked directly (the messages the search box sends it), so 50 queries take a
second instead of a minute of typing; tests/test_search_browser.py types a few into the
real search box too, to show that the box and the worker agree.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import yaml

QUERIES_FILE = Path(__file__).resolve().parent.parent / "tests" / "search" / "queries.yml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

# Material's worker protocol (SearchMessageType): 0 SETUP, 1 READY, 2 QUERY, 3 RESULT.
_RANK_SCRIPT = """
async ([queries, workerPath]) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const worker = new Worker(new URL(workerPath || config.search, base));
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  const ranked = [];
  for (const query of queries) {
    const answer = await ask({type: 2, data: query});
    ranked.push(answer.data.items.map(group => group[0].location));
  }
  worker.terminate();
  return ranked;
}
"""


def read_queries(path: Path = QUERIES_FILE) -> list[tuple[str, str]]:
    """(query, page that must come first) pairs from tests/search/queries.yml."""
    return [(str(item["query"]), str(item["page"])) for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site on a localhost port, as the intranet's static web server serves it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def page_of(location: str) -> str:
    """documents/SH-GZ-001/#c-5 → documents/SH-GZ-001/: results are grouped by page."""
    return urlparse(location).path.lstrip("/")


def rank_in_page(page, queries: list[str], worker: str | None = None) -> list[list[str]]:
    """Pages in the order the search shows them, for each query, in an open site page;
    with the site's own worker, or `worker` (a path in the site) to compare another."""
    page.wait_for_selector("#__config", state="attached")
    ranked = page.evaluate(_RANK_SCRIPT, [queries, worker])
    return [list(dict.fromkeys(page_of(location) for location in locations)) for locations in ranked]


def rank(site: Path, queries: list[str], worker: str | None = None) -> list[list[str]]:
    """Open the built `site` in Chromium and rank every query with its search worker."""
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url, wait_until="networkidle")
            return rank_in_page(page, queries, worker)
        finally:
            browser.close()


def hit_rates(expected: list[str], ranked: list[list[str]]) -> tuple[float, float]:
    """Share of queries whose page is first, and among the first three."""
    first = sum(1 for page, pages in zip(expected, ranked, strict=True) if pages[:1] == [page])
    top_three = sum(1 for page, pages in zip(expected, ranked, strict=True) if page in pages[:3])
    return first / len(expected), top_three / len(expected)
