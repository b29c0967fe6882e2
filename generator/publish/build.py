"""`handbook build`: the whole pipeline, read top to bottom.

    guard              refuse an output folder that is the project, holds sources or others' files
    lock               one build of a project at a time; remove what killed builds left
    require_sources    load every YAML file, validate it, build the typed model (once)
    mkdocs build       the plugin, handed that checked result, renders the pages, then PDFs,
                       record schemas, manifest
    swap               the new site replaces the old one only when everything succeeded

The site is built into a sibling folder and swapped in at the end, so a failed (or killed)
build leaves the previous `site/` intact for the intranet server.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.diagnostics import Diagnostic, HandbookError, Severity, error
from generator.document.clause_numbers import with_flow_clauses
from generator.document.integrity import with_integrity
from generator.messages import Text
from generator.publish.guard import check_output_folder
from generator.publish.lock import build_lock, remove_stale_folders, retired_prefix, staging_prefix
from generator.publish.plugin import HandbookPlugin
from generator.publish.sources import SourceStamp, source_stamp
from generator.source.project import ReadResult, read_handbook

log = logging.getLogger("handbook.build")


def check_sources(root: Path, strict: bool) -> tuple[SourceStamp, ReadResult]:
    """Stage 1–3: refuse to build from sources with errors (or warnings, when strict),
    including the checks against git (released text unchanged, nothing rolled back).

    The stamp is taken before reading, so the plugin can tell whether the result it is
    handed still describes the files (publish/sources.py)."""
    stamp = source_stamp(root)
    result = with_integrity(root, with_flow_clauses(root, read_handbook(root)))
    failing = [item for item in result.diagnostics if item.severity is Severity.ERROR or strict]
    if result.handbook is None or failing:
        raise HandbookError(result.diagnostics)
    return stamp, result


def render_site(config_file: Path, staging: Path, strict: bool, checked: tuple[SourceStamp, ReadResult]) -> None:
    """Stage 4: MkDocs with the handbook plugin writes pages and artefacts into `staging`.

    The plugin gets the sources already read and checked, so they are not read twice."""
    try:
        config = load_config(config_file=str(config_file), site_dir=str(staging), strict=strict)
        plugin = config.plugins.get("handbook")
        if isinstance(plugin, HandbookPlugin):
            plugin.sources.offer(*checked)
        mkdocs_build(config)
    except MkDocsException as problem:
        raise HandbookError(
            [
                error(
                    str(config_file.name),
                    1,
                    1,
                    Text("site build failed: {detail}", detail=problem),
                    Text("see the messages above"),
                )
            ]
        ) from None
    except OSError as problem:  # a page or a static file that cannot be read: a dangling link in docs/
        raise HandbookError([unreadable_site_file(config_file.parent, problem)]) from None


def unreadable_site_file(root: Path, problem: OSError) -> Diagnostic:
    """The file MkDocs could not read or write, named relative to the project, with the reason."""
    path = Path(problem.filename) if problem.filename else root
    try:
        shown = str(path.relative_to(root))
    except ValueError:
        shown = str(path)
    return error(
        shown,
        1,
        1,
        Text("site build failed: cannot read or write this file: {reason}", reason=os_reason(problem)),
        Text("check that it exists and can be read (a symbolic link in docs/ may point to nothing)"),
    )


def os_reason(problem: OSError) -> str:
    """The two reasons a user can fix in their words; the system's sentence for the rest."""
    if isinstance(problem, FileNotFoundError):
        return Text("it does not exist")
    if isinstance(problem, PermissionError):
        return Text("permission denied")
    return problem.strerror or str(problem)


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging` with two renames; the old site is removed last.

    The old site moves to a fresh `.site.retired-*` folder (never a fixed name that could be
    someone's folder); a build killed between the renames leaves it for the next build to
    remove.
    """
    if not site_dir.exists():
        os.replace(staging, site_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=retired_prefix(site_dir), dir=site_dir.parent))
    os.replace(site_dir, retired)
    os.replace(staging, site_dir)
    shutil.rmtree(retired)


def build(
    root: Path,
    *,
    site_dir: Path | None = None,
    strict: bool = False,
    config_name: str = "mkdocs.yml",
    on_wait: Callable[[str], None] | None = None,
) -> tuple[Diagnostic, ...]:
    """Build the handbook under `root` into `site_dir` (default root/site)."""
    root = root.resolve()
    config_file = root / config_name
    if not config_file.exists():
        raise HandbookError(
            [
                error(
                    config_name,
                    1,
                    1,
                    Text("mkdocs.yml is missing"),
                    Text("run handbook from the project folder, or pass --root"),
                )
            ]
        )
    target = (site_dir or root / "site").resolve()
    check_output_folder(root, target, str(site_dir or "site"))
    with build_lock(root, on_wait):
        for stale in remove_stale_folders(target):
            log.info("removed %s, left by a build that was stopped", stale)
        checked = check_sources(root, strict)
        check_output_folder(root, target, str(site_dir or "site"))  # again: it may have changed while waiting
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
        try:
            render_site(config_file, staging, strict, checked)
            swap_into_place(staging, target)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
    return checked[1].diagnostics
