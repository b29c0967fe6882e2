"""Turning jsonschema's findings about a record into sentences for the person who filled it.

jsonschema says `'2023-02-29' is not a 'date'` at path `('open_date',)`; a clerk needs
"开通日期 (open_date): "2023-02-29" 不是有效日期，应为 YYYY-MM-DD 格式的真实日期". This
module resolves a record path to the form's field, row and column (`locate`) and words
one message per JSON Schema keyword, in Chinese or English, with the sentences of the
catalog (`messages/records.py`). It is apart from `records/check.py` because the wording
is most of the code and changes on its own (a new keyword, a new field type, a better
hint), while running the schema does not.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import jsonschema

from generator.messages import Text, render, translate
from generator.records.numbers import plain
from generator.records.record import RecordProblem
from generator.records.schema import SIGNATURE_PART_LABELS
from generator.source.load import JsonPath
from generator.source.model import FieldType, Form, FormField


@dataclass(frozen=True)
class _Place:
    """What a path in a record points at, in the form's terms."""

    field: FormField | None = None  # the top-level field
    row: int | None = None  # 1-based table row
    column: FormField | None = None  # the table column
    part: str | None = None  # signature part: name | date

    @property
    def leaf(self) -> FormField | None:
        return self.column or self.field


def locate(form: Form, path: JsonPath) -> _Place:
    """Resolve a record path (`spare_parts`, 1, `quantity_out`) to field, row and column."""
    fields = {field.id: field for field in form.all_fields()}
    if not path or path[0] not in fields:
        return _Place()
    field = fields[path[0]]
    rest = path[1:]
    if field.type is FieldType.TABLE and rest and isinstance(rest[0], int):
        columns = {column.id: column for column in field.columns}
        column = columns.get(rest[1]) if len(rest) > 1 and isinstance(rest[1], str) else None
        part = rest[2] if column is not None and column.type is FieldType.SIGNATURE and len(rest) > 2 else None
        return _Place(field, rest[0] + 1, column, part if isinstance(part, str) else None)
    if field.type is FieldType.SIGNATURE and rest and isinstance(rest[0], str):
        return _Place(field, part=rest[0])
    return _Place(field)


