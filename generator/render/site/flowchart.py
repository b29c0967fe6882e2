"""Swimlane flowchart of a procedure, laid out as plain numbers for an SVG template.

Lanes are the parties that own steps (a step without an owner inherits its parent's), in
order of first appearance; nodes are the steps that carry text, in document order, so the
chart reads top to bottom like the procedure. No JavaScript and no CDN: the site is offline.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.document.outline import Clause

LANE_WIDTH = 170
NODE_WIDTH = 150
NODE_HEIGHT = 46
ROW_HEIGHT = 66
HEADER_HEIGHT = 34
LABEL_CHARACTERS = 11  # per line; two lines per node
UNASSIGNED = "未指定"


@dataclass(frozen=True)
class FlowNode:
    anchor: str
    label: str
    lines: tuple[str, ...]
    x: int
    y: int
    full_text: str


@dataclass(frozen=True)
class FlowEdge:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class FlowLayout:
    lanes: tuple[str, ...]
    nodes: tuple[FlowNode, ...]
    edges: tuple[FlowEdge, ...]
    width: int
    height: int
    lane_width: int = LANE_WIDTH
    node_width: int = NODE_WIDTH
    node_height: int = NODE_HEIGHT
    header_height: int = HEADER_HEIGHT


def _owned_steps(clauses: tuple[Clause, ...], inherited: tuple[str, ...]) -> list[tuple[Clause, str]]:
    found: list[tuple[Clause, str]] = []
    for clause in clauses:
        owners = clause.owners or inherited
        if clause.kind == "step" and clause.text:
            found.append((clause, owners[0] if owners else UNASSIGNED))
        found += _owned_steps(clause.children, owners)
    return found


def _wrap(text: str) -> tuple[str, ...]:
    first, rest = text[:LABEL_CHARACTERS], text[LABEL_CHARACTERS:]
    if not rest:
        return (first,)
    second = rest[: LABEL_CHARACTERS - 1] + ("…" if len(rest) >= LABEL_CHARACTERS else rest[LABEL_CHARACTERS - 1 :])
    return (first, second)


def flowchart_layout(outline: tuple[Clause, ...]) -> FlowLayout | None:
    """The chart, or None when no step names an owner (a chart would say nothing)."""
    steps = _owned_steps(outline, ())
    if not steps or all(lane == UNASSIGNED for _, lane in steps):
        return None
    lanes = tuple(dict.fromkeys(lane for _, lane in steps))
    nodes = []
    for row, (clause, lane) in enumerate(steps):
        x = lanes.index(lane) * LANE_WIDTH + (LANE_WIDTH - NODE_WIDTH) // 2
        y = HEADER_HEIGHT + 12 + row * ROW_HEIGHT
        summary = clause.title or clause.text or ""
        nodes.append(FlowNode(clause.anchor, clause.label, _wrap(summary), x, y, clause.text or ""))
    edges = tuple(
        FlowEdge(a.x + NODE_WIDTH // 2, a.y + NODE_HEIGHT, b.x + NODE_WIDTH // 2, b.y) for a, b in zip(nodes, nodes[1:])
    )
    height = HEADER_HEIGHT + 12 + len(nodes) * ROW_HEIGHT
    return FlowLayout(lanes, tuple(nodes), edges, len(lanes) * LANE_WIDTH, height)
