"""How fast and how big the PDFs of a handbook are, measured on the real pipeline.

    .venv/bin/python benchmarks/pdf_benchmark.py [--root .] [--workers 2] [--sample N]

1. Cold: every PDF of the handbook into an empty cache (font cuts included): wall time.
2. Per form, in this process, one at a time: the generator (HTML from the templates plus
   our render: URL fetcher, tags where we tag, radio fix) against plain
   WeasyPrint on the same HTML — `HTML(string=…).write_pdf()` — as the baseline. Medians.
3. Incremental: one form's title changed in memory, everything rendered again with the
   warm cache: wall time and what was re-rendered.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pypdf
import weasyprint

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from generator.render.pdf.cache import PdfCache  # noqa: E402
from generator.render.pdf.engine import RenderJob, render_pdf  # noqa: E402
from generator.render.pdf.fonts import font_cuts  # noqa: E402
from generator.render.pdf.print_html import TEMPLATE_FOLDER, PrintPages  # noqa: E402
from generator.render.pdf.renderer import PdfRenderer, render_pdfs  # noqa: E402
from generator.source.model import Form, Handbook  # noqa: E402
from generator.source.project import read_handbook  # noqa: E402

BUILD_DATE = datetime.date(2026, 1, 1)


@dataclass
class Timing:
    generator: float  # HTML + our render
    plain: float  # WeasyPrint alone on the same HTML
    size: int


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def measure_form(pages: PrintPages, renderer: PdfRenderer, form: Form, fillable: bool) -> Timing:
    html_seconds, html = timed(lambda: pages.form_html(form, fillable=fillable))
    job: RenderJob = renderer.job(html, fillable=fillable, tagged=fillable)  # as plan_parts makes them
    render_seconds, rendered = timed(lambda: render_pdf(job))
    plain_seconds, _ = timed(
        lambda: weasyprint.HTML(string=html, base_url=job.base_url).write_pdf(pdf_forms=fillable or None)
    )
    return Timing(html_seconds + render_seconds, plain_seconds, len(rendered.pdf))


def edited(handbook: Handbook, form: Form) -> Handbook:
    changed = form.model_copy(update={"title": form.title + "（修订）"})
    return replace(handbook, forms=tuple(changed if item.number == form.number else item for item in handbook.forms))


def report_forms(label: str, timings: list[Timing]) -> None:
    generator = statistics.median(item.generator for item in timings)
    plain = statistics.median(item.plain for item in timings)
    size = statistics.median(item.size for item in timings)
    print(
        f"  {label:<16} median {generator:5.2f} s (plain WeasyPrint {plain:5.2f} s, overhead ×{generator / plain:4.2f}), "
        f"median {size / 1024:6.0f} KB, largest {max(item.size for item in timings) / 1024:6.0f} KB, "
        f"slowest {max(item.generator for item in timings):4.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=0, help="time only the first N forms one by one (0: all)")
    arguments = parser.parse_args()

    result = read_handbook(arguments.root)
    if result.handbook is None:
        sys.exit("the handbook has errors; run `handbook check`")
    handbook = result.handbook
    forms = handbook.forms[: arguments.sample] if arguments.sample else handbook.forms
    with tempfile.TemporaryDirectory(prefix="pdf-benchmark-") as folder:
        base = Path(folder)
        cache = base / "cache"
        cold_seconds, artifacts = timed(
            lambda: render_pdfs(
                handbook, base / "cold", cache_dir=cache, build_date=BUILD_DATE, workers=arguments.workers
            )
        )
        sizes = {
            kind: [(base / "cold" / item.path).stat().st_size for item in artifacts if item.kind == kind]
            for kind in sorted({item.kind for item in artifacts})
        }
        print(
            f"{len(handbook.documents)} documents, {len(handbook.forms)} forms → {len(artifacts)} PDFs, "
            f"{arguments.workers} workers"
        )
        print(f"cold build (empty cache, font cuts included): {cold_seconds:6.1f} s wall")
        for kind, values in sizes.items():
            print(
                f"  {kind:<13} {len(values):3d} files, total {sum(values) / 1e6:6.2f} MB, "
                f"median {statistics.median(values) / 1024:6.0f} KB"
            )
        long_forms = [
            item.number
            for item in artifacts
            if item.kind == "form-pdf" and len(pypdf.PdfReader(base / "cold" / item.path).pages) > 1
        ]
        print(f"  blank sheets longer than one page: {len(long_forms)} ({', '.join(long_forms)})")

        pages = PrintPages(handbook, font_cuts(cache))
        renderer = PdfRenderer(PdfCache(cache), (str(TEMPLATE_FOLDER), str(cache)), 1)
        measure_form(pages, renderer, forms[0], False)  # warm this process (fontconfig, CSS)
        print(f"per form, one at a time in one process ({len(forms)} forms):")
        report_forms("blank sheet", [measure_form(pages, renderer, form, False) for form in forms])
        report_forms("fillable twin", [measure_form(pages, renderer, form, True) for form in forms])

        target = handbook.forms[0]
        incremental_seconds, again = timed(
            lambda: render_pdfs(
                edited(handbook, target),
                base / "incremental",
                cache_dir=cache,
                build_date=BUILD_DATE,
                workers=arguments.workers,
            )
        )
        rendered = [f"{item.kind} {item.number}" for item in again if item.rendered]
        print(
            f"incremental (title of {target.number} changed, warm cache): {incremental_seconds:5.1f} s wall, "
            f"{len(rendered)} of {len(again)} PDFs rendered again:"
        )
        for line in rendered:
            print(f"  {line}")


if __name__ == "__main__":
    main()
