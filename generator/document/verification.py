"""What a verify page says about one printed revision: in force, pending, superseded, withdrawn.

The QR code on a printout leads to verify/<number>/<revision>/; that page answers one question
— may I still work from this paper? — from the same facts the rest of the site uses. Every
status comes from `document_status` / `form_status` below and nowhere else, so the day the
handbook gets one resolver of "what is in force on date D", only these two functions change. (Since that resolver landed,
generator/document/in_force.py, `document_status` reads its states through the archive, for
forms as well as documents; `form_status` remains for a form the archive does not know.)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.document.versions import DocumentVersion, DocumentVersions
from generator.source.model import Document, Form

IN_FORCE = "现行"
PENDING = "待生效"
SUPERSEDED = "已被替代"
WITHDRAWN = "已作废"
DRAFT = "草稿"


@dataclass(frozen=True)
class RevisionStatus:
    """The answer for one revision on the build date.

    `since` is the date the state began (in force since, pending from, superseded on, withdrawn
    on); `successor` the revision that replaced this one, `in_force` the one to use instead
    (equal to the successor unless it was itself replaced since).
    """

    number: str
    revision: str
    title: str
    state: str
    since: datetime.date | None
    successor: Document | Form | None = None
    in_force: Document | Form | None = None

    @property
    def usable(self) -> bool:
        return self.state == IN_FORCE


def document_status(versions: DocumentVersions, version: DocumentVersion) -> RevisionStatus:
    """The status of one revision of a document, from generator/document/versions.py."""
    document = version.document
    state = version.state
    successor = _successor(versions, version) if state == SUPERSEDED else None
    in_force = versions.default.document if versions.default.state == IN_FORCE else None
    if state in (IN_FORCE, PENDING):
        since: datetime.date | None = document.effective
    elif state == SUPERSEDED and successor is not None:
        since = successor.effective
    elif state == WITHDRAWN:
        withdrawal = getattr(document, "withdrawal", None)  # forms have no withdrawal block
        since = withdrawal.date if withdrawal is not None else None
    else:
        since = None  # a draft was never issued
    return RevisionStatus(document.number, document.revision, document.title, state, since, successor, in_force)


def _successor(versions: DocumentVersions, version: DocumentVersion) -> Document | Form | None:
    """The issued revision that took over from `version` (drafts never replace anything)."""
    following = versions.successor_of(version)
    while following is not None and following.state == DRAFT:
        following = versions.successor_of(following)
    return following.document if following is not None else None


def form_status(form: Form, build_date: datetime.date) -> RevisionStatus:
    """A form has one revision on the site: in force from its effective date, pending before."""
    state = IN_FORCE if form.effective <= build_date else PENDING
    return RevisionStatus(form.number, form.revision, form.title, state, form.effective)
