"""The author's guide (docs/guide/*.md) as the 编写指南 section of the site's navigation.

The plugin sets the whole `nav` from the sources, so Markdown pages in docs/ would be built
but reachable from nowhere; the guide's pages are put in the menu here, in file-name order
(01-…, 02-…), each under the title of its first `# ` heading.
"""

from __future__ import annotations

from pathlib import Path

from generator.render.text import plain_title

GUIDE_FOLDER = "guide"
GUIDE_SECTION = "编写指南"


def guide_navigation(docs_dir: Path) -> list[dict]:
    """`[{"编写指南": [{title: "guide/01-….md"}, …]}]`, or `[]` when there is no guide."""
    pages = sorted((docs_dir / GUIDE_FOLDER).glob("*.md")) if (docs_dir / GUIDE_FOLDER).is_dir() else []
    entries = [{plain_title(_heading_of(page)): f"{GUIDE_FOLDER}/{page.name}"} for page in pages]
    return [{GUIDE_SECTION: entries}] if entries else []


def _heading_of(page: Path) -> str:
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page.stem
