"""Stage 2 — validate: every problem of a run, each located, each with a hint.

Two passes. The structural pass checks each file against the JSON Schema generated from
`model.py` (so the published schema and the check are the same thing) and translates
jsonschema's findings into messages a document controller can act on. Files that pass are
turned into models; the semantic pass then checks what a schema cannot: numbers against
their type's pattern, references across files, revision order, dates and approvals.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, overload

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostic, warning
from generator.source.load import JsonPath, LoadedFile
from generator.source.model import (
    Document,
    FieldType,
    Form,
    FormField,
    Holder,
    Revision,
    RevisionScheme,
    Settings,
    Status,
    Step,
    document_form_numbers,
)
from generator.source.revisions import EXAMPLES, RevisionKey, parse_revision, revision_scheme_of
from generator.source.schema import SOURCE_MODELS, source_schema
from generator.source.sign_off import control_problems, form_control_problems
from generator.source.validate_roles import ROLE_ID_HINT, check_document_roles, check_register

if TYPE_CHECKING:
    import jsonschema

_VALIDATORS: dict[str, jsonschema.Draft202012Validator] = {}


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    """jsonschema is imported only when a file fails the fast path: `check` on clean
    sources then starts ~0.2 s sooner."""
    from jsonschema import Draft202012Validator, FormatChecker

    if kind not in _VALIDATORS:
        _VALIDATORS[kind] = Draft202012Validator(source_schema(kind), format_checker=FormatChecker())
    return _VALIDATORS[kind]


# --------------------------------------------------------------------------- structural pass


def describe_path(path: Iterable[str | int]) -> str:
    """`body[2].steps[0].forms` — how a location reads in a message."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty" if value is None else type(value).__name__


_EXPECTED = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _schema_error(loaded: LoadedFile, problem: jsonschema.ValidationError) -> Iterator[Diagnostic]:
    path: JsonPath = tuple(problem.absolute_path)
    where = describe_path(path)
    kind = problem.validator
    if kind in ("anyOf", "oneOf") and problem.context:
        from jsonschema.exceptions import best_match

        best = best_match(problem.context)
        yield from _schema_error(loaded, best)
        return
    if kind == "required":
        properties = problem.schema.get("properties", {})
        for name in problem.validator_value:
            if isinstance(problem.instance, dict) and name not in problem.instance:
                description = properties.get(name, {}).get("description", "")
                hint = f"add `{name}: …`" + (f" ({description})" if description else "")
                yield loaded.error(path, f"missing required field '{name}' in {where}", hint)
        return
    if kind == "additionalProperties":
        allowed = list(problem.schema.get("properties", {}))
        for name in problem.instance:
            if name in allowed:
                continue
            guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{guess[0]}'?" if guess else f"allowed fields here: {', '.join(allowed)}"
            yield loaded.error(path + (name,), f"unknown field '{name}' in {where}", hint, key=True)
        return
    if kind == "type":
        expected = problem.validator_value if isinstance(problem.validator_value, str) else problem.validator_value[0]
        message = f"{where} should be {_EXPECTED.get(expected, expected)}, not {_type_name(problem.instance)}"
        hint = ""
        written = loaded.source_of(path)
        if (
            expected == "string"
            and isinstance(problem.instance, list)
            and len(problem.instance) == 1
            and isinstance(problem.instance[0], str)
        ):
            hint = f"write plain text on the key's own line, e.g. {path[-1]}: {problem.instance[0]}"
        elif expected == "string" and isinstance(problem.instance, (list, dict)):
            hint = "write plain text on the key's own line, not a list or mapping"
        elif expected == "string" and problem.instance is not None:
            hint = f'put the value in quotes so it stays as written: "{written}"'
        elif expected == "array":
            hint = "write a list: `[a, b]`, or one `- item` per line"
        elif expected == "integer":
            hint = f"write a whole number without quotes, e.g. {path[-1] if path else 'value'}: 2"
        elif expected == "number":
            hint = "write a number without quotes or units, e.g. 12.5"
        elif expected == "boolean":
            hint = "write true or false"
        elif expected == "object":
            hint = "write the fields indented under the key, one `name: value` per line"
        elif problem.instance is None:
            hint = "the value is missing after the ':'; write it, or remove the key"
        yield loaded.error(path, message, hint)
        return
    if kind == "enum":
        options = [str(option) for option in problem.validator_value]
        guess = difflib.get_close_matches(str(problem.instance), options, n=1, cutoff=0.5)
        hint = f"did you mean '{guess[0]}'?" if guess else f"use one of: {', '.join(options)}"
        yield loaded.error(path, f"{where} is '{problem.instance}', which is not one of: {', '.join(options)}", hint)
        return
    if kind == "format" and problem.validator_value == "date":
        yield loaded.error(
            path,
            f"{where} is '{problem.instance}', which is not a real date",
            "write dates as YYYY-MM-DD, e.g. 2024-02-29 (check the day exists in that month)",
        )
        return
    if kind == "pattern":
        hints = {
            "id": "ids are lower-case letters, digits and underscores, starting with a letter",
            "copy": "a copy number (分发号) names a PDF file: letters, digits and hyphens, e.g. '01' or 'SH-03'",
            "site_url": "write the intranet address with http:// or https:// and a final /, e.g. http://handbook.internal/",
        }
        hint = hints.get(str(path[-1]), "") if path else ""
        hint = ROLE_ID_HINT if tuple(path[:1]) == ("roles",) else hint
        yield loaded.error(
            path, f"{where} is '{problem.instance}', which does not match {problem.validator_value}", hint
        )
        return
    if kind == "minItems":
        yield loaded.error(
            path,
            f"{where} needs at least {problem.validator_value} entr{'y' if problem.validator_value == 1 else 'ies'}",
            "add the entries, or remove the key",
        )
        return
    if kind == "minLength":
        yield loaded.error(path, f"{where} is empty", "write the text, or remove the key")
        return
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "maxLength"):
        yield loaded.error(path, f"{where}: {problem.message}", _range_hint(problem.schema))
        return
    yield loaded.error(path, f"{where}: {problem.message}", _describe_field(problem.schema))


