"""The house plan of ARCHITECTURE.md, checked: which stage may import which, and module size.

The stages depend one way only — the source format knows nothing of documents over time,
renderers never reach into publishing or the CLI — so each can be read, tested and
benchmarked on its own. Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
MAX_LINES = 500

# stage → the stages it may import (besides itself, generator.diagnostics and the message catalog)
ALLOWED = {
    "messages": set(),  # the message catalog (generator/messages): every stage says things through it
    "source": set(),
    "document": {"source"},
    "control": {"source", "document"},
    "records": {"source"},
    "render": {"source", "document", "control"},  # control.review: the next review date shown
    "publish": {"source", "document", "control", "records", "render"},
    "scaffold": {"source", "control"},  # init / new: new source files; a new form named in its draft owner
    "cli": {"source", "document", "control", "records", "render", "publish", "scaffold"},
}
# modules any stage above `source` may import: they depend on the source format alone
SHARED = {
    "records.compatibility": "breaking changes between two form revisions (document integrity, the form page)",
    "render.paths": "where each artefact is published (a record schema, a 登记表 named by `handbook recall`)",
}
# modules over MAX_LINES that are known and due to be split (say why, remove when done)
TOO_LONG = {}


def stage_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def is_module(dotted_name: str) -> bool:
    """True when `generator.x.y` names a module file or package of the generator."""
    relative = Path(*dotted_name.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative / "__init__.py").is_file()


def imported_modules(path: Path) -> set[str]:
    """`records.compatibility` for `from generator.records.compatibility import …`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            # `from generator.render import paths` imports the module render.paths
            submodules = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [name for name in submodules if is_module(name)] or [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "generator" and len(parts) > 1:
                found.add(".".join(parts[1:]))
    return found


def imported_stages(path: Path) -> set[str]:
    return {module.split(".")[0] for module in imported_modules(path) if module not in SHARED}


def test_stages_import_one_way_only() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent == PACKAGE:
            continue  # generator/diagnostics.py: shared by every stage
        stage = stage_of(path)
        allowed = ALLOWED[stage] | {stage, "diagnostics", "messages"}
        for other in sorted(imported_stages(path) - allowed):
            wrong.append(f"{path.relative_to(PACKAGE)} imports generator.{other}")
    assert wrong == []


def test_shared_modules_depend_on_the_source_format_alone() -> None:
    for module in SHARED:
        path = PACKAGE / (module.replace(".", "/") + ".py")
        assert imported_stages(path) <= {"source", "diagnostics", "messages", module.split(".")[0]}, module


def test_every_stage_folder_is_in_the_plan() -> None:
    folders = {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert folders == set(ALLOWED)


def test_no_module_over_500_lines() -> None:
    lengths = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    too_long = sorted(name for name, lines in lengths.items() if lines > MAX_LINES and name not in TOO_LONG)
    assert too_long == [], "split these modules (or, with a reason, list them in TOO_LONG)"
    for name in TOO_LONG:
        assert lengths.get(name, 0) > MAX_LINES, f"{name} is short now: remove it from TOO_LONG"
