"""Document control: revise → approve (编制, 审核, 批准) → release, as edits of the YAML file.

Each command is the same short pipeline, so none of them can skip a step:

    open_document      find the file by number or path; it must pass the structural check
    precondition       is the command allowed in the document's state? (a clear refusal if not)
    edit               change the few keys concerned in a ruamel round-trip copy
    check              the edited text must pass what `handbook check` checks for that file
    write              atomically (temporary file, fsync, rename), or not at all

The effective-date rule: `revise` requires `--effective`, the planned date the new revision
takes effect (what a 文件更改申请 states). It is written to `effective` and to the new history
entry at once, so the draft always passes the checks. Sign-off must come on or before it;
`release --effective DATE` moves it when the release is later than planned.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from generator.control.roundtrip import (
    BYTE_ORDER_MARK,
    RoundTripDocument,
    attach_trailing_comment,
    detach_trailing_comment,
    insert_after,
    like_style,
    lines_reformatted,
    replace_scalar,
    separate,
    write_atomically,
)
from generator.diagnostics import Diagnostic, HandbookError, Severity, error
from generator.source.load import LoadedFile, load_file, load_text
from generator.source.model import Document, Revision, RevisionScheme, Settings, Signature, Status
from generator.source.project import FORMS_FOLDER, PROCEDURES_FOLDER, YAML_SUFFIXES, read_settings, yaml_files_in
from generator.source.revisions import next_revision, revision_scheme_of
from generator.source.validate import ROLE_NAMES, Located, SemanticChecker, build_model

SIGN_OFF_ORDER = ("prepared", "reviewed", "approved")
ROLES_BY_NAME = {name: role for role, name in ROLE_NAMES.items()} | {role: role for role in SIGN_OFF_ORDER}
ENTRY_KEYS_BEFORE = {
    "prepared": ("revision", "date", "change"),
    "reviewed": ("revision", "date", "change", "prepared"),
    "approved": ("revision", "date", "change", "prepared", "reviewed"),
}


@dataclass(frozen=True)
class ControlledFile:
    """One document file as found on disk: its text, located data and structural model."""

    path: Path
    text: str
    loaded: LoadedFile
    document: Document
    settings: Settings

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
                        f"{reference} is not part of the handbook in {root}",
                        "give a document of this handbook, or pass the right --root",
                    )
                ]
            )
    conventional = root / PROCEDURES_FOLDER / (reference.replace("/", "-") + ".yml")
    if conventional.is_file() and _number_in(conventional) == reference:
        return conventional
    numbers = {path: _number_in(path) for path in yaml_files_in(root / PROCEDURES_FOLDER)}
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
            f"no such file: {reference}",
            "give the document number (e.g. SH/GZ-001) or an existing file path",
        )
    same_letters = [number for number in numbers if number.lower() == reference.lower()]
    guesses = same_letters or difflib.get_close_matches(reference, numbers, n=3, cutoff=0.6)
    hint = (
        f"did you mean {' or '.join(guesses)}?"
        if guesses
        else f"known documents: {', '.join(sorted(numbers)[:10]) or 'none'}"
    )
    return error(PROCEDURES_FOLDER, 1, 1, f"no document numbered {reference} in {PROCEDURES_FOLDER}/", hint)


def _read_exact_text(path: Path) -> str:
    """The file's text exactly as stored (line endings and byte order mark kept)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def open_document(root: Path, reference: str) -> ControlledFile:
    """Find and parse a document; a file with structural errors cannot be edited safely."""
    settings = read_settings(root)
    path = locate_document(root, reference)
    loaded = load_file(path, root)
    document, problems = build_model(loaded, "procedure")
    if document is None:
        header = loaded.error(
            (),
            "cannot edit this file: it does not pass the structural check",
            "fix the problems below first (`handbook check`)",
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
    model, problems = build_model(edited, "procedure")
    if model is None:
        return problems
    documents = [Located(model, edited)] + _located(root, PROCEDURES_FOLDER, "procedure", controlled.path)
    forms = _located(root, FORMS_FOLDER, "form", controlled.path)
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
            "not written: after this edit the file would fail `handbook check`",
            "the file is unchanged; the positions below are those of the edited text",
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
                    f"cannot write the file: {problem.strerror}",
                    "check the permissions of the file and its folder; the file is unchanged",
                )
            ]
        ) from None
    reformatted = lines_reformatted(controlled.text)
    if reformatted:
        return (
            f"{reformatted} line(s) outside the edited fields were re-indented to one style (the file mixed styles); check the diff",
        )
    return ()


