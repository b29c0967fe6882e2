"""`handbook schema` and `handbook validate-record`: record schemas and record checks from the shell.

Both are HandbookCommands (cli/shared.py), registered on the `handbook` group in cli/main.py
(`main.add_command(schema_command)`, `main.add_command(validate_record_command)`).
A user mistake — sources with errors, an unknown form number, a missing or unreadable file —
ends as one message and exit code 1, never as a traceback; an invalid record is not a crash either,
it is the answer, so the command reports it and exits 1 at the end.
"""

from __future__ import annotations

import difflib
import glob
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from generator.cli.shared import LANGUAGE_SETTINGS, chosen_language, command, root_option
from generator.diagnostics import Diagnostic, HandbookError
from generator.messages import Text, render, translate
from generator.records.check import validate_record
from generator.records.limits import DEFAULT_MAX_ERRORS, capped
from generator.records.read import RECORD_SUFFIXES, read_record
from generator.records.schema import record_schema, schema_json
from generator.source.model import Form, Handbook
from generator.source.project import require_handbook

lang_option = click.option("--lang", **LANGUAGE_SETTINGS)  # the shared --lang, also passed to the command


@command("schema", short_help="Print the JSON Schema of a form's filled record.")
@click.argument("form_number")
@root_option
@lang_option
def schema_command(form_number: str, root: Path, lang: str | None) -> None:
    """Print the JSON Schema of a filled record of form FORM_NUMBER."""
    lang = chosen_language()
    form = find_form(load_handbook(root), form_number, lang)
    click.echo(schema_json(record_schema(form)), nl=False)


@command("validate-record", short_help="Check the filled records of a form.")
@click.argument("form_number")
@click.argument("paths", nargs=-1, required=True)
@lang_option
@root_option
@click.option(
    "--max-errors",
    type=click.IntRange(min=0),
    default=DEFAULT_MAX_ERRORS,
    show_default=True,
    help="Problems shown per record file, then '… N more' (0: all).",
)
def validate_record_command(
    form_number: str, paths: tuple[str, ...], lang: str | None, root: Path, max_errors: int
) -> None:
    """Check filled records of form FORM_NUMBER: files, folders or glob patterns.

    A folder means every .json, .yaml, .yml and .pdf file in it and its sub-folders.
    Exit code 1 when any record is invalid or cannot be read.
    """
    lang = chosen_language()
    form = find_form(load_handbook(root), form_number, lang)
    collected = collect_record_files(paths, lang)
    for message in collected.missing:
        click.echo(message, err=True)
    tally = Tally()
    for path in collected.files:
        tally.add(check_record_file(path, form, lang, max_errors))
    if collected.files:
        click.echo(tally.summary(lang))
    if tally.invalid or collected.missing or not collected.files:
        sys.exit(1)


# --------------------------------------------------------------------------- the handbook and the form


def load_handbook(root: Path) -> Handbook:
    """The checked handbook (records need a sound form); HandbookError otherwise."""
    return require_handbook(root)


def find_form(handbook: Handbook, number: str, lang: str) -> Form:
    """The form with that number; also found when typed in lower case or with `/` for `-`."""
    forms = handbook.forms_by_number
    if number in forms:
        return forms[number]
    wanted = _normalised_number(number)
    for known, form in forms.items():
        if _normalised_number(known) == wanted:
            return form
    click.echo(unknown_form_message(number, list(forms), lang), err=True)
    sys.exit(1)


def _normalised_number(number: str) -> str:
    return number.strip().upper().replace("/", "-")


def unknown_form_message(number: str, known: list[str], lang: str) -> str:
    guess = difflib.get_close_matches(_normalised_number(number), known, n=1, cutoff=0.5)
    if guess:
        return render(
            Text('unknown form number "{number}"; did you mean {guess}?', number=number, guess=guess[0]), lang
        )
    listed = ", ".join(known) or "-"
    return render(Text('unknown form number "{number}"; the forms are: {forms}', number=number, forms=listed), lang)


