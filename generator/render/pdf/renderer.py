"""Stage 4b — the printable PDFs of a handbook, read top to bottom:

    check the machine    HarfBuzz-Subset and the CJK fonts, or fail loudly; cut the fonts once
    plan the parts       controlled copy of every document, blank and fillable sheet of every
                         form: one RenderJob each, keyed by the sha256 of its HTML
    render what changed  jobs whose key is not in the cache, in parallel, largest first; the
                         manual's skeleton goes along, guessed from the last build's page counts
    the manual           the skeleton (cover, contents, placeholders) filled with the parts' pages
    write                every PDF into output_dir/pdf/, from the cache, with its sha256

Every file name, here and in the site's links, comes from `generator/render/paths.py`;
`pdf_path_for_document` / `pdf_path_for_form` are its names as the PDF tests know them.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import HandbookError, error
from generator.document.distribution import ControlledCopy
from generator.document.in_force import VersionState
from generator.document.redline import Redline
from generator.messages import Text
from generator.render import paths
from generator.render.pdf.cache import PdfCache
from generator.render.pdf.distribution import (
    CONTROLLED_COPY_PDF,
    CopyRun,
    Register,
    copy_runs,
    register_jobs,
    stamped_copy,
)
from generator.render.pdf.engine import RenderedPdf, RenderFailure, RenderJob, render_pdf
from generator.render.pdf.fonts import check_harfbuzz_subset, font_cuts
from generator.render.pdf.manual import MERGE_VERSION, ManualPart, PartGroup, merge_manual
from generator.render.pdf.print_html import (
    PDF_TEMPLATE_FOLDER,
    TEMPLATE_FOLDER,
    PrintNotice,
    PrintPages,
    document_groups,
)
from generator.render.pdf.workers import die_with_parent
from generator.source.model import Document, Form, Handbook

DOCUMENT_PDF = "document-pdf"
FORM_PDF = "form-pdf"
FILLABLE_PDF = "fillable-pdf"
MANUAL_PDF = "manual-pdf"
ARCHIVED_DOCUMENT_PDF = "archived-document-pdf"
ARCHIVED_FORM_PDF = "archived-form-pdf"
REDLINE_PDF = "redline-pdf"
MANUAL_NUMBER = "handbook"


@dataclass(frozen=True)
class Artifact:
    """One PDF written by `render_pdfs`; `path` is relative to the output folder (posix)."""

    kind: str  # document-pdf | form-pdf | fillable-pdf | manual-pdf | archived-document-pdf | redline-pdf
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
    key: str  # cache key: sha256 of everything that decides the bytes


def pdf_path_for_document(document: Document) -> str:
    """pdf/documents/SQ-WI0727_A-00.pdf: number and revision, `/` → `-`."""
    return paths.document_pdf(document)


def pdf_path_for_form(form: Form, fillable: bool = False) -> str:
    """pdf/forms/QR-034-01.pdf, or pdf/forms/QR-034-01-fillable.pdf."""
    return paths.form_pdf(form, fillable)


PRINT_TEMPLATE_FOLDERS = ("pdf", "shared")  # the site's templates do not touch the PDFs


def assets_digest() -> str:
    """sha256 over the print templates: a changed template or watermark re-renders all."""
    digest = hashlib.sha256()
    for folder in PRINT_TEMPLATE_FOLDERS:
        for path in sorted((TEMPLATE_FOLDER / folder).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(TEMPLATE_FOLDER).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def manual_copy_key(key: str) -> str:
    """Cache key of the untagged copy of a part, which the manual is assembled from."""
    return f"{key}-manual"


class PdfRenderer:
    """Turns HTML into PDFs through the cache; renders only what the cache lacks."""

    def __init__(self, cache: PdfCache, allowed_folders: tuple[str, ...], workers: int):
        self.cache = cache
        self.allowed_folders = allowed_folders
        self.workers = workers
        self.digest = assets_digest()
        self.rendered: set[str] = set()

    def job(
        self,
        html: str,
        *,
        fillable: bool = False,
        tagged: bool = True,
        manual_copy: bool = False,
        tighter_html: str = "",
    ) -> RenderJob:
        return RenderJob(
            html, PDF_TEMPLATE_FOLDER.as_uri() + "/", self.allowed_folders, fillable, tagged, manual_copy, tighter_html
        )

    def key(self, job: RenderJob) -> str:
        return job.cache_key(self.digest)

    def render_missing(self, jobs: dict[str, RenderJob], paths_by_key: dict[str, str]) -> None:
        missing = {key: job for key, job in jobs.items() if not self.cache.has(key)}
        for key, outcome in _render_in_parallel(missing, self.workers):
            if isinstance(outcome, RenderFailure):
                raise HandbookError(
                    [
                        error(
                            paths_by_key[key],
                            0,
                            0,
                            Text("PDF rendering failed: {detail}", detail=outcome),
                            Text("look for URLs or markup in the text that the renderer must not load"),
                        )
                    ]
                )
            self.store(key, outcome)

    def store(self, key: str, rendered: RenderedPdf) -> None:
        if rendered.manual_copy is not None:
            self.cache.put(manual_copy_key(key), rendered.manual_copy, rendered.pages)
        self.cache.put(key, rendered.pdf, rendered.pages)  # last: its presence means the entry is complete
        self.rendered.add(key)


def _render_in_parallel(jobs: dict[str, RenderJob], workers: int) -> Iterator[tuple[str, RenderedPdf | RenderFailure]]:
    """(key, pdf or failure) for every job, the largest HTML first so no long job starts last."""
    order = sorted(jobs, key=lambda key: len(jobs[key].html), reverse=True)
    for key, outcome in _in_parallel(render_pdf, [(key, jobs[key]) for key in order], workers):
        yield key, _outcome(outcome)


def _in_parallel(
    work: Callable[[Any], Any], tasks: list[tuple[str, Any]], workers: int
) -> Iterator[tuple[str, Callable[[], Any]]]:
    """(key, a call that returns `work(argument)`) for every task, in order, computed by a
    pool of `workers` processes (in this one when there is one worker or one task)."""
    if workers <= 1 or len(tasks) <= 1:
        for key, argument in tasks:
            yield key, functools.partial(work, argument)
        return
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(
        max_workers=min(workers, len(tasks)),
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        futures = [(key, pool.submit(work, argument)) for key, argument in tasks]
        for key, future in futures:
            yield key, future.result


def _outcome(compute: Callable[[], RenderedPdf]) -> RenderedPdf | RenderFailure:
    try:
        return compute()
    except RenderFailure as problem:
        return problem


def plan_parts(
    handbook: Handbook, pages: PrintPages, notice: PrintNotice, renderer: PdfRenderer
) -> tuple[list[PlannedPdf], dict[str, RenderJob]]:
    """Every document and form artefact, with the job that makes each (by cache key).

    Documents are tagged PDF (they are read on screen) and get an untagged copy for the
    manual; blank sheets are for printing, so they are left untagged and go into the
    manual as they are; fillable twins are tagged (a screen reader names every field).
    A form that would spill onto another page is laid out again compact, and kept so when
    that saves the page.
    """
    planned: list[PlannedPdf] = []
    jobs: dict[str, RenderJob] = {}

    def add(kind: str, number: str, revision: str, path: str, job: RenderJob) -> None:
        key = renderer.key(job)
        jobs[key] = job
        planned.append(PlannedPdf(kind, number, revision, path, key))

    for document in handbook.documents:
        add(
            DOCUMENT_PDF,
            document.number,
            document.revision,
            pdf_path_for_document(document),
            renderer.job(pages.document_html(document, notice), manual_copy=True),
        )
    for form in handbook.forms:
        add(
            FORM_PDF,
            form.number,
            form.revision,
            pdf_path_for_form(form, False),
            renderer.job(
                pages.form_html(form, fillable=False),
                tagged=False,
                tighter_html=pages.form_html(form, fillable=False, compact=True),
            ),
        )
        add(
            FILLABLE_PDF,
            form.number,
            form.revision,
            pdf_path_for_form(form, True),
            renderer.job(
                pages.form_html(form, fillable=True),
                fillable=True,
                tighter_html=pages.form_html(form, fillable=True, compact=True),
            ),
        )
    return planned, jobs


PAGE_INDEX = "pages.json"  # in the cache folder: each part's page count at the last build


def manual_sources(planned: list[PlannedPdf]) -> dict[tuple[str, str], PlannedPdf]:
    """The parts of the manual by (kind, number): every document and every blank sheet."""
    return {(item.kind, item.number): item for item in planned if item.kind in (DOCUMENT_PDF, FORM_PDF)}


def manual_source_key(item: PlannedPdf) -> str:
    """The untagged PDF of a part: a document's manual copy, a blank sheet itself."""
    return manual_copy_key(item.key) if item.kind == DOCUMENT_PDF else item.key


