"""The document types a new handbook can start with, and how their numbers are spelled.

A company names its types in Chinese (程序文件, 作业指导书 …) and files them under a short
code (QP, WI …). `handbook init --types` accepts either, so a document controller can type
what is on the cover of their existing manual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.diagnostics import HandbookError, error
from generator.messages import Text


@dataclass(frozen=True)
class TypeChoice:
    """One document type of a new handbook: its name, code and default clause numbering."""

    name: str
    code: str
    numbering: str

    def number_pattern(self, prefix: str) -> str:
        """`^QP-\\d{3}$`, or `^ACME/QP-\\d{3}$` with a company prefix: three digits per type."""
        lead = f"{re.escape(prefix)}/" if prefix else ""
        return f"^{lead}{self.code}-\\d{{3}}$"

    def first_number(self, prefix: str) -> str:
        """The number of the first document of this type, e.g. QP-001 (matches number_pattern)."""
        lead = f"{prefix}/" if prefix else ""
        return f"{lead}{self.code}-001"


CATALOGUE = (
    TypeChoice("程序文件", "QP", "decimal"),
    TypeChoice("作业指导书", "WI", "decimal"),
    TypeChoice("管理制度", "GZ", "chinese"),
    TypeChoice("岗位职责", "GW", "list"),
    TypeChoice("工作标准", "BZ", "chinese"),
    TypeChoice("操作规程", "CZ", "list"),
)
DEFAULT_TYPES = "程序文件,作业指导书"
PREFIX_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{0,9}$")


def choose_types(spelled: str) -> tuple[TypeChoice, ...]:
    """The types named in `--types` (names or codes, comma-separated), in the order given."""
    by_key = {choice.name: choice for choice in CATALOGUE} | {choice.code: choice for choice in CATALOGUE}
    words = [word.strip() for word in re.split(r"[,，、\s]+", spelled) if word.strip()]
    unknown = [word for word in words if word.upper() not in by_key and word not in by_key]
    if unknown or not words:
        known = "、".join(f"{choice.name}（{choice.code}）" for choice in CATALOGUE)
        raise HandbookError(
            [
                error(
                    "--types",
                    1,
                    1,
                    Text("unknown document type '{name}'", name=word) if word else Text("no document type given"),
                    Text("choose from {known}, comma-separated, e.g. --types 程序文件,作业指导书", known=known),
                )
                for word in unknown or [""]
            ]
        )
    chosen = [by_key.get(word) or by_key[word.upper()] for word in words]
    return tuple(dict.fromkeys(chosen))


def check_prefix(prefix: str) -> str:
    """The company prefix of document numbers (`ACME` in ACME/QP-001), or a HandbookError."""
    if prefix and not PREFIX_PATTERN.match(prefix):
        raise HandbookError(
            [
                error(
                    "--prefix",
                    1,
                    1,
                    Text("prefix '{prefix}' cannot start a document number", prefix=prefix),
                    Text("use 1 to 10 capital letters or digits, starting with a letter, e.g. --prefix ACME"),
                )
            ]
        )
    return prefix
