"""Stage 4b — the printable PDFs of a handbook, read top to bottom:

    check the machine      HarfBuzz-Subset and the CJK fonts, or fail loudly
    plan                   one RenderJob per artefact: controlled copy of every document,
                           blank and fillable sheet of every form, the whole manual
    render what changed    jobs whose cache key is new, in parallel, largest first
    write                  every PDF into output_dir (from the cache), with its sha256

The site links to the files through `pdf_path_for_document` / `pdf_path_for_form`.
"""

from __future__ import annotations

import datetime
import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from generator.diagnostics import HandbookError, error
from generator.model import Document, Form, Handbook
from generator.render import paths
from generator.render.fonts import check_harfbuzz_subset, font_cuts
from generator.render.pdf_cache import PdfCache
from generator.render.pdf_engine import RenderFailure, RenderJob, render_pdf
from generator.render.print_html import PDF_TEMPLATE_FOLDER, TEMPLATE_FOLDER, PrintNotice, PrintPages

DOCUMENT_PDF = "document-pdf"
FORM_PDF = "form-pdf"
FILLABLE_PDF = "fillable-pdf"
MANUAL_PDF = "manual-pdf"
MANUAL_NUMBER = "handbook"


@dataclass(frozen=True)
class Artifact:
    """One PDF written by `render_pdfs`; `path` is relative to the output folder (posix)."""

    kind: str  # document-pdf | form-pdf | fillable-pdf | manual-pdf
    number: str
    revision: str
    path: str
    sha256: str
    rendered: bool = field(default=False, compare=False)  # False: taken from the cache


@dataclass(frozen=True)
class PlannedPdf:
    kind: str
    number: str
    revision: str
    path: str
    job: RenderJob


def pdf_path_for_document(document: Document) -> str:
    """pdf/documents/SQ-WI0727_A-00.pdf: number and revision, `/` → `-`."""
    return paths.document_pdf(document)


def pdf_path_for_form(form: Form, fillable: bool = False) -> str:
    """pdf/forms/QR-034-01.pdf, or pdf/forms/QR-034-01-fillable.pdf."""
    return paths.form_pdf(form, fillable)


def assets_digest() -> str:
    """sha256 over the template folder: a changed template or watermark re-renders all."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATE_FOLDER.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(TEMPLATE_FOLDER).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def plan_pdfs(handbook: Handbook, pages: PrintPages, notice: PrintNotice, allowed_folders: tuple[str, ...]) -> list[PlannedPdf]:
    """Every artefact of the handbook with the HTML that makes it, manual last."""

    def job(html: str, fillable: bool = False) -> RenderJob:
        return RenderJob(html, PDF_TEMPLATE_FOLDER.as_uri() + "/", allowed_folders, fillable=fillable)

    planned = [PlannedPdf(DOCUMENT_PDF, document.number, document.revision, pdf_path_for_document(document),
                          job(pages.document_html(document, notice)))
               for document in handbook.documents]
    for form in handbook.forms:
        planned.append(PlannedPdf(FORM_PDF, form.number, form.revision, pdf_path_for_form(form, False),
                                  job(pages.form_html(form, fillable=False))))
        planned.append(PlannedPdf(FILLABLE_PDF, form.number, form.revision, pdf_path_for_form(form, True),
                                  job(pages.form_html(form, fillable=True), fillable=True)))
    planned.append(PlannedPdf(MANUAL_PDF, MANUAL_NUMBER, notice.print_date.isoformat(), paths.manual_pdf(),
                              job(pages.manual_html(notice))))
    return planned


def _render_in_parallel(jobs: dict[str, RenderJob], workers: int) -> Iterator[tuple[str, bytes | RenderFailure]]:
    """(key, pdf or failure) for every job, the largest HTML first so the manual starts first."""
    order = sorted(jobs, key=lambda key: len(jobs[key].html), reverse=True)
    if workers <= 1 or len(order) <= 1:
        for key in order:
            yield key, _outcome(lambda: render_pdf(jobs[key]))
        return
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=min(workers, len(order)), mp_context=context) as pool:
        futures = {key: pool.submit(render_pdf, jobs[key]) for key in order}
        for key, future in futures.items():
            yield key, _outcome(future.result)


def _outcome(compute: Callable[[], bytes]) -> bytes | RenderFailure:
    try:
        return compute()
    except RenderFailure as problem:
        return problem


def render_pdfs(handbook: Handbook, output_dir: Path, *, cache_dir: Path, build_date: datetime.date,
                workers: int | None = None, controlled_copy: bool = False) -> list[Artifact]:
    """Write every PDF of `handbook` under output_dir/pdf/ and describe each one.

    `build_date` is the print date on the uncontrolled-copy notice and the date of the
    manual; nothing else is dated from outside the sources. With `controlled_copy`, the
    documents carry 受控文件 and a copy-number blank instead of the uncontrolled notice.
    """
    check_harfbuzz_subset()
    pages = PrintPages(handbook, font_cuts(cache_dir))
    notice = PrintNotice(build_date, controlled=controlled_copy)
    allowed = tuple(str(folder.resolve()) for folder in (TEMPLATE_FOLDER, cache_dir))
    planned = plan_pdfs(handbook, pages, notice, allowed)

    cache = PdfCache(cache_dir)
    digest = assets_digest()
    keys = [item.job.cache_key(digest) for item in planned]
    missing = {key: item.job for key, item in zip(keys, planned) if not cache.has(key)}
    for key, outcome in _render_in_parallel(missing, workers or os.cpu_count() or 1):
        if isinstance(outcome, RenderFailure):
            failed = next(item for item, item_key in zip(planned, keys) if item_key == key)
            raise HandbookError([error(failed.path, 0, 0, f"PDF rendering failed: {outcome}",
                                       "look for URLs or markup in the text that the renderer must not load")])
        cache.put(key, outcome)
    return [_write(item, key, cache, output_dir, rendered=key in missing) for item, key in zip(planned, keys)]


def _write(item: PlannedPdf, key: str, cache: PdfCache, output_dir: Path, rendered: bool) -> Artifact:
    content = cache.get(key)
    target = output_dir / item.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return Artifact(item.kind, item.number, item.revision, item.path, hashlib.sha256(content).hexdigest(), rendered)