def skeleton_job(
    handbook: Handbook,
    pages: PrintPages,
    notice: PrintNotice,
    renderer: PdfRenderer,
    sources: dict[tuple[str, str], PlannedPdf],
    page_count: Callable[[PlannedPdf], int | None],
) -> RenderJob | None:
    """The manual's skeleton for the given page counts of its parts (None: a count is unknown)."""
    found = {place: page_count(item) for place, item in sources.items()}
    counts = {place: count for place, count in found.items() if count is not None}
    if len(counts) < len(found):
        return None

    def part(kind: str, number: str, title: str, paper: str, orientation: str) -> ManualPart:
        return ManualPart(number, title, f"{kind}-{paths.slug(number)}", paper, orientation, counts[kind, number])

    groups = tuple(
        PartGroup(
            group.title,
            tuple(
                part(DOCUMENT_PDF, document.number, document.title, "A4", "portrait") for document in group.documents
            ),
        )
        for group in document_groups(handbook)
    )
    forms = tuple(part(FORM_PDF, form.number, form.title, form.paper, form.orientation) for form in handbook.forms)
    return renderer.job(pages.manual_html(notice, groups, forms), tagged=False)


def build_manual(
    handbook: Handbook, pages: PrintPages, notice: PrintNotice, renderer: PdfRenderer, planned: list[PlannedPdf]
) -> PlannedPdf:
    """The manual from its parts in the cache: documents by type, then the forms.

    The skeleton is a cached render job like any other; render_pdfs may already have made
    it, in parallel with the parts, from the page counts the parts had at the last build.
    """
    sources = manual_sources(planned)
    skeleton = skeleton_job(
        handbook, pages, notice, renderer, sources, lambda item: renderer.cache.pages(manual_source_key(item))
    )
    assert skeleton is not None  # every part is in the cache by now, so every page count is known
    part_keys = [
        manual_source_key(sources[DOCUMENT_PDF, document.number])
        for group in document_groups(handbook)
        for document in group.documents
    ]
    part_keys += [manual_source_key(sources[FORM_PDF, form.number]) for form in handbook.forms]
    key = hashlib.sha256("\n".join([MERGE_VERSION, renderer.key(skeleton), *part_keys]).encode()).hexdigest()
    if not renderer.cache.has(key):
        renderer.render_missing({renderer.key(skeleton): skeleton}, {renderer.key(skeleton): paths.manual_pdf()})
        merged = merge_manual(
            renderer.cache.get(renderer.key(skeleton)),
            [renderer.cache.path_for(part_key) for part_key in part_keys],
            text_cut_files(pages),
        )
        renderer.store(key, RenderedPdf(merged, renderer.cache.pages(renderer.key(skeleton))))
    return PlannedPdf(MANUAL_PDF, MANUAL_NUMBER, notice.print_date.isoformat(), paths.manual_pdf(), key)


