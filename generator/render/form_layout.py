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

from generator.source import fieldnames
from generator.source.field_types import spec_of
from generator.source.model import FieldType, Form, FormField, FormSection

GRID_UNITS = 4
WRITING_LINE_MM = 7.5  # pitch of the ruled lines of a handwriting area
COMPACT_WRITING_LINE_MM = 6.5  # in the compact sheet (see FormSheet.compact)

CHINESE_COUNTS = "零一两三四五六七八九"

ROW_NUMBER_MM = 9.0
HEADER_CHARACTER_MM = 3.4  # one character of the 9.5 pt header text
HEADER_LINES = 2  # a column header may wrap onto two lines, not more
UNIT_WIDE_CHARACTER_MM = 3.6  # a hanzi of the unit beside a value (小时)
UNIT_NARROW_CHARACTER_MM = 2.0  # a Latin letter or digit of it (km, m3)


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
    compact: bool = False  # tighter rows, for a form that would spill a little onto another page
    names: ModuleType = fieldnames

    @property
    def css_classes(self) -> str:
        return f"hf-form hf-{self.form.orientation}" + (" hf-compact" if self.compact else "")

    @staticmethod
    def input_type(field: FormField) -> str:
        """The HTML input type of a text field of the fillable twin (field-type registry);
        WeasyPrint makes every one of them a /Tx field."""
        input_type = spec_of(field.type).input_type
        if input_type is None:
            raise ValueError(f"a {field.type.value} field has no text input")
        return input_type

    @staticmethod
    def tooltip(field: FormField, label: str, in_table: bool = False) -> str:
        """What a fillable field says on hover (its PDF `/TU`): label, 必填, how to write it.

        `render/pdf/acroform.py` sets the Required flag of a field whose tooltip says 必填; a
        table cell is never required on its own (a row left empty is no row).
        """
        text = label + ("（必填）" if field.required and not in_table else "")
        expected = spec_of(field.type).expected_writing
        return f"{text}；{expected}" if expected else text

    @staticmethod
    def unit_clearance(unit: str) -> str:
        """Inline style that keeps a fillable field clear of its unit (小时, km): typed text
        must never run under the printed unit, whatever the unit's length."""
        if not unit:
            return ""
        width = sum(
            UNIT_WIDE_CHARACTER_MM if ord(character) > 0x2E7F else UNIT_NARROW_CHARACTER_MM for character in unit
        )
        return f"margin-right: {width + 1.5:.1f}mm"

    def writing_style(self, field: FormField) -> str:
        """Inline style of a handwriting area: `lines` ruled lines; the last falls outside."""
        pitch = COMPACT_WRITING_LINE_MM if self.compact else WRITING_LINE_MM
        return f"height: {field.lines * pitch - 1:g}mm; background-size: 100% {pitch:g}mm"


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


def column_width(column: FormField) -> float:
    """Natural width in mm: the type's, or more when the header would need three lines."""
    header = column.label + (f"（{column.unit}）" if column.unit else "")
    header_mm = -(-len(header) // HEADER_LINES) * HEADER_CHARACTER_MM + 2.5
    width = spec_of(column.type).column_width_mm  # the type's natural width (field-type registry)
    if width is None:
        raise ValueError(f"a {column.type.value} field cannot be a table column")
    return max(width, header_mm)


def table_block(field: FormField, section: FormSection) -> TableBlock:
    widths = [column_width(column) for column in field.columns]
    total = ROW_NUMBER_MM + sum(widths)
    columns = tuple(LogColumn(column, round(100 * width / total, 2)) for column, width in zip(field.columns, widths))
    return TableBlock(field, columns, round(100 * ROW_NUMBER_MM / total, 2), show_caption=field.label != section.title)


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


def form_sheet(form: Form, compact: bool = False) -> FormSheet:
    sections = tuple(SectionView(section, section_blocks(section)) for section in form.sections)
    return FormSheet(form, sections, copies_text(form), compact)


def install(environment: jinja2.Environment) -> None:
    """Give `environment` what `shared/form_body.html` calls."""
    environment.globals["form_sheet"] = form_sheet
