"""Auditing built HTML for injected markup: which elements and attributes occur, event
handlers, javascript: URLs, and the text of every marked value (see hostile_project.py)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
MARKED = re.compile(r"⟦(\d+)⟧((?:(?!⟦\d+⟧).)*?)⟦/\1⟧", re.S)


@dataclass
class Audit:
    vocabulary: set[tuple[str, str]] = field(default_factory=set)  # (tag, "") and (tag, attribute)
    handlers: list[str] = field(default_factory=list)  # on* attributes seen
    script_urls: list[str] = field(default_factory=list)  # javascript:/vbscript:/data:text/html URLs
    shown: dict[int, list[str]] = field(default_factory=dict)  # marker → every complete text found

    def add_marked(self, text: str) -> None:
        for match in MARKED.finditer(text):
            self.shown.setdefault(int(match.group(1)), []).append(match.group(2))


def _is_script_url(value: str) -> bool:
    squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html"))


class _Auditor(HTMLParser):
    def __init__(self, audit: Audit, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.audit, self.where = audit, where
        self.text: list[str] = []
        self.raw_depth = 0
        self.svg_text_depth = 0  # flowchart node lines: the text cut to fit a box (the <title> has it whole)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.audit.vocabulary.add((tag, ""))
        for name, value in attrs:
            self.audit.vocabulary.add((tag, name))
            if name.startswith("on"):
                self.audit.handlers.append(f"{self.where}: <{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value and _is_script_url(value):
                self.audit.script_urls.append(f"{self.where}: <{tag} {name}={value!r}>")
            if value:
                self.audit.add_marked(value)
        if tag in ("script", "style"):
            self.raw_depth += 1
        if tag == "text":
            self.svg_text_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.raw_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.raw_depth:
            self.raw_depth -= 1
        if tag == "text" and self.svg_text_depth:
            self.svg_text_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.raw_depth and not self.svg_text_depth:
            self.text.append(data)


def audit_html(html: str, audit: Audit, where: str) -> None:
    auditor = _Auditor(audit, where)
    auditor.feed(html)
    auditor.close()
    audit.add_marked("".join(auditor.text))


def audit_site(site: Path) -> Audit:
    """Every HTML page, and every title and text of the search index (rendered as HTML by
    the search dialog)."""
    audit = Audit()
    for page in sorted(site.rglob("*.html")):
        audit_html(page.read_text(encoding="utf-8"), audit, str(page.relative_to(site)))
    index = site / "search" / "search_index.json"
    if index.exists():
        search = Audit()
        for entry in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for key in ("title", "text"):
                audit_html(entry[key], search, f"search index {entry['location']} {key}")
        audit.vocabulary |= {(tag, attribute) for tag, attribute in search.vocabulary}
        audit.handlers += search.handlers
        audit.script_urls += search.script_urls
    return audit