def _range_hint(schema: dict) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"use a value from {low} to {high}"
    if low is not None:
        return f"use a value of at least {low}"
    if high is not None:
        return f"use a value of at most {high}"
    return (
        f"use at most {schema.get('maxLength')} characters"
        if "maxLength" in schema
        else "see schemas/ for the allowed values"
    )


def _describe_field(schema: dict) -> str:
    return schema.get("description") or "see the field's definition in schemas/"


def check_structure(loaded: LoadedFile, kind: str) -> list[Diagnostic]:
    """All schema problems of one file, ordered by position."""
    diagnostics: list[Diagnostic] = []
    for problem in _validator(kind).iter_errors(loaded.data):
        diagnostics.extend(_schema_error(loaded, problem))
    return diagnostics


ControlledKind = Literal["procedure", "form"]  # the kinds of controlled file: a document or a form


@overload
def build_model(loaded: LoadedFile, kind: Literal["procedure"]) -> tuple[Document | None, list[Diagnostic]]: ...
@overload
def build_model(loaded: LoadedFile, kind: Literal["form"]) -> tuple[Form | None, list[Diagnostic]]: ...
@overload
def build_model(loaded: LoadedFile, kind: Literal["settings"]) -> tuple[Settings | None, list[Diagnostic]]: ...
@overload
def build_model(loaded: LoadedFile, kind: ControlledKind) -> tuple[Document | Form | None, list[Diagnostic]]: ...
@overload
def build_model(loaded: LoadedFile, kind: str) -> tuple[BaseModel | None, list[Diagnostic]]: ...
def build_model(loaded: LoadedFile, kind: str) -> tuple[BaseModel | None, list[Diagnostic]]:
    """The typed model of a file, or None and every structural problem in it.

    Fast path first: pydantic's strict JSON-mode validation (compiled, ~20x faster than
    jsonschema) accepts exactly what the generated schema accepts. Only a file it rejects
    goes through jsonschema, whose findings make the better messages.
    """
    model = SOURCE_MODELS[kind]
    try:
        return model.model_validate_json(json.dumps(loaded.data, ensure_ascii=False), strict=True), []
    except ValidationError:
        pass
    diagnostics = check_structure(loaded, kind)
    if diagnostics:
        return None, diagnostics
    try:  # the schema accepts it (e.g. width: 2.0 is an integer for JSON Schema): lax mode agrees
        return model.model_validate(loaded.data), []
    except ValidationError as problem:
        return None, [
            loaded.error(tuple(item["loc"]), item["msg"], "see the field's definition in schemas/")
            for item in problem.errors()
        ]


