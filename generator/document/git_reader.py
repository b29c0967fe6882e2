"""Reading git for the superseded archive: the only module of document/ that runs git.

Every git command the archive and the integrity check need is here, with the parsing of
git's own output (NUL- and record-separated logs, the `cat-file --batch` stream): which
commits changed a file (renames followed), each version's bytes, a file at a commit, files
deleted from a folder, files committed once and never changed, HEAD, and whether history
can be read at all (a shallow clone, an export without .git, no git installed: NoHistory,
whose message says why).

It is separate from generator/document/git_history.py, which turns the versions read here
into issued revisions (glancing at and parsing each version, ordering by revision label,
the warnings of a version that does not parse): this module knows git's command lines and
output formats and nothing of documents, that one knows documents and never runs git.

Speed matters because the site build asks for every document: one `git log` lists the
commits that touched a file, one `git cat-file --batch` streams all their versions, and
questions about the whole handbook (settled files, deleted files) cost two git processes
per build, not two per file.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.messages import Text

GIT_OPTIONS = ("-c", "core.quotepath=off", "-c", "log.showSignature=false", "-c", "color.ui=never")
RECORD_SEPARATOR = b"\x1e"
FIELD_SEPARATOR = b"\x1f"


@dataclass(frozen=True)
class _Version:
    commit: str
    commit_date: datetime.datetime
    repository_path: str


class NoHistory(Exception):
    """Git history cannot be used here; the message says why (it becomes the warning)."""

    def __init__(self, reason: str, hint: str):
        super().__init__(reason)
        self.reason, self.hint = reason, hint


# --------------------------------------------------------------------------- git


def _git(root: Path, *arguments: str, input_bytes: bytes | None = None) -> bytes:
    """Run git in `root`; stdout as bytes. Raises NoHistory when git is missing or fails."""
    executable = shutil.which("git")
    if executable is None:
        raise NoHistory(
            Text("git is not installed, so earlier revisions cannot be read"),
            Text("install git to build the superseded-revision archive"),
        )
    completed = subprocess.run(
        [executable, *GIT_OPTIONS, *arguments], cwd=root, input=input_bytes, capture_output=True, check=False
    )
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit {completed.returncode}"
        raise NoHistory(
            Text("git {command} failed: {detail}", command=arguments[0], detail=detail),
            Text("build from a git clone of the handbook to include earlier revisions"),
        )
    return completed.stdout


def history_unavailable(root: Path) -> tuple[str, str] | None:
    """Why git history cannot be read under `root` (reason, hint), or None when it can.

    Asked once per build, so a handbook of 500 documents outside git costs one subprocess,
    not 500, and says so in one warning."""
    try:
        require_full_history(root)
    except NoHistory as missing:
        return missing.reason, missing.hint
    return None


def require_full_history(root: Path) -> None:
    answer = _git(root, "rev-parse", "--is-shallow-repository").decode().strip()
    if answer == "true":
        raise NoHistory(
            Text("this is a shallow clone, so earlier revisions are not in it"),
            Text("fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in CI) to include them"),
        )


def file_versions(root: Path, document_path: Path) -> list[_Version]:
    """Commits that changed the file, oldest first, with the file's path in each (renames followed)."""
    output = _git(root, "log", "-z", "--follow", "--format=%x1e%H%x1f%cI", "--name-only", "--", str(document_path))
    versions = []
    for record in output.split(RECORD_SEPARATOR)[1:]:
        header, _, names = record.partition(b"\0")
        commit, _, date = header.partition(FIELD_SEPARATOR)
        name = names.strip(b"\n\0").split(b"\0")[0]
        if not name:
            continue
        versions.append(_Version(commit.decode(), datetime.datetime.fromisoformat(date.decode()), name.decode("utf-8")))
    versions.reverse()
    return versions


def version_contents(root: Path, versions: list[_Version]) -> Iterator[tuple[_Version, bytes | None]]:
    """Every version's bytes, read by one `git cat-file --batch` (None where it is deleted)."""
    if not versions:
        return
    requests = b"".join(f"{version.commit}:{version.repository_path}\n".encode() for version in versions)
    output = _git(root, "cat-file", "--batch", input_bytes=requests)
    position = 0
    for version in versions:
        end_of_header = output.index(b"\n", position)
        header = output[position:end_of_header].split(b" ")
        position = end_of_header + 1
        if len(header) < 3 or header[1] != b"blob":
            yield version, None  # "<name> missing": the file was deleted in that commit
            continue
        size = int(header[2])
        yield version, output[position : position + size]
        position += size + 1


def deleted_files(root: Path, folder: str) -> list[tuple[str, str]]:
    """(path, commit holding its last version) of every file once in `folder` and now absent.

    A deletion not yet committed counts too (its last version is in HEAD)."""
    try:
        require_full_history(root)
        log = _git(root, "log", "-z", "--diff-filter=D", "--format=%x1e%H", "--name-only", "--", folder)
        pending = _git(root, "ls-files", "-z", "--deleted", "--", folder)
    except NoHistory:
        return []
    found: dict[str, str] = {}
    for name in pending.split(b"\0"):
        if name:
            found.setdefault(name.decode("utf-8"), "HEAD")
    for record in log.split(RECORD_SEPARATOR)[1:]:
        header, _, names = record.partition(b"\0")
        commit = header.strip().decode()
        for name in names.strip(b"\n\0").split(b"\0"):
            if name:
                found.setdefault(name.decode("utf-8"), commit + "^")
    return [(path, commit) for path, commit in found.items() if not (root / path).exists()]


def file_at(root: Path, commit: str, path: str) -> bytes | None:
    """The content of `path` in `commit` (None when it is not there)."""
    try:
        return _git(root, "show", f"{commit}:{path}")
    except NoHistory:
        return None


def settled_files(root: Path, folders: tuple[str, ...]) -> set[str]:
    """Files (posix paths from the root) that one commit added and nothing changed since,
    in history or in the working copy: they have one version only, so nothing about them can
    have been edited in place or rolled back, and the integrity check may pass them over.

    Two git processes for the whole handbook instead of two per file (each costs ~20–50 ms)."""
    try:
        log = _git(root, "log", "-z", "-M", "--format=%x1e%H", "--name-status", "--", *folders)
        modified = _git(root, "diff", "-z", "--name-only", "HEAD", "--", *folders)
    except NoHistory:
        return set()
    touched: dict[str, int] = {}
    moved: set[str] = set()
    for record in log.split(RECORD_SEPARATOR)[1:]:
        _, _, body = record.partition(b"\0")
        tokens = [token.decode("utf-8") for token in body.strip(b"\n\0").split(b"\0") if token.strip(b"\n")]
        position = 0
        while position < len(tokens):
            status = tokens[position].strip()
            count = 2 if status[:1] in ("R", "C") else 1
            paths = tokens[position + 1 : position + 1 + count]
            position += 1 + count
            if count == 2:
                moved.update(paths)
            for path in paths:
                touched[path] = touched.get(path, 0) + 1
    changed = {name.decode("utf-8") for name in modified.split(b"\0") if name}
    return {path for path, count in touched.items() if count == 1 and path not in moved and path not in changed}


def head_commit(root: Path) -> str | None:
    """The commit checked out under `root`, or None without git or outside a repository.

    Part of what a cached read of the sources is keyed by: a checkout or a commit can change
    the archive even when no working-tree file changed."""
    try:
        return _git(root, "rev-parse", "--verify", "-q", "HEAD").decode().strip() or None
    except NoHistory:
        return None
