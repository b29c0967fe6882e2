"""Turning jsonschema's findings about a record into sentences for the person who filled it.

jsonschema says `'2023-02-29' is not a 'date'` at path `('open_date',)`; a clerk needs
"开通日期 (open_date): "2023-02-29" 不是有效日期，应为 YYYY-MM-DD 格式的真实日期". This
module resolves a record path to the form's field, row and column (`locate`) and words
one message per JSON Schema keyword, in Chinese or English. It is apart from
`records/check.py` because the wording is most of the code and changes on its own (a new
keyword, a new field type, a better hint), while running the schema does not.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import jsonschema

from generator.records.numbers import plain
from generator.records.record import RecordProblem, say
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

    def say(self, chinese: str, english: str) -> str:
        return say(self.lang, chinese, english)

    # -- subject: which field, by label and id

    def subject(self, path: JsonPath) -> tuple[str, str, str]:
        """(label, id, "label (id)" or "id (label)") of the thing at `path`."""
        place = locate(self.form, path)
        if place.field is None:
            return "", "", self.say("记录", "the record")
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
            text = handler(path, finding) if handler else self.say(f"不符合要求（{finding.message}）", finding.message)
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
                yield self.problem(path + (name,), "required", self.say("必填，但没有填写", "is required but missing"))

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
            subject_text = self.say(f'未知字段 "{name}"', f'unknown field "{name}"')
        elif place.row is not None and place.column is None:
            subject_text = self.say(f'{subject}: 未知的列 "{name}"', f'{subject}: unknown column "{name}"')
        else:
            subject_text = self.say(f'{subject}: 未知的项 "{name}"', f'{subject}: unknown key "{name}"')
        if guess:
            advice = self.say(f"是否想写 {guess}（{labels[guess]}）？", f"did you mean {guess} ({labels[guess]})?")
        else:
            allowed = "、".join(labels) if self.lang == "zh" else ", ".join(labels)
            advice = self.say(f"可用的有：{allowed}", f"allowed: {allowed}")
        text = self.say(
            f"{subject_text}：表单 {self.form.number} 中没有；{advice}",
            f"{subject_text}: form {self.form.number} has none by that name; {advice}",
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
                return self.say(
                    f'应为文本，不是数字 {shown}；请给值加引号，如 "{plain(value)}"',
                    f'should be text, not the number {shown}; put it in quotes: "{plain(value)}"',
                )
            return self.say(
                f"应为文本，不是{_kind_zh(value)} {shown}", f"should be text, not {_kind_en(value)} {shown}"
            )
        if expected == "number":
            unit = f"（单位：{leaf.unit}）" if leaf is not None and leaf.unit else ""
            return self.say(
                f"应为数字{unit}，不是{_kind_zh(value)} {shown}", f"should be a number, not {_kind_en(value)} {shown}"
            )
        if expected == "boolean":
            return self.say(
                f"应为 true（已勾选）或 false（未勾选），不是 {shown}",
                f"should be true (ticked) or false (not ticked), not {shown}",
            )
        if expected == "array":
            if leaf is not None and leaf.type is FieldType.TABLE:
                return self.say(f"应为行的列表，不是 {shown}", f"should be a list of rows, not {shown}")
            return self.say(
                f'应为所选项的列表，如 ["{_first_option(leaf)}"]，不是 {shown}',
                f'should be a list of the chosen options, e.g. ["{_first_option(leaf)}"], not {shown}',
            )
        return self.explain_object_type(path, shown)

    def explain_object_type(self, path: JsonPath, shown: str) -> str:
        place = locate(self.form, path)
        if place.field is None:
            return self.say(
                f"应为 字段 id → 值 的对象，不是 {shown}", f"should be an object of field id → value, not {shown}"
            )
        if place.leaf is not None and place.leaf.type is FieldType.SIGNATURE:
            return self.say(
                f'应为 {{"name": 签字人, "date": "YYYY-MM-DD"}}，不是 {shown}',
                f'should be {{"name": signer, "date": "YYYY-MM-DD"}}, not {shown}',
            )
        return self.say(
            f"每一行应为 列 id → 值 的对象，不是 {shown}",
            f"each row should be an object of column id → value, not {shown}",
        )

    def explain_enum(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        options = [str(option) for option in finding.validator_value]
        guess = difflib.get_close_matches(str(finding.instance), options, n=1, cutoff=0.5)
        listed = "、".join(options) if self.lang == "zh" else ", ".join(options)
        advice = self.say(f'；是否想写 "{guess[0]}"？', f'; did you mean "{guess[0]}"?') if guess else ""
        return self.say(
            f"{_show(finding.instance)} 不是可选项，可选：{listed}{advice}",
            f"{_show(finding.instance)} is not one of the options: {listed}{advice}",
        )

    def explain_format(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        if finding.validator_value == "date":
            return self.say(
                f"{_show(finding.instance)} 不是有效日期，应为 YYYY-MM-DD 格式的真实日期",
                f"{_show(finding.instance)} is not a valid date; expected a real date as YYYY-MM-DD",
            )
        return self.say(
            f"{_show(finding.instance)} 不符合 {finding.validator_value} 格式",
            f"{_show(finding.instance)} is not in {finding.validator_value} format",
        )

    def explain_pattern(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        kind = leaf.type if leaf is not None else None
        shown = _show(finding.instance)
        if kind is FieldType.TIME:
            return self.say(
                f"{shown} 不是有效时间，应为 24 小时制的 HH:MM 或 HH:MM:SS，如 09:30",
                f"{shown} is not a valid time; expected HH:MM or HH:MM:SS on the 24-hour clock, e.g. 09:30",
            )
        if kind is FieldType.DATETIME:
            return self.say(
                f"{shown} 不是有效的日期时间，应为 YYYY-MM-DD HH:MM（日期须真实存在，24 小时制），如 2024-03-01 09:30",
                f"{shown} is not a valid date and time; expected YYYY-MM-DD HH:MM (a real date, 24-hour clock), e.g. 2024-03-01 09:30",
            )
        if kind is FieldType.MONEY:
            return self.say(
                f'{shown} 不是有效金额：金额以元为单位，不为负，至多两位小数（精确到分），如 "19.99"',
                f'{shown} is not a valid amount: yuan, not negative, at most two decimal places, e.g. "19.99"',
            )
        if kind is FieldType.PHONE:
            return self.say(
                f"{shown} 不是有效的电话号码，应为 11 位手机号（如 13812345678）或带区号的座机号（如 0571-88886666，可带分机 -123）",
                f"{shown} is not a valid phone number; expected an 11-digit mobile number (e.g. 13812345678) "
                "or a landline with area code (e.g. 0571-88886666, extension -123 allowed)",
            )
        help_text = f"（{leaf.help}）" if leaf is not None and leaf.help else ""
        return self.say(
            f"{shown} 不符合规定的格式 {finding.validator_value}{help_text}",
            f"{shown} does not match the required pattern {finding.validator_value}{help_text}",
        )

    def explain_minimum(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        bound = _show(finding.validator_value)
        if leaf is not None and leaf.type is FieldType.MONEY and finding.validator_value == 0:
            return self.say(
                f"{_show(finding.instance)} 是负数，金额不能小于 0",
                f"{_show(finding.instance)} is negative; an amount cannot be below 0",
            )
        return self.say(
            f"{_show(finding.instance)} 小于允许的最小值 {bound}{_unit(leaf)}",
            f"{_show(finding.instance)} is below the minimum {bound}{_unit(leaf)}",
        )

    def explain_maximum(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        bound = _show(finding.validator_value)
        return self.say(
            f"{_show(finding.instance)} 大于允许的最大值 {bound}{_unit(leaf)}",
            f"{_show(finding.instance)} is above the maximum {bound}{_unit(leaf)}",
        )

    def explain_maxItems(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return self.say(
            f"填了 {len(finding.instance)} 行，本表至多 {finding.validator_value} 行",
            f"has {len(finding.instance)} rows; the form has room for {finding.validator_value}",
        )

    def explain_minItems(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        leaf = locate(self.form, path).leaf
        if leaf is not None and leaf.type is FieldType.TABLE:
            return self.say("必填，至少要填一行", "is required: fill in at least one row")
        return self.say("必填，至少要选一项", "is required: choose at least one option")

    def explain_uniqueItems(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        seen, repeated = set(), []
        for item in finding.instance:
            key = json.dumps(item, ensure_ascii=False, sort_keys=True, default=str)
            if key in seen and item not in repeated:
                repeated.append(item)
            seen.add(key)
        shown = "、".join(_show(item) for item in repeated)
        return self.say(f"选项重复：{shown}；每个选项只能选一次", f"repeats {shown}; choose each option once")

    def explain_minLength(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return self.say("不能为空", "must not be empty")

    def explain_maxLength(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return self.say(
            f"有 {len(finding.instance)} 个字，至多 {finding.validator_value} 个字",
            f"has {len(finding.instance)} characters; at most {finding.validator_value} are allowed",
        )

    def explain_minProperties(self, path: JsonPath, finding: jsonschema.ValidationError) -> str:
        return self.say("是空行，删去它或填写内容", "is an empty row; remove it or fill it in")


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


def _kind_zh(value: Any) -> str:
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float, Decimal)):
        return "数字"
    if isinstance(value, str):
        return "文本"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "对象"
    return "空值"


def _kind_en(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float, Decimal)):
        return "the number"
    if isinstance(value, str):
        return "the text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _unit(field: FormField | None) -> str:
    return f" {field.unit}" if field is not None and field.unit else ""


def _first_option(field: FormField | None) -> str:
    return field.options[0] if field is not None and field.options else "…"