# --------------------------------------------------------------------------- semantic pass


@dataclass(frozen=True)
class Located:
    """A model together with the file it came from, for positions in semantic messages."""

    model: Any
    source: LoadedFile


def _close(word: str, options: Iterable[str]) -> str:
    guess = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return f"did you mean '{guess[0]}'?" if guess else ""


def walk_steps(steps: tuple[Step, ...], path: JsonPath) -> Iterator[tuple[Step, JsonPath]]:
    for index, step in enumerate(steps):
        step_path = path + (index,)
        yield step, step_path
        yield from walk_steps(step.steps, step_path + ("steps",))


class SemanticChecker:
    """Cross-file rules. Each `check_*` method yields diagnostics; none stops at the first."""

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

    def run(self) -> list[Diagnostic]:
        diagnostics: list[Diagnostic] = []
        diagnostics += self.check_unique_numbers(self.documents, "document")
        diagnostics += self.check_unique_numbers(self.forms, "form")
        for item in self.documents:
            diagnostics += self.check_document(item)
        for item in self.forms:
            diagnostics += self.check_form(item)
        return diagnostics

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
                    f"{kind} number {number} is already used by {first.display_path}:{line}",
                    f"give this {kind} its own number",
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
                f"file name does not follow the number {item.model.number}",
                f"rename the file to {expected}",
            )

    def _form_reference(self, source: LoadedFile, path: JsonPath, number: str) -> Iterator[Diagnostic]:
        if number in self.form_numbers or number in self.unreadable_numbers:
            return
        hint = _close(number, self.form_numbers)
        if not hint and number in self.form_titles:
            hint = f"refer to forms by number: {self.form_titles[number]}"
        yield source.error(path, f"unknown form '{number}'", hint or "create the form in forms/, or correct the number")

    def _document_reference(self, source: LoadedFile, path: JsonPath, number: str) -> Iterator[Diagnostic]:
        if number not in self.document_numbers and number not in self.unreadable_numbers:
            yield source.error(
                path,
                f"unknown document '{number}'",
                _close(number, self.document_numbers)
                or "check the number, or refer to an external document by `title`",
            )

    # -- documents

    def check_document(self, item: Located) -> list[Diagnostic]:
        document: Document = item.model
        source = item.source
        diagnostics = list(self._expected_file_name(item))
        diagnostics += self._check_type_and_number(document, source)
        diagnostics += self._check_history(document, source)
        diagnostics += self._check_approvals(document, source)
        diagnostics += self._check_references(document, source)
        diagnostics += self._check_parties(document, source)
        diagnostics += check_document_roles(self.settings, document, source)
        if document.distribution is not None:
            diagnostics += check_distribution(source, ("distribution",), document.distribution, self.settings.parties)
        diagnostics += control_problems(self.settings, document, source)
        return diagnostics

    def _check_type_and_number(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        document_type = self.types.get(document.type)
        if document_type is None:
            yield source.error(
                ("type",),
                f"unknown document type '{document.type}'",
                _close(document.type, self.types)
                or f"use one of: {', '.join(self.types)} (handbook.yml document_types)",
            )
            return
        if not re.fullmatch(document_type.number_pattern, document.number):
            yield source.error(
                ("number",),
                f"number {document.number} does not match the pattern of {document.type}: {document_type.number_pattern}",
                "correct the number, or the type, or the pattern in handbook.yml",
            )

    def _scheme(self, document: Document) -> RevisionScheme:
        return revision_scheme_of(document, self.settings)

    def _check_history(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        scheme = self._scheme(document)
        previous_key: RevisionKey | None = None
        previous_entry: Revision | None = None
        for index, entry in enumerate(document.history):
            key = parse_revision(entry.revision, scheme)
            if key is None:
                yield source.error(
                    ("history", index, "revision"),
                    f"revision '{entry.revision}' is not in the {scheme.value} scheme",
                    f"write revisions like {EXAMPLES[scheme]}, or set revision_scheme",
                )
                continue
            if previous_entry is not None and previous_key is not None and key <= previous_key:
                yield source.error(
                    ("history", index, "revision"),
                    f"revision goes backwards: {entry.revision} comes after {previous_entry.revision}",
                    "list the history oldest first; each revision must be higher than the one before",
                )
            if previous_entry is not None and entry.date < previous_entry.date:
                yield source.error(
                    ("history", index, "date"),
                    f"revision {entry.revision} takes effect on {entry.date}, before {previous_entry.revision} ({previous_entry.date})",
                    "history dates must not go backwards",
                )
            previous_key, previous_entry = key, entry
        if parse_revision(document.revision, scheme) is None:
            yield source.error(
                ("revision",),
                f"revision '{document.revision}' is not in the {scheme.value} scheme",
                f"write revisions like {EXAMPLES[scheme]}, or set revision_scheme",
            )
        newest = document.history[-1]
        if newest.revision != document.revision:
            yield source.error(
                ("revision",),
                f"current revision {document.revision} is not the newest history entry ({newest.revision})",
                "add a history entry for the current revision as the last one, or correct `revision`",
            )
        elif newest.date != document.effective:
            yield source.error(
                ("effective",),
                f"effective date {document.effective} differs from the date of history entry {newest.revision} ({newest.date})",
                "the last history entry's date is the date the current revision takes effect; make them equal",
            )

    def _check_approvals(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        for index, entry in enumerate(document.history):
            signed = [
                (role, getattr(entry, role)) for role in ("prepared", "reviewed", "approved") if getattr(entry, role)
            ]
            for role, signature in signed:
                if signature.date > entry.date:
                    yield source.error(
                        ("history", index, role, "date"),
                        f"{ROLE_NAMES[role]} signed on {signature.date}, after revision {entry.revision} took effect ({entry.date})",
                        "a revision takes effect on or after its approval",
                    )
            for (first_role, first), (second_role, second) in zip(signed, signed[1:]):
                if second.date < first.date:
                    yield source.error(
                        ("history", index, second_role, "date"),
                        f"{ROLE_NAMES[second_role]} ({second.date}) is dated before {ROLE_NAMES[first_role]} ({first.date})",
                        "sign-off goes 编制 → 审核 → 批准",
                    )
        current = document.history[-1]
        if document.status is Status.EFFECTIVE and current.revision == document.revision:
            index = len(document.history) - 1
            for role in ("prepared", "reviewed", "approved"):
                if getattr(current, role) is None:
                    yield source.error(
                        ("history", index),
                        f"document is 生效 but revision {current.revision} has no {ROLE_NAMES[role]} sign-off",
                        f"add `{role}: {{name: …, date: …}}` to the last history entry, or set status: 草稿",
                    )

    def _check_references(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        for step, path in walk_steps(document.body, ("body",)):
            if not (step.title or step.text or step.items or step.steps):
                yield source.error(
                    path, "empty step", "give the step a `title`, `text`, `items` or sub-`steps`, or remove it"
                )
            for index, number in enumerate(step.forms):
                yield from self._form_reference(source, path + ("forms", index), number)
            for index, number in enumerate(step.documents):
                yield from self._document_reference(source, path + ("documents", index), number)
        for index, record in enumerate(document.records):
            yield from self._form_reference(source, ("records", index, "form"), record.form)
        for index, related in enumerate(document.related):
            if related.number:
                yield from self._document_reference(source, ("related", index, "number"), related.number)
            elif not related.title:
                yield source.error(
                    ("related", index),
                    "a related document needs a `number` (in this handbook) or a `title` (external)",
                    "write `number: …` for a document of this handbook, or `title: …` for an external one",
                )
            if related.number == document.number:
                yield source.error(
                    ("related", index, "number"), "a document cannot be related to itself", "remove the entry"
                )

    def _check_parties(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        if not self.settings.parties:
            return
        known = set(self.settings.parties)
        named: list[tuple[JsonPath, str]] = [
            (("responsibilities", index, "party"), item.party) for index, item in enumerate(document.responsibilities)
        ]
        for step, path in walk_steps(document.body, ("body",)):
            named += [(path + ("owner",), owner) for owner in step.owners]
        for path, party in named:
            if party not in known:
                position = source.position_of(path)
                yield warning(
                    source.display_path,
                    position.line,
                    position.column,
                    f"'{party}' is not a known department or role",
                    _close(party, known) or "add it to `parties` in handbook.yml",
                )

    # -- forms

    def check_form(self, item: Located) -> list[Diagnostic]:
        form: Form = item.model
        source = item.source
        diagnostics = list(self._expected_file_name(item))
        if not re.fullmatch(self.settings.form_number_pattern, form.number):
            diagnostics.append(
                source.error(
                    ("number",),
                    f"form number {form.number} does not match {self.settings.form_number_pattern}",
                    "correct the number, or form_number_pattern in handbook.yml",
                )
            )
        if (
            parse_revision(form.revision, self.settings.revision_scheme) is None
            and parse_revision(form.revision, _other_scheme(self.settings)) is None
        ):
            diagnostics.append(
                source.error(
                    ("revision",), f"revision '{form.revision}' is not a revision label", "write it like A0 or A/00"
                )
            )
        diagnostics += self._check_owners(form, source)
        diagnostics += self._check_fields(form, source)
        diagnostics += form_control_problems(self.settings, form, source)
        return diagnostics

    def _check_owners(self, form: Form, source: LoadedFile) -> Iterator[Diagnostic]:
        users = self.documents_using(form.number)
        for index, number in enumerate(form.documents):
            if number not in self.document_numbers:
                yield from self._document_reference(source, ("documents", index), number)
            elif number not in users and not self.unreadable_numbers:
                position = source.position_of(("documents", index))
                yield warning(
                    source.display_path,
                    position.line,
                    position.column,
                    f"owner {number} never names this form",
                    f"add {form.number} to {number}'s `records` and to the step that uses it",
                )
        if not users and not self.unreadable_numbers:
            position = source.position_of(("number",))
            yield warning(
                source.display_path,
                position.line,
                position.column,
                f"form {form.number} is not used by any document",
                "reference it from the step that produces it, or remove it",
            )

    def documents_using(self, form_number: str) -> set[str]:
        return self.form_users.get(form_number, set())

    def _check_fields(self, form: Form, source: LoadedFile) -> Iterator[Diagnostic]:
        seen: dict[str, JsonPath] = {}
        for section_index, section in enumerate(form.sections):
            for field_index, field in enumerate(section.fields):
                path = ("sections", section_index, "fields", field_index)
                yield from self._check_field_id(source, seen, field, path)
                yield from self._check_field(source, field, path, inside_table=False)

    @staticmethod
    def _check_field_id(
        source: LoadedFile, seen: dict[str, JsonPath], field: FormField, path: JsonPath
    ) -> Iterator[Diagnostic]:
        if field.id in seen:
            line = source.position_of(seen[field.id] + ("id",)).line
            yield source.error(
                path + ("id",),
                f"duplicate field id '{field.id}' (first used on line {line})",
                "field ids become JSON and PDF field names and must be unique in the form",
            )
        else:
            seen[field.id] = path

    def _check_field(
        self, source: LoadedFile, field: FormField, path: JsonPath, inside_table: bool
    ) -> Iterator[Diagnostic]:
        choice = field.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE)
        if choice and len(field.options) < 2:
            yield source.error(
                path,
                f"{field.type.value} field '{field.id}' needs at least two `options`",
                "list the choices: options: [是, 否]",
            )
        if field.options and not choice:
            yield source.error(
                path + ("options",),
                f"`options` only apply to choice fields, not {field.type.value}",
                "set type: choice, or remove options",
            )
        if len(set(field.options)) != len(field.options):
            yield source.error(path + ("options",), "duplicate option", "each option must be different")
        if field.type is FieldType.TABLE:
            if inside_table:
                yield source.error(path, "a table cannot contain a table", "flatten the columns")
            elif not field.columns:
                yield source.error(path, f"table '{field.id}' has no `columns`", "add columns: [{id: …, label: …}]")
            seen: dict[str, JsonPath] = {}
            for index, column in enumerate(field.columns):
                column_path = path + ("columns", index)
                yield from self._check_field_id(source, seen, column, column_path)
                yield from self._check_field(source, column, column_path, inside_table=True)
        elif field.columns:
            yield source.error(
                path + ("columns",), "`columns` only apply to table fields", "set type: table, or remove columns"
            )
        if field.minimum is not None and field.maximum is not None and field.minimum > field.maximum:
            yield source.error(
                path + ("minimum",),
                f"minimum {field.minimum} is greater than maximum {field.maximum}",
                "swap or correct them",
            )
        if field.pattern is not None:
            try:
                re.compile(field.pattern)
            except re.error as problem:
                yield source.error(
                    path + ("pattern",),
                    f"pattern is not a valid regular expression: {problem}",
                    "check brackets and backslashes; patterns are Python regular expressions",
                )


ROLE_NAMES = {"prepared": "编制", "reviewed": "审核", "approved": "批准"}


def _other_scheme(settings: Settings):
    from generator.source.model import RevisionScheme

    return RevisionScheme.COMPACT if settings.revision_scheme is RevisionScheme.SLASHED else RevisionScheme.SLASHED


def check_settings(settings: Settings, source: LoadedFile) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    names: dict[str, int] = {}
    for index, document_type in enumerate(settings.document_types):
        if document_type.name in names:
            first = source.position_of(("document_types", names[document_type.name], "name")).line
            diagnostics.append(
                source.error(
                    ("document_types", index, "name"),
                    f"document type '{document_type.name}' is defined twice (first on line {first})",
                    "keep one definition, or give this type another name",
                )
            )
        names.setdefault(document_type.name, index)
        diagnostics += _check_pattern(source, ("document_types", index, "number_pattern"), document_type.number_pattern)
        diagnostics += check_distribution(
            source, ("document_types", index, "distribution"), document_type.distribution, settings.parties
        )
    diagnostics += _check_pattern(source, ("form_number_pattern",), settings.form_number_pattern)
    diagnostics += check_register(settings, source)
    return diagnostics


def _check_pattern(source: LoadedFile, path: JsonPath, pattern: str) -> list[Diagnostic]:
    try:
        re.compile(pattern)
    except re.error as problem:
        return [
            source.error(
                path,
                f"not a valid regular expression: {problem}",
                "check that every '(' and '[' is closed and backslashes are doubled inside double quotes",
            )
        ]
    return []


def check_distribution(
    source: LoadedFile, path: JsonPath, holders: tuple[Holder, ...], parties: tuple[str, ...]
) -> list[Diagnostic]:
    """Each 分发号 once per list (it names a file and a line of the 登记表); holders known."""
    diagnostics: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for index, holder in enumerate(holders):
        if holder.copy_number in seen:
            first = source.position_of(path + (seen[holder.copy_number], "copy")).line
            diagnostics.append(
                source.error(
                    path + (index, "copy"),
                    f"copy number (分发号) '{holder.copy_number}' is given twice (first on line {first})",
                    "give every holder a copy number of its own",
                )
            )
        seen.setdefault(holder.copy_number, index)
        if parties and holder.holder not in parties:
            position = source.position_of(path + (index, "holder"))
            diagnostics.append(
                warning(
                    source.display_path,
                    position.line,
                    position.column,
                    f"'{holder.holder}' is not a known department or role",
                    _close(holder.holder, set(parties)) or "add it to `parties` in handbook.yml",
                )
            )
    return diagnostics
