"""Numbers in records: amounts as typed into a PDF field, and floats compared exactly.

Money is decimal text ("19.99") in a record, checked by the schema's pattern exactly as any
other validator checks it (see record_schema's module docstring). Amounts read from a PDF
or written as YAML numbers are turned into that text; a JSON number is refused with a hint,
because every other validator of the published schema refuses it too.

A module of its own because reading and checking both need it: the PDF reader parses what
was typed, the YAML reader and the check turn floats into exact decimals, and the messages
show numbers as written.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from typing import Any

_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def parse_number(text: str, unit: str | None = None) -> int | float | str:
    """`1,234.50 元` → 1234.5; text that is no number stays text, so the check can say so.

    Full-width digits (１２．５) are normalised, thousands separators and the unit (or a ¥ sign)
    dropped: that is how people type amounts into a PDF field.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for noise in (",", "，", " ", "¥", "￥", unit or ""):
        if noise:
            cleaned = cleaned.replace(noise, "")
    if not _NUMBER_TEXT.fullmatch(cleaned):
        return text
    if re.fullmatch(r"[+-]?[0-9]+", cleaned):
        return int(cleaned)
    return float(cleaned)


def decimal_text(text: str, unit: str | None = None) -> str:
    """`1,234.50 元` → "1234.50": an amount typed into a PDF field, as the decimal text of a record.

    The digits are kept as typed (no rounding, no float), so a third decimal still fails
    the check; text that is no number stays as it was, so the check can say so.
    """
    number = parse_number(text, unit)
    if isinstance(number, str):
        return text
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for noise in (",", "，", " ", "¥", "￥", unit or ""):
        if noise:
            cleaned = cleaned.replace(noise, "")
    cleaned = cleaned.lstrip("+")
    return "0" + cleaned if cleaned.startswith(".") else cleaned


def exact_numbers(value: Any) -> Any:
    """Floats → Decimal of their shortest text, so bounds compare 19.99 as 19.99, not its binary neighbour.

    Non-finite floats (YAML's .inf, .nan) are no amounts at all: they become text and fail
    the number type with a message that shows them.
    """
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else repr(value)
    if isinstance(value, dict):
        return {key: exact_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [exact_numbers(item) for item in value]
    return value


def plain(value: Any) -> str:
    """A number as plain digits, as written: a Decimal without an exponent."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)
