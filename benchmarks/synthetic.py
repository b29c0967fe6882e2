"""A synthetic handbook of any size, made from the example content.

Document i is a copy of example document i mod 21 under a new number, owning two forms that
are copies of example forms; every form reference in its steps and records is pointed at
those two. The result passes `handbook check`, so it exercises the real pipeline.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.source.model import Document, Form, Handbook
from generator.source.project import read_handbook

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _source_data(model) -> dict:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)


def _retarget_steps(steps: list[dict], form_numbers: list[str]) -> None:
    for step in steps:
        if "forms" in step:
            step["forms"] = [form_numbers[index % len(form_numbers)] for index, _ in enumerate(step["forms"])]
            step["forms"] = list(dict.fromkeys(step["forms"]))
        step.pop("documents", None)
        _retarget_steps(step.get("steps", []), form_numbers)


def synthetic_document(template: Document, index: int, form_numbers: list[str]) -> dict:
    data = _source_data(template)
    data["number"] = f"SH/GZ-{index:03d}"
    data["type"] = "管理制度"
    data["title"] = f"{template.title}（{index}）"
    data["related"] = [item for item in data.get("related", []) if "number" not in item]
    _retarget_steps(data["body"], form_numbers)
    keepers = data.get("records") or [{"keeper": data["department"], "retention": "3年"}]
    data["records"] = [
        {"form": number, "keeper": keepers[0]["keeper"], "retention": keepers[0]["retention"]}
        for number in form_numbers
    ]
    data["body"][0].setdefault("forms", [])
    data["body"][0]["forms"] = list(dict.fromkeys(data["body"][0]["forms"] + form_numbers))
    return data


def synthetic_form(template: Form, number: str, owner: str) -> dict:
    data = _source_data(template)
    data["number"] = number
    data["documents"] = [owner]
    return data


def write_synthetic_project(target: Path, documents: int, forms_per_document: int = 2) -> Path:
    """Create a handbook project with `documents` documents under `target`; returns it."""
    example: Handbook = read_handbook(PROJECT_ROOT).handbook
    if target.exists():
        shutil.rmtree(target)
    (target / "procedures").mkdir(parents=True)
    (target / "forms").mkdir()
    (target / "docs").mkdir()
    shutil.copy(PROJECT_ROOT / "handbook.yml", target / "handbook.yml")
    configuration = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        configuration.replace("  - handbook\n", "  - handbook:\n      artifacts: false\n"), encoding="utf-8"
    )
    for index in range(100, 100 + documents):
        template = example.documents[index % len(example.documents)]
        form_numbers = [f"QR-S{index:03d}-{position:02d}" for position in range(1, forms_per_document + 1)]
        document = synthetic_document(template, index, form_numbers)
        _write(target / "procedures" / f"SH-GZ-{index:03d}.yml", document)
        for position, number in enumerate(form_numbers):
            form_template = example.forms[(index * forms_per_document + position) % len(example.forms)]
            _write(target / "forms" / f"{number}.yml", synthetic_form(form_template, number, document["number"]))
    return target


def _write(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
