"""Site search that finds the rule: the index MkDocs writes, made to answer staff's questions.

Staff search with sentences and with the handbook's numbers (SH/GZ-001, QR-GZ001-02). The
index Material's search plugin writes titles a page's first entry with its heading only, so a
number typed into the search box finds every page that mentions it and not the page itself.
After MkDocs has written the index, every page's first entry is titled `SH/GZ-001
售后服务管理规定(电力)`. The ranking is done in the browser by our own search worker
(generator/assets/search-worker.js, which says why Material's is replaced).

Pages not in force (archive, redline, changelog) are not in the index at all: their templates
say `search: exclude`, so an obsolete revision is never a search result.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.render import paths
from generator.source.model import Handbook

SEARCH_INDEX = Path("search") / "search_index.json"  # where Material's search plugin writes it
SEARCH_WORKER = "search-worker.js"  # in generator/assets/; the theme's search box runs it


def page_titles(handbook: Handbook) -> dict[str, str]:
    """Page URL → the title its search entry carries: `SH/GZ-001 售后服务管理规定(电力)`."""
    titles = {paths.page_url(paths.document_page(item)): f"{item.number} {item.title}" for item in handbook.documents}
    titles.update({paths.page_url(paths.form_page(item)): f"{item.number} {item.title}" for item in handbook.forms})
    return titles


def numbered_index(index: dict, titles: dict[str, str]) -> dict:
    """Material's index with each document and form page's first entry titled with its number.

    The title is plain text and the index holds HTML, so it is escaped as the page's own is.
    """
    entries = []
    for entry in index["docs"]:
        title = titles.get(entry["location"])
        entries.append(entry if title is None else dict(entry, title=_escaped(title)))
    return dict(index, docs=entries)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def number_search_index(site_dir: Path, handbook: Handbook) -> None:
    """Rewrite the index MkDocs' search plugin wrote into `site_dir` (see the module docstring)."""
    index_file = site_dir / SEARCH_INDEX
    if not index_file.exists():
        return  # search is switched off in mkdocs.yml
    index = json.loads(index_file.read_text(encoding="utf-8"))
    numbered = numbered_index(index, page_titles(handbook))
    index_file.write_text(json.dumps(numbered, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
