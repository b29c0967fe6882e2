"""Blank and fillable forms: size, pages and time, against plain WeasyPrint on the same HTML.

    .venv/bin/python benchmarks/form_benchmark.py [--root .] [--sample N]

For every form (or the first N by number), both sheets are rendered as the build renders
them (`render_pdf`: the compact layout when it saves a page, the fillable form finished by
render/pdf/acroform.py) and, as the baseline, by `weasyprint.HTML(string=…).write_pdf()` on
the same HTML. Prints medians, the fillable/blank size ratio and the forms longer than a page.
Results of a run before and after issue 14 are in benchmarks/form_results.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import weasyprint

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from generator.render.pdf.engine import RenderJob, render_pdf  # noqa: E402
from generator.render.pdf.fonts import font_cuts  # noqa: E402
from generator.render.pdf.print_html import PDF_TEMPLATE_FOLDER, TEMPLATE_FOLDER, PrintPages  # noqa: E402
from generator.source.model import Form  # noqa: E402
from generator.source.project import require_handbook  # noqa: E402


@dataclass(frozen=True)
class Measure:
    form: str
    fillable: bool
    pages: int
    size: int  # bytes, as the build writes it
    seconds: float
    plain_size: int  # bytes from plain WeasyPrint on the same HTML
    plain_seconds: float


def measure(pages: PrintPages, cache: Path, form: Form, fillable: bool) -> Measure:
    html = pages.form_html(form, fillable=fillable)
    job = RenderJob(
        html,
        PDF_TEMPLATE_FOLDER.as_uri() + "/",
        (str(TEMPLATE_FOLDER), str(cache)),
        fillable=fillable,
        tagged=fillable,
        tighter_html=pages.form_html(form, fillable=fillable, compact=True),
    )
    start = time.perf_counter()
    rendered = render_pdf(job)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    plain = weasyprint.HTML(string=html, base_url=job.base_url).write_pdf(pdf_forms=fillable or None)
    plain_seconds = time.perf_counter() - start
    return Measure(form.number, fillable, rendered.pages, len(rendered.pdf), seconds, len(plain), plain_seconds)


def report(measures: list[Measure]) -> None:
    for fillable in (False, True):
        chosen = [item for item in measures if item.fillable == fillable]
        print(
            f"{'fillable' if fillable else 'blank   '}: {len(chosen)} forms, "
            f"median {statistics.median(item.size for item in chosen) / 1000:.0f} KB "
            f"(plain WeasyPrint {statistics.median(item.plain_size for item in chosen) / 1000:.0f} KB), "
            f"median {statistics.median(item.seconds for item in chosen):.2f} s "
            f"(plain {statistics.median(item.plain_seconds for item in chosen):.2f} s), "
            f"longest {max(item.size for item in chosen) / 1000:.0f} KB"
        )
    blank = {item.form: item for item in measures if not item.fillable}
    ratios = [item.size / blank[item.form].size for item in measures if item.fillable]
    print(f"fillable / blank size: median {statistics.median(ratios):.2f}×")
    longer = sorted(item.form for item in blank.values() if item.pages > 1)
    print(f"blank forms longer than one page: {len(longer)} of {len(blank)}: {', '.join(longer)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT)
    parser.add_argument("--sample", type=int, default=0, help="only the first N forms by number (0: all)")
    arguments = parser.parse_args()
    handbook = require_handbook(arguments.root)
    forms = sorted(handbook.forms, key=lambda form: form.number)
    forms = forms[: arguments.sample] if arguments.sample else forms
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        pages = PrintPages(handbook, font_cuts(cache))
        report([measure(pages, cache, form, fillable) for form in forms for fillable in (False, True)])


if __name__ == "__main__":
    main()
