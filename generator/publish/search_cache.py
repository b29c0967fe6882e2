"""The search entries of a page that did not change, taken from the last build.

Material's search plugin parses every page's HTML and segments its Chinese with jieba on
every build: at 500 documents that was ~15 s of each rebuild, the same 1,357 pages giving
the same 10,915 entries as the build before. The entries of a page are a function of what
the plugin reads: its URL, HTML, title, table of contents and front matter, the search
settings, and the versions of Material and jieba. So the index's `add_entry_from_context`
is wrapped: a page whose key (a sha256 of all of that) is in the cache gets its entries
from there, any other page is indexed by Material as before and its entries remembered.
The cache holds only the pages of the last build, so it does not grow with edits.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator.render.pdf.cache import write_atomically

log = logging.getLogger("handbook.search")

SEARCH_PLUGIN_NAMES = ("material/search", "search")
CACHE_VERSION = "search-entries-1"  # bump when the key or what is stored changes


class SearchEntryCache:
    """Entries by page key: those read from the last build, and those of this one."""

    def __init__(self, path: Path, settings: dict[str, Any]) -> None:
        self.path = path
        self.settings = json.dumps(
            [CACHE_VERSION, version("mkdocs-material"), version("jieba"), settings], sort_keys=True, default=str
        )
        self.previous = _read_entries(path)
        self.current: dict[str, list[dict[str, Any]]] = {}
        self.reused = 0

    def key(self, page: Any) -> str:
        """sha256 of everything Material's indexer reads from `page` (module docstring)."""
        described = json.dumps(
            [
                self.settings,
                page.url,
                page.title,
                page.content,
                page.meta,
                _table_of_contents(page.toc),
            ],
            sort_keys=True,
            default=str,
            ensure_ascii=False,
        )
        return hashlib.sha256(described.encode()).hexdigest()

    def index_with_cache(self, index: Any, add_entry: Callable[[Any], None]) -> Callable[[Any], None]:
        """`add_entry` (the index's own method) that first looks for the page's entries here."""

        def add_entry_from_context(page: Any) -> None:
            if (page.meta.get("search") or {}).get("exclude"):
                add_entry(page)  # Material leaves it out at once; nothing to remember
                return
            key = self.key(page)
            known = self.previous.get(key)
            if known is not None:
                index.entries.extend(dict(entry) for entry in known)  # copies: the index owns its entries
                self.current[key] = known
                self.reused += 1
                return
            before = len(index.entries)
            add_entry(page)
            self.current[key] = [dict(entry) for entry in index.entries[before:]]

        return add_entry_from_context

    def save(self) -> None:
        """Keep this build's entries for the next (only this build's: the cache does not grow)."""
        content = json.dumps({"settings": self.settings, "pages": self.current}, ensure_ascii=False)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, content.encode())
        log.debug("search entries of %d of %d pages taken from the last build", self.reused, len(self.current))


def install_search_entry_cache(plugins: Any, cache_path: Path) -> SearchEntryCache | None:
    """Wrap the search plugin's index (if search is on) so unchanged pages reuse their entries.

    Called from our on_files: every plugin's on_config has run, so search has made its index."""
    plugin = next((plugins[name] for name in SEARCH_PLUGIN_NAMES if name in plugins), None)
    index = getattr(plugin, "search_index", None)
    if plugin is None or index is None or not hasattr(index, "entries"):
        return None
    cache = SearchEntryCache(cache_path, dict(plugin.config))
    index.add_entry_from_context = cache.index_with_cache(index, index.add_entry_from_context)
    return cache


def _table_of_contents(items: Any) -> list[Any]:
    """The headings Material looks sections up in, as plain data: id, url, title, children."""
    return [[item.id, item.url, item.title, _table_of_contents(item.children)] for item in items]


def _read_entries(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The last build's entries, or none when there are none or they cannot be read."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    pages = stored.get("pages") if isinstance(stored, dict) else None
    return pages if isinstance(pages, dict) else {}
