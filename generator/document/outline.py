"""The numbered clause tree of a document: what every renderer lays out.

Authors never type clause numbers; they are derived here from the nesting and the
document's numbering style, so inserting a clause renumbers the rest and the site, the PDF
and the redline always agree. Anchors are built from positions, not from the style, so a
link to `#c-3-2-1` survives a change of style.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from generator.source.model import Chapter, Document, Handbook, NumberingStyle, Responsibility, Step

CHINESE_DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# One entry per nesting level; "dotted" joins the indices of all dotted ancestors (4.2.1).
LEVEL_FORMATS: dict[NumberingStyle, tuple[str, ...]] = {
    NumberingStyle.DECIMAL: ("dotted", "dotted", "dotted", "letter", "parenthesized"),
    NumberingStyle.DECIMAL_DEEP: ("dotted", "dotted", "dotted", "dotted", "letter", "parenthesized"),
    NumberingStyle.CHINESE: ("chinese", "chinese_parenthesized", "arabic_dot", "parenthesized", "circled", "letter"),
    NumberingStyle.ARTICLE: ("article", "chinese_parenthesized", "arabic_dot", "parenthesized", "circled"),
    NumberingStyle.LIST: ("arabic_comma", "parenthesized", "circled", "letter"),
}


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 28 → 二十八 (enough for any clause count)."""
    if value < 10:
        return CHINESE_DIGITS[value]
    tens, units = divmod(value, 10)
    if value < 100:
        return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[units] if units else "")
    return str(value)


def format_label(kind: str, indices: tuple[int, ...], dotted_prefix: tuple[int, ...]) -> str:
    index = indices[-1]
    if kind == "dotted":
        return ".".join(str(part) for part in dotted_prefix + (index,))
    if kind == "letter":
        return f"{chr(ord('a') + (index - 1) % 26)})"
    if kind == "parenthesized":
        return f"（{index}）"
    if kind == "circled":
        return CIRCLED[index - 1] if index <= len(CIRCLED) else f"（{index}）"
    if kind == "chinese":
        return f"{chinese_number(index)}、"
    if kind == "chinese_parenthesized":
        return f"（{chinese_number(index)}）"
    if kind == "article":
        return f"第{chinese_number(index)}条"
    if kind == "arabic_dot":
        return f"{index}."
    return f"{index}、"  # arabic_comma


@dataclass(frozen=True)
class Clause:
    """One numbered (or unnumbered heading) clause, ready to lay out."""

    label: str  # as printed: "3.1.2", "一、", "a)", "" for unnumbered headings
    anchor: str  # "c-3-1-2"
    level: int
    kind: str  # purpose | scope | definitions | responsibilities | party | duty | step | item
    title: str | None = None
    text: str | None = None
    step: Step | None = None
    party: str | None = None
    children: tuple[Clause, ...] = field(default=())

    @property
    def owners(self) -> tuple[str, ...]:
        if self.step is not None:
            return self.step.owners
        return (self.party,) if self.party else ()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class _Numberer:
    """Hands out labels level by level in one document's style."""

    def __init__(self, style: NumberingStyle):
        self.formats = LEVEL_FORMATS[style]

    def kind_at(self, level: int) -> str:
        return self.formats[min(level, len(self.formats)) - 1]

    def label(self, level: int, indices: tuple[int, ...], dotted_prefix: tuple[int, ...]) -> str:
        return format_label(self.kind_at(level), indices, dotted_prefix)

    def child_dotted_prefix(self, level: int, dotted_prefix: tuple[int, ...], index: int) -> tuple[int, ...]:
        return dotted_prefix + (index,) if self.kind_at(level) == "dotted" else ()


def _anchor(path: tuple[int, ...]) -> str:
    return "c-" + "-".join(str(part) for part in path)


def _build_steps(
    numberer: _Numberer, steps: tuple[Step, ...], level: int, path: tuple[int, ...], dotted_prefix: tuple[int, ...]
) -> tuple[Clause, ...]:
    clauses = []
    index = 0
    for position, step in enumerate(steps, start=1):
        if not step.numbered:
            heading_path = path + (0, position)
            children = _build_steps(numberer, step.steps, level, heading_path, dotted_prefix)
            clauses.append(
                Clause(
                    "",
                    _anchor(heading_path),
                    level,
                    "step",
                    step.title,
                    step.text,
                    step,
                    children=children + _items(numberer, step, level, heading_path, dotted_prefix),
                )
            )
            continue
        index += 1
        step_path = path + (index,)
        label = numberer.label(level, step_path, dotted_prefix)
        prefix = numberer.child_dotted_prefix(level, dotted_prefix, index)
        children = _build_steps(numberer, step.steps, level + 1, step_path, prefix)
        children += _items(numberer, step, level + 1, step_path, prefix, start=len(children))
        clauses.append(Clause(label, _anchor(step_path), level, "step", step.title, step.text, step, children=children))
    return tuple(clauses)


def _items(
    numberer: _Numberer, step: Step, level: int, path: tuple[int, ...], dotted_prefix: tuple[int, ...], start: int = 0
) -> tuple[Clause, ...]:
    clauses = []
    for offset, item in enumerate(step.items, start=start + 1):
        item_path = path + (offset,)
        clauses.append(
            Clause(numberer.label(level, item_path, dotted_prefix), _anchor(item_path), level, "item", text=item)
        )
    return tuple(clauses)