def speculative_skeleton(
    handbook: Handbook, pages: PrintPages, notice: PrintNotice, renderer: PdfRenderer, planned: list[PlannedPdf]
) -> dict[str, RenderJob]:
    """The skeleton as it will most likely be, to render beside the parts: a part that must
    be rendered again is guessed to keep its page count from the last build. A wrong guess
    only costs a second skeleton after the parts."""
    last = renderer.cache.read_index(PAGE_INDEX)

    def guess(item: PlannedPdf) -> int | None:
        source = manual_source_key(item)
        return renderer.cache.pages(source) if renderer.cache.has(source) else last.get(item.path)

    skeleton = skeleton_job(handbook, pages, notice, renderer, manual_sources(planned), guess)
    return {renderer.key(skeleton): skeleton} if skeleton else {}


def remember_page_counts(renderer: PdfRenderer, planned: list[PlannedPdf]) -> None:
    counts = {item.path: renderer.cache.pages(manual_source_key(item)) for item in manual_sources(planned).values()}
    renderer.cache.write_index(PAGE_INDEX, counts)


def plan_history(
    pages: PrintPages,
    notice: PrintNotice,
    renderer: PdfRenderer,
    archived: Sequence[tuple[Document, VersionState]],
    redlines: Sequence[tuple[Redline, Document, Document]],
    archived_forms: Sequence[tuple[Form, VersionState]] = (),
) -> tuple[list[PlannedPdf], dict[str, RenderJob]]:
    """Versions not in force, each as it was and marked on every page with its state
    (草稿, 待生效 with its date, 已作废), and redlines."""
    planned: list[PlannedPdf] = []
    jobs: dict[str, RenderJob] = {}
    for document, state in archived:
        job = renderer.job(pages.document_html(document, notice, state))
        jobs[renderer.key(job)] = job
        planned.append(
            PlannedPdf(
                ARCHIVED_DOCUMENT_PDF,
                document.number,
                document.revision,
                pdf_path_for_document(document),
                renderer.key(job),
            )
        )
    for form, state in archived_forms:
        job = renderer.job(pages.form_html(form, fillable=False, state=state), tagged=False)
        jobs[renderer.key(job)] = job
        planned.append(
            PlannedPdf(ARCHIVED_FORM_PDF, form.number, form.revision, paths.archived_form_pdf(form), renderer.key(job))
        )
    for changes, old, new in redlines:
        job = renderer.job(pages.redline_html(changes, old, new))
        jobs[renderer.key(job)] = job
        planned.append(
            PlannedPdf(
                REDLINE_PDF,
                new.number,
                f"{old.revision}→{new.revision}",
                paths.redline_pdf(new.number, old.revision, new.revision),
                renderer.key(job),
            )
        )
    return planned, jobs


