"""The superseded archive: every issued revision of a document, read back from git.

A controlled document's earlier revisions must stay retrievable (ISO 9001 7.5.3: retention
of obsolete documented information). The YAML file holds only the current text, but git holds
every version, so the archive is derived, never typed: an issued revision is the version in
the first commit in which the file has that revision with status 生效.

This module turns the file versions that generator/document/git_reader.py reads from git
into issued revisions: it glances at each version's top-level lines, parses only the version
where a revision first appears as 生效 (the slower structural check), orders revisions by
label, and says which versions do not parse. Running git and reading its output is kept in
git_reader, so this module is about documents only. Where history is not available — a
shallow clone (CI checkouts), an export without .git, no git installed — only the current
revision is returned, with a warning that says why, so a build still succeeds.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, HandbookError, warning
from generator.document.first_commit import history_warnings
from generator.document.git_reader import NoHistory, file_versions, require_full_history, version_contents
from generator.messages import Text
from generator.source.load import LoadedFile, load_text
from generator.source.model import Document, Form, RevisionScheme, Status
from generator.source.revisions import RevisionKey, parse_revision_any, revision_scheme_of
from generator.source.validate import ControlledKind, build_model


@dataclass(frozen=True)
class IssuedRevision:
    """One revision as it was issued. `commit` is None for the working copy's own version."""

    revision: str
    effective: datetime.date
    commit: str | None
    commit_date: datetime.datetime | None
    document: Document | Form  # a Form in the history of a form file


@dataclass(frozen=True)
class IssuedHistory:
    """Issued revisions oldest first, and why any version or the history could not be read."""

    revisions: tuple[IssuedRevision, ...]
    warnings: tuple[Diagnostic, ...]

    def by_revision(self, label: str) -> IssuedRevision | None:
        return next((item for item in self.revisions if item.revision == label), None)


# --------------------------------------------------------------------------- parsing versions


_TOP_LEVEL_FIELD = re.compile(
    rb"^(?P<key>revision|status):[ \t]*(?P<value>[^#\r\n]*?)[ \t]*(?:#[^\r\n]*)?\r?$", re.MULTILINE
)
_QUOTES = (b"'", b'"')
# A form may leave out `status` (it is then 生效); a document must state it.
_DEFAULT_STATUS = {"procedure": "", "form": Status.EFFECTIVE.value}
_NUMBER_LINE = re.compile(rb"^number:[ \t]*['\"]?(?P<value>[^'\"#\r\n]*?)['\"]?[ \t]*(?:#[^\r\n]*)?\r?$", re.MULTILINE)


def top_level_number(content: bytes | None) -> str | None:
    """The document `number` of a version from its top-level line (None: not found plainly).

    A document's identity is its number: `git log --follow` also follows a file copied from
    another document, and that document's versions must never enter this one's archive.
    """
    if content is None:
        return None
    match = _NUMBER_LINE.search(content)
    if match is None:
        return None
    try:
        return match["value"].decode("utf-8").strip() or None
    except UnicodeDecodeError:
        return None


def _absolute(root: Path, document_path: Path) -> Path:
    """A relative document path is relative to the handbook root (where git runs), not the cwd."""
    return document_path if document_path.is_absolute() else root / document_path


