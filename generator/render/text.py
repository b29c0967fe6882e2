"""Text from the sources, shown literally: the one place that turns it into HTML.

A controlled document promises that the reader sees the approved wording character for
character, so source text is never interpreted as Markdown or HTML: `7*7`, `**先生`,
`[x](y)`, `<b>` and `{{ x }}` all show as typed. The single piece of markup is the line
break: a line break inside a YAML value (a `|` block) becomes `<br>` so that paragraphs
the author separated stay separated. Everything else is HTML-escaped.
"""

from __future__ import annotations

import html

from markupsafe import Markup, escape


def inline_markup(text: str | None) -> Markup:
    """Source text as HTML: escaped, line breaks kept as `<br>` (see module docstring)."""
    if not text:
        return Markup("")
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Markup("<br>\n").join(escape(line) for line in lines)


def block_markup(text: str | None) -> Markup:
    """Same as `inline_markup`; kept as a separate filter name for templates of whole blocks."""
    return inline_markup(text)


def plain_title(text: str) -> str:
    """A title for MkDocs and the theme, which treat titles as HTML: escaped text only."""
    return html.escape(text, quote=True)