def render_pdfs(
    handbook: Handbook,
    output_dir: Path,
    *,
    cache_dir: Path,
    build_date: datetime.date,
    workers: int | None = None,
    controlled_copy: bool = False,
    archived: Sequence[tuple[Document, VersionState]] = (),
    redlines: Sequence[tuple[Redline, Document, Document]] = (),
    archived_forms: Sequence[tuple[Form, VersionState]] = (),
    copies: Sequence[ControlledCopy] = (),
    registers: Sequence[Register] = (),
    site_url: str | None = None,
) -> list[Artifact]:
    """Write every PDF of `handbook` under output_dir/pdf/ and describe each one.

    `handbook` is the handbook in force (generator/document/in_force.py): its documents
    are the controlled copies and the manual; every other version comes in `archived`.

    `build_date` is the print date on the uncontrolled-copy notice and the date of the
    manual; nothing else is dated from outside the sources. With `controlled_copy`, the
    documents carry 受控文件 and a copy-number blank instead of the uncontrolled notice.
    `copies` are the numbered controlled copies and `registers` the 登记表 to write
    (generator/render/pdf/distribution.py); `site_url` is the address in the verify QR codes
    (default: handbook.yml's).
    """
    check_harfbuzz_subset()
    pages = PrintPages(handbook, font_cuts(cache_dir), site_url)
    notice = PrintNotice(build_date, controlled=controlled_copy)
    allowed = tuple(str(folder.resolve()) for folder in (TEMPLATE_FOLDER, cache_dir))
    renderer = PdfRenderer(PdfCache(cache_dir), allowed, workers or os.cpu_count() or 1)
    planned, jobs = plan_parts(handbook, pages, notice, renderer)
    history_planned, history_jobs = plan_history(pages, notice, renderer, archived, redlines, archived_forms)
    planned += history_planned
    jobs.update(history_jobs)
    for kind, number, revision, path, job in register_jobs(pages, renderer.job, registers):
        jobs[renderer.key(job)] = job
        planned.append(PlannedPdf(kind, number, revision, path, renderer.key(job)))
    runs = copy_runs(pages, build_date, renderer.job, copies)
    run_paths = {renderer.key(job): run.copy_path(0) for run in runs for job in (run.body, run.stamps)}
    jobs.update({renderer.key(job): job for run in runs for job in (run.body, run.stamps)})
    skeleton = speculative_skeleton(handbook, pages, notice, renderer, planned)
    renderer.render_missing(
        jobs | skeleton,
        {item.key: item.path for item in planned} | run_paths | dict.fromkeys(skeleton, paths.manual_pdf()),
    )
    remember_page_counts(renderer, planned)
    planned += stamp_copies(runs, renderer, text_cut_files(pages))
    planned.append(build_manual(handbook, pages, notice, renderer, planned))
    return [_write(item, renderer, output_dir) for item in planned]


