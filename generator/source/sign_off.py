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
from generator.source.load import LoadedFile
from generator.source.model import Document, Revision, Settings, Status

ROLES = ("prepared", "reviewed", "approved")
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
            f"{name} may not sign {title} of a {document_type}",
            f"handbook.yml sign_off allows {'、'.join(allowed)} to sign {title} of a {document_type}",
        )
    if rules.distinct_signers:
        for other in ROLES:
            signature = getattr(entry, other)
            if other != role and signature is not None and signature.name == name:
                return (
                    f"{name} already signed {ROLE_TITLES[other]} of {entry.revision}; one person may not also sign {title}",
                    "编制, 审核 and 批准 are three different people (handbook.yml sign_off.distinct_signers)",
                )
    return None


def _entry_problems(
    settings: Settings, document: Document, source: LoadedFile, index: int, today: datetime.date
) -> Iterator[Diagnostic]:
    entry = document.history[index]
    earlier: dict[str, object] = {}
    for role in ROLES:
        signature = getattr(entry, role)
        if signature is None:
            continue
        place = ("history", index, role)
        if signature.date > today:
            yield source.error(
                place + ("date",),
                f"{ROLE_TITLES[role]} of {entry.revision} is dated {signature.date}, after today ({today})",
                "a signature is recorded on or after the day it is given, never ahead of it",
            )
        checked = entry.model_copy(update={other: None for other in ROLES if other not in earlier})
        refusal = signer_refusal(settings, document.type, checked, role, signature.name)
        if refusal is not None:
            yield source.error(place + ("name",), *refusal)
        earlier[role] = signature


def _withdrawal_problems(document: Document, source: LoadedFile, today: datetime.date) -> Iterator[Diagnostic]:
    withdrawal = document.withdrawal
    if withdrawal is not None and document.status is not Status.OBSOLETE:
        yield source.error(
            ("withdrawal",),
            f"a withdrawal is recorded but the status is {document.status.value}",
            "set status: 已作废, or remove the withdrawal; `handbook withdraw` does both",
        )
    if withdrawal is None and document.status is Status.OBSOLETE:
        position = source.position_of(("status",))
        yield warning(
            source.display_path,
            position.line,
            position.column,
            f"{document.number} is 已作废 without a withdrawal date and reason",
            'record them: `withdrawal: {date: YYYY-MM-DD, reason: "…"}` (what `handbook withdraw` writes)',
        )
    if withdrawal is not None and withdrawal.date < document.effective:
        yield source.error(
            ("withdrawal", "date"),
            f"withdrawn on {withdrawal.date}, before revision {document.revision} took effect ({document.effective})",
            f"withdraw on or after {document.effective}",
        )


def _review_problems(document: Document, source: LoadedFile, today: datetime.date) -> Iterator[Diagnostic]:
    previous = document.effective
    for index, review in enumerate(document.reviews):
        if review.date > today:
            yield source.error(
                ("reviews", index, "date"),
                f"the review is dated {review.date}, after today ({today})",
                "record a review on or after the day it took place",
            )
        if review.date < previous:
            yield source.error(
                ("reviews", index, "date"),
                f"the review dated {review.date} is before {previous} (revision {document.revision} or the review before)",
                "reviews of the current revision come after it took effect, oldest first",
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
