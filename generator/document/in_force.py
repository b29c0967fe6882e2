"""What is in force on a date: the one answer every output asks for.

A controlled manual promises that a reader sees exactly the approved text in force and
nothing else. So there is one rule, here, and every output (document pages, the register,
controlled copies, the manual, time limits, the matrix, the changelog, form pages) takes
its documents from `in_force_handbook`, never from the working copy:

- of the issued revisions (released, read from git), the newest whose effective date has
  come is in force (现行);
- issued revisions after it are 待生效 (pending) until their date, and the one before
  stays in force until then;
- issued revisions before it are 已被替代 (superseded);
- a withdrawn document (已作废) has nothing in force from its withdrawal date on;
- a working copy that is not released (草稿) is never in force.

Drafts, pending and superseded revisions are shown only on their own archive pages and
PDFs, each marked on every page.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class VersionState(enum.StrEnum):
    """The state of one version of a document on a given date."""

    IN_FORCE = "现行"
    PENDING = "待生效"  # released, but its effective date is still ahead
    SUPERSEDED = "已被替代"
    DRAFT = "草稿"
    WITHDRAWN = "已作废"


class Dated(Protocol):
    @property
    def effective(self) -> datetime.date: ...


Version = TypeVar("Version", bound=Dated)


@dataclass(frozen=True)
class InForce(Generic[Version]):
    """Which issued revision applies on `on`, which are still to come, which are past."""

    on: datetime.date
    current: Version | None
    pending: tuple[Version, ...]
    superseded: tuple[Version, ...]

    def state_of(self, version: Version) -> VersionState:
        if version is self.current:
            return VersionState.IN_FORCE
        if any(item is version for item in self.pending):
            return VersionState.PENDING
        return VersionState.SUPERSEDED


def in_force(issued: Iterable[Version], on: datetime.date) -> InForce[Version]:
    """The revision in force on `on`: the last issued one (in revision order) whose date has come.

    A revision released with a future effective date is pending and the one before it stays
    in force until then; a revision issued before the one in force is superseded (even one
    whose date never came, since a later revision replaced it first).
    """
    versions = list(issued)
    started = [index for index, version in enumerate(versions) if version.effective <= on]
    if not started:
        return InForce(on, None, tuple(versions), ())
    current = started[-1]
    return InForce(on, versions[current], tuple(versions[current + 1 :]), tuple(versions[:current]))
