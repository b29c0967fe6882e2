"""Builds the case's procedure file at test time: 50,000 nested flow sequences (100 kB).

`body: [[[[ ... ]]]]` — far within the 1 MB size limit, far beyond the 64-level nesting limit.
"""

from pathlib import Path

DEPTH = 50_000


def generate(root: Path) -> None:
    path = root / "procedures" / "SH-GZ-001.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("body: " + "[" * DEPTH + "]" * DEPTH + "\n", encoding="utf-8")
