"""Rules of a document (procedures/*.yml) that a schema cannot check.

Its type and number against handbook.yml's pattern, its revision history (order, dates, the
current revision last), its sign-offs (dates and the 编制 → 审核 → 批准 order), its steps'
references to forms and documents, the parties it names and its distribution list. Kept
apart from the form rules (`validate_forms.py`) because a document is a subject of its own;
the roles register and the `flow:` chart have modules of their own (`validate_roles.py`,
`validate_flow.py`), called from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, warning
from generator.messages import Text
from generator.source.load import JsonPath, LoadedFile
from generator.source.model import Document, Holder, Revision, RevisionScheme, Status
from generator.source.revisions import EXAMPLES, RevisionKey, parse_revision, revision_scheme_of
from generator.source.sign_off import control_problems
from generator.source.validate_references import CrossFileRules, Located, _close, walk_steps
from generator.source.validate_roles import check_document_roles


class DocumentRules(CrossFileRules):
    """The rules of one document, read against every other file of the handbook."""

    def check_document(self, item: Located) -> list[Diagnostic]:
        document: Document = item.model
        source = item.source
        diagnostics = list(self._expected_file_name(item))
        diagnostics += self._check_type_and_number(document, source)
        diagnostics += self._check_history(document, source)
        diagnostics += self._check_approvals(document, source)
        diagnostics += self._check_references(document, source)
        diagnostics += self._check_parties(document, source)
        diagnostics += check_document_roles(self.settings, document, source)
        if document.distribution is not None:
            diagnostics += check_distribution(source, ("distribution",), document.distribution, self.settings.parties)
        diagnostics += control_problems(self.settings, document, source)
        return diagnostics

    def _check_type_and_number(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        document_type = self.types.get(document.type)
        if document_type is None:
            yield source.error(
                ("type",),
                Text("unknown document type '{type}'", type=document.type),
                _close(document.type, self.types)
                or Text("use one of: {types} (handbook.yml document_types)", types=", ".join(self.types)),
            )
            return
        if not re.fullmatch(document_type.number_pattern, document.number):
            yield source.error(
                ("number",),
                Text(
                    "number {number} does not match the pattern of {type}: {pattern}",
                    number=document.number,
                    type=document.type,
                    pattern=document_type.number_pattern,
                ),
                Text("correct the number, or the type, or the pattern in handbook.yml"),
            )

    def _scheme(self, document: Document) -> RevisionScheme:
        return revision_scheme_of(document, self.settings)

    def _check_history(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        scheme = self._scheme(document)
        previous_key: RevisionKey | None = None
        previous_entry: Revision | None = None
        for index, entry in enumerate(document.history):
            key = parse_revision(entry.revision, scheme)
            if key is None:
                yield source.error(
                    ("history", index, "revision"),
                    Text(
                        "revision '{revision}' is not in the {scheme} scheme",
                        revision=entry.revision,
                        scheme=scheme.value,
                    ),
                    Text("write revisions like {examples}, or set revision_scheme", examples=EXAMPLES[scheme]),
                )
                continue
            if previous_entry is not None and previous_key is not None and key <= previous_key:
                yield source.error(
                    ("history", index, "revision"),
                    Text(
                        "revision goes backwards: {revision} comes after {previous}",
                        revision=entry.revision,
                        previous=previous_entry.revision,
                    ),
                    Text("list the history oldest first; each revision must be higher than the one before"),
                )
            if previous_entry is not None and entry.date < previous_entry.date:
                yield source.error(
                    ("history", index, "date"),
                    Text(
                        "revision {revision} takes effect on {date}, before {previous} ({previous_date})",
                        revision=entry.revision,
                        date=entry.date,
                        previous=previous_entry.revision,
                        previous_date=previous_entry.date,
                    ),
                    Text("history dates must not go backwards"),
                )
            previous_key, previous_entry = key, entry
        if parse_revision(document.revision, scheme) is None:
            yield source.error(
                ("revision",),
                Text(
                    "revision '{revision}' is not in the {scheme} scheme",
                    revision=document.revision,
                    scheme=scheme.value,
                ),
                Text("write revisions like {examples}, or set revision_scheme", examples=EXAMPLES[scheme]),
            )
        newest = document.history[-1]
        if newest.revision != document.revision:
            yield source.error(
                ("revision",),
                Text(
                    "current revision {revision} is not the newest history entry ({newest})",
                    revision=document.revision,
                    newest=newest.revision,
                ),
                Text("add a history entry for the current revision as the last one, or correct `revision`"),
            )
        elif newest.date != document.effective:
            yield source.error(
                ("effective",),
                Text(
                    "effective date {effective} differs from the date of history entry {revision} ({date})",
                    effective=document.effective,
                    revision=newest.revision,
                    date=newest.date,
                ),
                Text("the last history entry's date is the date the current revision takes effect; make them equal"),
            )

    def _check_approvals(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        for index, entry in enumerate(document.history):
            signed = [
                (role, getattr(entry, role)) for role in ("prepared", "reviewed", "approved") if getattr(entry, role)
            ]
            for role, signature in signed:
                if signature.date > entry.date:
                    yield source.error(
                        ("history", index, role, "date"),
                        Text(
                            "{role} signed on {signed}, after revision {revision} took effect ({date})",
                            role=ROLE_NAMES[role],
                            signed=signature.date,
                            revision=entry.revision,
                            date=entry.date,
                        ),
                        Text("a revision takes effect on or after its approval"),
                    )
            for (first_role, first), (second_role, second) in zip(signed, signed[1:]):
                if second.date < first.date:
                    yield source.error(
                        ("history", index, second_role, "date"),
                        Text(
                            "{second} ({second_date}) is dated before {first} ({first_date})",
                            second=ROLE_NAMES[second_role],
                            second_date=second.date,
                            first=ROLE_NAMES[first_role],
                            first_date=first.date,
                        ),
                        Text("sign-off goes 编制 → 审核 → 批准"),
                    )
        current = document.history[-1]
        if document.status is Status.EFFECTIVE and current.revision == document.revision:
            index = len(document.history) - 1
            for role in ("prepared", "reviewed", "approved"):
                if getattr(current, role) is None:
                    yield source.error(
                        ("history", index),
                        Text(
                            "document is 生效 but revision {revision} has no {role} sign-off",
                            revision=current.revision,
                            role=ROLE_NAMES[role],
                        ),
                        Text(
                            "add `{key}: {{name: …, date: …}}` to the last history entry, or set status: 草稿", key=role
                        ),
                    )

    def _check_references(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        for step, path in walk_steps(document.body, ("body",)):
            if not (step.title or step.text or step.items or step.steps):
                yield source.error(
                    path,
                    Text("empty step"),
                    Text("give the step a `title`, `text`, `items` or sub-`steps`, or remove it"),
                )
            for index, number in enumerate(step.forms):
                yield from self._form_reference(source, path + ("forms", index), number)
            for index, number in enumerate(step.documents):
                yield from self._document_reference(source, path + ("documents", index), number)
        for index, record in enumerate(document.records):
            yield from self._form_reference(source, ("records", index, "form"), record.form)
        for index, related in enumerate(document.related):
            if related.number:
                yield from self._document_reference(source, ("related", index, "number"), related.number)
            elif not related.title:
                yield source.error(
                    ("related", index),
                    Text("a related document needs a `number` (in this handbook) or a `title` (external)"),
                    Text("write `number: …` for a document of this handbook, or `title: …` for an external one"),
                )
            if related.number == document.number:
                yield source.error(
                    ("related", index, "number"),
                    Text("a document cannot be related to itself"),
                    Text("remove the entry"),
                )

    def _check_parties(self, document: Document, source: LoadedFile) -> Iterator[Diagnostic]:
        if not self.settings.parties:
            return
        known = set(self.settings.parties)
        named: list[tuple[JsonPath, str]] = [
            (("responsibilities", index, "party"), item.party) for index, item in enumerate(document.responsibilities)
        ]
        for step, path in walk_steps(document.body, ("body",)):
            named += [(path + ("owner",), owner) for owner in step.owners]
        for path, party in named:
            if party not in known:
                position = source.position_of(path)
                yield warning(
                    source.display_path,
                    position.line,
                    position.column,
                    Text("'{party}' is not a known department or role", party=party),
                    _close(party, known) or Text("add it to `parties` in handbook.yml"),
                )


ROLE_NAMES = {"prepared": "编制", "reviewed": "审核", "approved": "批准"}


def check_distribution(
    source: LoadedFile, path: JsonPath, holders: tuple[Holder, ...], parties: tuple[str, ...]
) -> list[Diagnostic]:
    """Each 分发号 once per list (it names a file and a line of the 登记表); holders known."""
    diagnostics: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for index, holder in enumerate(holders):
        if holder.copy_number in seen:
            first = source.position_of(path + (seen[holder.copy_number], "copy")).line
            diagnostics.append(
                source.error(
                    path + (index, "copy"),
                    Text(
                        "copy number (分发号) '{copy}' is given twice (first on line {line})",
                        copy=holder.copy_number,
                        line=first,
                    ),
                    Text("give every holder a copy number of its own"),
                )
            )
        seen.setdefault(holder.copy_number, index)
        if parties and holder.holder not in parties:
            position = source.position_of(path + (index, "holder"))
            diagnostics.append(
                warning(
                    source.display_path,
                    position.line,
                    position.column,
                    Text("'{party}' is not a known department or role", party=holder.holder),
                    _close(holder.holder, set(parties)) or Text("add it to `parties` in handbook.yml"),
                )
            )
    return diagnostics
