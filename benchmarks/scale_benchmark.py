"""How a whole `handbook build` (site, every PDF, schemas) scales, beside its baselines.

    .venv/bin/python benchmarks/scale_benchmark.py [--sizes 21,100,500] [--no-baselines]

Size 21 is the example itself (its sources copied without git history, so no archived
versions or redlines: edits in place would otherwise be refused as changed released
revisions); any other size is a synthetic handbook of that many documents with two forms
each (benchmarks/synthetic.py), every artefact on. For each size, in a fresh folder, each
build a separate `handbook build` process:

- cold build (empty PDF cache), no-change rebuild, one document's title edited, one form's
  title edited: wall time, CPU time (build and workers: the figure to trust on a busy
  machine), peak RSS (the build process or its largest worker), PDF cache entries written;
- bytes of every PDF, and of the manual (pdf/handbook.pdf), font programs in the manual.

Baselines for the same handbook: plain WeasyPrint `HTML(string=…).write_pdf()` of the same
HTML (every document and blank/fillable sheet, in a pool of as many processes as the build
uses) for time and bytes; `qpdf --empty --pages` of the same manual parts for the manual's
bytes; plain `mkdocs build` of the same Markdown pages (benchmarks/site_benchmark.py).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import PROJECT_ROOT, write_synthetic_project

PYTHON = sys.executable
HANDBOOK = str(Path(sys.executable).parent / "handbook")
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
EXAMPLE_SIZE = 21
BUILD_ENVIRONMENT = {"SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}  # 2026-01-01


def example_project(target: Path) -> Path:
    """The example's sources as committed (no .git: see the module docstring)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    for link in [path for path in target.rglob("*") if path.is_symlink()]:  # docs/guide → generator/…
        resolved = link.resolve()
        link.unlink()
        shutil.copytree(resolved, link) if resolved.is_dir() else shutil.copy2(resolved, link)
    for folder in ("tests", "benchmarks", "generator", "schemas"):
        shutil.rmtree(target / folder, ignore_errors=True)
    return target


def project_of_size(size: int, target: Path) -> Path:
    if size == EXAMPLE_SIZE:
        return example_project(target)
    project = write_synthetic_project(target, size)
    configuration = project / "mkdocs.yml"
    configuration.write_text(
        configuration.read_text(encoding="utf-8").replace("      artifacts: false\n", ""), encoding="utf-8"
    )
    return project


def timed_build(project: Path) -> dict:
    """One `handbook build` in a child that reports its own time and peak memory."""
    script = (
        "import json, resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "result = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "seconds = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "peak, cpu = usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime\n"
        "print(json.dumps({'seconds': seconds, 'cpu': cpu, 'peak': peak, 'code': result.returncode, "
        "'stderr': result.stderr[-2000:]}))\n"
    )
    environment = os.environ | BUILD_ENVIRONMENT
    output = subprocess.run(
        [PYTHON, "-c", script, HANDBOOK, "build", "--root", str(project)],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    ).stdout
    outcome = json.loads(output)
    if outcome["code"] != 0:
        sys.exit(f"handbook build failed in {project}:\n{outcome['stderr']}")
    return outcome


def pdf_bytes(project: Path) -> tuple[int, int]:
    """(all PDFs, the manual) in bytes, in the built site."""
    folder = project / "site" / "pdf"
    total = sum(path.stat().st_size for path in folder.rglob("*.pdf"))
    return total, (folder / "handbook.pdf").stat().st_size


def font_programs(pdf: Path) -> int:
    """Distinct embedded font programs (FontFile streams) in `pdf`."""
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # numbers the merge freed are "not defined"
    reader = pypdf.PdfReader(pdf)
    seen = set()
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            item = reader.get_object(number)
        except Exception:  # a free or missing object number
            continue
        if isinstance(item, pypdf.generic.DictionaryObject) and item.get("/Type") == "/FontDescriptor":
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in item:
                    seen.add(item.raw_get(key).idnum)
    return len(seen)


