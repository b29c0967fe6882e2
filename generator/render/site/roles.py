"""我的职责: what each registered role does, clause by clause, and the matrix of it.

A clause belongs to a role when one of its parties (a step's owner, or the party of a
职责 entry) resolves to that role in the roles register (`source/roles.py`). The role pages,
the role index and the matrix are all built from `RoleDuties`, so a duty on a role's page
is exactly a cell entry of its matrix row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.document.outline import Clause, document_outline
from generator.source.model import Document, Handbook, Role
from generator.source.roles import RoleRegister

UNREGISTERED_DEPARTMENT = "未登记"


@dataclass(frozen=True)
class Duty:
    """One clause a role takes part in, with the words it was named by."""

    document: Document
    clause: Clause
    named_as: str  # the party as the clause writes it (an alias, or a list 生产部、品保部)
    number: str  # the clause's full number, e.g. 二（一）1 or 3.2.7 a): unique within its document

    @property
    def from_responsibilities(self) -> bool:
        return self.clause.step is None

    @property
    def involvement(self) -> str:
        """How the role takes part: 职责 for the 职责 chapter, 责任方 for a clause it owns."""
        return "职责" if self.from_responsibilities else "责任方"


def register_of(handbook: Handbook) -> RoleRegister:
    """The roles register; without one, each party named becomes a role of its own."""
    if handbook.settings.roles:
        return RoleRegister(handbook.settings.roles)
    named = dict.fromkeys(party for _, clause, _ in _owned_clauses(handbook, {}) for party in clause.owners)
    return RoleRegister(
        tuple(
            Role(id=f"party-{index}", name=name, department=UNREGISTERED_DEPARTMENT)
            for index, name in enumerate(named, start=1)
        )
    )


def _owned_clauses(handbook: Handbook, outlines: dict[str, tuple[Clause, ...]]):
    """(document, clause) for every clause that names a party; a 职责 heading over its duties is skipped."""
    for document in handbook.documents:
        outline = outlines.get(document.number) or document_outline(handbook, document.number)
        for clause, number in _numbered(outline, ""):
            if clause.kind == "party" and clause.children:
                continue  # the party heading; its duties are listed one by one
            if clause.owners:
                yield document, clause, number


def _numbered(clauses: tuple[Clause, ...], parent: str):
    """Every clause with its full number: a list item 1 under （一） under 二、 is 二（一）1, not 1."""
    for clause in clauses:
        number = _join_number(parent, clause.label)
        yield clause, number
        yield from _numbered(clause.children, number)


def _join_number(parent: str, label: str) -> str:
    own = label.strip().rstrip("、.")
    if not own:
        return parent
    if not parent or own.startswith(parent + "."):
        return own  # dotted labels (3.2.7) already carry their parents
    separator = " " if parent[-1].isascii() and parent[-1].isalnum() and own[0].isascii() else ""
    return parent + separator + own


@dataclass(frozen=True)
class RoleDuties:
    """Every role of the register with its duties in document order."""

    register: RoleRegister
    duties: dict[str, list[Duty]]  # role id → duties

    @classmethod
    def of(cls, handbook: Handbook, outlines: dict[str, tuple[Clause, ...]]) -> RoleDuties:
        register = register_of(handbook)
        duties: dict[str, list[Duty]] = {role.id: [] for role in register.roles}
        for document, clause, number in _owned_clauses(handbook, outlines):
            for party in clause.owners:
                for role in register.resolve(party):
                    if not any(duty.clause is clause for duty in duties[role.id][-len(clause.owners) :]):
                        duties[role.id].append(Duty(document, clause, party, number))
        return cls(register, duties)

    def role_named(self, party: str) -> Role | None:
        """The role a single party name stands for (for links from a mention)."""
        return self.register.by_name.get(party)

    def by_department(self) -> list[tuple[str, list[Role]]]:
        """Departments in register order (external parties last), each with its roles."""
        groups: dict[str, list[Role]] = defaultdict(list)
        for role in self.register.roles:
            groups[role.department].append(role)
        return sorted(groups.items(), key=lambda pair: all(role.external for role in pair[1]))

    def by_document(self, role: Role) -> list[tuple[Document, list[Duty]]]:
        """A role's duties grouped by document, documents in handbook order."""
        groups: dict[str, list[Duty]] = defaultdict(list)
        documents: dict[str, Document] = {}
        for duty in self.duties[role.id]:
            groups[duty.document.number].append(duty)
            documents[duty.document.number] = duty.document
        return [(documents[number], found) for number, found in groups.items()]

    def cell(self, role: Role, document: Document) -> list[Duty]:
        return [duty for duty in self.duties[role.id] if duty.document.number == document.number]
