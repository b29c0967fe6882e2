"""What every cross-file rule reads, and the rules documents and forms share.

The semantic pass (`validate_semantic.py`) checks documents and forms against each other.
Its rules are split by subject — `validate_documents.py`, `validate_forms.py` — and both
build on `CrossFileRules` here: the numbers and titles of every document and form, which
documents use which form, and the rules about those numbers themselves: each used once,
each file named after its number, each reference naming a file that exists. Kept apart so
that either subject's module can be read without the other.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.diagnostics import Diagnostic, warning
from generator.messages import Text
from generator.source.load import JsonPath, LoadedFile
from generator.source.model import Settings, Step, document_form_numbers


@dataclass(frozen=True)
class Located:
    """A model together with the file it came from, for positions in semantic messages."""

    model: Any
    source: LoadedFile


def _close(word: str, options: Iterable[str]) -> str:
    guess = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return Text("did you mean '{guess}'?", guess=guess[0]) if guess else ""


def walk_steps(steps: tuple[Step, ...], path: JsonPath) -> Iterator[tuple[Step, JsonPath]]:
    for index, step in enumerate(steps):
        step_path = path + (index,)
        yield step, step_path
        yield from walk_steps(step.steps, step_path + ("steps",))


class CrossFileRules:
    """The state of the semantic pass, and the rules about numbers and references that
    documents and forms share. `DocumentRules` and `FormRules` add the rules of each."""

    def __init__(
        self,
        settings: Settings,
        documents: list[Located],
        forms: list[Located],
        unreadable_numbers: frozenset[str] = frozenset(),
    ):
        self.settings = settings
        # numbers of files that exist but have errors of their own: references to them are
        # not "unknown", and saying so would send the author looking in the wrong place
        self.unreadable_numbers = unreadable_numbers
        self.documents = documents
        self.forms = forms
        self.types = {item.name: item for item in settings.document_types}
        self.document_numbers = {item.model.number: item for item in documents}
        self.form_numbers = {item.model.number: item for item in forms}
        self.form_titles = {item.model.title: item.model.number for item in forms}
        self.form_users: dict[str, set[str]] = {}  # built once: looking it up per form was O(forms × documents)
        for item in documents:
            for number in document_form_numbers(item.model):
                self.form_users.setdefault(number, set()).add(item.model.number)

    # -- shared

    @staticmethod
    def check_unique_numbers(items: list[Located], kind: str) -> Iterator[Diagnostic]:
        seen: dict[str, Located] = {}
        for item in items:
            number = item.model.number
            if number in seen:
                first = seen[number].source
                line = first.position_of(("number",)).line
                yield item.source.error(
                    ("number",),
                    Text(
                        "{kind} number {number} is already used by {place}",
                        kind=Text(kind),
                        number=number,
                        place=f"{first.display_path}:{line}",
                    ),
                    Text("give this {kind} its own number", kind=Text(kind)),
                )
            else:
                seen[number] = item

    def _expected_file_name(self, item: Located) -> Iterator[Diagnostic]:
        expected = item.model.number.replace("/", "-") + ".yml"
        if item.source.path.name != expected:
            position = item.source.position_of(("number",))
            yield warning(
                item.source.display_path,
                position.line,
                position.column,
                Text("file name does not follow the number {number}", number=item.model.number),
                Text("rename the file to {name}", name=expected),
            )

    def _form_reference(self, source: LoadedFile, path: JsonPath, number: str) -> Iterator[Diagnostic]:
        if number in self.form_numbers or number in self.unreadable_numbers:
            return
        hint = _close(number, self.form_numbers)
        if not hint and number in self.form_titles:
            hint = Text("refer to forms by number: {number}", number=self.form_titles[number])
        yield source.error(
            path,
            Text("unknown form '{number}'", number=number),
            hint or Text("create the form in forms/, or correct the number"),
        )

    def _document_reference(self, source: LoadedFile, path: JsonPath, number: str) -> Iterator[Diagnostic]:
        if number not in self.document_numbers and number not in self.unreadable_numbers:
            yield source.error(
                path,
                Text("unknown document '{number}'", number=number),
                _close(number, self.document_numbers)
                or Text("check the number, or refer to an external document by `title`"),
            )
