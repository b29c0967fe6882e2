"""Redlines: what changed between two revisions of a document, clause by clause.

A reviewer signing 审核 or 批准 needs to see exactly what a revision changes, and a reader of
the archive needs the same for any two issued revisions. The comparison works on the numbered
clause trees (`outline.build_outline`), so it speaks in the clause numbers people see.

Clauses are first aligned on their exact content with difflib.SequenceMatcher: unchanged
clauses anchor the alignment even when numbers shifted, so an inserted clause is one
addition, not a change of every later clause. Between anchors, runs of equal length are
paired by position (same place, new wording) and runs of unequal length by text similarity.
Text changes carry inline segments — words for Latin text, single characters for Chinese —
ready to be rendered as <del>/<ins>. This module only computes; templates render.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple

from generator.document.outline import Clause, build_outline
from generator.source.model import Document, NumberingStyle, RecordEntry, Step

SIMILAR_ENOUGH = 0.5  # below this, a removed and an added clause are not "the same clause changed"
MAX_ALIGNMENT_CELLS = 40_000  # larger unmatched runs fall back to position pairing
HEADER_FIELDS = ("title", "purpose", "scope", "department")
# Every controlled fact of a clause besides its words: a change of owner alone is a change.
FACT_NAMES = {
    "owner": "责任",
    "time_limit": "时限",
    "frequency": "频次",
    "thresholds": "阈值",
    "forms": "表单",
    "documents": "引用文件",
}
FIELD_NAMES = {"title": "标题", "text": "正文", "notes": "注"} | FACT_NAMES
COMPARED_KINDS = {"step", "item", "definition"}  # purpose, scope and responsibilities are compared field by field

_TOKEN = re.compile(r"[A-Za-z0-9_]+(?:[.'’-][A-Za-z0-9_]+)*|\s+|.", re.DOTALL)


class ChangeKind(str, enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Segment(NamedTuple):
    """A piece of an inline diff: op is "equal", "delete" (<del>) or "insert" (<ins>)."""

    op: str
    text: str


@dataclass(frozen=True)
class TextDiff:
    """One text field that changed, with old and new text and the inline segments."""

    field: str
    old: str | None
    new: str | None
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ClauseSnapshot:
    """A clause as it stands in one revision (number, anchor for links, and its text)."""

    label: str
    anchor: str
    level: int
    kind: str
    title: str | None
    text: str | None
    notes: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()  # (name in FACT_NAMES, value as text) of the step


@dataclass(frozen=True)
class ClauseChange:
    kind: ChangeKind
    old: ClauseSnapshot | None
    new: ClauseSnapshot | None
    fields: tuple[TextDiff, ...] = ()  # for CHANGED: the title / text / notes that differ

    @property
    def label(self) -> str:
        """The number to show: the new one, or the old one for a removed clause."""
        shown = self.new or self.old
        assert shown is not None  # a change has an old clause, a new one, or both
        return shown.label


@dataclass(frozen=True)
class ResponsibilityChange:
    """A party added or removed, or its duties changed (each duty diffed like a clause)."""

    kind: ChangeKind
    party: str
    old_duties: tuple[str, ...]
    new_duties: tuple[str, ...]
    duties: tuple[TextDiff, ...] = ()


@dataclass(frozen=True)
class RecordChange:
    kind: ChangeKind
    form: str
    old: RecordEntry | None
    new: RecordEntry | None
    fields: tuple[str, ...] = ()  # for CHANGED: "keeper", "retention"


@dataclass(frozen=True)
class Redline:
    """Everything that differs between two revisions of one document."""

    number: str
    old_revision: str
    new_revision: str
    header: tuple[TextDiff, ...]
    clauses: tuple[ClauseChange, ...]
    responsibilities: tuple[ResponsibilityChange, ...]
    records: tuple[RecordChange, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.header or self.clauses or self.responsibilities or self.records)

    def clauses_of(self, kind: ChangeKind) -> tuple[ClauseChange, ...]:
        return tuple(change for change in self.clauses if change.kind is kind)


# --------------------------------------------------------------------------- inline diff


def tokenize(text: str) -> list[str]:
    """Latin words and numbers stay whole; every Chinese character or mark is its own token."""
    return _TOKEN.findall(text)


def inline_diff(old: str | None, new: str | None) -> tuple[Segment, ...]:
    """(op, text) segments turning `old` into `new`, merged into readable runs."""
    old_tokens, new_tokens = tokenize(old or ""), tokenize(new or "")
    segments: list[Segment] = []
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            segments.append(Segment("equal", "".join(old_tokens[old_start:old_end])))
            continue
        if old_end > old_start:
            segments.append(Segment("delete", "".join(old_tokens[old_start:old_end])))
        if new_end > new_start:
            segments.append(Segment("insert", "".join(new_tokens[new_start:new_end])))
    return tuple(_absorb_short_equalities(segments))


def _merge_neighbours(segments: list[Segment]) -> list[Segment]:
    """Join consecutive segments of the same op; deletions before insertions in a change run."""
    merged: list[Segment] = []
    run: dict[str, str] = {}
    for segment in segments + [Segment("equal", "")]:
        if segment.op != "equal":
            run[segment.op] = run.get(segment.op, "") + segment.text
            continue
        merged += [Segment(op, run[op]) for op in ("delete", "insert") if run.get(op)]
        run = {}
        if segment.text:
            if merged and merged[-1].op == "equal":
                merged[-1] = Segment("equal", merged[-1].text + segment.text)
            else:
                merged.append(segment)
    return merged


def _absorb_short_equalities(segments: list[Segment]) -> list[Segment]:
    """A one- or two-character match between edits (a stray 的 or ，) reads as noise: fold it in.

    Character-level diffs of Chinese otherwise shred a rewritten sentence into alternating
    fragments. An equality is folded when it is shorter than the edits on both sides of it.
    """
    segments = _merge_neighbours(segments)
    changed = True
    while changed:
        changed = False
        for index in range(1, len(segments) - 1):
            middle = segments[index]
            if middle.op != "equal" or len(middle.text) > 2:
                continue
            before = _edit_length(segments[:index], reverse=True)
            after = _edit_length(segments[index + 1 :], reverse=False)
            if before > len(middle.text) and after > len(middle.text):
                replaced = [Segment("delete", middle.text), Segment("insert", middle.text)]
                segments = _merge_neighbours(segments[:index] + replaced + segments[index + 1 :])
                changed = True
                break
    return segments


def _edit_length(segments: list[Segment], reverse: bool) -> int:
    """Length of the larger side (deleted or inserted) of the edit run next to a position."""
    lengths = {"delete": 0, "insert": 0}
    for segment in reversed(segments) if reverse else segments:
        if segment.op == "equal":
            break
        lengths[segment.op] += len(segment.text)
    return max(lengths.values())


def text_diff(field: str, old: str | None, new: str | None) -> TextDiff | None:
    if (old or None) == (new or None):
        return None
    return TextDiff(field, old, new, inline_diff(old, new))


# --------------------------------------------------------------------------- clauses


def _facts(step: Step | None) -> tuple[tuple[str, str], ...]:
    """A step's controlled facts as text, so the redline can diff them like words."""
    if step is None:
        return ()
    thresholds = "；".join(f"{item.text}{' → ' + item.action if item.action else ''}" for item in step.thresholds)
    values = {
        "owner": "、".join(step.owners),
        "time_limit": step.time_limit or "",
        "frequency": step.frequency or "",
        "thresholds": thresholds,
        "forms": "、".join(step.forms),
        "documents": "、".join(step.documents),
    }
    return tuple((name, value) for name, value in values.items() if value)


