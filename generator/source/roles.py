"""The roles register: which registered role a party named in a document stands for.

Documents name their parties as their authors wrote them (售后服务经理, 部门经理, 用服中心);
the register in handbook.yml gives each party one role with its aliases. Validation, the
role pages and the matrix all resolve names here, so they cannot disagree about who is who.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.source.model import Document, Role, Settings, Step

# A responsibility party may list several roles in one line: 生产部、品保部 / 业务部和制造部.
PARTY_SEPARATORS = re.compile(r"[、，,和及与]")


@dataclass(frozen=True)
class RoleRegister:
    """Every registered name and alias, looked up to its role."""

    roles: tuple[Role, ...]
    by_name: dict[str, Role] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_name: dict[str, Role] = {}
        for role in self.roles:
            for name in role.names:
                by_name.setdefault(name, role)
        object.__setattr__(self, "by_name", by_name)

    def __bool__(self) -> bool:
        return bool(self.roles)

    def resolve(self, party: str) -> tuple[Role, ...]:
        """The roles a party stands for: the whole name first, else each listed part; () if unknown."""
        if party in self.by_name:
            return (self.by_name[party],)
        parts = [part.strip() for part in PARTY_SEPARATORS.split(party) if part.strip()]
        if len(parts) < 2 or any(part not in self.by_name for part in parts):
            return ()
        return tuple(dict.fromkeys(self.by_name[part] for part in parts))

    def unknown_parts(self, party: str) -> list[str]:
        """The parts of a party that name no role (the whole party when it is not a list)."""
        if self.resolve(party):
            return []
        parts = [part.strip() for part in PARTY_SEPARATORS.split(party) if part.strip()]
        if len(parts) < 2:
            return [party]
        return [part for part in parts if part not in self.by_name]


def role_register(settings: Settings) -> RoleRegister:
    return RoleRegister(settings.roles)


def step_parties(step: Step) -> tuple[str, ...]:
    """The parties a clause names as written (its owners)."""
    return step.owners


def responsibility_parties(document: Document) -> tuple[str, ...]:
    return tuple(item.party for item in document.responsibilities)
