"""Safe inline formatting for text that comes from YAML.

Authors may use a small Markdown subset (emphasis, code, line breaks, lists, links) in
clause text. Raw HTML is never passed through and links are limited to safe schemes, so a
YAML file cannot inject script into the intranet site.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

SAFE_LINK_PREFIXES = ("http://", "https://", "mailto:", "#", "../", "./")


def _validate_link(url: str) -> bool:
    lowered = url.strip().lower()
    return lowered.startswith(SAFE_LINK_PREFIXES) or ":" not in lowered.split("/")[0]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "breaks": True, "typographer": False})
    parser.enable(["emphasis", "backticks", "newline", "link", "list", "escape"])
    parser.validateLink = _validate_link
    return parser


def inline_markup(text: str | None) -> Markup:
    """One paragraph of text: escaped, with the inline subset rendered (no <p> wrapper)."""
    if not text:
        return Markup("")
    return Markup(_parser().renderInline(text))


def block_markup(text: str | None) -> Markup:
    """Text that may hold lists or several paragraphs."""
    if not text:
        return Markup("")
    return Markup(_parser().render(text))