def _snapshot(clause: Clause) -> ClauseSnapshot:
    notes = clause.step.notes if clause.step is not None else ()
    return ClauseSnapshot(
        clause.label, clause.anchor, clause.level, clause.kind, clause.title, clause.text, notes, _facts(clause.step)
    )


def _comparable_clauses(outline: tuple[Clause, ...]) -> list[ClauseSnapshot]:
    """The body (and definitions) in reading order; the chapters are compared field by field."""
    found: list[ClauseSnapshot] = []
    for top in outline:
        for clause in top.walk():
            if clause.kind in COMPARED_KINDS:
                found.append(_snapshot(clause))
    return found


def _content(clause: ClauseSnapshot) -> tuple:
    return (clause.kind, clause.title or "", clause.text or "", clause.notes, clause.facts)


def _similarity(old: ClauseSnapshot, new: ClauseSnapshot) -> float:
    old_text = f"{old.title or ''} {old.text or ''} {' '.join(old.notes)}"
    new_text = f"{new.title or ''} {new.text or ''} {' '.join(new.notes)}"
    return SequenceMatcher(None, old_text, new_text, autojunk=False).ratio()


def _align_by_similarity(
    old: Sequence[ClauseSnapshot], new: Sequence[ClauseSnapshot]
) -> list[tuple[int | None, int | None]]:
    """Order-keeping pairing that maximises total similarity (a small Needleman–Wunsch).

    Pairs below SIMILAR_ENOUGH are not allowed, so a clause that was rewritten beyond
    recognition shows as removed plus added, which is what it is.
    """
    rows, columns = len(old), len(new)
    score = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    similarity = [[_similarity(a, b) for b in new] for a in old]
    for row in range(rows - 1, -1, -1):
        for column in range(columns - 1, -1, -1):
            best = max(score[row + 1][column], score[row][column + 1])
            if similarity[row][column] >= SIMILAR_ENOUGH:
                best = max(best, similarity[row][column] + score[row + 1][column + 1])
            score[row][column] = best
    pairs: list[tuple[int | None, int | None]] = []
    row = column = 0
    while row < rows and column < columns:
        paired = similarity[row][column] + score[row + 1][column + 1]
        if similarity[row][column] >= SIMILAR_ENOUGH and score[row][column] == paired:
            pairs.append((row, column))
            row, column = row + 1, column + 1
        elif score[row][column] == score[row + 1][column]:
            pairs.append((row, None))
            row += 1
        else:
            pairs.append((None, column))
            column += 1
    pairs += [(index, None) for index in range(row, rows)] + [(None, index) for index in range(column, columns)]
    return pairs