def _duty_text(party: str, duty: str) -> str:
    return duty if duty.startswith(party) else f"{party}：{duty}"


def _responsibility_clauses(
    numberer: _Numberer, responsibilities: tuple[Responsibility, ...], path: tuple[int, ...], prefix: tuple[int, ...]
) -> tuple[Clause, ...]:
    """One party → its duties directly; several → a sub-clause per party, duties beneath."""
    if len(responsibilities) == 1:
        only = responsibilities[0]
        return tuple(
            Clause(
                numberer.label(2, path + (index,), prefix),
                _anchor(path + (index,)),
                2,
                "duty",
                text=duty,
                party=only.party,
            )
            for index, duty in enumerate(only.duties, start=1)
        )
    clauses = []
    for index, responsibility in enumerate(responsibilities, start=1):
        party_path = path + (index,)
        label = numberer.label(2, party_path, prefix)
        if len(responsibility.duties) == 1:
            clauses.append(
                Clause(
                    label,
                    _anchor(party_path),
                    2,
                    "party",
                    text=_duty_text(responsibility.party, responsibility.duties[0]),
                    party=responsibility.party,
                )
            )
            continue
        child_prefix = numberer.child_dotted_prefix(2, prefix, index)
        duties = tuple(
            Clause(
                numberer.label(3, party_path + (number,), child_prefix),
                _anchor(party_path + (number,)),
                3,
                "duty",
                text=duty,
                party=responsibility.party,
            )
            for number, duty in enumerate(responsibility.duties, start=1)
        )
        clauses.append(
            Clause(
                label,
                _anchor(party_path),
                2,
                "party",
                title=responsibility.party,
                party=responsibility.party,
                children=duties,
            )
        )
    return tuple(clauses)


def build_outline(document: Document, style: NumberingStyle) -> tuple[Clause, ...]:
    """The whole clause tree of `document`: chapters in `outline` order, then the body."""
    numberer = _Numberer(style)
    clauses: list[Clause] = []
    number = 0
    for chapter in document.outline:
        if chapter is Chapter.BODY:
            body = _build_steps(numberer, document.body, 1, (), ())
            # body numbering continues after the chapters already placed
            clauses.extend(_renumber_top(numberer, body, number))
            number += sum(1 for clause in body if clause.label)
            continue
        clause = _chapter_clause(numberer, document, chapter, number + 1)
        if clause is not None:
            clauses.append(clause)
            number += 1
    return tuple(clauses)


def _chapter_clause(numberer: _Numberer, document: Document, chapter: Chapter, index: int) -> Clause | None:
    label = numberer.label(1, (index,), ())
    anchor = _anchor((index,))
    title = getattr(document.headings, chapter.value)
    prefix = numberer.child_dotted_prefix(1, (), index)
    if chapter is Chapter.PURPOSE and document.purpose:
        return Clause(label, anchor, 1, "purpose", title, document.purpose)
    if chapter is Chapter.SCOPE and document.scope:
        return Clause(label, anchor, 1, "scope", title, document.scope)
    if chapter is Chapter.DEFINITIONS and document.definitions:
        children = tuple(
            Clause(
                numberer.label(2, (index, position), prefix),
                _anchor((index, position)),
                2,
                "definition",
                definition.term,
                definition.definition,
            )
            for position, definition in enumerate(document.definitions, start=1)
        )
        return Clause(label, anchor, 1, "definitions", title, children=children)
    if chapter is Chapter.RESPONSIBILITIES and document.responsibilities:
        children = _responsibility_clauses(numberer, document.responsibilities, (index,), prefix)
        return Clause(label, anchor, 1, "responsibilities", title, children=children)
    return None


def _renumber_top(numberer: _Numberer, body: tuple[Clause, ...], offset: int) -> tuple[Clause, ...]:
    """Shift the body's numbers by the chapters before it (目的 1, 范围 2 → body starts at 3)."""
    if offset == 0:
        return body
    shifted = []
    index = offset
    for clause in body:
        if not clause.label or clause.step is None:
            shifted.append(clause)  # an unnumbered group restarts its own numbering: nothing to shift
            continue
        index += 1
        shifted.append(_rebuild(numberer, clause.step, index))
    return tuple(shifted)


def _rebuild(numberer: _Numberer, step: Step, index: int) -> Clause:
    path = (index,)
    label = numberer.label(1, path, ())
    prefix = numberer.child_dotted_prefix(1, (), index)
    children = _build_steps(numberer, step.steps, 2, path, prefix)
    children += _items(numberer, step, 2, path, prefix, start=len(children))
    return Clause(label, _anchor(path), 1, "step", step.title, step.text, step, children=children)


@lru_cache(maxsize=4096)
def document_outline(handbook: Handbook, number: str) -> tuple[Clause, ...]:
    document = handbook.documents_by_number[number]
    return build_outline(document, handbook.numbering_of(document))


def outline_for(handbook: Handbook, document: Document) -> tuple[Clause, ...]:
    """The working copy's (cached) outline, or an archived revision's own: the site and
    the PDFs both lay out earlier revisions, which must never hit the working copy's cache."""
    if handbook.documents_by_number.get(document.number) is document:
        return document_outline(handbook, document.number)
    return build_outline(document, handbook.numbering_of(document))


def iter_clauses(clauses: tuple[Clause, ...]):
    for clause in clauses:
        yield from clause.walk()
