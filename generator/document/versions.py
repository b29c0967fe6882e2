"""The versions of every document the site and PDFs show: archive, in-force, pending, draft.

Reads the issued revisions of each document from git (generator/document/git_history.py) once per build
and decides, for the build date, which version is the default page of each document:

the one in force (decided by generator/document/in_force.py, the only place that knows the
rule), the pending, superseded and draft ones beside it, and `in_force_handbook`, the
handbook every output renders from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from generator.diagnostics import Diagnostic, warning
from generator.document.git_history import issued_revisions
from generator.document.git_reader import history_unavailable, settled_files
from generator.document.in_force import VersionState, in_force
from generator.document.redline import Redline, redline
from generator.messages import Text
from generator.source.model import Document, Form, Handbook, Status
from generator.source.project import FORMS_FOLDER, PROCEDURES_FOLDER
from generator.source.validate import ControlledKind

Model = TypeVar("Model", Document, Form)  # the versions of a document, or of a form


@dataclass(frozen=True)
class DocumentVersion(Generic[Model]):
    document: Model  # a Form in `Archive.forms`
    state: VersionState
    commit: str | None = None

    @property
    def in_force(self) -> bool:
        return self.state is VersionState.IN_FORCE


@dataclass(frozen=True)
class DocumentVersions(Generic[Model]):
    """All versions of one document, oldest first; `default` is the one its page shows."""

    number: str
    versions: tuple[DocumentVersion[Model], ...]
    default: DocumentVersion[Model]

    @property
    def others(self) -> tuple[DocumentVersion[Model], ...]:
        return tuple(version for version in self.versions if version is not self.default)

    def successor_of(self, version: DocumentVersion[Model]) -> DocumentVersion[Model] | None:
        """The next version (a page in force says when a pending successor replaces it)."""
        position = self.versions.index(version)
        return self.versions[position + 1] if position + 1 < len(self.versions) else None

    def predecessor_of(self, version: DocumentVersion[Model]) -> DocumentVersion[Model] | None:
        position = self.versions.index(version)
        return self.versions[position - 1] if position > 0 else None


def versions_redline(handbook: Handbook, old: DocumentVersion[Document], new: DocumentVersion[Document]) -> Redline:
    """What changed between two versions, each numbered in its own style as it was issued
    (one definition for the redline page and the redline PDF)."""
    return redline(old.document, new.document, handbook.numbering_of(old.document), handbook.numbering_of(new.document))


class Redlines:
    """`versions_redline` computed once per pair of versions: the redline page and the redline
    PDF of one build (and the rebuilds of `mkdocs serve` while the sources are unchanged)
    share each diff instead of computing it twice."""

    def __init__(self, handbook: Handbook):
        self.handbook = handbook
        self._found: dict[tuple[str, str, str], Redline] = {}

    def __call__(self, old: DocumentVersion[Document], new: DocumentVersion[Document]) -> Redline:
        key = (new.document.number, old.document.revision, new.document.revision)
        if key not in self._found:
            self._found[key] = versions_redline(self.handbook, old, new)
        return self._found[key]


@dataclass(frozen=True)
class Archive:
    documents: dict[str, DocumentVersions[Document]] = field(default_factory=dict)
    warnings: tuple[Diagnostic, ...] = ()
    forms: dict[str, DocumentVersions[Form]] = field(default_factory=dict)  # the same, for forms


def _state_of_current(working_copy: Document | Form, version: Document | Form, on: datetime.date) -> VersionState:
    """The revision in force is 已作废 once the document's withdrawal date has come."""
    withdrawal = getattr(working_copy, "withdrawal", None)  # forms have no withdrawal block
    withdrawn = working_copy.status is Status.OBSOLETE and version.revision == working_copy.revision
    if withdrawn and (withdrawal is None or withdrawal.date <= on):
        return VersionState.WITHDRAWN
    return VersionState.IN_FORCE


