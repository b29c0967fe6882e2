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
from generator.messages import Text
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
    described = ""
    for part in path:
        described += f"[{part}]" if isinstance(part, int) else (f".{part}" if described else str(part))
    return described or Text("the file")


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return Text("true/false")
    if isinstance(value, (int, float)):
        return Text("a number")
    if isinstance(value, str):
        return Text("text")
    if isinstance(value, list):
        return Text("a list")
    if isinstance(value, dict):
        return Text("a mapping")
    return Text("empty") if value is None else type(value).__name__


_EXPECTED: dict[str, str] = {
    "string": Text("text"),
    "array": Text("a list"),
    "object": Text("a mapping"),
    "integer": Text("a whole number"),
    "number": Text("a number"),
    "boolean": Text("true or false"),
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
                hint: str = (
                    Text("add `{name}: …` ({description})", name=name, description=description)
                    if description
                    else Text("add `{name}: …`", name=name)
                )
                yield loaded.error(
                    path, Text("missing required field '{name}' in {where}", name=name, where=where), hint
                )
        return
    if kind == "additionalProperties":
        allowed = list(problem.schema.get("properties", {}))
        for name in problem.instance:
            if name in allowed:
                continue
            guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = (
                Text("did you mean '{guess}'?", guess=guess[0])
                if guess
                else Text("allowed fields here: {allowed}", allowed=", ".join(allowed))
            )
            yield loaded.error(
                path + (name,), Text("unknown field '{name}' in {where}", name=name, where=where), hint, key=True
            )
        return
    if kind == "type":
        expected = problem.validator_value if isinstance(problem.validator_value, str) else problem.validator_value[0]
        message = Text(
            "{where} should be {expected}, not {found}",
            where=where,
            expected=_EXPECTED.get(expected, expected),
            found=_type_name(problem.instance),
        )
        hint = ""
        written = loaded.source_of(path)
        if (
            expected == "string"
            and isinstance(problem.instance, list)
            and len(problem.instance) == 1
            and isinstance(problem.instance[0], str)
        ):
            hint = Text(
                "write plain text on the key's own line, e.g. {key}: {value}", key=path[-1], value=problem.instance[0]
            )
        elif expected == "string" and isinstance(problem.instance, (list, dict)):
            hint = Text("write plain text on the key's own line, not a list or mapping")
        elif expected == "string" and problem.instance is not None:
            hint = Text('put the value in quotes so it stays as written: "{written}"', written=written)
        elif expected == "array":
            hint = Text("write a list: `[a, b]`, or one `- item` per line")
        elif expected == "integer":
            hint = Text("write a whole number without quotes, e.g. {key}: 2", key=path[-1] if path else "value")
        elif expected == "number":
            hint = Text("write a number without quotes or units, e.g. 12.5")
        elif expected == "boolean":
            hint = Text("write true or false")
        elif expected == "object":
            hint = Text("write the fields indented under the key, one `name: value` per line")
        elif problem.instance is None:
            hint = Text("the value is missing after the ':'; write it, or remove the key")
        yield loaded.error(path, message, hint)
        return
    if kind == "enum":
        options = [str(option) for option in problem.validator_value]
        guess = difflib.get_close_matches(str(problem.instance), options, n=1, cutoff=0.5)
        hint = (
            Text("did you mean '{guess}'?", guess=guess[0])
            if guess
            else Text("use one of: {options}", options=", ".join(options))
        )
        yield loaded.error(
            path,
            Text(
                "{where} is '{value}', which is not one of: {options}",
                where=where,
                value=problem.instance,
                options=", ".join(options),
            ),
            hint,
        )
        return
    if kind == "format" and problem.validator_value == "date":
        yield loaded.error(
            path,
            Text("{where} is '{value}', which is not a real date", where=where, value=problem.instance),
            Text("write dates as YYYY-MM-DD, e.g. 2024-02-29 (check the day exists in that month)"),
        )
        return
    if kind == "pattern":
        hints: dict[str, str] = {
            "id": Text("ids are lower-case letters, digits and underscores, starting with a letter"),
            "copy": Text("a copy number (分发号) names a PDF file: letters, digits and hyphens, e.g. '01' or 'SH-03'"),
            "site_url": Text(
                "write the intranet address with http:// or https:// and a final /, e.g. http://handbook.internal/"
            ),
        }
        hint = hints.get(str(path[-1]), "") if path else ""
        hint = ROLE_ID_HINT if tuple(path[:1]) == ("roles",) else hint
        yield loaded.error(
            path,
            Text(
                "{where} is '{value}', which does not match {pattern}",
                where=where,
                value=problem.instance,
                pattern=problem.validator_value,
            ),
            hint,
        )
        return
    if kind == "minItems":
        yield loaded.error(
            path,
            Text("{where} needs at least {count} entries", where=where, count=problem.validator_value)
            if problem.validator_value != 1
            else Text("{where} needs at least 1 entry", where=where),
            Text("add the entries, or remove the key"),
        )
        return
    if kind == "minLength":
        yield loaded.error(path, Text("{where} is empty", where=where), Text("write the text, or remove the key"))
        return
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "maxLength"):
        yield loaded.error(
            path, Text("{where}: {detail}", where=where, detail=problem.message), _range_hint(problem.schema)
        )
        return
    yield loaded.error(
        path, Text("{where}: {detail}", where=where, detail=problem.message), _describe_field(problem.schema)
    )