def _display(root: Path, document_path: Path) -> str:
    try:
        return str(_absolute(root, document_path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(document_path)


def _glance(content: bytes) -> tuple[str, str] | None:
    """(revision, status) from the top-level lines, without parsing the YAML.

    Most commits of a document keep the revision it already had (drafts, typo fixes), and
    only a version that brings a new issued revision needs the full parse. A key at column 0
    is a top-level key in a block mapping, so this cannot misread a nested `revision:`;
    anything unusual (flow style, quoting with escapes, a missing key) returns None and the
    version is parsed properly instead.
    """
    found: dict[bytes, bytes] = {}
    for match in _TOP_LEVEL_FIELD.finditer(content):
        found.setdefault(match["key"], match["value"])
    values = []
    for key in (b"revision", b"status"):
        value = found.get(key, b"")
        if value[:1] in _QUOTES and len(value) >= 2 and value[-1:] == value[:1] and b"\\" not in value:
            value = value[1:-1]
        if not value or value[:1] in b"[{|>&*!'\"":
            return None
        values.append(value)
    try:
        return values[0].decode("utf-8"), values[1].decode("utf-8")
    except UnicodeDecodeError:
        return None


def _load(content: bytes, path: Path, display: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    try:
        return load_text(content.decode("utf-8-sig"), path, display), []
    except UnicodeDecodeError:
        return None, [warning(display, 1, 1, Text("this version is not UTF-8 text"), "")]
    except HandbookError as problem:
        return None, list(problem.diagnostics)


def _skipped(display: str, label: str, problems: list[Diagnostic]) -> Diagnostic:
    first = problems[0] if problems else None
    reason = Text(": {message} (line {line})", message=first.message, line=first.line) if first else ""
    return warning(
        display,
        1,
        1,
        Text("version {label} does not parse and is left out of the archive{reason}", label=label, reason=reason),
        Text("the revision is taken from a later commit if one parses"),
    )


def _parse_if_new(
    content: bytes, path: Path, label: str, issued: set[str], kind: ControlledKind = "procedure"
) -> tuple[Document | Form | None, list[Diagnostic]]:
    """The structurally checked model of a version that issues a revision not seen before.

    (None, []) for a version that issues nothing new; (None, problems) for one that does
    not parse. The loader and structural check are those of `handbook check` for one file.
    """
    glance = _glance(content)
    loaded = None
    if glance is None:
        loaded, problems = _load(content, path, label)
        if loaded is None:
            return None, problems
        glance = (str(loaded.data.get("revision")), str(loaded.data.get("status", _DEFAULT_STATUS[kind])))
    revision, status = glance
    if status != Status.EFFECTIVE.value or revision in issued:
        return None, []
    if loaded is None:
        loaded, problems = _load(content, path, label)
        if loaded is None:
            return None, problems
    document, problems = build_model(loaded, kind)
    return document, problems


def _issued_from_git(
    root: Path,
    document_path: Path,
    display: str,
    number: str | None,
    kind: ControlledKind = "procedure",
    default_scheme: RevisionScheme | None = None,
) -> tuple[list[IssuedRevision], list[Diagnostic], bytes | None]:
    """Issued revisions in commit order, warnings, and the newest committed content.

    Versions of the file that carry another document's number (the file was copied from
    it, or reused) are not this document's history and are skipped."""
    issued: dict[str, IssuedRevision] = {}
    warnings: list[Diagnostic] = []
    newest: bytes | None = None
    for version, content in version_contents(root, file_versions(root, document_path)):
        newest = content
        if content is None:
            continue
        found_number = top_level_number(content)
        if number is not None and found_number is not None and found_number != number:
            continue
        label = f"{display}@{version.commit[:10]}"
        document, problems = _parse_if_new(content, document_path, label, set(issued), kind)
        if document is None:
            if problems:
                warnings.append(_skipped(display, label, problems))
            continue
        if number is not None and document.number != number:
            continue
        if document.status is Status.EFFECTIVE and document.revision not in issued:
            issued[document.revision] = IssuedRevision(
                document.revision, document.effective, version.commit, version.commit_date, document
            )
    return _in_revision_order(list(issued.values()), default_scheme), warnings, newest


def _in_revision_order(revisions: list[IssuedRevision], default_scheme: RevisionScheme | None) -> list[IssuedRevision]:
    """Oldest revision first by label, not by commit: a history that re-committed an old
    revision after a newer one (an import, a revert) still reads A0, A1, A2."""

    def key(revision: IssuedRevision) -> tuple[bool, RevisionKey, datetime.datetime]:
        scheme = revision_scheme_of(revision.document, default_scheme)
        parsed = parse_revision_any(revision.revision, scheme)
        return (
            parsed is None,
            parsed or RevisionKey("", 0),
            revision.commit_date or datetime.datetime.max.replace(tzinfo=datetime.UTC),
        )

    return sorted(revisions, key=key)


def _working_copy_bytes(root: Path, document_path: Path) -> bytes | None:
    try:
        return _absolute(root, document_path).read_bytes()
    except OSError:
        return None


# --------------------------------------------------------------------------- the archive


def _with_working_copy(
    revisions: list[IssuedRevision],
    warnings: list[Diagnostic],
    content: bytes | None,
    document_path: Path,
    display: str,
    in_git: bool,
    kind: ControlledKind = "procedure",
) -> None:
    """Add the working copy's revision when it is released and not in the list yet.

    With git history, such a revision is a release nobody committed: say so, since the
    archive of a clean checkout would lack it.
    """
    label = Text("{path} (working copy)", path=display)
    if content is None:
        warnings.append(
            warning(display, 1, 1, Text("{label} cannot be read", label=label), Text("check that the file exists"))
        )
        return
    document, problems = _parse_if_new(content, document_path, label, {item.revision for item in revisions}, kind)
    if problems and document is None:
        warnings.append(_skipped(display, label, problems))
    if document is None or document.status is not Status.EFFECTIVE:
        return
    if in_git:
        warnings.append(
            warning(
                display,
                1,
                1,
                Text(
                    "revision {revision} is released in the working copy but not committed yet",
                    revision=document.revision,
                ),
                Text("commit the file so the release is recorded in the archive"),
            )
        )
    revisions.append(IssuedRevision(document.revision, document.effective, None, None, document))


def issued_revisions(
    root: Path,
    document_path: Path,
    default_scheme: RevisionScheme | None = None,
    *,
    number: str | None = None,
    kind: ControlledKind = "procedure",
) -> IssuedHistory:
    """Every issued revision of one document file, oldest first, with the commit that issued it.

    `default_scheme` is the handbook's revision scheme (for documents without their own);
    without it each label's spelling decides its order.

    The working copy counts too when it holds a released revision not committed yet (it then
    has no commit). Without usable git history only the working copy's revision is returned.
    """
    display = _display(root, document_path)
    working_copy = _working_copy_bytes(root, document_path)
    number = number or top_level_number(working_copy)
    try:
        require_full_history(root)
        revisions, warnings, newest = _issued_from_git(root, document_path, display, number, kind, default_scheme)
    except NoHistory as missing:
        revisions, warnings = [], history_warnings(root, display, missing.reason, missing.hint)
        _with_working_copy(revisions, warnings, working_copy, document_path, display, in_git=False, kind=kind)
        return IssuedHistory(tuple(revisions), tuple(warnings))
    if working_copy != newest:
        _with_working_copy(revisions, warnings, working_copy, document_path, display, in_git=True, kind=kind)
    return IssuedHistory(tuple(revisions), tuple(warnings))


# --------------------------------------------------------------------------- every committed version


@dataclass(frozen=True)
class CommittedVersion:
    """One committed version of a file, glanced at (no full parse): for the integrity check."""

    commit: str
    number: str | None
    revision: str | None
    status: str | None
    content: bytes | None  # None: the file is deleted in this commit


def committed_versions(root: Path, document_path: Path, number: str | None = None) -> list[CommittedVersion]:
    """Every committed version of a document file, oldest first; [] without git history.

    Versions carrying another document's number (a copied file's origin) are left out."""
    try:
        require_full_history(root)
        found = []
        for version, content in version_contents(root, file_versions(root, document_path)):
            glance = _glance(content) if content is not None else None
            version_number = top_level_number(content)
            if number is not None and version_number is not None and version_number != number:
                continue
            revision, status = glance if glance is not None else (None, None)
            found.append(CommittedVersion(version.commit, version_number, revision, status, content))
        return found
    except NoHistory:
        return []
