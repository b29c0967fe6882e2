"""The layout of a form as a paper sheet: what `templates/shared/form_body.html` draws.

The site preview, the blank PDF and the fillable PDF all draw a form from this one view, so
the three can never disagree about where a field sits or what a fillable field is called.
Fields flow into rows of a four-unit grid (a field's `width` is its share of a row); a row
that cannot take the next field is closed by widening its last field, so every row of the
printed table is a clean rectangle. Log tables break the flow and take the full width.

A Jinja environment that renders `shared/form_body.html` needs `install(environment)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

import jinja2

from generator import fieldnames
from generator.model import FieldType, Form, FormField, FormSection

GRID_UNITS = 4

CHINESE_COUNTS = "零一两三四五六七八九"

# Share of a log table's width per column type; widened further for long labels.
COLUMN_WEIGHTS: dict[FieldType, float] = {
    FieldType.TEXT: 3.0,
    FieldType.MULTILINE: 4.5,
    FieldType.DATE: 2.4,
    FieldType.TIME: 1.8,
    FieldType.DATETIME: 3.2,
    FieldType.NUMBER: 1.6,
    FieldType.MONEY: 2.0,
    FieldType.PHONE: 2.8,
    FieldType.CHOICE: 2.4,
    FieldType.MULTI_CHOICE: 3.0,
    FieldType.CHECKBOX: 1.2,
    FieldType.SIGNATURE: 2.2,
}
ROW_NUMBER_WEIGHT = 1.0
LABEL_WEIGHT_PER_CHARACTER = 0.75

# HTML input types of the fillable twin; WeasyPrint makes every one of them a /Tx field.
INPUT_TYPES: dict[FieldType, str] = {
    FieldType.TEXT: "text",
    FieldType.DATE: "date",
    FieldType.TIME: "time",
    FieldType.DATETIME: "datetime-local",
    FieldType.NUMBER: "number",
    FieldType.MONEY: "number",
    FieldType.PHONE: "tel",
    FieldType.SIGNATURE: "text",
    FieldType.MULTILINE: "text",
}


@dataclass(frozen=True)
class GridCell:
    """One field on the grid: a label cell and a value cell, together `span` units wide."""

    field: FormField
    span: int

    @property
    def has_label_cell(self) -> bool:
        """A lone checkbox is its own label (☐ 已检查配齐), so it takes the whole span."""
        return self.field.type is not FieldType.CHECKBOX

    @property
    def value_columns(self) -> int:
        """Table columns of the value cell: the grid has a label and a value column per unit."""
        return 2 * self.span - (1 if self.has_label_cell else 0)


@dataclass(frozen=True)
class GridBlock:
    rows: tuple[tuple[GridCell, ...], ...]
    kind: str = "grid"


@dataclass(frozen=True)
class LogColumn:
    field: FormField
    width_percent: float


@dataclass(frozen=True)
class TableBlock:
    """A log table: a header row that repeats on every page, then `rows` blank rows."""

    field: FormField
    columns: tuple[LogColumn, ...]
    row_number_percent: float
    show_caption: bool
    kind: str = "table"

    @property
    def row_numbers(self) -> range:
        return range(1, self.field.rows + 1)


@dataclass(frozen=True)
class SectionView:
    section: FormSection
    blocks: tuple[GridBlock | TableBlock, ...]


@dataclass(frozen=True)
class FormSheet:
    """Everything the template needs about one form, names included."""

    form: Form
    sections: tuple[SectionView, ...]
    copies_text: str
    names: ModuleType = fieldnames

    @property
    def orientation_class(self) -> str:
        return f"hf-{self.form.orientation}"

    @staticmethod
    def input_type(field: FormField) -> str:
        return INPUT_TYPES.get(field.type, "text")


def pack_grid(fields: tuple[FormField, ...]) -> tuple[tuple[GridCell, ...], ...]:
    """Rows of at most four units; a field that does not fit starts a new row."""
    rows: list[list[GridCell]] = []
    used = GRID_UNITS
    for field in fields:
        width = min(field.width, GRID_UNITS)
        if used + width > GRID_UNITS:
            _close_row(rows)
            rows.append([])
            used = 0
        rows[-1].append(GridCell(field, width))
        used += width
    _close_row(rows)
    return tuple(tuple(row) for row in rows)


def _close_row(rows: list[list[GridCell]]) -> None:
    """Widen the last field of the last row so the row fills the whole width."""
    if not rows or not rows[-1]:
        return
    row = rows[-1]
    used = sum(cell.span for cell in row)
    last = row[-1]
    row[-1] = GridCell(last.field, last.span + GRID_UNITS - used)


def column_weight(column: FormField) -> float:
    label_length = len(column.label) + (len(column.unit) + 2 if column.unit else 0)
    return max(COLUMN_WEIGHTS.get(column.type, 3.0), label_length * LABEL_WEIGHT_PER_CHARACTER)


def table_block(field: FormField, section: FormSection) -> TableBlock:
    weights = [column_weight(column) for column in field.columns]
    total = ROW_NUMBER_WEIGHT + sum(weights)
    columns = tuple(LogColumn(column, round(100 * weight / total, 2)) for column, weight in zip(field.columns, weights))
    return TableBlock(field, columns, round(100 * ROW_NUMBER_WEIGHT / total, 2),
                      show_caption=field.label != section.title)


def section_blocks(section: FormSection) -> tuple[GridBlock | TableBlock, ...]:
    """Runs of ordinary fields become grids; every table field is a block of its own."""
    blocks: list[GridBlock | TableBlock] = []
    pending: list[FormField] = []
    for field in section.fields:
        if field.type is FieldType.TABLE:
            if pending:
                blocks.append(GridBlock(pack_grid(tuple(pending))))
                pending = []
            blocks.append(table_block(field, section))
        else:
            pending.append(field)
    if pending:
        blocks.append(GridBlock(pack_grid(tuple(pending))))
    return tuple(blocks)


def copies_text(form: Form) -> str:
    """一式两份，客户与公司各执一份。 — empty for a single copy without a note."""
    parts = []
    if form.copies > 1:
        parts.append(f"本表一式{CHINESE_COUNTS[form.copies]}份")
    if form.copies_note:
        parts.append(form.copies_note.rstrip("。"))
    return "，".join(parts) + "。" if parts else ""


def form_sheet(form: Form) -> FormSheet:
    sections = tuple(SectionView(section, section_blocks(section)) for section in form.sections)
    return FormSheet(form, sections, copies_text(form))


def install(environment: jinja2.Environment) -> None:
    """Give `environment` what `shared/form_body.html` calls."""
    environment.globals["form_sheet"] = form_sheet