def text_cut_files(pages: PrintPages) -> dict[str, Path]:
    """The font cuts of printed text by CSS family: the ones a merge or a stamp embeds once."""
    return {cut.family: path for cut, path in pages.fonts.items() if not cut.for_fields}


def stamp_copies(runs: Sequence[CopyRun], renderer: PdfRenderer, cut_files: dict[str, Path]) -> list[PlannedPdf]:
    """Every copy of every run, stamped from the run's rendered body and footers unless cached;
    in parallel, as the renders are (1,500 copies of a 500-document handbook: ~28 s on one core)."""
    planned: list[PlannedPdf] = []
    missing: list[tuple[str, CopyStamp]] = []
    for run in runs:
        body_key, stamps_key = renderer.key(run.body), renderer.key(run.stamps)
        for index in range(len(run.copies)):
            key = run.copy_key(body_key, stamps_key, index)
            if not renderer.cache.has(key):
                missing.append((key, CopyStamp(renderer.cache.folder, body_key, stamps_key, index, cut_files)))
            document = run.document
            planned.append(
                PlannedPdf(CONTROLLED_COPY_PDF, document.number, document.revision, run.copy_path(index), key)
            )
    tasks = dict(missing)
    for key, stamped in _in_parallel(stamp_from_cache, missing, renderer.workers):
        renderer.cache.put(key, stamped(), renderer.cache.pages(tasks[key].body_key))
        renderer.rendered.add(key)
    return planned


@dataclass(frozen=True)
class CopyStamp:
    """What a worker needs to stamp one copy: where the run's body and footers are cached."""

    cache_folder: Path
    body_key: str
    stamps_key: str
    index: int
    cut_files: dict[str, Path]


def stamp_from_cache(task: CopyStamp) -> bytes:
    cache = PdfCache(task.cache_folder)
    return stamped_copy(cache.get(task.body_key), cache.get(task.stamps_key), task.index, task.cut_files)


def _write(item: PlannedPdf, renderer: PdfRenderer, output_dir: Path) -> Artifact:
    target = output_dir / item.path
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = renderer.cache.copy_to(item.key, target)
    return Artifact(item.kind, item.number, item.revision, item.path, digest, item.key in renderer.rendered)