class Explainer:
    """Turns jsonschema findings into RecordProblems worded for the person who filled the form."""

    def __init__(self, form: Form, lang: str):
        self.form = form
        self.lang = lang
        self.field_order = {field.id: index for index, field in enumerate(form.all_fields())}

    def words(self, message: Text) -> str:
        """`message` in the reader's language, now: a RecordProblem's message is a plain str."""
        return render(message, self.lang)

    def listed(self, names: Iterable[str]) -> str:
        """Names as a list in the reader's language: 甲、乙 in Chinese, a, b in English."""
        return ("、" if self.lang == "zh" else ", ").join(names)

    # -- subject: which field, by label and id

    def subject(self, path: JsonPath) -> tuple[str, str, str]:
        """(label, id, "label (id)" or "id (label)") of the thing at `path`."""
        place = locate(self.form, path)
        if place.field is None:
            return "", "", translate("the record", self.lang)
        label_parts = [place.field.label]
        id_parts = [place.field.id]
        if place.row is not None:
            label_parts.append(f"第 {place.row} 行")
        if place.column is not None:
            label_parts.append(place.column.label)
            id_parts.append(place.column.id)
        if place.part is not None:
            label_parts.append(SIGNATURE_PART_LABELS.get(place.part, place.part))
            id_parts.append(place.part)
        label, field_id = " ".join(label_parts), ".".join(id_parts)
        if self.lang == "en":
            row = f", row {place.row}" if place.row is not None else ""
            return label, field_id, f"{field_id}{row} ({label})"
        return label, field_id, f"{label} ({field_id})"

    def problem(self, path: JsonPath, keyword: str, explanation: str) -> RecordProblem:
        label, field_id, subject = self.subject(path)
        return RecordProblem(path, field_id, label, keyword, f"{subject}: {explanation}")

    def order_key(self, problem: RecordProblem) -> tuple:
        first = problem.path[0] if problem.path else ""
        rank = self.field_order.get(first, len(self.field_order)) if isinstance(first, str) else -1
        return (
            rank,
            [str(part).zfill(6) if isinstance(part, int) else str(part) for part in problem.path[1:]],
            problem.message,
        )

    # -- findings

    def explain(self, finding: jsonschema.ValidationError) -> Iterator[RecordProblem]:
        path: JsonPath = tuple(finding.absolute_path)
        keyword = str(finding.validator)
        if keyword == "required":
            yield from self.missing(path, finding)
        elif keyword == "additionalProperties":
            yield from self.unknown(path, finding)
        else:
            handler = getattr(self, f"explain_{keyword}", None)
            text = handler(path, finding) if handler else self.words(Text("{finding}", finding=finding.message))
            yield self.problem(self.subject_path(path), keyword, text)

    def subject_path(self, path: JsonPath) -> JsonPath:
        """Findings about one chosen option of a multi-choice are about the multi-choice field."""
        if len(path) >= 2 and isinstance(path[-1], int):
            owner = locate(self.form, path[:-1]).leaf
            if owner is not None and owner.type is FieldType.MULTI_CHOICE:
                return path[:-1]
        return path

    def missing(self, path: JsonPath, finding: jsonschema.ValidationError) -> Iterator[RecordProblem]:
        present = finding.instance if isinstance(finding.instance, dict) else {}
        for name in finding.validator_value:
            if name not in present:
                yield self.problem(path + (name,), "required", translate("is required but missing", self.lang))

    def unknown(self, path: JsonPath, finding: jsonschema.ValidationError) -> Iterator[RecordProblem]:
        known = finding.schema.get("properties", {})
        for name in finding.instance:
            if name not in known:
                yield self.unknown_key(path, str(name), known)

    def unknown_key(self, path: JsonPath, name: str, known: Mapping[str, Any]) -> RecordProblem:
        labels = {key: schema.get("title", key) for key, schema in known.items()}
        guess = did_you_mean(name, labels)
        place = locate(self.form, path)
        _, _, subject = self.subject(path)
        if place.field is None:
            unknown = Text('unknown field "{name}"', name=name)
        elif place.row is not None and place.column is None:
            unknown = Text('{subject}: unknown column "{name}"', subject=subject, name=name)
        else:
            unknown = Text('{subject}: unknown key "{name}"', subject=subject, name=name)
        if guess:
            advice = Text("did you mean {guess} ({label})?", guess=guess, label=labels[guess])
        else:
            advice = Text("allowed: {allowed}", allowed=self.listed(labels))
        text = self.words(
            Text(
                "{unknown}: form {number} has none by that name; {advice}",
                unknown=unknown,
                number=self.form.number,
                advice=advice,
            )
        )
        return RecordProblem(path + (name,), name, "", "additionalProperties", text)

    # -- one method per keyword; each returns what is wrong and what is allowed

    def explain_type(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        expected = finding.validator_value
        value = finding.instance
        leaf = locate(self.form, self.subject_path(path)).leaf
        shown = _show(value)
        if expected == "string":
            if isinstance(value, (int, float, Decimal)):  # a phone number or code written without quotes
                return self.words(
                    Text(
                        'should be text, not the number {shown}; put it in quotes: "{written}"',
                        shown=shown,
                        written=plain(value),
                    )
                )
            return self.words(Text("should be text, not {value}", value=_of_kind(value, shown)))
        if expected == "number":
            # only the Chinese sentence names the unit (the English one never has): "" in English
            unit = ""
            if self.lang != "en" and leaf is not None and leaf.unit:
                unit = self.words(Text("(unit: {unit})", unit=leaf.unit))
            return self.words(Text("should be a number{unit}, not {value}", unit=unit, value=_of_kind(value, shown)))
        if expected == "boolean":
            return self.words(Text("should be true (ticked) or false (not ticked), not {shown}", shown=shown))
        if expected == "array":
            if leaf is not None and leaf.type is FieldType.TABLE:
                return self.words(Text("should be a list of rows, not {shown}", shown=shown))
            return self.words(
                Text(
                    'should be a list of the chosen options, e.g. ["{option}"], not {shown}',
                    option=_first_option(leaf),
                    shown=shown,
                )
            )
        return self.explain_object_type(path, shown)

    def explain_object_type(self, path: JsonPath, shown: str) -> str:
        place = locate(self.form, path)
        if place.field is None:
            return self.words(Text("should be an object of field id → value, not {shown}", shown=shown))
        if place.leaf is not None and place.leaf.type is FieldType.SIGNATURE:
            return self.words(Text('should be {{"name": signer, "date": "YYYY-MM-DD"}}, not {shown}', shown=shown))
        return self.words(Text("each row should be an object of column id → value, not {shown}", shown=shown))

    def explain_enum(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        options = [str(option) for option in finding.validator_value]
        guess = difflib.get_close_matches(str(finding.instance), options, n=1, cutoff=0.5)
        advice = Text('; did you mean "{guess}"?', guess=guess[0]) if guess else ""
        return self.words(
            Text(
                "{shown} is not one of the options: {listed}{advice}",
                shown=_show(finding.instance),
                listed=self.listed(options),
                advice=advice,
            )
        )

    def explain_format(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        shown = _show(finding.instance)
        if finding.validator_value == "date":
            return self.words(Text("{shown} is not a valid date; expected a real date as YYYY-MM-DD", shown=shown))
        return self.words(Text("{shown} is not in {format} format", shown=shown, format=finding.validator_value))

    def explain_pattern(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        kind = leaf.type if leaf is not None else None
        shown = _show(finding.instance)
        if kind is FieldType.TIME:
            return self.words(
                Text(
                    "{shown} is not a valid time; expected HH:MM or HH:MM:SS on the 24-hour clock, e.g. 09:30",
                    shown=shown,
                )
            )
        if kind is FieldType.DATETIME:
            return self.words(
                Text(
                    "{shown} is not a valid date and time; expected YYYY-MM-DD HH:MM (a real date, 24-hour clock), "
                    "e.g. 2024-03-01 09:30",
                    shown=shown,
                )
            )
        if kind is FieldType.MONEY:
            return self.words(
                Text(
                    '{shown} is not a valid amount: yuan, not negative, at most two decimal places, e.g. "19.99"',
                    shown=shown,
                )
            )
        if kind is FieldType.PHONE:
            return self.words(
                Text(
                    "{shown} is not a valid phone number; expected an 11-digit mobile number (e.g. 13812345678) "
                    "or a landline with area code (e.g. 0571-88886666, extension -123 allowed)",
                    shown=shown,
                )
            )
        help_text = f"（{leaf.help}）" if leaf is not None and leaf.help else ""  # the form's own (Chinese) help
        return self.words(
            Text(
                "{shown} does not match the required pattern {pattern}{help}",
                shown=shown,
                pattern=finding.validator_value,
                help=help_text,
            )
        )

    def explain_minimum(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        bound, shown = _show(finding.validator_value), _show(finding.instance)
        if leaf is not None and leaf.type is FieldType.MONEY and finding.validator_value == 0:
            return self.words(Text("{shown} is negative; an amount cannot be below 0", shown=shown))
        return self.words(
            Text("{shown} is below the minimum {bound}{unit}", shown=shown, bound=bound, unit=_unit(leaf))
        )

    def explain_maximum(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        bound, shown = _show(finding.validator_value), _show(finding.instance)
        return self.words(
            Text("{shown} is above the maximum {bound}{unit}", shown=shown, bound=bound, unit=_unit(leaf))
        )

    def explain_maxItems(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return self.words(
            Text(
                "has {count} rows; the form has room for {rows}",
                count=len(finding.instance),
                rows=finding.validator_value,
            )
        )

    def explain_minItems(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        if leaf is not None and leaf.type is FieldType.TABLE:
            return translate("is required: fill in at least one row", self.lang)
        return translate("is required: choose at least one option", self.lang)

    def explain_uniqueItems(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        seen, repeated = set(), []
        for item in finding.instance:
            key = json.dumps(item, ensure_ascii=False, sort_keys=True, default=str)
            if key in seen and item not in repeated:
                repeated.append(item)
            seen.add(key)
        shown = "、".join(_show(item) for item in repeated)  # "、" in English too
        return self.words(Text("repeats {repeated}; choose each option once", repeated=shown))

    def explain_minLength(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return translate("must not be empty", self.lang)

    def explain_maxLength(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return self.words(
            Text(
                "has {count} characters; at most {limit} are allowed",
                count=len(finding.instance),
                limit=finding.validator_value,
            )
        )

    def explain_minProperties(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return translate("is an empty row; remove it or fill it in", self.lang)


def did_you_mean(name: str, labels: Mapping[str, str]) -> str | None:
    """The id meant by `name`: a close id, or the id of an equal or close Chinese label."""
    for key, label in labels.items():
        if name == label:
            return key
    close = difflib.get_close_matches(name, list(labels), n=1, cutoff=0.6)
    if close:
        return close[0]
    by_label = {label: key for key, label in labels.items()}
    close = difflib.get_close_matches(name, list(by_label), n=1, cutoff=0.5)
    return by_label[close[0]] if close else None


def _show(value: Any) -> str:
    """A value as the user would recognise it: text quoted, decimals as written."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "…"
        return json.dumps(text, ensure_ascii=False)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (int, float)):
        return str(value)
    text = json.dumps(
        value, ensure_ascii=False, default=lambda item: format(item, "f") if isinstance(item, Decimal) else str(item)
    )
    return text if len(text) <= 60 else text[:57] + "…"


def _of_kind(value: Any, shown: str) -> Text:
    """A value named with its kind ("the number 5"), what a field of another kind was given."""
    if isinstance(value, bool):
        return Text("true/false {shown}", shown=shown)
    if isinstance(value, (int, float, Decimal)):
        return Text("the number {shown}", shown=shown)
    if isinstance(value, str):
        return Text("the text {shown}", shown=shown)
    if isinstance(value, list):
        return Text("a list {shown}", shown=shown)
    if isinstance(value, dict):
        return Text("an object {shown}", shown=shown)
    return Text("null {shown}", shown=shown)


def _unit(field: FormField | None) -> str:
    return f" {field.unit}" if field is not None and field.unit else ""


def _first_option(field: FormField | None) -> str:
    return field.options[0] if field is not None and field.options else "…"
