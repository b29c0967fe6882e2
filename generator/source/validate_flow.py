"""Rules of a document's `flow:`: a chart that cannot be drawn truthfully is an error.

Each step id once; every `next` leads to a step of the flow; a decision has at least two
branches, each labelled with its answer; a parallel split has at least two branches; every
step can be reached from the first one; lanes are registered roles. Whether the clause
numbers a step cites exist is a matter of the numbered outline, checked in the document
stage (`document/flow_clauses.py`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator

from generator.diagnostics import Diagnostic
from generator.messages import Text
from generator.source.flow_model import Flow, FlowStep, FlowStepKind
from generator.source.load import JsonPath, LoadedFile
from generator.source.roles import RoleRegister

FLOW = ("flow", "steps")


def successors(step: FlowStep) -> tuple[str, ...]:
    """The ids a step leads to: its branches' targets, or its `next`."""
    if step.branches:
        return tuple(branch.next for branch in step.branches)
    return (step.next,) if step.next else ()


def reachable_ids(flow: Flow) -> set[str]:
    """Every step id reachable from the first step (the start)."""
    by_id = {step.id: step for step in flow.steps}
    seen: set[str] = set()
    waiting = [flow.steps[0].id]
    while waiting:
        current = waiting.pop()
        if current in seen or current not in by_id:
            continue
        seen.add(current)
        waiting += successors(by_id[current])
    return seen


def check_flow(
    flow: Flow, source: LoadedFile, register: RoleRegister, did_you_mean: Callable[[str, RoleRegister], Text]
) -> list[Diagnostic]:
    """Every problem of one flow, each at the value that causes it."""
    diagnostics = list(_duplicate_ids(flow, source))
    diagnostics += _dangling_next(flow, source)
    diagnostics += _branch_rules(flow, source)
    diagnostics += _unreachable(flow, source)
    if register:
        diagnostics += _unknown_lanes(flow, source, register, did_you_mean)
    return diagnostics


def _duplicate_ids(flow: Flow, source: LoadedFile) -> Iterator[Diagnostic]:
    first: dict[str, int] = {}
    for index, step in enumerate(flow.steps):
        if step.id in first:
            line = source.position_of((*FLOW, first[step.id], "id")).line
            yield source.error(
                (*FLOW, index, "id"),
                Text("flow step id '{id}' is used twice (first on line {line})", id=step.id, line=line),
                Text("give every step of the flow an id of its own"),
            )
        first.setdefault(step.id, index)


def _dangling_next(flow: Flow, source: LoadedFile) -> Iterator[Diagnostic]:
    ids = [step.id for step in flow.steps]
    for index, step in enumerate(flow.steps):
        targets: list[tuple[JsonPath, str]] = []
        if step.next:
            targets.append(((*FLOW, index, "next"), step.next))
        targets += [
            ((*FLOW, index, "branches", number, "next"), branch.next) for number, branch in enumerate(step.branches)
        ]
        for path, target in targets:
            if target not in ids:
                yield source.error(
                    path,
                    Text(
                        "flow step '{id}' leads to '{target}', which is no step of this flow", id=step.id, target=target
                    ),
                    _nearest(target, ids),
                )


def _nearest(word: str, choices: list[str]) -> Text:
    guess = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    listed = "、".join(choices)
    if guess:
        return Text("did you mean '{guess}'? The steps are: {listed}", guess=guess[0], listed=listed)
    return Text("the steps are: {listed}", listed=listed)


def _branch_rules(flow: Flow, source: LoadedFile) -> Iterator[Diagnostic]:
    for index, step in enumerate(flow.steps):
        path = (*FLOW, index)
        if step.kind is FlowStepKind.STEP and step.branches:
            yield source.error(
                (*path, "branches"),
                Text("flow step '{id}' has branches but is no decision or parallel split", id=step.id),
                Text("add `kind: decision` (labelled answers) or `kind: parallel` (paths run side by side)"),
            )
        if step.kind is FlowStepKind.STEP:
            continue
        what = Text("decision") if step.kind is FlowStepKind.DECISION else Text("parallel split")
        if len(step.branches) < 2:
            yield source.error(
                path,
                Text("{what} '{id}' has 1 branch; it needs at least two", what=what, id=step.id)
                if step.branches
                else Text("{what} '{id}' has no branches; it needs at least two", what=what, id=step.id),
                Text("list its ways out under `branches:`, e.g. - {{label: 质量问题, next: quality}}"),
            )
        if step.next:
            yield source.error(
                (*path, "next"),
                Text("{what} '{id}' has a `next`; its ways out are its branches", what=what, id=step.id),
                Text("move the target into `branches:`"),
            )
        if step.kind is FlowStepKind.DECISION:
            for number, branch in enumerate(step.branches):
                if not branch.label:
                    yield source.error(
                        (*path, "branches", number),
                        Text("branch {number} of decision '{id}' has no label", number=number + 1, id=step.id),
                        Text("write the answer that leads this way, e.g. label: 是 / 否"),
                    )


def _unreachable(flow: Flow, source: LoadedFile) -> Iterator[Diagnostic]:
    """Unreachable steps that nothing leads to: the steps after them are cut off by them."""
    reached = reachable_ids(flow)
    led_to = {target for step in flow.steps for target in successors(step)}
    cut_off = [index for index, step in enumerate(flow.steps) if step.id not in reached]
    entries = [index for index in cut_off if flow.steps[index].id not in led_to] or cut_off[:1]
    for index in entries:
        step = flow.steps[index]
        yield source.error(
            (*FLOW, index, "id"),
            Text(
                "flow step '{id}' cannot be reached from the first step '{first}'", id=step.id, first=flow.steps[0].id
            ),
            Text("point a `next` or a branch of an earlier step at it, or remove it"),
        )


def _unknown_lanes(
    flow: Flow, source: LoadedFile, register: RoleRegister, did_you_mean: Callable[[str, RoleRegister], Text]
) -> Iterator[Diagnostic]:
    for index, step in enumerate(flow.steps):
        if step.lane not in register.by_name:
            yield source.error(
                (*FLOW, index, "lane"),
                Text("lane '{lane}' of flow step '{id}' is not a registered role", lane=step.lane, id=step.id),
                did_you_mean(step.lane, register),
            )
