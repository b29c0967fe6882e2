"""我的职责: what each registered role does, clause by clause, and the matrix of it.

A clause belongs to a role when one of its parties (a step's owner, or the party of a
职责 entry) resolves to that role in the roles register (`source/roles.py`). The role pages,
the role index and the matrix are all built from `RoleDuties`, so a duty on a role's page
is exactly a cell entry of its matrix row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from generator.document.clause_numbers import numbered_clauses
from generator.document.outline import Clause, document_outline
from generator.source.model import Document, Handbook, Role
from generator.source.roles import RoleRegister

UNREGISTERED_DEPARTMENT = "未登记"
RESPONSIBILITIES = "职责"  # the involvement of a party in its document's 职责 chapter

# What each involvement means, in the order the legends list them.
INVOLVEMENTS = {
    RESPONSIBILITIES: "文件“职责”章节写给该角色的条目",
    "负责": "该角色负责执行的条款",
    "配合": "该角色配合他方执行的条款",
    "审核": "该角色审核的条款",
    "批准": "该角色批准的条款",
    "知会": "需通知该角色的条款",
}


# (document, clause, full number, party as written, involvement)
Participation = tuple[Document, Clause, str, str, str]


@dataclass(frozen=True)
class Duty:
    """One clause a role takes part in, with the words it was named by."""

    document: Document
    clause: Clause
    named_as: str  # the party as the clause writes it (an alias, or a list 生产部、品保部)
    number: str  # the clause's full number, e.g. 二（一）1 or 3.2.7 a): unique within its document
    involvement: str  # 职责 (the 职责 chapter), 负责, 配合, 审核, 批准 or 知会


def register_of(handbook: Handbook) -> RoleRegister:
    """The roles register; without one, each party named becomes a role of its own."""
    if handbook.settings.roles:
        return RoleRegister(handbook.settings.roles)
    named = dict.fromkeys(party for _, _, _, party, _ in _owned_clauses(handbook, {}))
    return RoleRegister(
        tuple(
            Role(id=f"party-{index}", name=name, department=UNREGISTERED_DEPARTMENT)
            for index, name in enumerate(named, start=1)
        )
    )


def _owned_clauses(handbook: Handbook, outlines: dict[str, tuple[Clause, ...]]) -> Iterator[Participation]:
    """(document, clause, full number, party, involvement) for every party a clause names.

    A 职责 heading over its duties is skipped: its duties are listed one by one."""
    for document in handbook.documents:
        outline = outlines.get(document.number) or document_outline(handbook, document.number)
        for clause, number in numbered_clauses(outline):
            if clause.kind == "party" and clause.children:
                continue
            for party, involvement in clause_participants(clause):
                yield document, clause, number, party, involvement


def clause_participants(clause: Clause) -> tuple[tuple[str, str], ...]:
    """Every party of a clause with its involvement: 职责 for the 职责 chapter, else the step's."""
    if clause.step is None:
        return tuple((party, RESPONSIBILITIES) for party in clause.owners)
    return tuple((party, kind.value) for party, kind in clause.step.participants)


@dataclass(frozen=True)
class RoleDuties:
    """Every role of the register with its duties in document order."""

    register: RoleRegister
    duties: dict[str, list[Duty]]  # role id → duties

    @classmethod
    def of(cls, handbook: Handbook, outlines: dict[str, tuple[Clause, ...]]) -> RoleDuties:
        register = register_of(handbook)
        duties: dict[str, list[Duty]] = {role.id: [] for role in register.roles}
        for document, clause, number, party, involvement in _owned_clauses(handbook, outlines):
            for role in register.resolve(party):
                if not any(duty.clause is clause for duty in duties[role.id][-8:]):
                    duties[role.id].append(Duty(document, clause, party, number, involvement))
        return cls(register, duties)

    @property
    def involvements(self) -> dict[str, str]:
        """Each involvement with what it means: the legend of the matrix and the role pages."""
        return INVOLVEMENTS

    def role_named(self, party: str) -> Role | None:
        """The role a single party name stands for (for links from a mention)."""
        return self.register.by_name.get(party)

    def by_department(self, with_duties_only: bool = False) -> list[tuple[str, list[Role]]]:
        """Departments in register order (external parties last), each with its roles.

        The matrix asks for roles with duties only: a registered role that no text in force
        names (one a pending revision brings in, say) would be a row of dashes there."""
        groups: dict[str, list[Role]] = defaultdict(list)
        for role in self.register.roles:
            if with_duties_only and not self.duties[role.id]:
                continue
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
