"""Rules of the roles register: the register itself, and every party a document names.

Kept apart from the other cross-file rules (validate_semantic.py and the modules it names)
because the register is one capability: a party that is no role would get no 我的职责 page
and no matrix row, so it is an error with the nearest registered name as the hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.messages import Text
from generator.source.load import JsonPath, LoadedFile
from generator.source.model import Document, Settings, Step
from generator.source.roles import RoleRegister
from generator.source.validate_flow import check_flow

ROLE_ID_HINT = Text("a role id is its page's address: lower-case letters, digits and hyphens, e.g. after-sales-manager")


def _did_you_mean(word: str, register: RoleRegister) -> Text:
    guess = difflib.get_close_matches(word, list(register.by_name), n=1, cutoff=0.4)
    if guess:
        role = register.by_name[guess[0]]
        shown = guess[0] if guess[0] == role.name else f"{guess[0]}（{role.name}）"
        return Text(
            "did you mean '{guess}'? Otherwise add the role or an alias to `roles` in handbook.yml", guess=shown
        )
    return Text("add the role, or this wording as an alias of a role, to `roles` in handbook.yml")


def check_register(settings: Settings, source: LoadedFile) -> list[Diagnostic]:
    """Each role id once, each name or alias naming one role only."""
    diagnostics: list[Diagnostic] = []
    ids: dict[str, int] = {}
    names: dict[str, int] = {}
    for index, role in enumerate(settings.roles):
        if role.id in ids:
            first = source.position_of(("roles", ids[role.id], "id")).line
            diagnostics.append(
                source.error(
                    ("roles", index, "id"),
                    Text("role id '{id}' is used twice (first on line {line})", id=role.id, line=first),
                    Text("give every role an id of its own: it is the address of its page"),
                )
            )
        ids.setdefault(role.id, index)
        spelled: list[tuple[JsonPath, str]] = [(("roles", index, "name"), role.name)]
        spelled += [(("roles", index, "aliases", number), alias) for number, alias in enumerate(role.aliases)]
        for path, name in spelled:
            if name in names and names[name] != index:
                other = settings.roles[names[name]]
                diagnostics.append(
                    source.error(
                        path,
                        Text(
                            "'{name}' already names the role '{role}' ({id})", name=name, role=other.name, id=other.id
                        ),
                        Text("a name or alias may stand for one role only: remove it from one of them"),
                    )
                )
            names.setdefault(name, index)
    return diagnostics


def _walk(steps: tuple[Step, ...], path: JsonPath) -> Iterator[tuple[Step, JsonPath]]:
    for index, step in enumerate(steps):
        step_path = path + (index,)
        yield step, step_path
        yield from _walk(step.steps, step_path + ("steps",))


def named_parties(document: Document) -> Iterator[tuple[JsonPath, str]]:
    """Every party a document names, with the path of the value that names it."""
    for index, item in enumerate(document.responsibilities):
        yield ("responsibilities", index, "party"), item.party
    for step, path in _walk(document.body, ("body",)):
        if isinstance(step.owner, str):
            yield path + ("owner",), step.owner
        else:
            for number, owner in enumerate(step.owners):
                yield path + ("owner", number), owner
        for number, involvement in enumerate(step.involved):
            yield path + ("involved", number, "party"), involvement.party


def check_document_roles(settings: Settings, document: Document, source: LoadedFile) -> list[Diagnostic]:
    """Every owner and responsibility party is a registered role or alias (when there is a register)."""
    register = RoleRegister(settings.roles)
    diagnostics: list[Diagnostic] = []
    if document.flow is not None:
        diagnostics += check_flow(document.flow, source, register, _did_you_mean)
    diagnostics += _twice_in_one_clause(document, source)
    if not register:
        return diagnostics
    for path, party in named_parties(document):
        for unknown in register.unknown_parts(party):
            within = "" if unknown == party else Text(" (in '{party}')", party=party)
            diagnostics.append(
                source.error(
                    path,
                    Text("'{name}'{within} is not a registered role", name=unknown, within=within),
                    _did_you_mean(unknown, register),
                )
            )
    return diagnostics


def _twice_in_one_clause(document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
    """A party takes part in a clause one way: 负责 and 配合 at once would contradict itself."""
    for step, path in _walk(document.body, ("body",)):
        seen: dict[str, str] = {}
        for number, (party, kind) in enumerate(step.participants):
            if party in seen:
                index = number - len(step.owners)
                yield source.error(
                    path + ("involved", index, "party") if index >= 0 else path + ("owner",),
                    Text(
                        "'{party}' takes part in this clause twice ({first} and {second})",
                        party=party,
                        first=seen[party],
                        second=kind.value,
                    ),
                    Text("name each party once: in `owner` when it is responsible, else once in `involved`"),
                )
            seen.setdefault(party, kind.value)
