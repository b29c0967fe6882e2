"""Names of fillable-PDF fields, shared by the PDF renderer and the record reader.

A filled PDF must map back to the form's JSON record without guessing, so both sides use
these functions. Dots are avoided because AcroForm treats them as hierarchy separators.

  text-like field      → `<id>`
  checkbox             → `<id>`                        (checked / unchecked)
  choice               → `<id>`                        (radio group, one state per option)
  multi_choice option  → `<id>__o<option index, 1-based>`
  signature            → `<id>__name` and `<id>__date`
  table cell           → `<table id>__r<row, 1-based>__<column id>`
"""

from __future__ import annotations

SEPARATOR = "__"


def field_name(field_id: str) -> str:
    return field_id


def option_name(field_id: str, option_index: int) -> str:
    """Checkbox of the `option_index`-th option (1-based) of a multi-choice field."""
    return f"{field_id}{SEPARATOR}o{option_index}"


def signature_part_name(field_id: str, part: str) -> str:
    """`part` is `name` or `date`."""
    return f"{field_id}{SEPARATOR}{part}"


def table_cell_name(table_id: str, row: int, column_id: str) -> str:
    """Cell of a log table; `row` is 1-based, as printed on the form."""
    return f"{table_id}{SEPARATOR}r{row}{SEPARATOR}{column_id}"