def _versions_of(working_copy: Model, issued: list[Model], on: datetime.date) -> DocumentVersions[Model]:
    """Every version of one document on date `on`, decided by the one resolver (in_force.py).

    The issued revision that is also the working copy's is taken from the working copy: the
    immutability check (integrity.py) guarantees its controlled content is the released
    one, and only the working copy has the periodic reviews and the withdrawal recorded
    after the release.
    """
    issued = [
        working_copy
        if document.revision == working_copy.revision and working_copy.status is not Status.DRAFT
        else document
        for document in issued
    ]
    resolution = in_force(issued, on)
    versions: list[DocumentVersion[Model]] = []
    for document in issued:
        state = resolution.state_of(document)
        if state is VersionState.IN_FORCE:
            state = _state_of_current(working_copy, document, on)
        versions.append(DocumentVersion(document, state))
    if not any(version.document.revision == working_copy.revision for version in versions):
        state = VersionState.DRAFT if working_copy.status is Status.DRAFT else VersionState.PENDING
        versions.append(DocumentVersion(working_copy, state))
    current = resolution.current
    default = next((version for version in versions if version.document is current), versions[-1])
    return DocumentVersions(working_copy.number, tuple(versions), default)


def _of_model(item: Model, found: list[Document | Form]) -> list[Model]:
    """The versions read for `item` as its own model type (a form file's history holds forms)."""
    return [version for version in found if isinstance(version, type(item))]


def in_force_handbook(handbook: Handbook, archive: Archive) -> Handbook:
    """The handbook as it is in force on the archive's date: every output renders from this.

    A document with nothing in force (a first draft, a first revision still pending, a
    withdrawn document) is left out; its own pages and PDFs still show it, marked.
    """
    documents = tuple(
        versions.default.document
        for number in sorted(archive.documents)
        if (versions := archive.documents[number]).default.in_force
    )
    return Handbook(settings=handbook.settings, documents=documents, forms=_forms_in_force(handbook, archive))


def _forms_in_force(handbook: Handbook, archive: Archive) -> tuple[Form, ...]:
    """The revision of each form in force; a form with none in force yet keeps its newest
    revision (documents in force may already name it), marked on its own page."""
    forms = []
    for form in handbook.forms:
        versions = archive.forms.get(form.number)
        forms.append(versions.default.document if versions is not None else form)
    return tuple(forms)


def read_archive(
    root: Path,
    handbook: Handbook,
    document_paths: dict[str, Path],
    build_date: datetime.date,
    form_paths: dict[str, Path] | None = None,
) -> Archive:
    """Every document's (and form's) versions on `build_date`, from git where history is available."""
    missing = history_unavailable(root)
    if missing is not None:
        reason, hint = missing
        only_current = current_only(handbook, build_date)
        return Archive(
            only_current.documents,
            (
                warning(
                    "procedures",
                    1,
                    1,
                    Text("only the current revision of each document is shown: {reason}", reason=reason),
                    hint,
                ),
            ),
            only_current.forms,
        )
    settled = settled_files(root, (PROCEDURES_FOLDER, FORMS_FOLDER))
    warnings: list[Diagnostic] = []

    def versions(item: Model, path: Path, kind: ControlledKind) -> DocumentVersions[Model]:
        if relative_path(root, path) in settled:  # one version, the working copy: no git needed
            return _versions_of(item, [item] if item.status is not Status.DRAFT else [], build_date)
        history = issued_revisions(root, path, handbook.settings.revision_scheme, number=item.number, kind=kind)
        warnings.extend(history.warnings)
        return _versions_of(item, _of_model(item, [revision.document for revision in history.revisions]), build_date)

    documents = {
        document.number: versions(document, document_paths[document.number], "procedure")
        for document in handbook.documents
    }
    forms = {form.number: versions(form, form_paths[form.number], "form") for form in handbook.forms if form_paths}
    return Archive(documents, tuple(warnings), forms)


def relative_path(root: Path, path: Path) -> str:
    """The posix path of a source file from the handbook root, as git names it."""
    absolute = path if path.is_absolute() else root / path
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def current_only(handbook: Handbook, build_date: datetime.date) -> Archive:
    """The archive of a handbook without history (tests, benchmarks): one version each."""
    return Archive(
        {
            document.number: _versions_of(
                document, [document] if document.status is not Status.DRAFT else [], build_date
            )
            for document in handbook.documents
        },
        forms={
            form.number: _versions_of(form, [form] if form.status is not Status.DRAFT else [], build_date)
            for form in handbook.forms
        },
    )
