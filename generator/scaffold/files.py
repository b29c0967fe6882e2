"""Writing a new source file from a template: YAML-safe values, and never over an existing file.

The scaffold templates make YAML and Markdown, not HTML, so they have their own small
environment without HTML autoescaping; every value taken from the command line goes through
the `yaml` filter, which quotes it as a YAML string, so a title like `是: 否 #1` stays text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2

from generator.diagnostics import HandbookError, error
from generator.messages import Text

SCAFFOLD_FOLDER = Path(__file__).resolve().parent.parent / "templates" / "scaffold"


def yaml_string(value: object) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML) that keeps Chinese readable."""
    return json.dumps(str(value), ensure_ascii=False)


def scaffold_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SCAFFOLD_FOLDER),
        autoescape=False,  # YAML and Markdown out; values are quoted by the `yaml` filter
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["yaml"] = yaml_string
    return environment


def render(template: str, **values: Any) -> str:
    return scaffold_environment().get_template(template).render(**values)


def refuse_existing(path: Path, shown: str) -> None:
    """HandbookError when `path` exists: a template never replaces what an author wrote."""
    if path.exists() or path.is_symlink():
        raise HandbookError(
            [
                error(
                    shown,
                    1,
                    1,
                    Text("{path} already exists", path=shown),
                    Text("choose another number, or edit the existing file"),
                )
            ]
        )


def write_new(path: Path, text: str, shown: str) -> Path:
    """Write `text` to a file that must not exist yet (created exclusively, so no race)."""
    refuse_existing(path, shown)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as output:
        output.write(text)
    return path