# --------------------------------------------------------------------------- which files


@dataclass
class CollectedFiles:
    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # one message per argument that named nothing


def collect_record_files(arguments: tuple[str, ...], lang: str) -> CollectedFiles:
    """Files named directly, the record files of folders, and glob matches, each once, in order.

    Globs are expanded here too, because a quoted pattern (or a shell without globbing)
    reaches the command unexpanded.
    """
    collected = CollectedFiles()
    for argument in arguments:
        found = _files_for(argument)
        if found is None:
            collected.missing.append(_nothing_found_message(argument, lang))
            continue
        collected.files.extend(path for path in found if path not in collected.files)
    return collected


def _files_for(argument: str) -> list[Path] | None:
    path = Path(argument)
    if path.is_dir():
        return _record_files_in(path) or None
    if path.exists():
        return [path]
    if glob.has_magic(argument):
        matches = []
        for match in sorted(glob.glob(argument, recursive=True)):
            match_path = Path(match)
            if match_path.is_dir():
                matches.extend(_record_files_in(match_path))
            elif match_path.suffix.lower() in RECORD_SUFFIXES:
                matches.append(match_path)
        return matches or None
    return None


def _record_files_in(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.suffix.lower() in RECORD_SUFFIXES)


def _nothing_found_message(argument: str, lang: str) -> str:
    path = Path(argument)
    if path.is_dir():
        return render(Text("{path}: the folder holds no record files (.json, .yaml, .yml, .pdf)", path=argument), lang)
    if glob.has_magic(argument):
        return render(Text("{path}: no record file matches", path=argument), lang)
    return render(Text("{path}: no such file or folder", path=argument), lang)


# --------------------------------------------------------------------------- checking and reporting


@dataclass(frozen=True)
class FileOutcome:
    valid: bool
    readable: bool


def check_record_file(path: Path, form: Form, lang: str, max_errors: int = DEFAULT_MAX_ERRORS) -> FileOutcome:
    """Read, check and report one record file; print `ok` or every problem found."""
    display = str(path)
    try:
        record = read_record(path, form, lang=lang, display_path=display)
    except HandbookError as problem:
        for diagnostic in problem.diagnostics:
            click.echo(_unreadable_line(diagnostic, lang))
        return FileOutcome(valid=False, readable=False)
    problems = validate_record(record, form, lang)
    if not problems:
        click.echo(f"{display}: ok")
        return FileOutcome(valid=True, readable=True)
    for line in capped([finding.format(display) for finding in problems], max_errors, lang):
        click.echo(line)
    return FileOutcome(valid=False, readable=True)


def _unreadable_line(diagnostic: Diagnostic, lang: str) -> str:
    said = render(diagnostic.message, lang)
    if not said.startswith(translate("cannot read", lang)):  # "cannot read the file: …" says it already
        said = render(Text("cannot read: {message}", message=said), lang)
    text = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {said}"
    if diagnostic.hint:
        text += f"\n    {translate('hint', lang)}: {render(diagnostic.hint, lang)}"
    return text


@dataclass
class Tally:
    valid: int = 0
    invalid: int = 0
    unreadable: int = 0

    def add(self, outcome: FileOutcome) -> None:
        if outcome.valid:
            self.valid += 1
        else:
            self.invalid += 1
            self.unreadable += 0 if outcome.readable else 1

    def summary(self, lang: str) -> str:
        """`3 个记录：2 个有效，1 个无效` / `3 records: 2 valid, 1 invalid`."""
        total = self.valid + self.invalid
        if total == 1:
            text = Text("1 record: {valid} valid, {invalid} invalid", valid=self.valid, invalid=self.invalid)
        else:
            text = Text(
                "{total} records: {valid} valid, {invalid} invalid", total=total, valid=self.valid, invalid=self.invalid
            )
        unreadable = Text(" ({unreadable} unreadable)", unreadable=self.unreadable) if self.unreadable else ""
        return render(text, lang) + render(unreadable, lang)
