"""Site build time: the handbook plugin against plain MkDocs on the same pages.

For each size, the baseline is a plain `mkdocs build` (same theme, features, search and
navigation) of the very Markdown pages the plugin generates, written out by hand as files:
the ratio is then exactly the plugin's own cost (reading and validating YAML, building the
model, rendering templates). Both run as separate processes, alternated, best of N.

    .venv/bin/python benchmarks/site_benchmark.py [--sizes 21,500] [--repeat 2]
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import PROJECT_ROOT, write_synthetic_project
from generator.publish.plugin import ASSET_FOLDER, ASSET_URL_FOLDER
from generator.render.site.pages import SiteRenderer
from generator.source.project import read_handbook

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
HANDBOOK = str(Path(sys.executable).parent / "handbook")


def plain_project(handbook_project: Path, target: Path) -> Path:
    """The same site as hand-written Markdown files and a plugin-less mkdocs.yml."""
    handbook = read_handbook(handbook_project).handbook
    renderer = SiteRenderer(handbook, datetime.date(2026, 1, 1))
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    for page in renderer.pages():
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.content, encoding="utf-8")
    (docs / ASSET_URL_FOLDER).mkdir(parents=True, exist_ok=True)
    for asset in ASSET_FOLDER.iterdir():
        shutil.copy(asset, docs / ASSET_URL_FOLDER / asset.name)
    form_css = PROJECT_ROOT / "generator" / "templates" / "shared" / "form.css"
    if form_css.exists():
        shutil.copy(form_css, docs / ASSET_URL_FOLDER / "form.css")
    configuration = yaml.safe_load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    configuration["plugins"] = ["search"]
    configuration["nav"] = renderer.navigation()
    configuration["extra_css"] = [f"{ASSET_URL_FOLDER}/handbook.css", f"{ASSET_URL_FOLDER}/form.css"]
    configuration["extra_javascript"] = [f"{ASSET_URL_FOLDER}/handbook.js"]
    (target / "mkdocs.yml").write_text(
        yaml.safe_dump(configuration, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return target


def timed_build(project: Path, site: Path) -> float:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    started = time.perf_counter()
    subprocess.run(
        [MKDOCS, "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        check=True,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def timed_handbook_build(project: Path, site: Path) -> float:
    """`handbook build` end to end (check, pages, swap); artefacts are off in the synthetic
    projects' mkdocs.yml, so this is the cost of reading the sources plus the site."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    started = time.perf_counter()
    subprocess.run(
        [HANDBOOK, "build", "--root", str(project), "--site-dir", str(site)],
        check=True,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def measure(
    handbook_project: Path, workspace: Path, repeat: int, plugin_config: Path | None = None
) -> tuple[float, float]:
    plain = plain_project(handbook_project, workspace / "plain")
    plugin_times, plain_times = [], []
    for _ in range(repeat):
        plugin_times.append(timed_build(plugin_config or handbook_project, workspace / "site-plugin"))
        plain_times.append(timed_build(plain, workspace / "site-plain"))
    return min(plugin_times), min(plain_times)


def example_config(workspace: Path) -> Path:
    """The example project, with artefacts (PDFs) off: this benchmark measures pages only."""
    project = workspace / "example"
    project.mkdir(parents=True, exist_ok=True)
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {PROJECT_ROOT / 'docs'}")
    text = text.replace("  - handbook\n", f"  - handbook:\n      root: {PROJECT_ROOT}\n      artifacts: false\n")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="21,500", help="document counts; 21 = the example itself")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument(
        "--handbook-build", action="store_true", help="also time `handbook build` (synthetic sizes only)"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        print(f"{'handbook':<28}{'pages':>7}{'plugin s':>10}{'plain s':>10}{'ratio':>8}")
        for size in (int(item) for item in arguments.sizes.split(",")):
            if size == 21:
                project, label, config = PROJECT_ROOT, "example (21 docs, 57 forms)", example_config(workspace)
            else:
                project = write_synthetic_project(workspace / f"synthetic-{size}", size)
                label, config = f"synthetic ({size} docs, {2 * size} forms)", None
            handbook = read_handbook(project).handbook
            pages = len(handbook.documents) + len(handbook.forms) + 4
            plugin_time, plain_time = measure(project, workspace / f"run-{size}", arguments.repeat, config)
            print(f"{label:<28}{pages:>7}{plugin_time:>10.2f}{plain_time:>10.2f}{plugin_time / plain_time:>8.2f}")
            if arguments.handbook_build and size != 21:
                best = min(
                    timed_handbook_build(project, workspace / f"run-{size}" / "site-cli")
                    for _ in range(arguments.repeat)
                )
                print(
                    f"{'  handbook build (CLI)':<28}{pages:>7}{best:>10.2f}{plain_time:>10.2f}{best / plain_time:>8.2f}"
                )


if __name__ == "__main__":
    main()
