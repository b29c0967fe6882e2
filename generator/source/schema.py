"""The JSON Schemas of the source format, generated from the models in `model.py`.

Published in `schemas/` for editors (`# yaml-language-server: $schema=...`) and for
`check-jsonschema` in pre-commit; used by the validator for the structural check. One
definition, two uses: they cannot drift apart, and a test fails if `schemas/` is stale.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from generator.source.model import Document, Form, Settings

SCHEMA_BASE_URI = "https://handbook.invalid/schemas/"

SOURCE_MODELS: dict[str, type[BaseModel]] = {
    "procedure": Document,
    "form": Form,
    "settings": Settings,
}


class _SourceSchemaGenerator(GenerateJsonSchema):
    """Pydantic's generator, tuned for hand-written YAML.

    Optional fields are simply omitted in YAML, so `null` is not offered as a value: that
    keeps error messages about a wrong type direct instead of "not valid under anyOf".
    Per-field titles would only repeat the key names.
    """

    schema_dialect = "https://json-schema.org/draft/2020-12/schema"

    def nullable_schema(self, schema: Any) -> Any:
        return self.generate_inner(schema["schema"])

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def default_schema(self, schema: Any) -> Any:
        generated = super().default_schema(schema)
        if generated.get("default") is None:
            generated.pop("default", None)
        return generated


@cache
def source_schema(kind: str) -> dict[str, Any]:
    """The draft 2020-12 schema of one kind of source file (`procedure`, `form`, `settings`)."""
    model = SOURCE_MODELS[kind]
    schema = model.model_json_schema(by_alias=True, schema_generator=_SourceSchemaGenerator, mode="validation")
    return {
        "$schema": _SourceSchemaGenerator.schema_dialect,
        "$id": f"{SCHEMA_BASE_URI}{kind}.schema.json",
        **schema,
    }


def schema_text(kind: str) -> str:
    return json.dumps(source_schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_source_schemas(folder: Path) -> list[Path]:
    """Write every source schema into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SOURCE_MODELS:
        target = folder / f"{kind}.schema.json"
        target.write_text(schema_text(kind), encoding="utf-8")
        written.append(target)
    return written
