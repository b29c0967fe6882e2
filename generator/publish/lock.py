"""One build of a project at a time, and no litter from builds that were killed.

`handbook build` holds an exclusive `fcntl` lock on `.cache/build.lock` in the project for
its whole run: a second build waits for the first and says so, instead of both renaming
the same folders. The kernel drops the lock when its holder dies (even by SIGKILL), so a
killed build never blocks the next one; that next build then removes the staging folders
the killed one left behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.messages import Text

LOCK_FILE = Path(".cache") / "build.lock"
STAGING_INFIX = ".building-"
RETIRED_INFIX = ".retired-"

log = logging.getLogger("handbook.build")


def _holder(lock_file: Path) -> str:
    try:
        pid = lock_file.read_text(encoding="utf-8").strip()
    except OSError:
        pid = ""
    return Text(" (process {pid})", pid=pid) if pid.isdigit() else ""


@contextlib.contextmanager
def build_lock(root: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the project's build lock; if another build holds it, report once and wait."""
    lock_file = root / LOCK_FILE
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = Text(
                "another build of {root} is running{holder}; waiting for it to finish",
                root=root,
                holder=_holder(lock_file),
            )
            (on_wait or log.warning)(message)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)  # closing drops the lock


def staging_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}{STAGING_INFIX}"


def retired_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}{RETIRED_INFIX}"


def remove_stale_folders(site_dir: Path) -> list[Path]:
    """Staging and retired folders of `site_dir` left by killed builds (call under the lock)."""
    removed: list[Path] = []
    if not site_dir.parent.is_dir():
        return removed
    prefixes = (staging_prefix(site_dir), retired_prefix(site_dir))
    for candidate in sorted(site_dir.parent.iterdir()):
        if candidate.name.startswith(prefixes) and candidate.is_dir() and not candidate.is_symlink():
            shutil.rmtree(candidate)
            removed.append(candidate)
    return removed
