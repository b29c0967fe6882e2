"""Revision schemes: parsing, ordering and bumping revision labels.

The seeds use two schemes: `A/00` (SQ/WI0727) and `A0` (YTCXQP034). Both are a major letter
and a minor counter; only the spelling differs, so one ordered key serves both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import overload

from generator.source.model import Document, RevisionScheme, Settings

_PATTERNS = {
    RevisionScheme.SLASHED: re.compile(r"^(?P<major>[A-Z])/(?P<minor>\d{2})$"),
    RevisionScheme.COMPACT: re.compile(r"^(?P<major>[A-Z])(?P<minor>\d{1,2})$"),
}

EXAMPLES = {RevisionScheme.SLASHED: "A/00, A/01, B/00", RevisionScheme.COMPACT: "A0, A1, B0"}


@dataclass(frozen=True, order=True)
class RevisionKey:
    major: str
    minor: int


def parse_revision(label: str, scheme: RevisionScheme) -> RevisionKey | None:
    """The ordered key of `label`, or None when it is not spelled in `scheme`."""
    match = _PATTERNS[scheme].match(label)
    if match is None:
        return None
    return RevisionKey(match["major"], int(match["minor"]))


@overload
def revision_scheme_of(document: Document, settings: Settings | RevisionScheme) -> RevisionScheme: ...
@overload
def revision_scheme_of(document: Document, settings: None) -> RevisionScheme | None: ...
def revision_scheme_of(document: Document, settings: Settings | RevisionScheme | None) -> RevisionScheme | None:
    """The scheme a document's labels are written in: its own `revision_scheme`, else the
    handbook's (settings, or the settings' scheme itself). The one resolver every stage uses.

    None only when neither is known (a git version read without the settings); callers then
    let the label's spelling decide (`parse_revision_any`)."""
    own = getattr(document, "revision_scheme", None)  # a form has none of its own
    if own is not None:
        return own
    if isinstance(settings, Settings):
        return settings.revision_scheme
    return settings


def parse_revision_any(label: str, scheme: RevisionScheme | None) -> RevisionKey | None:
    """Like `parse_revision`, but with no known scheme the label's own spelling decides
    (A/00 and A0 cannot be confused)."""
    if scheme is not None:
        return parse_revision(label, scheme)
    for candidate in RevisionScheme:
        key = parse_revision(label, candidate)
        if key is not None:
            return key
    return None


def format_revision(key: RevisionKey, scheme: RevisionScheme) -> str:
    if scheme is RevisionScheme.SLASHED:
        return f"{key.major}/{key.minor:02d}"
    return f"{key.major}{key.minor}"


def next_revision(label: str, scheme: RevisionScheme, *, major: bool = False) -> str:
    """A/00 → A/01 (A0 → A1); with `major`, A → B and the minor counter restarts at 0."""
    key = parse_revision(label, scheme)
    if key is None:
        raise ValueError(f"{label!r} is not a revision in scheme {scheme.value}")
    if major:
        if key.major == "Z":
            raise ValueError("no major revision after Z")
        return format_revision(RevisionKey(chr(ord(key.major) + 1), 0), scheme)
    return format_revision(RevisionKey(key.major, key.minor + 1), scheme)
