"""`handbook check` on the example: the source checks alone, and with the checks against git.

The git checks (generator/document/integrity.py) read every document's and form's issued
revisions and compare the working copy with each release commit. Times, best of N, on this
checkout (its git history is the example's):

    baseline      read_handbook: load, validate, model (what `check` did before)
    with git      read_handbook + with_integrity (what `check` does now)

    .venv/bin/python benchmarks/check_benchmark.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.document.integrity import with_integrity  # noqa: E402
from generator.source.project import read_handbook  # noqa: E402


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    baseline = best_of(arguments.repeat, lambda: read_handbook(ROOT))
    checked = best_of(arguments.repeat, lambda: with_integrity(ROOT, read_handbook(ROOT)))
    result = read_handbook(ROOT)
    print(f"example: {len(result.handbook.documents)} documents, {len(result.handbook.forms)} forms")
    print(f"baseline   read_handbook            {baseline:7.2f} s")
    print(f"with git   + integrity checks       {checked:7.2f} s  ({checked / baseline:.1f}× baseline)")


if __name__ == "__main__":
    main()
