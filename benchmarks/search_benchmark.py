"""Search quality: how often the page a question needs comes first (top-1) and among the
first three (top-3), for the questions in tests/search/queries.yml.

    .venv/bin/python benchmarks/search_benchmark.py [--show-misses]

Builds the example handbook's pages twice (no PDFs) and ranks every question in Chromium:
- before: Material's own search worker on Material's index (what the site had);
- after: the handbook's worker (generator/assets/search-worker.js) on the numbered index.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.search_ranking import hit_rates, rank, read_queries
from generator.publish.build import build

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_NAME = ".cache/search-benchmark-mkdocs.yml"


def build_pages(site_dir: Path, search_numbers: bool) -> Path:
    """The example handbook's pages (no PDFs) built into `site_dir` from a config in .cache/."""
    configuration = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = f'  - handbook:\n      root: ".."\n      artifacts: false\n      search_numbers: {str(search_numbers).lower()}\n'
    configuration = configuration.replace("docs_dir: docs", "docs_dir: ../docs").replace("  - handbook\n", plugin)
    config_file = PROJECT_ROOT / CONFIG_NAME
    config_file.parent.mkdir(exist_ok=True)
    config_file.write_text(configuration, encoding="utf-8")
    try:
        build(PROJECT_ROOT, site_dir=site_dir, config_name=CONFIG_NAME)
    finally:
        config_file.unlink()
    return site_dir


def material_worker(site: Path) -> str:
    """Material's own worker in the built site (its name carries a hash)."""
    return next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).relative_to(site).as_posix()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-misses", action="store_true", help="print the questions not answered first")
    options = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01, as the test build
    queries = read_queries()
    questions, expected = [query for query, _ in queries], [page for _, page in queries]
    with tempfile.TemporaryDirectory() as folder:
        before_site = build_pages(Path(folder) / "before", search_numbers=False)
        after_site = build_pages(Path(folder) / "after", search_numbers=True)
        results = {
            "before (Material's worker, plain index)": rank(
                before_site, questions, worker=material_worker(before_site)
            ),
            "after (handbook worker, numbered index)": rank(after_site, questions),
        }
    print(f"{len(questions)} questions (tests/search/queries.yml)")
    for name, ranked in results.items():
        top_one, top_three = hit_rates(expected, ranked)
        print(f"{name:42} top-1 {top_one:6.1%}   top-3 {top_three:6.1%}")
        if options.show_misses:
            for question, page, pages in zip(questions, expected, ranked, strict=True):
                if pages[:1] != [page]:
                    print(f"    {question} → {page}; got {pages[:3]}")


if __name__ == "__main__":
    main()