def _range_hint(schema: dict) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return Text("use a value from {low} to {high}", low=low, high=high)
    if low is not None:
        return Text("use a value of at least {low}", low=low)
    if high is not None:
        return Text("use a value of at most {high}", high=high)
    return (
        Text("use at most {count} characters", count=schema.get("maxLength"))
        if "maxLength" in schema
        else Text("see schemas/ for the allowed values")
    )


def _describe_field(schema: dict) -> str:
    return schema.get("description") or Text("see the field's definition in schemas/")


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
            loaded.error(
                tuple(item["loc"]), Text("{detail}", detail=item["msg"]), Text("see the field's definition in schemas/")
            )
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
    return Text("did you mean '{guess}'?", guess=guess[0]) if guess else ""


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
                Text("unknown document type '{type}'", type=document.type),
                _close(document.type, self.types)
                or Text("use one of: {types} (handbook.yml document_types)", types=", ".join(self.types)),
            )
            return
        if not re.fullmatch(document_type.number_pattern, document.number):
            yield source.error(
                ("number",),
                Text(
                    "number {number} does not match the pattern of {type}: {pattern}",
                    number=document.number,
                    type=document.type,
                    pattern=document_type.number_pattern,
                ),
                Text("correct the number, or the type, or the pattern in handbook.yml"),
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
                    Text(
                        "revision '{revision}' is not in the {scheme} scheme",
                        revision=entry.revision,
                        scheme=scheme.value,
                    ),
                    Text("write revisions like {examples}, or set revision_scheme", examples=EXAMPLES[scheme]),
                )
                continue
            if previous_entry is not None and previous_key is not None and key <= previous_key:
                yield source.error(
                    ("history", index, "revision"),
                    Text(
                        "revision goes backwards: {revision} comes after {previous}",
                        revision=entry.revision,
                        previous=previous_entry.revision,
                    ),
                    Text("list the history oldest first; each revision must be higher than the one before"),
                )
            if previous_entry is not None and entry.date < previous_entry.date:
                yield source.error(
                    ("history", index, "date"),
                    Text(
                        "revision {revision} takes effect on {date}, before {previous} ({previous_date})",
                        revision=entry.revision,
                        date=entry.date,
                        previous=previous_entry.revision,
                        previous_date=previous_entry.date,
                    ),
                    Text("history dates must not go backwards"),
                )
            previous_key, previous_entry = key, entry
        if parse_revision(document.revision, scheme) is None:
            yield source.error(
                ("revision",),
                Text(
                    "revision '{revision}' is not in the {scheme} scheme",
                    revision=document.revision,
                    scheme=scheme.value,
                ),
                Text("write revisions like {examples}, or set revision_scheme", examples=EXAMPLES[scheme]),
            )
        newest = document.history[-1]
        if newest.revision != document.revision:
            yield source.error(
                ("revision",),
                Text(
                    "current revision {revision} is not the newest history entry ({newest})",
                    revision=document.revision,
                    newest=newest.revision,
                ),
                Text("add a history entry for the current revision as the last one, or correct `revision`"),
            )
        elif newest.date != document.effective:
            yield source.error(
                ("effective",),
                Text(
                    "effective date {effective} differs from the date of history entry {revision} ({date})",
                    effective=document.effective,
                    revision=newest.revision,
                    date=newest.date,
                ),
                Text("the last history entry's date is the date the current revision takes effect; make them equal"),
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
                        Text(
                            "{role} signed on {signed}, after revision {revision} took effect ({date})",
                            role=ROLE_NAMES[role],
                            signed=signature.date,
                            revision=entry.revision,
                            date=entry.date,
                        ),
                        Text("a revision takes effect on or after its approval"),
                    )
            for (first_role, first), (second_role, second) in zip(signed, signed[1:]):
                if second.date < first.date:
                    yield source.error(
                        ("history", index, second_role, "date"),
                        Text(
                            "{second} ({second_date}) is dated before {first} ({first_date})",
                            second=ROLE_NAMES[second_role],
                            second_date=second.date,
                            first=ROLE_NAMES[first_role],
                            first_date=first.date,
                        ),
                        Text("sign-off goes 编制 → 审核 → 批准"),
                    )
        current = document.history[-1]
        if document.status is Status.EFFECTIVE and current.revision == document.revision:
            index = len(document.history) - 1
            for role in ("prepared", "reviewed", "approved"):
                if getattr(current, role) is None:
                    yield source.error(
                        ("history", index),
                        Text(
                            "document is 生效 but revision {revision} has no {role} sign-off",
                            revision=current.revision,
                            role=ROLE_NAMES[role],
                        ),
                        Text(
                            "add `{key}: {{name: …, date: …}}` to the last history entry, or set status: 草稿", key=role
                        ),
                    )

    def _check_references(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        for step, path in walk_steps(document.body, ("body",)):
            if not (step.title or step.text or step.items or step.steps):
                yield source.error(
                    path,
                    Text("empty step"),
                    Text("give the step a `title`, `text`, `items` or sub-`steps`, or remove it"),
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
                    Text("a related document needs a `number` (in this handbook) or a `title` (external)"),
                    Text("write `number: …` for a document of this handbook, or `title: …` for an external one"),
                )
            if related.number == document.number:
                yield source.error(
                    ("related", index, "number"),
                    Text("a document cannot be related to itself"),
                    Text("remove the entry"),
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
                    Text("'{party}' is not a known department or role", party=party),
                    _close(party, known) or Text("add it to `parties` in handbook.yml"),
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
                    Text(
                        "form number {number} does not match {pattern}",
                        number=form.number,
                        pattern=self.settings.form_number_pattern,
                    ),
                    Text("correct the number, or form_number_pattern in handbook.yml"),
                )
            )
        if (
            parse_revision(form.revision, self.settings.revision_scheme) is None
            and parse_revision(form.revision, _other_scheme(self.settings)) is None
        ):
            diagnostics.append(
                source.error(
                    ("revision",),
                    Text("revision '{revision}' is not a revision label", revision=form.revision),
                    Text("write it like A0 or A/00"),
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
                    Text("owner {number} never names this form", number=number),
                    Text(
                        "add {form} to {number}'s `records` and to the step that uses it",
                        form=form.number,
                        number=number,
                    ),
                )
        if not users and not self.unreadable_numbers:
            position = source.position_of(("number",))
            yield warning(
                source.display_path,
                position.line,
                position.column,
                Text("form {number} is not used by any document", number=form.number),
                Text("reference it from the step that produces it, or remove it"),
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
                Text("duplicate field id '{id}' (first used on line {line})", id=field.id, line=line),
                Text("field ids become JSON and PDF field names and must be unique in the form"),
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
                Text("{type} field '{id}' needs at least two `options`", type=field.type.value, id=field.id),
                Text("list the choices: options: [是, 否]"),
            )
        if field.options and not choice:
            yield source.error(
                path + ("options",),
                Text("`options` only apply to choice fields, not {type}", type=field.type.value),
                Text("set type: choice, or remove options"),
            )
        if len(set(field.options)) != len(field.options):
            yield source.error(path + ("options",), Text("duplicate option"), Text("each option must be different"))
        if field.type is FieldType.TABLE:
            if inside_table:
                yield source.error(path, Text("a table cannot contain a table"), Text("flatten the columns"))
            elif not field.columns:
                yield source.error(
                    path, Text("table '{id}' has no `columns`", id=field.id), Text("add columns: [{{id: …, label: …}}]")
                )
            seen: dict[str, JsonPath] = {}
            for index, column in enumerate(field.columns):
                column_path = path + ("columns", index)
                yield from self._check_field_id(source, seen, column, column_path)
                yield from self._check_field(source, column, column_path, inside_table=True)
        elif field.columns:
            yield source.error(
                path + ("columns",),
                Text("`columns` only apply to table fields"),
                Text("set type: table, or remove columns"),
            )
        if field.minimum is not None and field.maximum is not None and field.minimum > field.maximum:
            yield source.error(
                path + ("minimum",),
                Text(
                    "minimum {minimum} is greater than maximum {maximum}", minimum=field.minimum, maximum=field.maximum
                ),
                Text("swap or correct them"),
            )
        if field.pattern is not None:
            try:
                re.compile(field.pattern)
            except re.error as problem:
                yield source.error(
                    path + ("pattern",),
                    Text("pattern is not a valid regular expression: {detail}", detail=problem),
                    Text("check brackets and backslashes; patterns are Python regular expressions"),
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
                    Text(
                        "document type '{name}' is defined twice (first on line {line})",
                        name=document_type.name,
                        line=first,
                    ),
                    Text("keep one definition, or give this type another name"),
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
                Text("not a valid regular expression: {detail}", detail=problem),
                Text("check that every '(' and '[' is closed and backslashes are doubled inside double quotes"),
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
                    Text(
                        "copy number (分发号) '{copy}' is given twice (first on line {line})",
                        copy=holder.copy_number,
                        line=first,
                    ),
                    Text("give every holder a copy number of its own"),
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
                    Text("'{party}' is not a known department or role", party=holder.holder),
                    _close(holder.holder, set(parties)) or Text("add it to `parties` in handbook.yml"),
                )
            )
    return diagnostics
