"""The author's guide (docs/guide/, 编写指南): built into the site, and quoting real messages.

The guide teaches the most common `handbook check` messages by quoting them. A quote that
the checker no longer prints would teach the wrong thing, so every quoted message and hint
must be exactly what the checker says about one of the bad-input cases (tests/bad_inputs/).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.messages import render
from generator.source.project import read_handbook

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GUIDE = PROJECT_ROOT / "docs" / "guide"
SCAFFOLD_GUIDE = PROJECT_ROOT / "generator" / "templates" / "scaffold" / "docs" / "guide"
CASES = PROJECT_ROOT / "tests" / "bad_inputs"
# quoted as a Chinese author sees them (the default language): 错误：… / 提示：…
QUOTED = re.compile(
    r"^(?P<path>\S+):(?P<line>\d+):(?P<column>\d+): (?P<severity>错误|警告)：(?P<message>.+)\n    提示：(?P<hint>.+)$",
    re.MULTILINE,
)
SEVERITY = {"错误": "error", "警告": "warning"}
PAGES = sorted(path.name for path in SCAFFOLD_GUIDE.glob("*.md"))


def quoted_messages() -> list[tuple[str, str, str, str]]:
    """(page, severity, message, hint) of every diagnostic quoted in a ```text block."""
    found = []
    for page in sorted(GUIDE.glob("*.md")):
        for block in re.findall(r"```text\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL):
            found += [
                (page.name, SEVERITY[match["severity"]], match["message"], match["hint"])
                for match in QUOTED.finditer(block)
            ]
    return found


def checker_messages() -> set[tuple[str, str, str]]:
    """(severity, message, hint) of every diagnostic the checker gives on the bad-input cases, in Chinese."""
    said = set()
    for case in sorted(CASES.iterdir()):
        if case.is_dir() and (case / "handbook.yml").is_file() and not (case / "generate.py").exists():
            for item in read_handbook(case).diagnostics:
                said.add((item.severity.value, render(item.message, "zh"), render(item.hint, "zh")))
    return said


def test_the_repository_guide_is_the_one_init_copies() -> None:
    assert GUIDE.resolve() == SCAFFOLD_GUIDE.resolve()
    assert len(PAGES) >= 7


def test_every_quoted_check_message_is_what_the_checker_says() -> None:
    quoted = quoted_messages()
    assert len(quoted) >= 15, "the guide's check page quotes the common messages"
    said = checker_messages()
    unknown = [
        f"{page}: {severity}: {message} | {hint}"
        for page, severity, message, hint in quoted
        if (severity, message, hint) not in said
    ]
    assert unknown == [], "the guide quotes messages the checker does not print"


def test_a_changed_message_would_be_caught() -> None:
    """The comparison is exact: a message reworded in the guide is not found."""
    said = checker_messages()
    assert ("error", "文件 中有未知字段“titel”", "是否想写“title”？") in said
    assert ("error", "文件中有未知字段“titel”", "是否想写“title”？") not in said


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_the_guide_is_a_section_of_the_built_site(built_site: Path, page: str) -> None:
    html = (built_site / "guide" / Path(page).stem / "index.html").read_text(encoding="utf-8")
    heading = next(
        line[2:] for line in (GUIDE / page).read_text(encoding="utf-8").splitlines() if line.startswith("# ")
    )
    assert "<h1" in html and heading in html
    assert "编写指南" in html  # the nav section
    # navigation.prune: the home page's nav opens the section at its first page; on a guide
    # page the section is open, with every page of the guide
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="guide/{Path(PAGES[0]).stem}/"' in home
    for other in PAGES:
        assert other == page or f'href="../{Path(other).stem}/"' in html, other
