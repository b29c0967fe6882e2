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

from generator.messages import Text, language, render


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

    def format(self, lang: str | None = None) -> str:
        """`path:line:column: error: message` plus an indented hint line, like a compiler.

        In Chinese: `path:line:column: 错误：message` and `提示：hint`; the location stays
        ASCII so editors still jump to it."""
        lang = language(lang)
        severity, message = render(_SEVERITY_WORDS[self.severity], lang), render(self.message, lang)
        line = f"{self.path}:{self.line}:{self.column}: " + render(
            Text("{severity}: {message}", severity=severity, message=message), lang
        )
        if self.hint:
            line += "\n    " + render(Text("hint: {hint}", hint=render(self.hint, lang)), lang)
        return line

    def as_json(self, lang: str | None = None) -> dict[str, object]:
        """The fields for editors and CI: `severity` stays `error`/`warning`, the words are in `lang`."""
        lang = language(lang)
        record = asdict(self)
        record["severity"] = self.severity.value
        record["message"] = render(self.message, lang)
        record["hint"] = render(self.hint, lang)
        return record

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.column)


_SEVERITY_WORDS = {Severity.ERROR: Text("error"), Severity.WARNING: Text("warning")}


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


def format_report(diagnostics: Iterable[Diagnostic], output_format: str = "text", lang: str | None = None) -> str:
    """Render diagnostics for a terminal (`text`) or for editors and CI (`json`), in one
    language (`lang`, else the environment's: see `generator.messages.language`), so the
    text and the JSON carry the same words."""
    lang = language(lang)
    ordered = sorted(diagnostics, key=lambda item: item.sort_key)
    if output_format == "json":
        return json.dumps([item.as_json(lang) for item in ordered], ensure_ascii=False, indent=2)
    lines = [item.format(lang) for item in ordered]
    errors = sum(1 for item in ordered if item.severity is Severity.ERROR)
    warnings = len(ordered) - errors
    lines.append(render(Text("{errors} error(s), {warnings} warning(s)", errors=errors, warnings=warnings), lang))
    return "\n".join(lines)
