"""Blank forms as printed: units once, text inside the page and never over other text, and
the forms that run onto a second page are exactly the ones the README lists with a reason.

The PDF checks read the session's build of the example handbook with poppler's word boxes
(`pdftotext -bbox`), the way a printed page is read: where each word actually landed.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.render.form_layout import column_width, printed_unit
from generator.render.pdf.renderer import pdf_path_for_form
from generator.source.model import FormField, Handbook

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
OVERLAP = 0.25  # two words sharing a quarter of the smaller one's area are printed over each other


def field(label: str, kind: str, unit: str | None = None) -> FormField:
    return FormField.model_validate({"id": "x", "label": label, "type": kind, "unit": unit})


@pytest.mark.parametrize(
    ("label", "kind", "unit", "printed"),
    [
        ("金额（元）", "money", None, ""),
        ("金额", "money", None, "元"),
        ("工时", "number", "小时", "小时"),
        ("工时(小时)", "number", "小时", ""),
        ("里程（km）", "number", "km", ""),
        ("日期", "date", None, ""),
    ],
)
def test_a_unit_is_printed_once(label: str, kind: str, unit: str | None, printed: str) -> None:
    assert printed_unit(field(label, kind, unit)) == printed


def test_a_money_column_counts_its_unit_in_its_width() -> None:
    assert column_width(field("索赔金额", "money")) == column_width(field("索赔金额（元）", "money"))


def test_no_form_of_the_example_prints_a_unit_twice(example_handbook: Handbook) -> None:
    from generator.render.templates import template_environment

    environment = template_environment()
    template = environment.get_template("shared/form_body.html")
    doubled = []
    for form in example_handbook.forms:
        for fillable in (False, True):
            html = template.render(form=form, fillable=fillable)
            doubled += [f"{form.number}: {match.group()}" for match in re.finditer(r"（([^（）]+)）（\1）", html)]
    assert doubled == []


# --------------------------------------------------------------------------- the printed blanks


def words_of(path: Path) -> list[tuple[int, tuple[float, float, float, float], tuple[float, float], str]]:
    """(page index, box, page size, text) of every word poppler finds."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for index, page in enumerate(xhtml.split("<page ")[1:]):
        size = PAGE.search("<page " + page)
        assert size, path.name
        width, height = float(size.group(1)), float(size.group(2))
        for match in WORD.finditer(page):
            box = (float(match.group(1)), float(match.group(2)), float(match.group(3)), float(match.group(4)))
            found.append((index, box, (width, height), match.group(5)))
    return found


def overlap(first: tuple[float, ...], second: tuple[float, ...]) -> float:
    width = min(first[2], second[2]) - max(first[0], second[0])
    height = min(first[3], second[3]) - max(first[1], second[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((box[2] - box[0]) * (box[3] - box[1]) for box in (first, second))
    return width * height / smaller if smaller else 0.0


def two_page_forms_in_readme() -> set[str]:
    """The form numbers listed under the README's "Forms longer than one page" heading."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Forms longer than one page", 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"^- `(QR-[A-Z0-9-]+)`", section, flags=re.MULTILINE))


@pytest.mark.slow
def test_blank_forms_keep_their_text_on_the_page_and_apart(built_site: Path, example_handbook: Handbook) -> None:
    outside, overprinted = [], []
    for form in example_handbook.forms:
        words = words_of(built_site / pdf_path_for_form(form, False))
        for page, box, (width, height), text in words:
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                outside.append(f"{form.number} p{page + 1}: {text}")
        for number, (page, box, _, text) in enumerate(words):
            for other_page, other_box, _, other_text in words[number + 1 :]:
                if other_page == page and overlap(box, other_box) > OVERLAP:
                    overprinted.append(f"{form.number} p{page + 1}: {text} / {other_text}")
    assert not outside, outside
    assert not overprinted, overprinted


@pytest.mark.slow
def test_the_forms_longer_than_a_page_are_the_ones_the_readme_explains(
    built_site: Path, example_handbook: Handbook
) -> None:
    longer = set()
    for form in example_handbook.forms:
        pages = {page for page, *_ in words_of(built_site / pdf_path_for_form(form, False))}
        if len(pages) > 1:
            longer.add(form.number)
    assert longer == two_page_forms_in_readme()
