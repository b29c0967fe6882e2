"""The facts a clause carries, in the order both the site and the PDFs show them.

A step's responsible parties, time limit, frequency, thresholds, forms and referenced documents
are listed once here; the site page (chips with links) and the printed copy (one line of
plain references) differ only in markup. Before this list existed the two templates each
picked the facts themselves, and the PDF silently lost the thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.source.model import InvolvementKind, Step

LABELS = {
    "owner": "责任",
    "support": "配合",
    "review": "审核",
    "approve": "批准",
    "inform": "知会",
    "time": "时限",
    "frequency": "频次",
    "threshold": "阈值",
    "form": "表单",
    "document": "引用",
}
# the fact kind of each way a party takes part (`involved`); 负责 is an owner
INVOLVEMENT_FACTS = {
    InvolvementKind.RESPONSIBLE: "owner",
    InvolvementKind.SUPPORT: "support",
    InvolvementKind.REVIEW: "review",
    InvolvementKind.APPROVE: "approve",
    InvolvementKind.INFORM: "inform",
}
TITLES = {"owner": "责任方", "time": "时限", "frequency": "频次", "threshold": "阈值"}


@dataclass(frozen=True)
class Fact:
    """One fact of a clause. `number` is set for a form or document reference, else `text`."""

    kind: str  # a key of LABELS; also the CSS modifier (hb-chip--owner …)
    text: str = ""
    number: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def title(self) -> str:
        return TITLES.get(self.kind, "")


@dataclass(frozen=True)
class FactGroup:
    """The facts of one kind, for layouts that print them on one line (责任：甲、乙)."""

    kind: str
    facts: tuple[Fact, ...]

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def step_facts(step: Step) -> tuple[Fact, ...]:
    """Every fact of a step, kinds in the order of LABELS."""
    facts = [Fact("owner", owner) for owner in step.owners]
    involved = [Fact(INVOLVEMENT_FACTS[item.kind], item.party) for item in step.involved]
    facts += sorted(involved, key=lambda fact: list(LABELS).index(fact.kind))
    if step.time_limit:
        facts.append(Fact("time", step.time_limit))
    if step.frequency:
        facts.append(Fact("frequency", step.frequency))
    for threshold in step.thresholds:
        facts.append(Fact("threshold", threshold.text + (f" → {threshold.action}" if threshold.action else "")))
    facts += [Fact("form", number=number) for number in step.forms]
    facts += [Fact("document", number=number) for number in step.documents]
    return tuple(facts)


def step_fact_groups(step: Step) -> tuple[FactGroup, ...]:
    """The facts of a step grouped by kind, groups in the order of LABELS."""
    facts = step_facts(step)
    return tuple(
        FactGroup(kind, found) for kind in LABELS if (found := tuple(fact for fact in facts if fact.kind == kind))
    )