def cache_entries(project: Path) -> set[Path]:
    folder = project / ".cache" / "pdf"
    return set(folder.rglob("*.pdf")) if folder.exists() else set()


def edit_title(path: Path, suffix: str) -> None:
    """Append `suffix` to the first `title:` line of a source file (a text edit, as a user makes)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for position, line in enumerate(lines):
        if line.startswith("title:"):
            lines[position] = line.rstrip("\n") + suffix + "\n"
            break
    path.write_text("".join(lines), encoding="utf-8")


def measure_builds(project: Path) -> dict[str, dict]:
    results = {}
    steps = (
        ("cold build", None),
        ("no-change rebuild", None),
        ("one document edited", sorted((project / "procedures").glob("*.yml"))[0]),
        ("one form edited", sorted((project / "forms").glob("*.yml"))[0]),
    )
    for label, source in steps:
        if source is not None:
            edit_title(source, "（改）")
        before = cache_entries(project)
        outcome = timed_build(project)
        outcome["rendered"] = len(cache_entries(project) - before)
        results[label] = outcome
    return results


def _plain_pdf(html_and_fillable: tuple[str, bool]) -> tuple[float, int]:
    import weasyprint

    from generator.render.pdf.print_html import PDF_TEMPLATE_FOLDER

    html, fillable = html_and_fillable
    start = time.process_time()
    pdf = weasyprint.HTML(string=html, base_url=PDF_TEMPLATE_FOLDER.as_uri() + "/").write_pdf(
        pdf_forms=fillable or None
    )
    return time.process_time() - start, len(pdf)


def plain_weasyprint(project: Path, workers: int) -> dict:
    """Plain WeasyPrint on the same HTML as the build's documents and sheets, in a pool."""
    from generator.render.pdf.fonts import font_cuts
    from generator.render.pdf.print_html import PrintNotice, PrintPages
    from generator.source.project import read_handbook

    handbook = read_handbook(project).handbook
    assert handbook is not None
    pages = PrintPages(handbook, font_cuts(project / ".cache" / "pdf"))
    notice = PrintNotice(datetime.date(2026, 1, 1))
    work = [(pages.document_html(document, notice), False) for document in handbook.documents]
    work += [
        (pages.form_html(form, fillable=fillable), fillable) for form in handbook.forms for fillable in (False, True)
    ]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(_plain_pdf, work))
    return {
        "seconds": time.perf_counter() - start,
        "cpu": sum(cpu for cpu, _ in outcomes),
        "bytes": sum(size for _, size in outcomes),
        "files": len(work),
    }


def qpdf_manual(project: Path) -> int:
    """Bytes of `qpdf --empty --pages` over the manual's parts as the build published them."""
    folder = project / "site" / "pdf"
    parts = sorted((folder / "documents").glob("*.pdf")) + sorted(
        path for path in (folder / "forms").glob("*.pdf") if not path.stem.endswith("-fillable")
    )
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "manual.pdf"
        subprocess.run(["qpdf", "--empty", "--pages", *map(str, parts), "--", str(target)], check=True)
        return target.stat().st_size


def plain_mkdocs(project: Path, scratch: Path) -> float:
    from benchmarks.site_benchmark import plain_project

    plain = plain_project(project, scratch / "plain-mkdocs")
    start = time.perf_counter()
    subprocess.run(
        [MKDOCS, "build", "-q", "-f", str(plain / "mkdocs.yml")],
        check=True,
        capture_output=True,
        env=os.environ | BUILD_ENVIRONMENT,
    )
    return time.perf_counter() - start


def megabytes(value: float) -> str:
    return f"{value / 1e6:7.1f} MB"


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:5.2f} × baseline" if baseline else "no baseline"


