"""Checking a filled record against its form's record schema.

The check runs that schema (`generator.records.schema`), so a record accepted here is
accepted by any validator using the published schema, and turns each finding into a
sentence a clerk can act on (`records/explain.py`): which field (Chinese label and id),
what is wrong, what is allowed — in Chinese by default, in English on request.

Reading a record is `records/read.py`'s (JSON, YAML) and `records/pdf_values.py`'s (a
filled PDF); the record and its problems are `records/record.py`'s.
"""

from __future__ import annotations

import functools
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from generator.records.explain import Explainer
from generator.records.numbers import exact_numbers
from generator.records.record import FilledRecord, RecordProblem
from generator.records.schema import record_schema
from generator.source.load import JsonPath
from generator.source.model import Form

LANGUAGES = ("zh", "en")


def validate_record(record: FilledRecord | Any, form: Form, lang: str = "zh") -> list[RecordProblem]:
    """Every problem of a record against its form's record schema, in the order of the form."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
    filled = record if isinstance(record, FilledRecord) else None
    values = filled.values if filled else record
    explainer = Explainer(form, lang)
    problems: dict[tuple[JsonPath, str], RecordProblem] = {}
    for finding in _validator_for(form).iter_errors(exact_numbers(values)):
        for problem in explainer.explain(finding):
            problems.setdefault((problem.path, problem.message), _located(problem, filled))
    return sorted(problems.values(), key=explainer.order_key)


@functools.lru_cache(maxsize=128)
def _validator_for(form: Form) -> Draft202012Validator:
    return Draft202012Validator(exact_numbers(record_schema(form)), format_checker=FormatChecker())


def _located(problem: RecordProblem, filled: FilledRecord | None) -> RecordProblem:
    if filled is None:
        return problem
    position = filled.position_of(problem.path, key=problem.keyword == "additionalProperties")
    if position is None:
        return problem
    return RecordProblem(problem.path, problem.field_id, problem.label, problem.keyword, problem.message, *position)
