"""The PDFs of distribution: numbered controlled copies and the 文件发放/回收登记表.

A controlled copy is the document as printed, with 受控, its 分发号 and its holder in the
running footer of every page. The copies of one revision are one `CopyRun`: the body is laid
out once with the footer left blank, the footers of all its copies are laid out once, a page
each (pdf/copy_stamp.html, the same page geometry), and copy i is the body with footer page i
drawn over every page. A running footer is out of the flow, so the body of a copy is exactly
the body of the revision, line for line; and laying a document out once instead of once per
holder is what makes copies cheap (0.03 s to stamp one against ~2 s to lay it out again).
The register of a revision lists its holders with blank 签收/回收 columns and, for a revision
that replaced another, the copies to take back.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from generator.document.distribution import ControlledCopy, RecallPlan
from generator.render import paths
from generator.render.pdf.engine import RenderJob
from generator.render.pdf.print_html import PrintNotice, PrintPages
from generator.render.pdf.shared_fonts import saved_with_shared_fonts
from generator.source.model import Document, Holder

CONTROLLED_COPY_PDF = "controlled-copy-pdf"
REGISTER_PDF = "register-pdf"
STAMP_VERSION = "copy-stamp-2"  # bump when stamped_copy changes its output


@dataclass(frozen=True)
class Register:
    """One revision's 登记表: its holders, and the recall when it replaced a revision."""

    document: Document
    holders: tuple[Holder, ...]
    recall: RecallPlan | None = None


@dataclass(frozen=True)
class CopyRun:
    """Every numbered copy of one revision: one body, one page of footer per copy."""

    document: Document
    copies: tuple[ControlledCopy, ...]
    body: RenderJob  # the document with a blank footer
    stamps: RenderJob  # footer of copies[i] on page i + 1

    def copy_key(self, body_key: str, stamps_key: str, index: int) -> str:
        """Cache key of copy `index`: what it is stamped from, and how."""
        return hashlib.sha256(f"{STAMP_VERSION}\0{body_key}\0{stamps_key}\0{index}".encode()).hexdigest()

    def copy_path(self, index: int) -> str:
        return paths.copy_pdf(self.document.number, self.document.revision, self.copies[index].copy_number)


def copy_notice(copy: ControlledCopy, print_date: datetime.date) -> PrintNotice:
    holder = copy.holder
    return PrintNotice(
        print_date, controlled=True, copy_number=holder.copy_number, holder=holder.holder, medium=holder.medium.label
    )


def copy_runs(
    pages: PrintPages,
    print_date: datetime.date,
    job_for: Callable[[str], RenderJob],
    copies: Sequence[ControlledCopy],
) -> list[CopyRun]:
    """The copies grouped by revision, in the order given, with the two jobs each run needs."""
    grouped: dict[tuple[str, str], list[ControlledCopy]] = {}
    for copy in copies:
        grouped.setdefault((copy.document.number, copy.document.revision), []).append(copy)
    runs = []
    for run in grouped.values():
        document = run[0].document
        notices = [copy_notice(copy, print_date) for copy in run]
        runs.append(
            CopyRun(
                document,
                tuple(run),
                job_for(pages.document_html(document, None)),
                job_for(pages.copy_stamps_html(document, notices)),
            )
        )
    return runs


def stamped_copy(body: bytes, stamps: bytes, index: int, cut_files: dict[str, Path] | None = None) -> bytes:
    """The body with footer page `index` of `stamps` drawn over each of its pages.

    With the font cuts (`cut_files`, by CSS family) the footer's text and the body's share
    one font program per cut (shared_fonts.py): the footer brought its own subsets, 11 KB
    of a 145 KB copy."""
    with pikepdf.open(io.BytesIO(body)) as copy, pikepdf.open(io.BytesIO(stamps)) as footers:
        if index >= len(footers.pages):
            raise ValueError(f"the footers have {len(footers.pages)} pages, copy {index + 1} has none")
        footer = copy.copy_foreign(footers.pages[index].as_form_xobject())
        for page in copy.pages:
            page.add_overlay(footer, None)  # the whole page: both are laid out as document pages
        return saved_with_shared_fonts(copy, cut_files)


def register_jobs(
    pages: PrintPages, job_for: Callable[[str], RenderJob], registers: Sequence[Register]
) -> list[tuple[str, str, str, str, RenderJob]]:
    """(kind, number, revision, path, job) of every register; `job_for` makes a RenderJob of HTML."""
    planned = []
    for register in registers:
        document = register.document
        planned.append(
            (
                REGISTER_PDF,
                document.number,
                document.revision,
                paths.register_pdf(document.number, document.revision),
                job_for(pages.register_html(document, register.holders, register.recall)),
            )
        )
    return planned
