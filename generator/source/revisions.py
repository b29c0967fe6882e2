"""Revision schemes: parsing, ordering and bumping revision labels.

The seeds use two schemes: `A/00` (SQ/WI0727) and `A0` (YTCXQP034). Both are a major letter
and a minor counter; only the spelling differs, so one ordered key serves both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.source.model import RevisionScheme

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
