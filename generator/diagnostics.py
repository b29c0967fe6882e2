"""Diagnostics: the one shape every user-facing problem takes.

Every stage (load, validate, build) reports problems as `Diagnostic` values instead of
raising at the first one, so an author sees all mistakes of a run at once. A stage that
cannot go on raises `HandbookError` carrying the diagnostics it collected; the CLI prints
them and exits 1. Nothing else should ever reach the user as a traceback.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem, located in a source file, with a hint of how to fix it."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    hint: str = ""

    def format(self) -> str:
        """`path:line:column: error: message` plus an indented hint line, like a compiler."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_json(self) -> dict[str, object]:
        record = asdict(self)
        record["severity"] = self.severity.value
        return record

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.column)


class HandbookError(Exception):
    """The project's only user-facing error type: it carries the diagnostics to print."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(sorted(diagnostics, key=lambda item: item.sort_key))
        super().__init__("\n".join(item.format() for item in self.diagnostics))


def error(path: Path | str, line: int, column: int, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(str(path), line, column, Severity.ERROR, message, hint)


def warning(path: Path | str, line: int, column: int, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(str(path), line, column, Severity.WARNING, message, hint)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(item.severity is Severity.ERROR for item in diagnostics)


def format_report(diagnostics: Iterable[Diagnostic], output_format: str = "text") -> str:
    """Render diagnostics for a terminal (`text`) or for editors and CI (`json`)."""
    ordered = sorted(diagnostics, key=lambda item: item.sort_key)
    if output_format == "json":
        return json.dumps([item.as_json() for item in ordered], ensure_ascii=False, indent=2)
    lines = [item.format() for item in ordered]
    errors = sum(1 for item in ordered if item.severity is Severity.ERROR)
    warnings = len(ordered) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)
