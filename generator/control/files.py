"""Finding, opening and safely rewriting one controlled file (a document or a form).

The front and back of every document-control command (generator/control/commands.py,
lifecycle.py): find the file by number or path, refuse one that does not pass the
structural check, and write an edit only when the edited text passes what `handbook check`
checks for that file — atomically, or not at all.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from generator.control.roundtrip import BYTE_ORDER_MARK, RoundTripDocument, lines_reformatted, write_atomically
from generator.diagnostics import Diagnostic, HandbookError, Severity, error
from generator.messages import Text
from generator.source.load import LoadedFile, load_file, load_text
from generator.source.model import Document, Form, Revision, RevisionScheme, Settings
from generator.source.project import FORMS_FOLDER, PROCEDURES_FOLDER, YAML_SUFFIXES, read_settings, yaml_files_in
from generator.source.revisions import revision_scheme_of
from generator.source.validate import ControlledKind, build_model
from generator.source.validate_references import Located
from generator.source.validate_semantic import SemanticChecker


@dataclass(frozen=True)
class ControlledFile:
    """One document or form file as found on disk: its text, located data and structural model."""

    path: Path
    text: str
    loaded: LoadedFile
    document: Document | Form
    settings: Settings

    @property
    def kind(self) -> str:
        """The source kind the checks know it by: procedure or form."""
        return "form" if isinstance(self.document, Form) else "procedure"

    @property
    def display_path(self) -> str:
        return self.loaded.display_path

    @property
    def scheme(self) -> RevisionScheme:
        return revision_scheme_of(self.document, self.settings)

    @property
    def newest(self) -> Revision:
        return self.document.history[-1]

    @property
    def newest_path(self) -> tuple[str | int, ...]:
        return ("history", len(self.document.history) - 1)

    def refuse(self, path: tuple[str | int, ...], message: str, hint: str = "") -> HandbookError:
        return HandbookError([self.loaded.error(path, message, hint)])


@dataclass(frozen=True)
class Outcome:
    """What a command did, for the one-line report the CLI prints."""

    path: Path
    display_path: str
    summary: str
    next_step: str = ""
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------- finding and opening


def _procedure_files(root: Path) -> list[Path]:
    """Document files, then form files: revise/approve/release work on both."""
    return yaml_files_in(root / PROCEDURES_FOLDER) + yaml_files_in(root / FORMS_FOLDER)


def _number_in(path: Path) -> str | None:
    """The `number` a document file declares, or None when the file cannot be read."""
    try:
        data = load_file(path).data
    except HandbookError:
        return None
    number = data.get("number")
    return number if isinstance(number, str) else None


def locate_document(root: Path, reference: str) -> Path:
    """The file of a document given by number (SH/GZ-001) or by path; did-you-mean if unknown.

    A path is taken relative to the handbook root first, then to the current folder, and must
    lie inside the root: the edit is checked against that handbook, so it must belong to it.
    """
    for candidate in (root / reference, Path(reference)):
        if candidate.suffix in YAML_SUFFIXES and candidate.is_file():
            if candidate.resolve().is_relative_to(root.resolve()):
                return candidate
            raise HandbookError(
                [
                    error(
                        reference,
                        1,
                        1,
                        Text("{reference} is not part of the handbook in {root}", reference=reference, root=root),
                        Text("give a document of this handbook, or pass the right --root"),
                    )
                ]
            )
    for folder in (PROCEDURES_FOLDER, FORMS_FOLDER):
        conventional = root / folder / (reference.replace("/", "-") + ".yml")
        if conventional.is_file() and _number_in(conventional) == reference:
            return conventional
    numbers = {path: _number_in(path) for path in _procedure_files(root)}
    for path, number in numbers.items():
        if number == reference:
            return path
    raise HandbookError([_unknown_document(reference, [number for number in numbers.values() if number])])


def _unknown_document(reference: str, numbers: list[str]) -> Diagnostic:
    if reference.endswith(YAML_SUFFIXES):
        return error(
            reference,
            1,
            1,
            Text("no such file: {reference}", reference=reference),
            Text("give the document number (e.g. SH/GZ-001) or an existing file path"),
        )
    same_letters = [number for number in numbers if number.lower() == reference.lower()]
    guesses = same_letters or difflib.get_close_matches(reference, numbers, n=3, cutoff=0.6)
    hint = (
        Text("did you mean {guesses}?", guesses=" / ".join(guesses))
        if guesses
        else Text("known documents: {numbers}", numbers=", ".join(sorted(numbers)[:10]) or Text("none"))
    )
    return error(
        PROCEDURES_FOLDER,
        1,
        1,
        Text(
            "no document numbered {reference} in {procedures}/ or {forms}/",
            reference=reference,
            procedures=PROCEDURES_FOLDER,
            forms=FORMS_FOLDER,
        ),
        hint,
    )


def _read_exact_text(path: Path) -> str:
    """The file's text exactly as stored (line endings and byte order mark kept)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def open_document(root: Path, reference: str) -> ControlledFile:
    """Find and parse a document or form; a file with structural errors cannot be edited safely."""
    settings = read_settings(root)
    path = locate_document(root, reference)
    loaded = load_file(path, root)
    kind: ControlledKind = "form" if path.resolve().parent == (root / FORMS_FOLDER).resolve() else "procedure"
    document, problems = build_model(loaded, kind)
    if document is None:
        header = loaded.error(
            (),
            Text("cannot edit this file: it does not pass the structural check"),
            Text("fix the problems below first (`handbook check`)"),
        )
        raise HandbookError([header, *problems])
    return ControlledFile(path, _read_exact_text(path), loaded, document, settings)


