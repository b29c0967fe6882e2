"""Sign-off rules and the records kept after release (withdrawal, periodic reviews).

handbook.yml `sign_off` says who may sign what per document type, and whether one person
may hold two sign-offs of a revision (by default not: 编制 ≠ 审核 ≠ 批准). No signature or
review may be dated after the day it is checked: a date ahead is a promise, not a record.
The same rules answer `handbook check` (every history entry) and `handbook approve`
(before a signature is written).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, warning
from generator.messages import Text
from generator.source.load import LoadedFile
from generator.source.model import Document, Form, Revision, Settings, Status

ROLES = ("prepared", "reviewed", "approved")
FORM_TYPE = "表单"  # the document type sign-off rules name for forms
ROLE_TITLES = {"prepared": "编制", "reviewed": "审核", "approved": "批准"}


def signer_refusal(
    settings: Settings, document_type: str, entry: Revision, role: str, name: str
) -> tuple[str, str] | None:
    """(message, hint) when `name` may not sign `role` of `entry`; None when allowed."""
    rules = settings.sign_off
    title = ROLE_TITLES[role]
    allowed = rules.allowed(document_type, role)
    if allowed and name not in allowed:
        return (
            Text("{name} may not sign {role} of a {type}", name=name, role=title, type=document_type),
            Text(
                "handbook.yml sign_off allows {names} to sign {role} of a {type}",
                names="、".join(allowed),
                role=title,
                type=document_type,
            ),
        )
    if rules.distinct_signers:
        for other in ROLES:
            signature = getattr(entry, other)
            if other != role and signature is not None and signature.name == name:
                return (
                    Text(
                        "{name} already signed {other} of {revision}; one person may not also sign {role}",
                        name=name,
                        other=ROLE_TITLES[other],
                        revision=entry.revision,
                        role=title,
                    ),
                    Text("编制, 审核 and 批准 are three different people (handbook.yml sign_off.distinct_signers)"),
                )
    return None


def _entry_problems(
    settings: Settings, document: Document | Form, source: LoadedFile, index: int, today: datetime.date
) -> Iterator[Diagnostic]:
    entry = document.history[index]
    document_type = getattr(document, "type", FORM_TYPE)
    earlier: dict[str, object] = {}
    for role in ROLES:
        signature = getattr(entry, role)
        if signature is None:
            continue
        place = ("history", index, role)
        if signature.date > today:
            yield source.error(
                place + ("date",),
                Text(
                    "{role} of {revision} is dated {date}, after today ({today})",
                    role=ROLE_TITLES[role],
                    revision=entry.revision,
                    date=signature.date,
                    today=today,
                ),
                Text("a signature is recorded on or after the day it is given, never ahead of it"),
            )
        checked = entry.model_copy(update={other: None for other in ROLES if other not in earlier})
        refusal = signer_refusal(settings, document_type, checked, role, signature.name)
        if refusal is not None:
            yield source.error(place + ("name",), *refusal)
        earlier[role] = signature


def _withdrawal_problems(document: Document, source: LoadedFile, today: datetime.date) -> Iterator[Diagnostic]:
    withdrawal = document.withdrawal
    if withdrawal is not None and document.status is not Status.OBSOLETE:
        yield source.error(
            ("withdrawal",),
            Text("a withdrawal is recorded but the status is {status}", status=document.status.value),
            Text("set status: 已作废, or remove the withdrawal; `handbook withdraw` does both"),
        )
    if withdrawal is None and document.status is Status.OBSOLETE:
        position = source.position_of(("status",))
        yield warning(
            source.display_path,
            position.line,
            position.column,
            Text("{number} is 已作废 without a withdrawal date and reason", number=document.number),
            Text('record them: `withdrawal: {{date: YYYY-MM-DD, reason: "…"}}` (what `handbook withdraw` writes)'),
        )
    if withdrawal is not None and withdrawal.date < document.effective:
        yield source.error(
            ("withdrawal", "date"),
            Text(
                "withdrawn on {date}, before revision {revision} took effect ({effective})",
                date=withdrawal.date,
                revision=document.revision,
                effective=document.effective,
            ),
            Text("withdraw on or after {effective}", effective=document.effective),
        )


def _review_problems(document: Document, source: LoadedFile, today: datetime.date) -> Iterator[Diagnostic]:
    previous = document.effective
    for index, review in enumerate(document.reviews):
        if review.date > today:
            yield source.error(
                ("reviews", index, "date"),
                Text("the review is dated {date}, after today ({today})", date=review.date, today=today),
                Text("record a review on or after the day it took place"),
            )
        if review.date < previous:
            yield source.error(
                ("reviews", index, "date"),
                Text(
                    "the review dated {date} is before {previous} (revision {revision} or the review before)",
                    date=review.date,
                    previous=previous,
                    revision=document.revision,
                ),
                Text("reviews of the current revision come after it took effect, oldest first"),
            )
        previous = max(previous, review.date)


def control_problems(
    settings: Settings, document: Document, source: LoadedFile, today: datetime.date | None = None
) -> list[Diagnostic]:
    """Sign-off rules on every history entry, the withdrawal and the periodic reviews."""
    today = today or datetime.date.today()
    problems: list[Diagnostic] = []
    for index in range(len(document.history)):
        problems += _entry_problems(settings, document, source, index, today)
    problems += _withdrawal_problems(document, source, today)
    problems += _review_problems(document, source, today)
    return problems


def form_control_problems(
    settings: Settings, form: Form, source: LoadedFile, today: datetime.date | None = None
) -> list[Diagnostic]:
    """A form with a history is controlled like a document: the last entry is the current
    revision, and a released (生效) revision carries 编制, 审核 and 批准."""
    today = today or datetime.date.today()
    if not form.history:
        return []
    problems: list[Diagnostic] = []
    for index in range(len(form.history)):
        problems += _entry_problems(settings, form, source, index, today)
    index = len(form.history) - 1
    newest = form.history[-1]
    if newest.revision != form.revision:
        problems.append(
            source.error(
                ("revision",),
                Text(
                    "current revision {revision} is not the newest history entry ({newest})",
                    revision=form.revision,
                    newest=newest.revision,
                ),
                Text("add a history entry for the current revision as the last one, or correct `revision`"),
            )
        )
    elif newest.date != form.effective:
        problems.append(
            source.error(
                ("effective",),
                Text(
                    "effective date {effective} differs from the date of history entry {revision} ({date})",
                    effective=form.effective,
                    revision=newest.revision,
                    date=newest.date,
                ),
                Text("the last history entry's date is the date the current revision takes effect; make them equal"),
            )
        )
    if form.status is Status.EFFECTIVE:
        for role in ROLES:
            if getattr(newest, role) is None:
                problems.append(
                    source.error(
                        ("history", index),
                        Text(
                            "form is 生效 but revision {revision} has no {role} sign-off",
                            revision=newest.revision,
                            role=ROLE_TITLES[role],
                        ),
                        Text(
                            "add `{key}: {{name: …, date: …}}` to the last history entry, or set status: 草稿", key=role
                        ),
                    )
                )
    return problems