def report(size: int, project: Path, builds: dict[str, dict], baselines: dict) -> None:
    """Every figure beside its baseline; CPU seconds are the ones to compare on a shared machine."""
    total, manual = pdf_bytes(project)
    print(f"\n== {size} documents ({'the example' if size == EXAMPLE_SIZE else 'synthetic'}) ==")
    for label, outcome in builds.items():
        print(
            f"  {label:<20} {outcome['seconds']:7.1f} s wall {outcome['cpu']:7.1f} s CPU   peak {megabytes(outcome['peak'])}   "
            f"{outcome['rendered']:4d} PDFs rendered"
        )
    no_change, edited = builds["no-change rebuild"], builds["one document edited"]
    print(
        f"  one document edited / no-change rebuild: {edited['seconds'] / no_change['seconds']:.2f} wall, "
        f"{edited['cpu'] / no_change['cpu']:.2f} CPU"
    )
    if "mkdocs" in baselines:
        print(
            f"  {'baseline: plain mkdocs build of the same pages':<50} {baselines['mkdocs']:7.1f} s wall "
            f"(no-change rebuild {ratio(no_change['seconds'], baselines['mkdocs'])})"
        )
    if "weasyprint" in baselines:
        plain = baselines["weasyprint"]
        print(
            f"  {'baseline: plain WeasyPrint, same HTML':<50} {plain['seconds']:7.1f} s wall {plain['cpu']:7.1f} s CPU "
            f"({plain['files']} documents and sheets, {megabytes(plain['bytes'])}; "
            f"cold build CPU {ratio(builds['cold build']['cpu'], plain['cpu'])})"
        )
    print(f"  all PDFs {megabytes(total)}  (per file {megabytes(total / pdf_count(project))})")
    for folder, size_of_folder in folder_bytes(project).items():
        print(f"    {folder:<28} {megabytes(size_of_folder)}")
    programs = font_programs(project / "site" / "pdf" / "handbook.pdf")
    print(f"  manual   {megabytes(manual)}  ({programs} font programs)")
    if "qpdf" in baselines:
        print(
            f"  baseline: qpdf --empty --pages of the same parts {megabytes(baselines['qpdf'])} "
            f"(manual {ratio(manual, baselines['qpdf'])})"
        )


def pdf_count(project: Path) -> int:
    return max(1, sum(1 for _ in (project / "site" / "pdf").rglob("*.pdf")))


def folder_bytes(project: Path) -> dict[str, int]:
    """Bytes by kind of PDF: what the total is made of."""
    folder = project / "site" / "pdf"
    kinds = {
        "documents": folder.glob("documents/*.pdf"),
        "blank forms": (path for path in folder.glob("forms/*.pdf") if not path.stem.endswith("-fillable")),
        "fillable forms": folder.glob("forms/*-fillable.pdf"),
        "controlled copies": folder.glob("copies/**/*.pdf"),
        "registers": folder.glob("registers/**/*.pdf"),
    }
    return {kind: sum(path.stat().st_size for path in paths) for kind, paths in kinds.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=str(EXAMPLE_SIZE), help="comma-separated document counts (21: the example)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="for the plain WeasyPrint baseline")
    parser.add_argument("--no-baselines", action="store_true", help="only the handbook builds")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    arguments = parser.parse_args()
    print(
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; every build a separate `handbook build` "
        "process (CPU: the build and its workers, user + system)"
    )
    with tempfile.TemporaryDirectory(prefix="scale-benchmark-") as temporary:
        scratch = arguments.keep or Path(temporary)
        for size in (int(text) for text in arguments.sizes.split(",")):
            project = project_of_size(size, scratch / f"handbook-{size}")
            builds = measure_builds(project)
            baselines: dict = {}
            if not arguments.no_baselines:
                baselines["qpdf"] = qpdf_manual(project)
                baselines["weasyprint"] = plain_weasyprint(project, arguments.workers)
                baselines["mkdocs"] = plain_mkdocs(project, scratch / f"plain-{size}")
            report(size, project, builds, baselines)


if __name__ == "__main__":
    main()
