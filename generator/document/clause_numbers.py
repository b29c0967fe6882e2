"""Full clause numbers, and the clause references of a document's flow.

A label is printed relative to its parent (a list item `1` under `（一）` under `二、`); a
role page, a matrix cell or a flow step must name the clause on its own, so the full number
joins the labels of its ancestors: 二（一）1, or 3.2.7 for dotted labels that already carry
their parents. A flow step cites clauses by that number; one that names no clause is an
error of `check` (it needs the numbered outline, so it is checked here, not in `source/`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from generator.diagnostics import Diagnostic, has_errors
from generator.document.outline import Clause, document_outline
from generator.messages import Text
from generator.source.load import load_file
from generator.source.model import Document, Handbook
from generator.source.project import ReadResult


def numbered_clauses(clauses: tuple[Clause, ...], parent: str = "") -> Iterator[tuple[Clause, str]]:
    """Every clause with its full number, in document order."""
    for clause in clauses:
        number = join_number(parent, clause.label)
        yield clause, number
        yield from numbered_clauses(clause.children, number)


def join_number(parent: str, label: str) -> str:
    """二 + （一） → 二（一）; 3.2 + 3.2.7 → 3.2.7; 3.2.7 + a) → 3.2.7 a)."""
    own = label.strip().rstrip("、.")
    if not own:
        return parent
    if not parent or own.startswith(parent + "."):
        return own
    separator = " " if parent[-1].isascii() and parent[-1].isalnum() and own[0].isascii() else ""
    return parent + separator + own


def clauses_by_number(outline: tuple[Clause, ...]) -> dict[str, Clause]:
    """Full number → clause (the first one, should a style print the same number twice)."""
    found: dict[str, Clause] = {}
    for clause, number in numbered_clauses(outline):
        if number:
            found.setdefault(number, clause)
    return found


def flow_clause_problems(handbook: Handbook, document: Document, path: Path, root: Path) -> list[Diagnostic]:
    """Each clause number a flow step cites that is no clause of the document."""
    if document.flow is None:
        return []
    known = clauses_by_number(document_outline(handbook, document.number))
    loaded = None
    problems: list[Diagnostic] = []
    for index, step in enumerate(document.flow.steps):
        for number, cited in enumerate(step.clauses):
            if cited in known:
                continue
            loaded = loaded or load_file(path, root)
            problems.append(
                loaded.error(
                    ("flow", "steps", index, "clauses", number),
                    Text(
                        "flow step '{id}' cites clause {clause}, which {number} does not have",
                        id=step.id,
                        clause=cited,
                        number=document.number,
                    ),
                    Text(
                        "cite a clause number as the document page shows it, e.g. {examples}", examples=_examples(known)
                    ),
                )
            )
    return problems


def _examples(known: dict[str, Clause]) -> str:
    steps = [number for number, clause in known.items() if clause.kind == "step"]
    return "、".join(steps[:6]) or "5.1"


def with_flow_clauses(root: Path, result: ReadResult) -> ReadResult:
    """`read_handbook` plus the flows' clause references: what `check` and `build` report."""
    if result.handbook is None:
        return result
    found: list[Diagnostic] = []
    for document in result.handbook.documents:
        found += flow_clause_problems(result.handbook, document, result.document_paths[document.number], root)
    if not found:
        return result
    diagnostics = tuple(sorted(result.diagnostics + tuple(found), key=lambda item: item.sort_key))
    handbook = None if has_errors(found) else result.handbook
    return dataclasses.replace(result, handbook=handbook, diagnostics=diagnostics)
