"""Running the real JavaScript validator, ajv (via ajv-cli and ajv-formats), from the tests;
the same npm install brings pdf.js (tests/node/pdfjs_fill.mjs, Firefox's PDF viewer).

The record schemas are published for other systems, many of them JavaScript; the tests hold
Python's jsonschema and ajv to the same verdicts. The npm packages are pinned in
tests/node/package.json and package-lock.json and installed with `npm ci` on first use.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

NODE_FOLDER = Path(__file__).resolve().parent / "node"
AJV = NODE_FOLDER / "node_modules" / ".bin" / "ajv"

# ajv runs with its default options (plus ajv-formats for `format: date`): record schemas
# never use fractional multipleOf, which ajv would divide in binary floats.
MULTIPLE_OF_PRECISION: int | None = None

_VERDICT = re.compile(r"^(?P<file>.+) (?P<verdict>valid|invalid)$")


class AjvError(RuntimeError):
    """ajv could not be installed or run, or did not judge every data file."""


PDFJS = NODE_FOLDER / "node_modules" / "pdfjs-dist" / "package.json"
CANVAS = NODE_FOLDER / "node_modules" / "@napi-rs" / "canvas" / "package.json"  # pdf.js draws on it


def ensure_installed() -> None:
    """`npm ci --prefix tests/node` unless node_modules already holds every package."""
    if AJV.exists() and PDFJS.exists() and CANVAS.exists():
        return
    if shutil.which("npm") is None:
        raise AjvError("npm is not installed; the ajv tests need Node.js and npm")
    completed = subprocess.run(
        ["npm", "ci", "--prefix", str(NODE_FOLDER), "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if completed.returncode != 0:
        raise AjvError(f"npm ci failed:\n{completed.stdout}\n{completed.stderr}")


def ajv_verdicts(
    schema: dict[str, Any],
    records: list[Any],
    folder: Path,
    *,
    multiple_of_precision: int | None = MULTIPLE_OF_PRECISION,
) -> list[bool]:
    """Validate every record against `schema` with one ajv run; True for each valid record."""
    folder.mkdir(parents=True, exist_ok=True)
    schema_path = folder / "schema.json"
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    data_paths = []
    for index, record in enumerate(records):
        path = folder / f"record_{index:04d}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        data_paths.append(path)
    # the same ajv-cli that `npx --prefix tests/node ajv` runs, without npm's second of start-up
    command = [str(AJV), "validate", "--spec=draft2020", "-c", "ajv-formats", "-s", str(schema_path)]
    if multiple_of_precision is not None:
        command.append(f"--multiple-of-precision={multiple_of_precision}")
    for path in data_paths:
        command += ["-d", str(path)]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    verdicts = {}
    for line in (completed.stdout + "\n" + completed.stderr).splitlines():
        match = _VERDICT.match(line.strip())
        if match:
            verdicts[match["file"]] = match["verdict"] == "valid"
    missing = [str(path) for path in data_paths if str(path) not in verdicts]
    if missing:
        raise AjvError(
            f"ajv gave no verdict for {len(missing)} file(s); exit {completed.returncode}\n"
            f"stdout:\n{completed.stdout}\nstderr:\n{completed.stderr}"
        )
    return [verdicts[str(path)] for path in data_paths]
