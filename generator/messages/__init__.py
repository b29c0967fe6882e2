"""Every user-facing sentence in one catalog: Chinese by default, English on request.

A message is made where the problem is found, as `Text("unknown form '{number}'", number=…)`:
it keeps the English template and its arguments, and is rendered in the reader's language
only when it is printed (`render(message, language)`). `Text` is a `str` whose value is the
English sentence, so code and tests that treat a diagnostic's message as a string keep working,
and an argument that is itself a `Text` ("step 3", "the file") is rendered in the same language.

The catalog is a table per stage (`messages/source.py`, …): English template → Chinese
template with exactly the same `{placeholders}` (tests/test_messages.py checks every entry).
The help of the commands and click's own words are in it too (`messages/cli.py`): a fixed
sentence without arguments is looked up with `translate(english, language)`.
The language is `--lang zh|en`, else `HANDBOOK_LANG`, else the locale (`LC_ALL`,
`LC_MESSAGES`, `LANG` starting with `en` → English), else Chinese: the users are Chinese
document controllers, and a developer's English locale gives the developer English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from generator.messages.cli import CLI
from generator.messages.control import CONTROL
from generator.messages.document import DOCUMENT
from generator.messages.publish import PUBLISH
from generator.messages.records import RECORDS
from generator.messages.report import REPORT
from generator.messages.scaffold import SCAFFOLD
from generator.messages.source import SOURCE

LANGUAGES = ("zh", "en")
CATALOG: Mapping[str, str] = {**REPORT, **SOURCE, **DOCUMENT, **CONTROL, **PUBLISH, **RECORDS, **SCAFFOLD, **CLI}


class Text(str):
    """A sentence of the catalog with its arguments; as a `str` it is the English sentence."""

    template: str
    arguments: dict[str, Any]

    def __new__(cls, template: str, **arguments: Any) -> Text:
        english = template.format_map({name: render(value, "en") for name, value in arguments.items()})
        made = super().__new__(cls, english)
        made.template = template
        made.arguments = arguments
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its template (diagnostics cross process boundaries in PDF workers)."""
        return (_rebuild, (self.template, self.arguments))

    def in_language(self, language: str) -> str:
        """The sentence in `language`; the English one when the catalog lacks the template."""
        if language == "en":
            return str.__str__(self)
        translated = CATALOG.get(self.template)
        if translated is None:
            return str.__str__(self)
        return translated.format_map({name: render(value, language) for name, value in self.arguments.items()})


def _rebuild(template: str, arguments: dict[str, Any]) -> Text:
    return Text(template, **arguments)


def render(value: Any, language: str) -> Any:
    """`value` in `language` when it is a `Text`; anything else is left as it is."""
    return value.in_language(language) if isinstance(value, Text) else value


def translate(english: str, language: str) -> str:
    """A fixed sentence (a help text, a word of click's) in `language`: the catalog's Chinese
    for `zh`, else, or when the catalog lacks it, the English itself."""
    return english if language == "en" else CATALOG.get(english, english)


def in_language(message: str) -> str:
    """`message` in the environment's language: for output that no command's `--lang` reaches
    (the MkDocs plugin under `mkdocs build` and `mkdocs serve`)."""
    return render(message, language())


def language(choice: str | None = None) -> str:
    """`zh` or `en`: the option when given, else HANDBOOK_LANG, else the locale, else `zh`."""
    if choice in LANGUAGES:
        return choice
    wanted = os.environ.get("HANDBOOK_LANG", "")
    if wanted in LANGUAGES:
        return wanted
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"