# --------------------------------------------------------------------------- revise


def _require_status(controlled: ControlledFile, wanted: Status, action: str) -> None:
    document = controlled.document
    if document.status is wanted:
        return
    number, revision = document.number, document.revision
    if document.status is Status.OBSOLETE:
        raise controlled.refuse(
            ("status",),
            f"{number} is withdrawn (已作废); it cannot be {action}",
            "a withdrawn document stays as archived; create a new document instead",
        )
    if document.status is Status.DRAFT:
        raise controlled.refuse(
            ("status",),
            f"{number} revision {revision} is a draft (草稿) that has not been released; it cannot be {action}",
            f"finish it first: `handbook approve {number} --as 编制|审核|批准 --name …`, then `handbook release {number}`; or edit the draft itself",
        )
    raise controlled.refuse(
        ("status",),
        f"{number} revision {revision} is already released (生效); it cannot be {action}",
        f'start a new revision first: `handbook revise {number} --change "…" --effective YYYY-MM-DD`',
    )


def revise_document(root: Path, reference: str, change: str, effective: datetime.date, major: bool = False) -> Outcome:
    """Start the next revision as a draft: new label, planned date, history entry unsigned."""
    controlled = open_document(root, reference)
    _require_status(controlled, Status.EFFECTIVE, "revised")
    document = controlled.document
    try:
        label = next_revision(document.revision, controlled.scheme, major=major)
    except ValueError as problem:
        raise controlled.refuse(("revision",), f"cannot revise {document.revision}: {problem}", "") from None

    def edit(data: CommentedMap) -> None:
        replace_scalar(data, "revision", label)
        replace_scalar(data, "effective", separate(effective))
        replace_scalar(data, "status", Status.DRAFT.value)
        history = data["history"]
        entry = CommentedMap([("revision", label), ("date", separate(effective)), ("change", change.strip())])
        like_style(entry, history[-1])
        comment = detach_trailing_comment(history)
        history.append(entry)
        attach_trailing_comment(history, comment)

    notes = apply_edit(root, controlled, edit)
    return Outcome(
        controlled.path,
        controlled.display_path,
        f"{document.number}: {document.revision} → {label} (草稿), planned to take effect on {effective}",
        f"handbook approve {document.number} --as 编制 --name …",
        notes,
    )


# --------------------------------------------------------------------------- approve


def _signatures(entry: Revision) -> dict[str, Signature]:
    return {role: getattr(entry, role) for role in SIGN_OFF_ORDER if getattr(entry, role) is not None}


def _check_sign_off(controlled: ControlledFile, role: str, date: datetime.date) -> None:
    """Sign-off goes 编制 → 审核 → 批准, each on or after the one before, all before taking effect."""
    entry, path = controlled.newest, controlled.newest_path
    signed = _signatures(entry)
    name = ROLE_NAMES[role]
    if role in signed:
        done = signed[role]
        raise controlled.refuse(
            path + (role,),
            f"{name} of {entry.revision} is already recorded ({done.name}, {done.date})",
            "to correct it, edit the entry in the file; a recorded sign-off is never overwritten by a command",
        )
    earlier = SIGN_OFF_ORDER[: SIGN_OFF_ORDER.index(role)]
    missing = [ROLE_NAMES[item] for item in earlier if item not in signed]
    if missing:
        raise controlled.refuse(
            path,
            f"{name} cannot be recorded before {'、'.join(missing)} for {entry.revision}",
            f"sign-off goes 编制 → 审核 → 批准; record {missing[0]} first",
        )
    if earlier:
        previous = signed[earlier[-1]]
        if date < previous.date:
            raise controlled.refuse(
                path + (earlier[-1], "date"),
                f"{name} dated {date} is before {ROLE_NAMES[earlier[-1]]} ({previous.date})",
                f"sign-off goes 编制 → 审核 → 批准; date the {name} on or after {previous.date}",
            )
    if date > entry.date:
        raise controlled.refuse(
            path + ("date",),
            f"{name} dated {date} is after {entry.revision} takes effect ({entry.date})",
            f"sign on or before {entry.date}; if the revision will take effect later, change `effective` and this entry's `date` in {controlled.display_path} first",
        )


