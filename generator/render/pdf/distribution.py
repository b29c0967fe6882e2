"""The PDFs of distribution: numbered controlled copies and the 文件发放/回收登记表.

A controlled copy is the document as printed, with 受控, its 分发号 and its holder in the
running footer of every page; it is its own render job (and cache entry), so a new holder
renders one PDF and nothing else. The register of a revision lists its holders with blank
签收/回收 columns and, for a revision that replaced another, the copies to take back.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.document.distribution import ControlledCopy, RecallPlan
from generator.render import paths
from generator.render.pdf.engine import RenderJob
from generator.render.pdf.print_html import PrintNotice, PrintPages
from generator.source.model import Document, Holder

CONTROLLED_COPY_PDF = "controlled-copy-pdf"
REGISTER_PDF = "register-pdf"


@dataclass(frozen=True)
class Register:
    """One revision's 登记表: its holders, and the recall when it replaced a revision."""

    document: Document
    holders: tuple[Holder, ...]
    recall: RecallPlan | None = None


def copy_notice(copy: ControlledCopy, print_date: datetime.date) -> PrintNotice:
    holder = copy.holder
    return PrintNotice(
        print_date, controlled=True, copy_number=holder.copy_number, holder=holder.holder, medium=holder.medium.label
    )


def distribution_jobs(
    pages: PrintPages,
    print_date: datetime.date,
    job_for: Callable[[str], RenderJob],
    copies: Sequence[ControlledCopy],
    registers: Sequence[Register],
) -> list[tuple[str, str, str, str, RenderJob]]:
    """(kind, number, revision, path, job) of every copy and register; `job_for` makes a RenderJob of HTML."""
    planned = []
    for copy in copies:
        document = copy.document
        planned.append(
            (
                CONTROLLED_COPY_PDF,
                document.number,
                document.revision,
                paths.copy_pdf(document.number, document.revision, copy.copy_number),
                job_for(pages.document_html(document, copy_notice(copy, print_date))),
            )
        )
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
