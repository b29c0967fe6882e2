"""Stage 2 — validate: every problem of a run, each located, each with a hint.

Two passes. The structural pass, here, checks each file against the JSON Schema generated
from `model.py` (so the published schema and the check are the same thing) and translates
jsonschema's findings into messages a document controller can act on. Files that pass are
turned into models (`build_model`); the semantic pass then checks what a schema cannot:
numbers against their type's pattern, references across files, revision order, dates and
approvals — `SemanticChecker` and `check_settings` in `validate_semantic.py`, its rules by
subject in the `validate_*.py` modules beside it.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, overload

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostic
from generator.messages import Text
from generator.source.load import JsonPath, LoadedFile
from generator.source.model import Document, Form, Settings
from generator.source.schema import SOURCE_MODELS, source_schema
from generator.source.validate_roles import ROLE_ID_HINT

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