# --------------------------------------------------------------------------- checking an edit


def _located(root: Path, folder: str, kind: str, skip: Path) -> list[Located]:
    """Every other source file of `kind` that loads and passes its structural check."""
    located = []
    for path in yaml_files_in(root / folder):
        if path.resolve() == skip.resolve():
            continue
        try:
            loaded = load_file(path, root)
        except HandbookError:
            continue  # that file's own problem; `handbook check` reports it
        model, _problems = build_model(loaded, kind)
        if model is not None:
            located.append(Located(model, loaded))
    return located


def errors_after_edit(root: Path, controlled: ControlledFile, text: str) -> list[Diagnostic]:
    """The errors `handbook check` would report for this file if it held `text`."""
    display = controlled.display_path
    try:
        edited = load_text(text.removeprefix(BYTE_ORDER_MARK), controlled.path, display)
    except HandbookError as problem:
        return list(problem.diagnostics)
    model, problems = build_model(edited, controlled.kind)
    if model is None:
        return problems
    documents = _located(root, PROCEDURES_FOLDER, "procedure", controlled.path)
    forms = _located(root, FORMS_FOLDER, "form", controlled.path)
    (forms if controlled.kind == "form" else documents).insert(0, Located(model, edited))
    found = SemanticChecker(controlled.settings, documents, forms).run()
    return [item for item in found if item.path == display and item.severity is Severity.ERROR]


def apply_edit(root: Path, controlled: ControlledFile, edit: Callable[[CommentedMap], None]) -> tuple[str, ...]:
    """Edit a round-trip copy, check it, and replace the file only when it passes.

    Returns notes for the user: lines outside the edit that the YAML writer normalised.
    """
    roundtrip = RoundTripDocument.parse(controlled.text)
    edit(roundtrip.data)
    text = roundtrip.dump()
    problems = errors_after_edit(root, controlled, text)
    if problems:
        header = error(
            controlled.display_path,
            1,
            1,
            Text("not written: after this edit the file would fail `handbook check`"),
            Text("the file is unchanged; the positions below are those of the edited text"),
        )
        raise HandbookError([header, *problems])
    try:
        write_atomically(controlled.path, text)
    except OSError as problem:
        raise HandbookError(
            [
                error(
                    controlled.display_path,
                    1,
                    1,
                    Text("cannot write the file: {reason}", reason=problem.strerror),
                    Text("check the permissions of the file and its folder; the file is unchanged"),
                )
            ]
        ) from None
    reformatted = lines_reformatted(controlled.text)
    if reformatted:
        return (
            Text(
                "{count} line(s) outside the edited fields were re-indented to one style (the file mixed styles); check the diff",
                count=reformatted,
            ),
        )
    return ()
