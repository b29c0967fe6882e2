"""A corpus of records on which `validate-record`, check-jsonschema and ajv agree, record by record.

The record schemas are published for other systems: a record the tool accepts must be accepted
by a stock validator with default options, and one it refuses refused. The corpus is every
form of the example handbook × (a valid record, each single-rule breakage of it, and records
whose amounts are drawn at random from 0.00–1000.00, written as text and as JSON numbers).
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.records.check import validate_record
from generator.records.schema import record_schema
from generator.source.model import FieldType, Form, FormField
from generator.source.project import require_handbook
from tests import ajv_runner
from tests.record_examples import invalid_records, valid_record

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
AMOUNTS_PER_FORM = 12
MINIMUM_CORPUS = 200


def random_amount(generator: random.Random) -> str:
    """An amount 0.00–1000.00 as people write it: 0, 1 or 2 decimals."""
    cents = generator.randint(0, 100_000)
    return [str(cents // 100), f"{cents / 100:.1f}", f"{cents // 100}.{cents % 100:02d}"][generator.randint(0, 2)]


def money_places(form: Form, record: dict[str, Any]) -> list[tuple[FormField, list[Any]]]:
    """(money field, path) for every top-level money field and money cell filled in `record`."""
    places: list[tuple[FormField, list[Any]]] = []
    for field in form.all_fields():
        if field.type is FieldType.MONEY and field.id in record:
            places.append((field, [field.id]))
        if field.type is FieldType.TABLE:
            for index, row in enumerate(record.get(field.id, [])):
                places += [(column, [field.id, index, column.id]) for column in field.columns if column.id in row]
    return places


def with_value(record: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(record)
    target: Any = changed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return changed


def corpus_of(form: Form, seed: int) -> list[tuple[str, dict[str, Any]]]:
    valid = valid_record(form)
    corpus = [("valid", valid), *invalid_records(form)]
    generator = random.Random(seed)
    places = money_places(form, valid)
    for index in range(AMOUNTS_PER_FORM if places else 0):
        _field, path = places[index % len(places)]
        amount = random_amount(generator)
        corpus.append((f"amount {amount}", with_value(valid, path, amount)))
        corpus.append((f"amount {amount} as a JSON number", with_value(valid, path, float(amount))))
        corpus.append(
            (f"amount {amount}1 (three decimals)", with_value(valid, path, amount + ("1" if "." in amount else ".001")))
        )
    return corpus


def check_jsonschema_verdicts(schema: dict[str, Any], records: list[Any], folder: Path) -> list[bool]:
    """check-jsonschema with default options, one run for all records of one schema."""
    folder.mkdir(parents=True, exist_ok=True)
    schema_path = folder / "schema.json"
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    names = []
    for index, record in enumerate(records):
        path = folder / f"cj_{index:04d}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        names.append(str(path))
    command = [str(CHECK_JSONSCHEMA), "--schemafile", str(schema_path), "-o", "json", *names]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=folder)
    report = json.loads(completed.stdout)
    assert not report["parse_errors"], report["parse_errors"]
    failed = {str((folder / error["filename"]).resolve()) for error in report["errors"]}
    return [str(Path(name).resolve()) not in failed for name in names]


@pytest.mark.slow
def test_validate_record_check_jsonschema_and_ajv_agree_on_every_record(tmp_path: Path) -> None:
    ajv_runner.ensure_installed()
    handbook = require_handbook(PROJECT_ROOT)
    disagreements: list[str] = []
    total = valid = 0
    for seed, form in enumerate(sorted(handbook.forms, key=lambda item: item.number)):
        corpus = corpus_of(form, seed)
        records = [record for _, record in corpus]
        schema = record_schema(form)
        folder = tmp_path / form.number.replace("/", "-")
        ours = [validate_record(record, form) == [] for record in records]
        stock = check_jsonschema_verdicts(schema, records, folder / "cj")
        ajv = ajv_runner.ajv_verdicts(schema, records, folder / "ajv")
        for (description, _), verdicts in zip(corpus, zip(ours, stock, ajv)):
            if len(set(verdicts)) > 1:
                disagreements.append(f"{form.number} {description}: validate-record/check-jsonschema/ajv {verdicts}")
        total += len(records)
        valid += sum(ours)
    print(
        f"\nrecord corpus: {total} records ({valid} valid, {total - valid} invalid), {len(disagreements)} disagreements"
    )
    assert total >= MINIMUM_CORPUS and 0 < valid < total
    assert not disagreements, "\n".join(disagreements[:30])