def _pair_run(old: Sequence[ClauseSnapshot], new: Sequence[ClauseSnapshot]) -> list[tuple[int | None, int | None]]:
    """Pair a run of clauses that differ: by position when the counts agree, else by similarity."""
    if len(old) == len(new) or len(old) * len(new) > MAX_ALIGNMENT_CELLS:
        common = min(len(old), len(new))
        pairs: list[tuple[int | None, int | None]] = [(index, index) for index in range(common)]
        return (
            pairs
            + [(index, None) for index in range(common, len(old))]
            + [(None, index) for index in range(common, len(new))]
        )
    return _align_by_similarity(old, new)


def _clause_change(old: ClauseSnapshot | None, new: ClauseSnapshot | None) -> ClauseChange | None:
    if old is None:
        return ClauseChange(ChangeKind.ADDED, None, new)
    if new is None:
        return ClauseChange(ChangeKind.REMOVED, old, None)
    candidates = [
        text_diff("title", old.title, new.title),
        text_diff("text", old.text, new.text),
        text_diff("notes", "\n".join(old.notes) or None, "\n".join(new.notes) or None),
    ]
    old_facts, new_facts = dict(old.facts), dict(new.facts)
    candidates += [text_diff(name, old_facts.get(name), new_facts.get(name)) for name in FACT_NAMES]
    fields = [field for field in candidates if field is not None]
    if not fields and old.kind == new.kind:
        return None
    return ClauseChange(ChangeKind.CHANGED, old, new, tuple(fields))


