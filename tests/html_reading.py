"""Reading built HTML back the way a browser would see it: text, links, ids, resources."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageFacts:
    text: str = ""
    links: list[str] = field(default_factory=list)  # <a href>
    resources: list[str] = field(default_factory=list)  # src / <link href>: what a browser fetches
    ids: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.facts.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.facts.links.append(values["href"])
        if tag == "link" and values.get("href"):
            self.facts.resources.append(values["href"])
        if values.get("src"):
            self.facts.resources.append(values["src"])
        if tag in ("script", "style"):
            self.skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def read_page(path: Path) -> PageFacts:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.facts.text = re.sub(r"\s+", " ", "".join(collector.parts))
    return collector.facts


def squeeze(text: str) -> str:
    """Whitespace-free text, to compare clause text regardless of line wrapping."""
    return re.sub(r"\s+", "", html.unescape(text))


def page_file(site: Path, page_url: str) -> Path:
    """documents/SQ-WI0727/ → site/documents/SQ-WI0727/index.html"""
    target = site / page_url
    return target / "index.html" if page_url.endswith("/") or page_url == "" else target
