"""Reading a whole handbook project: load → validate → model, all problems collected.

This is the front half of every command (`check`, `build`, the MkDocs plugin, the record and
document-control commands): it returns the model only when there is no error, and always
returns every diagnostic it found. It is also the one place that knows which files a handbook
is made of (`source_files`, `yaml_files_in`), how the settings are read (`read_settings`), and
what "read the handbook or fail" means (`require_handbook`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, HandbookError, Severity, error, has_errors
from generator.messages import Text
from generator.source.load import LoadedFile, load_file
from generator.source.model import Handbook, Settings
from generator.source.validate import build_model
from generator.source.validate_references import Located
from generator.source.validate_semantic import SemanticChecker, check_settings

SETTINGS_FILE = "handbook.yml"
PROCEDURES_FOLDER = "procedures"
FORMS_FOLDER = "forms"


@dataclass(frozen=True)
class ReadResult:
    handbook: Handbook | None
    diagnostics: tuple[Diagnostic, ...]
    source_files: tuple[Path, ...]
    document_paths: dict[str, Path]  # number → the file it was read from (for its git history)
    form_paths: dict[str, Path] = dataclasses.field(default_factory=dict)  # the same for forms


YAML_SUFFIXES = (".yml", ".yaml")


def yaml_files_in(folder: Path) -> list[Path]:
    """The source files of one folder (`procedures/` or `forms/`): *.yml, then *.yaml, sorted.

    The one listing every reader uses, so `check`, `build` and the document-control commands
    can never disagree about which files belong to the handbook."""
    return sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))


def source_files(root: Path) -> list[Path]:
    """The YAML files a handbook is made of, in a stable order."""
    files = [root / SETTINGS_FILE]
    for folder in (PROCEDURES_FOLDER, FORMS_FOLDER):
        files += yaml_files_in(root / folder)
    return files


def source_file_problem(path: Path, root: Path) -> Diagnostic | None:
    """Sources are regular files inside the project; anything else is refused unread.

    A symbolic link to a file elsewhere would publish that file (or, if it is not YAML, put
    its lines into error messages and CI logs), and a FIFO or device would hang the build.
    The link's target is not named in the message: it may itself be a secret.
    """
    display = path.relative_to(root) if path.is_relative_to(root) else path
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        return error(
            display,
            1,
            1,
            Text("file is a symbolic link to a file outside the project"),
            Text("copy the file into the project (sources must be regular files inside it) or remove the link"),
        )
    if path.exists() and not resolved.is_file():
        return error(display, 1, 1, Text("not a regular file"), Text("sources must be regular YAML files; remove it"))
    return None


NUMBER_LINE = re.compile(r"^number:\s*['\"]?([^'\"#\s]+)", re.M)


def _load(
    path: Path, root: Path, diagnostics: list[Diagnostic], unreadable: set[str] | None = None
) -> LoadedFile | None:
    """The loaded file, or None with its diagnostics; the number of a file that cannot be
    loaded is still guessed from its `number:` line so others' references to it are not
    reported as unknown (its own errors are the ones to fix)."""
    refusal = source_file_problem(path, root)
    if refusal is not None:
        diagnostics.append(refusal)
        if unreadable is not None:
            unreadable.add(f"<unreadable {path.name}>")  # never read a file that may not be ours
        return None
    try:
        return load_file(path, root)
    except HandbookError as problem:
        diagnostics.extend(problem.diagnostics)
        if unreadable is not None:
            unreadable.add(_guess_number(path))
        return None


def _guess_number(path: Path) -> str:
    try:
        found = NUMBER_LINE.search(path.read_text(encoding="utf-8", errors="replace")[:100_000])
    except OSError:
        found = None
    return found.group(1) if found else f"<unreadable {path.name}>"


def _read_settings(root: Path, diagnostics: list[Diagnostic]) -> Settings | None:
    path = root / SETTINGS_FILE
    if not path.exists():
        diagnostics.append(
            error(
                SETTINGS_FILE,
                1,
                1,
                Text("handbook.yml is missing"),
                Text(
                    "create it at the project root (see README), or run the command in the handbook folder or pass --root"
                ),
            )
        )
        return None
    loaded = _load(path, root, diagnostics)
    if loaded is None:
        return None
    settings, problems = build_model(loaded, "settings")
    diagnostics.extend(problems)
    if settings is not None:
        problems = check_settings(settings, loaded)
        diagnostics.extend(problems)
        if has_errors(problems):
            return None
    return settings


def _read_kind(
    root: Path, folder: str, kind: str, diagnostics: list[Diagnostic], unreadable: set[str]
) -> list[Located]:
    """Models of every valid file; the numbers of files with errors go into `unreadable`."""
    located = []
    for path in yaml_files_in(root / folder):
        loaded = _load(path, root, diagnostics, unreadable)
        if loaded is None:
            continue
        model, problems = build_model(loaded, kind)
        diagnostics.extend(problems)
        if model is not None:
            located.append(Located(model, loaded))
        else:
            number = loaded.data.get("number")
            unreadable.add(number if isinstance(number, str) else f"<invalid {path.name}>")
    return located


def read_handbook(root: Path) -> ReadResult:
    """Load and validate every source file under `root`; the model only if error-free."""
    diagnostics: list[Diagnostic] = []
    settings = _read_settings(root, diagnostics)
    unreadable: set[str] = set()
    documents = _read_kind(root, PROCEDURES_FOLDER, "procedure", diagnostics, unreadable)
    forms = _read_kind(root, FORMS_FOLDER, "form", diagnostics, unreadable)
    if settings is not None:
        diagnostics.extend(SemanticChecker(settings, documents, forms, frozenset(unreadable)).run())
    files = tuple(source_files(root))
    ordered = tuple(sorted(diagnostics, key=lambda item: item.sort_key))
    document_paths = {item.model.number: item.source.path for item in documents}
    form_paths = {item.model.number: item.source.path for item in forms}
    if settings is None or has_errors(diagnostics):
        return ReadResult(None, ordered, files, document_paths, form_paths)
    handbook = Handbook(
        settings=settings,
        documents=tuple(sorted((item.model for item in documents), key=lambda document: document.number)),
        forms=tuple(sorted((item.model for item in forms), key=lambda form: form.number)),
    )
    return ReadResult(handbook, ordered, files, document_paths, form_paths)


def read_settings(root: Path) -> Settings:
    """handbook.yml, checked exactly as `handbook check` checks it, or HandbookError.

    For commands that need the settings but not the whole handbook (revise, approve,
    release): a bad `number_pattern` must be the same diagnostic here as in `check`."""
    diagnostics: list[Diagnostic] = []
    settings = _read_settings(root, diagnostics)
    if settings is None or has_errors(diagnostics):
        raise HandbookError(diagnostics)
    return settings


def require_sources(root: Path, *, strict: bool = False) -> ReadResult:
    """The read sources, or HandbookError with every diagnostic when they have errors
    (or any warning, when `strict`). The result's `handbook` is then never None."""
    result = read_handbook(root)
    failing = [item for item in result.diagnostics if item.severity is Severity.ERROR or strict]
    if result.handbook is None or failing:
        raise HandbookError(result.diagnostics)
    return result


def require_handbook(root: Path) -> Handbook:
    """ "Read the handbook or fail": the checked model, or HandbookError with every diagnostic."""
    handbook = require_sources(root).handbook
    assert handbook is not None  # require_sources raises instead
    return handbook