def _signature_style_example(history: list) -> CommentedMap | None:
    """An existing signature, so a new one is written in the same (flow or block) style."""
    for entry in reversed(history):
        for role in SIGN_OFF_ORDER:
            if isinstance(entry, CommentedMap) and isinstance(entry.get(role), CommentedMap):
                return entry[role]
    return None


def approve_document(root: Path, reference: str, role_name: str, name: str, date: datetime.date) -> Outcome:
    """Record one sign-off (编制 / 审核 / 批准) on the newest history entry of a draft."""
    controlled = open_document(root, reference)
    role = ROLES_BY_NAME[role_name]
    _require_status(controlled, Status.DRAFT, "signed off")
    if not name.strip():
        raise controlled.refuse(
            controlled.newest_path, "the signer's name is empty", "give --name, e.g. --name 品质部经理"
        )
    _check_sign_off(controlled, role, date)

    def edit(data: CommentedMap) -> None:
        history = data["history"]
        signature = CommentedMap([("name", name.strip()), ("date", separate(date))])
        example = _signature_style_example(history)
        if example is None:
            signature.fa.set_flow_style()
        else:
            like_style(signature, example)
        entry = history[-1]
        comment = detach_trailing_comment(entry)
        insert_after(entry, ENTRY_KEYS_BEFORE[role], role, signature)
        attach_trailing_comment(entry, comment)

    notes = apply_edit(root, controlled, edit)
    entry = controlled.newest
    missing = [ROLE_NAMES[item] for item in SIGN_OFF_ORDER if item != role and getattr(entry, item) is None]
    number = controlled.document.number
    next_step = f"handbook approve {number} --as {missing[0]} --name …" if missing else f"handbook release {number}"
    return Outcome(
        controlled.path,
        controlled.display_path,
        f"{number} {entry.revision}: {ROLE_NAMES[role]} {name.strip()} ({date})"
        + (f"; still missing: {'、'.join(missing)}" if missing else "; sign-off complete"),
        next_step,
        notes,
    )


# --------------------------------------------------------------------------- release


def missing_sign_offs(entry: Revision) -> list[str]:
    return [ROLE_NAMES[role] for role in SIGN_OFF_ORDER if getattr(entry, role) is None]


def release_document(root: Path, reference: str, effective: datetime.date | None = None) -> Outcome:
    """Make the draft revision effective (生效) once 编制, 审核 and 批准 are all recorded."""
    controlled = open_document(root, reference)
    _require_status(controlled, Status.DRAFT, "released")
    entry, path = controlled.newest, controlled.newest_path
    number = controlled.document.number
    missing = missing_sign_offs(entry)
    if missing:
        raise controlled.refuse(
            path,
            f"{number} {entry.revision} cannot be released: no {'、'.join(missing)} sign-off",
            f"record it first: `handbook approve {number} --as {missing[0]} --name … --date YYYY-MM-DD`",
        )
    latest_signature = max(signature.date for signature in _signatures(entry).values())
    if effective is not None and effective < latest_signature:
        raise controlled.refuse(
            path + ("approved", "date"),
            f"{entry.revision} cannot take effect on {effective}, before its last sign-off ({latest_signature})",
            f"choose an effective date on or after {latest_signature}",
        )
    taking_effect = effective or entry.date

    def edit(data: CommentedMap) -> None:
        replace_scalar(data, "status", Status.EFFECTIVE.value)
        if effective is not None:
            replace_scalar(data, "effective", separate(effective))
            replace_scalar(data["history"][-1], "date", separate(effective))

    notes = apply_edit(root, controlled, edit)
    previous = controlled.document.history[-2].revision if len(controlled.document.history) > 1 else None
    summary = f"{number} {entry.revision} released (生效), takes effect on {taking_effect}"
    if previous:
        summary += f"; {previous} is superseded from that date"
    return Outcome(controlled.path, controlled.display_path, summary, notes=notes)