def compare_clauses(old: Sequence[ClauseSnapshot], new: Sequence[ClauseSnapshot]) -> tuple[ClauseChange, ...]:
    """Added, removed and changed clauses, in the order a reader meets them."""
    changes: list[ClauseChange] = []
    matcher = SequenceMatcher(None, [_content(item) for item in old], [_content(item) for item in new], autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        old_run, new_run = old[old_start:old_end], new[new_start:new_end]
        for old_index, new_index in _pair_run(old_run, new_run):
            change = _clause_change(
                None if old_index is None else old_run[old_index], None if new_index is None else new_run[new_index]
            )
            if change is not None:
                changes.append(change)
    return tuple(changes)


# --------------------------------------------------------------------------- responsibilities, records, header


def _duty_changes(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[TextDiff, ...]:
    diffs: list[TextDiff] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        old_run, new_run = old[old_start:old_end], new[new_start:new_end]
        for index in range(max(len(old_run), len(new_run))):
            before = old_run[index] if index < len(old_run) else None
            after = new_run[index] if index < len(new_run) else None
            diff = text_diff("duty", before, after)
            if diff is not None:
                diffs.append(diff)
    return tuple(diffs)


def compare_responsibilities(old: Document, new: Document) -> tuple[ResponsibilityChange, ...]:
    old_parties = {item.party: item.duties for item in old.responsibilities}
    new_parties = {item.party: item.duties for item in new.responsibilities}
    changes: list[ResponsibilityChange] = []
    for party, duties in old_parties.items():
        if party not in new_parties:
            changes.append(ResponsibilityChange(ChangeKind.REMOVED, party, duties, ()))
        elif new_parties[party] != duties:
            changes.append(
                ResponsibilityChange(
                    ChangeKind.CHANGED, party, duties, new_parties[party], _duty_changes(duties, new_parties[party])
                )
            )
    for party, duties in new_parties.items():
        if party not in old_parties:
            changes.append(ResponsibilityChange(ChangeKind.ADDED, party, (), duties))
    return tuple(changes)


def compare_records(old: Document, new: Document) -> tuple[RecordChange, ...]:
    old_records = {record.form: record for record in old.records}
    new_records = {record.form: record for record in new.records}
    changes: list[RecordChange] = []
    for form, record in old_records.items():
        if form not in new_records:
            changes.append(RecordChange(ChangeKind.REMOVED, form, record, None))
        elif new_records[form] != record:
            fields = tuple(
                name for name in ("keeper", "retention") if getattr(record, name) != getattr(new_records[form], name)
            )
            changes.append(RecordChange(ChangeKind.CHANGED, form, record, new_records[form], fields))
    for form, record in new_records.items():
        if form not in old_records:
            changes.append(RecordChange(ChangeKind.ADDED, form, None, record))
    return tuple(changes)


def _related(document: Document) -> str | None:
    return "、".join(item.number or item.title or "" for item in document.related) or None


def _targets(document: Document) -> str | None:
    return "；".join(item.text for item in document.targets) or None


def compare_header(old: Document, new: Document) -> tuple[TextDiff, ...]:
    """Document-wide facts: title, purpose, scope, department, related documents, targets."""
    diffs = [text_diff(name, getattr(old, name), getattr(new, name)) for name in HEADER_FIELDS]
    diffs += [text_diff("related", _related(old), _related(new)), text_diff("targets", _targets(old), _targets(new))]
    return tuple(diff for diff in diffs if diff is not None)


def redline(old: Document, new: Document, old_style: NumberingStyle, new_style: NumberingStyle) -> Redline:
    """What changed from `old` to `new` (each numbered in its own style, as it was issued)."""
    old_clauses = _comparable_clauses(build_outline(old, old_style))
    new_clauses = _comparable_clauses(build_outline(new, new_style))
    return Redline(
        number=new.number,
        old_revision=old.revision,
        new_revision=new.revision,
        header=compare_header(old, new),
        clauses=compare_clauses(old_clauses, new_clauses),
        responsibilities=compare_responsibilities(old, new),
        records=compare_records(old, new),
    )
