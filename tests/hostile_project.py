"""A small handbook project whose every free-text field holds hostile text (issue 12).

Each value is wrapped in numbered markers `⟦n⟧…⟦/n⟧`, so a test can find every place the
value reached in the output and compare it with the source, character for character.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pdf_handbook"
PROJECT_ROOT = Path(__file__).resolve().parent.parent

# hostile to HTML, attributes, URLs, Markdown, attr_list, Jinja, YAML-in-front-matter, Unicode
HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[点我](javascript:alert(3))",
    "7*7 … 7*7",
    "**粗体** _斜体_ `代码` ~~删除~~",
    "{{ 7*7 }} {% if 1 %}x{% endif %} ${7*7}",
    '" onmouseover="alert(4)" x="',
    "' onfocus='alert(5)' autofocus '",
    "javascript:alert(6)",
    "&amp; &lt;b&gt; &#60;i&#62;",
    "<svg onload=alert(7)><a xlink:href=javascript:alert(8)>x</a></svg>",
    "</textarea></title></style><!-- -->]]>",
    "# 标题\n- 列表\n> 引用\n| a | b |",
    "{: onclick=alert(9) } :material-alert: [^1]",
    "\u202e右至左\u202c \u200b零宽\u2066隔离\u2069 \ufeff\t制表",
    "\\*转义\\* \\<b\\> C:\\\\路径",
    "---\ntitle: x\n---",
)

FREE_TEXT_KEYS = {
    "title", "company", "department", "purpose", "scope", "term", "definition", "party",
    "duties", "text", "items", "notes", "owner", "time_limit", "frequency", "action", "unit",
    "keeper", "retention", "remarks", "change", "name", "description", "instructions",
    "copies_note", "note", "label", "help", "options", "source",
}  # fmt: skip


def marked(number: int, text: str) -> str:
    return f"⟦{number}⟧{text}⟦/{number}⟧"


def _rewrite(value: Any, key: str | None, replace: Callable[[str], str]) -> Any:
    if isinstance(value, dict):
        return {name: _rewrite(item, name, replace) for name, item in value.items()}
    if isinstance(value, list):
        return [_rewrite(item, key, replace) for item in value]
    if isinstance(value, str) and key in FREE_TEXT_KEYS:
        return replace(value)
    return value


def make_project(folder: Path, texts: Callable[[int], str]) -> dict[int, str]:
    """Copy the PDF test handbook to `folder`, put `texts(n)` into free-text field n.

    Parties and owners keep one consistent text per original name, so the cross-references
    between responsibilities and steps still hold. Returns marker number → source text.
    """
    shutil.copytree(FIXTURE, folder, dirs_exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    configuration = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        configuration.replace("  - handbook\n", "  - handbook:\n      artifacts: false\n"), encoding="utf-8"
    )
    placed: dict[int, str] = {}
    by_original: dict[str, str] = {}

    def replace(original: str) -> str:
        if original in by_original:
            return by_original[original]
        number = len(placed) + 1
        placed[number] = texts(number)
        by_original[original] = marked(number, placed[number])
        return by_original[original]

    for path in sorted((folder / "procedures").glob("*.yml")) + sorted((folder / "forms").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rewritten = _rewrite(data, None, replace)
        path.write_text(yaml.safe_dump(rewritten, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return placed


def hostile_text(number: int) -> str:
    return HOSTILE[number % len(HOSTILE)]


def source_files(folder: Path) -> Iterator[Path]:
    yield from sorted(folder.rglob("*.yml"))
