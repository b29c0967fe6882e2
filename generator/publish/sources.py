"""The sources of one build, read once and kept while they are unchanged.

`handbook build` checks the sources before it starts MkDocs and hands the checked result to
the plugin (`SourceCache.offer`), so a build reads and validates every YAML file once. Under
`mkdocs serve` the plugin instance lives across rebuilds (it has `on_startup`), and so does
its cache: a rebuild whose source files (path, mtime, size) and git HEAD are unchanged — an
edit of mkdocs.yml or a theme file — reuses the read handbook, the archive from git and the
redlines computed from it. Any change of a source file or of HEAD reads everything again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from generator.document.git_reader import head_commit
from generator.document.versions import Archive, Redlines, read_archive
from generator.source.model import Handbook
from generator.source.project import ReadResult, read_handbook, source_files


@dataclass(frozen=True)
class SourceStamp:
    """What a read of the sources depends on: every source file's path, mtime and size, and HEAD."""

    root: Path
    files: tuple[tuple[str, int, int], ...]
    head: str | None


def source_stamp(root: Path) -> SourceStamp:
    """Taken before reading: a file changed during the read then differs at the next look."""
    entries = []
    for path in source_files(root):
        try:
            status = path.stat()
            entries.append((str(path), status.st_mtime_ns, status.st_size))
        except OSError:
            entries.append((str(path), -1, -1))
    return SourceStamp(root, tuple(entries), head_commit(root))


@dataclass(frozen=True)
class VersionsOfBuild:
    """The archive for one build date and the memo of its redlines."""

    archive: Archive
    redlines: Redlines


class SourceCache:
    """The last read of the sources and the archive derived from it, reused while unchanged."""

    def __init__(self) -> None:
        self._read: tuple[SourceStamp, ReadResult] | None = None
        self._versions: tuple[SourceStamp, datetime.date, VersionsOfBuild] | None = None
        self.reads = 0  # how many times the sources were actually read (for tests)

    def offer(self, stamp: SourceStamp, result: ReadResult) -> None:
        """A result read (and checked) by the caller, valid while the sources match `stamp`."""
        self._read = (stamp, result)

    def read(self, root: Path) -> tuple[SourceStamp, ReadResult]:
        stamp = source_stamp(root)
        if self._read is not None and self._read[0] == stamp:
            return self._read
        result = read_handbook(root)
        self.reads += 1
        self._read = (stamp, result)
        return self._read

    def versions(
        self, stamp: SourceStamp, handbook: Handbook, result: ReadResult, build_date: datetime.date
    ) -> VersionsOfBuild:
        """The archive on `build_date` (from git) and its redline memo, read once per stamp."""
        if self._versions is not None:
            known_stamp, known_date, known = self._versions
            # the same model object too: the archive's working copies must be the pages' own
            if (known_stamp, known_date) == (stamp, build_date) and known.redlines.handbook is handbook:
                return known
        archive = read_archive(stamp.root, handbook, result.document_paths, build_date, result.form_paths)
        found = VersionsOfBuild(archive, Redlines(handbook))
        self._versions = (stamp, build_date, found)
        return found
