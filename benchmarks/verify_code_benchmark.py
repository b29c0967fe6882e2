"""What the verify QR code costs a blank form: bytes and milliseconds, SVG against PNG.

    .venv/bin/python benchmarks/verify_code_benchmark.py [--root .] [--sample N] [--repeats 5]

Every form is rendered in this one process, through the real renderer (generator/render/pdf/
engine.py: URL fetcher, as for a blank sheet: untagged), three ways from the same HTML:

    baseline   the form without the code (its <span class="hf-verify"> removed)
    svg        as built: the code as an inline SVG path (vectors)
    png        the code as a 1-pixel-per-module PNG <img>, drawn without smoothing (a file in an
               allowed folder: the renderer's URL fetcher refuses data: URIs)

Size: exact bytes per form. Time: per form the fastest of `repeats` renders of each variant
(the render least disturbed by other work on a shared machine), interleaved (baseline, svg,
png, baseline, …) so that load hits all three alike; the median over forms is reported too.
The budget is +5 KB and +20 ms per blank form against the baseline.
"""

from __future__ import annotations

import argparse
import datetime
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from generator.render.paths import slug  # noqa: E402
from generator.render.pdf.cache import PdfCache  # noqa: E402
from generator.render.pdf.engine import RenderJob, render_pdf  # noqa: E402
from generator.render.pdf.fonts import font_cuts  # noqa: E402
from generator.render.pdf.print_html import TEMPLATE_FOLDER, PrintPages  # noqa: E402
from generator.render.pdf.renderer import PdfRenderer  # noqa: E402
from generator.render.verify_code import QUIET_ZONE, qr_code, verify_url  # noqa: E402
from generator.source.model import Form  # noqa: E402
from generator.source.project import read_handbook  # noqa: E402

BUDGET_BYTES = 5 * 1024
BUDGET_SECONDS = 0.020
CODE = re.compile(r'<span class="hf-verify">.*?</span>', re.S)


def variants(pages: PrintPages, form: Form, folder: Path) -> dict[str, str]:
    """The form's blank-sheet HTML without the code, with the SVG code, with a PNG code."""
    with_svg = pages.form_html(form, fillable=False)
    png = folder / f"{slug(form.number)}.png"
    qr_code(verify_url(pages.site_url, form.number, form.revision)).save(str(png), kind="png", border=QUIET_ZONE)
    png_tag = f'<span class="hf-verify"><img src="{png.as_uri()}" style="width:100%;height:100%;image-rendering:pixelated" alt=""></span>'
    return {
        "baseline": CODE.sub("", with_svg),
        "svg": with_svg,
        "png": CODE.sub(lambda _: png_tag, with_svg),
    }


def measure(renderer: PdfRenderer, html: str) -> tuple[float, int]:
    job: RenderJob = renderer.job(html, tagged=False)
    start = time.perf_counter()
    rendered = render_pdf(job)
    return time.perf_counter() - start, len(rendered.pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT)
    parser.add_argument("--sample", type=int, default=0, help="only the first N forms (0: all)")
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    result = read_handbook(arguments.root)
    if result.handbook is None:
        sys.exit("the handbook has errors; run `handbook check`")
    handbook = result.handbook
    forms = handbook.forms[: arguments.sample] if arguments.sample else handbook.forms
    with tempfile.TemporaryDirectory(prefix="verify-benchmark-") as folder:
        cache = Path(folder)
        pages = PrintPages(handbook, font_cuts(cache))
        renderer = PdfRenderer(PdfCache(cache), (str(TEMPLATE_FOLDER), str(cache)), 1)
        measure(renderer, variants(pages, forms[0], cache)["svg"])  # warm this process (fontconfig, CSS)
        growth: dict[str, list[tuple[int, float]]] = {"svg": [], "png": []}
        for form in forms:
            htmls = variants(pages, form, cache)
            timings: dict[str, list[float]] = {name: [] for name in htmls}
            sizes: dict[str, int] = {}
            for _ in range(arguments.repeats):
                for name, html in htmls.items():
                    seconds, size = measure(renderer, html)
                    timings[name].append(seconds)
                    sizes[name] = size
            base_time = min(timings["baseline"])
            for name in growth:
                growth[name].append((sizes[name] - sizes["baseline"], min(timings[name]) - base_time))
        print(f"{len(forms)} blank forms, {arguments.repeats} interleaved renders each, {datetime.date.today()}")
        for name, values in growth.items():
            extra_bytes = [item[0] for item in values]
            extra_seconds = [item[1] for item in values]
            within = sum(1 for item in values if item[0] <= BUDGET_BYTES and item[1] <= BUDGET_SECONDS)
            print(
                f"  {name}: +{statistics.median(extra_bytes) / 1024:4.1f} KB median (max +{max(extra_bytes) / 1024:4.1f} KB), "
                f"{statistics.median(extra_seconds) * 1000:+5.1f} ms median (max {max(extra_seconds) * 1000:+5.1f} ms); "
                f"{within}/{len(values)} forms within +5 KB and +20 ms"
            )


if __name__ == "__main__":
    main()
