"""Where a build may write: never over the project, its sources, or someone else's files.

A build replaces its output folder wholesale, so a mistyped `--site-dir .` (or `site_dir:`
in mkdocs.yml) would delete the project and its `.git`. The folder is accepted only when it
does not exist yet, is empty, or was made by an earlier build (it holds the marker file).
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.diagnostics import Diagnostic, HandbookError, error
from generator.messages import Text

SITE_MARKER = ".handbook-site"
MARKER_TEXT = "This folder was written by `handbook build`; the next build replaces it entirely.\n"
# what makes a folder a project or a source folder: never build into or over these
SOURCE_NAMES = ("handbook.yml", "mkdocs.yml", "procedures", "forms", "schemas", "docs", ".git")
# files only a project has (a built site has forms/ and schemas/ folders of its own)
PROJECT_NAMES = ("handbook.yml", "mkdocs.yml", "procedures", ".git")
REFUSAL_HINT = Text("choose a new or empty folder with --site-dir (a build replaces only a folder it made itself)")


def write_marker(site_dir: Path) -> None:
    """Mark a folder as built by us, so that the next build may replace it."""
    (site_dir / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _built_by_an_earlier_version(target: Path) -> bool:
    """A site built before the marker existed: our manifest and search index are both there."""
    try:
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    expected = {"handbook", "build_date", "artifacts"}
    return isinstance(manifest, dict) and expected <= manifest.keys() and (target / "search").is_dir()


def output_folder_problem(root: Path, target: Path) -> str | None:
    """Why `target` must not be (re)placed by a build of the project at `root`, or None."""
    root, target = root.resolve(), target.resolve()
    if target == root:
        return Text("it is the project folder")
    if _is_within(root, target):
        return Text("it contains the project folder {root}", root=root)
    for name in SOURCE_NAMES:
        if _is_within(target, root / name):
            return Text("it is inside the project's {name}", name=name)
    if target.exists() and not target.is_dir():
        return Text("it is a file, not a folder")
    if not target.exists():
        return None
    sources = [name for name in PROJECT_NAMES if (target / name).exists()]
    if sources:
        return Text("it holds sources ({names})", names=", ".join(sources))
    if (target / SITE_MARKER).is_file():
        return None
    if any(target.iterdir()) and not _built_by_an_earlier_version(target):
        return Text("it holds files the build did not make (no {marker} marker)", marker=SITE_MARKER)
    return None


def output_folder_diagnostic(root: Path, target: Path, shown_as: str) -> Diagnostic | None:
    problem = output_folder_problem(root, target)
    if problem is None:
        return None
    return error(
        shown_as, 1, 1, Text("refusing to build into {target}: {problem}", target=target, problem=problem), REFUSAL_HINT
    )


def check_output_folder(root: Path, target: Path, shown_as: str) -> None:
    """Raise a HandbookError when a build must not write `target` (see module docstring)."""
    diagnostic = output_folder_diagnostic(root, target, shown_as)
    if diagnostic is not None:
        raise HandbookError([diagnostic])
