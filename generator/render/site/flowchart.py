"""Swimlane flowchart of a document's defined `flow:`, laid out as plain numbers for an SVG template.

Only a flow the author defined is drawn (a chart guessed from clause order draws
alternatives one after the other). Lanes are the roles of the steps, in order of first
appearance; a step's row is its longest distance from the start, so the branches of a
decision or a parallel split stand side by side on one row. Text is wrapped, never cut:
a box grows with its text. No JavaScript and no CDN: the site is offline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.document.outline import Clause
from generator.source.flow_model import Flow, FlowStep, FlowStepKind
from generator.source.roles import RoleRegister
from generator.source.validate_flow import successors

COLUMN_WIDTH = 200
NODE_WIDTH = 176
HEADER_HEIGHT = 40
LINE_HEIGHT = 17
PADDING = 10
ROW_GAP = 44
GUTTER = 48
NO_LINE_START = "，。、；：？！）》」』”’,.;:?!)"  # kept at the end of the line before (kinsoku)
LINE_UNITS = 20  # half-width units per line: 10 CJK characters at 13 px in a 176 px box


@dataclass(frozen=True)
class ClauseLink:
    number: str
    anchor: str | None  # None: the number names no clause (check reports it)


@dataclass(frozen=True)
class FlowNode:
    step_id: str
    position: int  # 1-based, the number shown in the box and in the list view
    kind: str
    lane: str
    lines: tuple[str, ...]
    text: str
    clauses: tuple[ClauseLink, ...]
    x: int
    y: int
    width: int
    height: int

    @property
    def center(self) -> int:
        return self.x + self.width // 2


@dataclass(frozen=True)
class FlowEdge:
    path: str  # SVG path data
    label: str | None
    label_x: int
    label_y: int
    anchor: str = "middle"  # text-anchor of the label


@dataclass(frozen=True)
class FlowExit:
    """A way out of a step, for the list view: where it leads and on which answer."""

    label: str | None
    position: int


@dataclass(frozen=True)
class FlowLane:
    name: str
    role_id: str | None
    x: int
    width: int

    @property
    def lines(self) -> tuple[str, ...]:
        """The lane's title, wrapped to its width (13 px bold: about 7 px per half-width unit)."""
        return wrap(self.name, self.width // 7)


@dataclass(frozen=True)
class FlowLayout:
    title: str
    lanes: tuple[FlowLane, ...]
    nodes: tuple[FlowNode, ...]
    edges: tuple[FlowEdge, ...]
    exits: dict[str, tuple[FlowExit, ...]]
    width: int
    height: int
    header_height: int = HEADER_HEIGHT
    line_height: int = LINE_HEIGHT


def wrap(text: str, units: int = LINE_UNITS) -> tuple[str, ...]:
    """Lines of at most `units` half-width units (a CJK character is two); nothing dropped."""
    lines: list[str] = []
    current, used = "", 0
    for character in text:
        width = 1 if character.isascii() else 2
        if used + width > units and current and character not in NO_LINE_START:
            lines.append(current)
            current, used = "", 0
        current += character
        used += width
    if current:
        lines.append(current)
    return tuple(lines)


def _ranks(flow: Flow) -> dict[str, int]:
    """Longest distance from the start, ignoring edges back to a step already on the path."""
    by_id = {step.id: step for step in flow.steps}
    ranks: dict[str, int] = {}

    def visit(step_id: str, rank: int, path: frozenset[str]) -> None:
        if step_id not in by_id or step_id in path or ranks.get(step_id, -1) >= rank:
            return
        ranks[step_id] = rank
        for target in successors(by_id[step_id]):
            visit(target, rank + 1, path | {step_id})

    visit(flow.steps[0].id, 0, frozenset())
    for step in flow.steps:  # unreachable steps (check reports them) still get a row
        ranks.setdefault(step.id, max(ranks.values(), default=-1) + 1)
    return ranks


def _lane_name(step: FlowStep, register: RoleRegister) -> str:
    role = register.by_name.get(step.lane or "")
    return role.name if role else (step.lane or "")


def flowchart_layout(flow: Flow | None, register: RoleRegister, clauses: dict[str, Clause]) -> FlowLayout | None:
    """The chart of a defined flow, or None: a document without `flow:` shows no chart."""
    if flow is None:
        return None
    ranks = _ranks(flow)
    lane_names = list(dict.fromkeys(_lane_name(step, register) for step in flow.steps))
    slots: dict[tuple[str, int], list[FlowStep]] = defaultdict(list)
    for step in sorted(flow.steps, key=lambda step: ranks[step.id]):
        slots[(_lane_name(step, register), ranks[step.id])].append(step)
    columns = {name: max(len(found) for (lane, _), found in slots.items() if lane == name) for name in lane_names}
    lanes, x = [], 0
    for name in lane_names:
        role = register.by_name.get(name)
        lanes.append(FlowLane(name, role.id if role else None, x, columns[name] * COLUMN_WIDTH))
        x += columns[name] * COLUMN_WIDTH
    lane_x = {lane.name: lane.x for lane in lanes}
    positions = {step.id: index for index, step in enumerate(flow.steps, start=1)}
    lines = {step.id: wrap(step.text) for step in flow.steps}
    heights = {step.id: _node_height(step, lines[step.id]) for step in flow.steps}
    row_count = max(ranks.values()) + 1
    row_heights = [
        max((heights[s.id] for s in flow.steps if ranks[s.id] == row), default=0) for row in range(row_count)
    ]
    row_tops = [HEADER_HEIGHT + 16 + sum(row_heights[:row]) + row * ROW_GAP for row in range(row_count)]
    nodes: dict[str, FlowNode] = {}
    for (lane, row), found in slots.items():
        for column, step in enumerate(found):
            left = lane_x[lane] + column * COLUMN_WIDTH + (COLUMN_WIDTH - NODE_WIDTH) // 2
            links = tuple(
                ClauseLink(number, clauses[number].anchor if number in clauses else None) for number in step.clauses
            )
            nodes[step.id] = FlowNode(
                step.id, positions[step.id], step.kind.value, lane, lines[step.id], step.text, links,
                left, row_tops[row], NODE_WIDTH, heights[step.id],
            )  # fmt: skip
    ordered = tuple(nodes[step.id] for step in flow.steps)
    height = row_tops[-1] + row_heights[-1] + 24
    edges = tuple(edge for step in flow.steps for edge in _edges(step, nodes, x + GUTTER))
    exits = {step.id: _exits(step, positions) for step in flow.steps}
    width = max(x, COLUMN_WIDTH) + GUTTER  # room right of the last lane for labels and back edges
    return FlowLayout(flow.title, tuple(lanes), ordered, edges, exits, width, height)


def _node_height(step: FlowStep, lines: tuple[str, ...]) -> int:
    extra = LINE_HEIGHT if step.clauses else 0
    decision = 2 * PADDING if step.kind is FlowStepKind.DECISION else 0
    return 2 * PADDING + LINE_HEIGHT * (len(lines) + 1) + extra + decision


def _exits(step: FlowStep, positions: dict[str, int]) -> tuple[FlowExit, ...]:
    if step.branches:
        return tuple(
            FlowExit(branch.label, positions[branch.next]) for branch in step.branches if branch.next in positions
        )
    return (FlowExit(None, positions[step.next]),) if step.next in positions else ()


def _edges(step: FlowStep, nodes: dict[str, FlowNode], width: int) -> list[FlowEdge]:
    source = nodes[step.id]
    targets: list[tuple[str | None, str | None]] = [(branch.label, branch.next) for branch in step.branches]
    edges = []
    for label, target_id in targets or [(None, step.next)]:
        if target_id is None or target_id not in nodes:
            continue
        target = nodes[target_id]
        x1, y1 = source.center, source.y + source.height
        x2, y2 = target.center, target.y
        anchor = "middle"
        middle = y2 - (ROW_GAP // 2)  # in the gap above the target's row, clear of taller boxes
        if y2 > y1 and middle - y1 <= ROW_GAP:  # the next row: straight down, then across
            path = f"M {x1} {y1} L {x1} {middle} L {x2} {middle} L {x2} {y2}"
            label_x, label_y = (x1 + x2) // 2 if x1 != x2 else x1 + 6, middle - 4
        elif y2 > y1:  # rows further down: along the gutter right of the box, past the rows between
            gutter = source.x + source.width + (4 if source.position % 2 else 10)  # two long edges never share a line
            side = source.y + source.height // 2
            path = (
                f"M {source.x + source.width} {side} L {gutter} {side} L {gutter} {middle} L {x2} {middle} L {x2} {y2}"
            )
            label_x, label_y, anchor = gutter + 3, side - 4, "start"
        else:  # back to an earlier row: round the right edge of the chart
            right = width - 8
            path = f"M {source.x + source.width} {source.y + source.height // 2} L {right} {source.y + source.height // 2} L {right} {y2 - 10} L {x2} {y2 - 10} L {x2} {y2}"
            label_x, label_y = right - 4, source.y + source.height // 2 - 4
        edges.append(FlowEdge(path, label, label_x, label_y, anchor))
    return edges
