"""我的职责 pages, the roles index and the matrix, checked against the YAML read here directly.

The expected duties are computed in this file from the raw YAML (yaml.safe_load, the roles
register of handbook.yml, the in-force revision read from git), not through the generator's
model or outline: a role page must list exactly the clauses whose owner or 职责 party is one of
the role's names, no more and no fewer.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import PROJECT_ROOT
from tests.html_reading import page_file, read_page, squeeze

pytestmark = pytest.mark.slow

BUILD_DATE = datetime.date(2026, 1, 1)  # the test build's SOURCE_DATE_EPOCH
SEPARATORS = re.compile(r"[、，,和及与]")


def _register() -> list[dict]:
    return yaml.safe_load((PROJECT_ROOT / "handbook.yml").read_text(encoding="utf-8"))["roles"]


def _role_ids_of(party: str, register: list[dict]) -> list[str]:
    names = {name: role["id"] for role in register for name in [role["name"], *role.get("aliases", [])]}
    if party in names:
        return [names[party]]
    return list(dict.fromkeys(names[part.strip()] for part in SEPARATORS.split(party) if part.strip()))


def _in_force_text(path: Path) -> dict | None:
    """The document file as it was in the newest commit where it was in force on BUILD_DATE."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if data["status"] == "生效" and data["effective"] <= BUILD_DATE:
        return data
    relative = path.relative_to(PROJECT_ROOT).as_posix()
    commits = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "log", "--format=%H", "--", relative], capture_output=True, text=True
    ).stdout.split()
    for commit in commits:
        shown = subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "show", f"{commit}:{relative}"], capture_output=True, text=True
        )
        old = yaml.safe_load(shown.stdout) if shown.returncode == 0 else None
        if old and old["status"] == "生效" and old["effective"] <= BUILD_DATE:
            return old
    return None


def _owned_texts(steps: list[dict]):
    """(parties, clause text, involvement) for every clause naming a party: owners 负责, then `involved`."""
    for step in steps:
        owner = step.get("owner")
        text = step.get("text") or step.get("title")
        if owner:
            yield ([owner] if isinstance(owner, str) else owner), text, "负责"
        for involvement in step.get("involved", []):
            yield [involvement["party"]], text, involvement["kind"]
        yield from _owned_texts(step.get("steps", []))


def expected_duties() -> dict[str, Counter]:
    """Role id → Counter of (document number, clause text) from the YAML alone."""
    register = _register()
    expected: dict[str, Counter] = {role["id"]: Counter() for role in register}
    for path in sorted((PROJECT_ROOT / "procedures").glob("*.yml")):
        document = _in_force_text(path)
        if document is None:
            continue
        number = document["number"]
        for item in document.get("responsibilities", []):
            for role_id in _role_ids_of(item["party"], register):
                for duty in item["duties"]:
                    expected[role_id][(number, duty, "职责")] += 1
        for owners, text, kind in _owned_texts(document["body"]):
            role_ids = {role_id for owner in owners for role_id in _role_ids_of(owner, register)}
            for role_id in role_ids:
                expected[role_id][(number, text, kind)] += 1
    return expected


DUTY_ITEM = re.compile(r'<li class="hb-duty" data-hb-duty="([^"#]+)#[^"]*">(.*?)</li>', re.S)
INVOLVEMENT = re.compile(r'<span class="hb-involvement">([^<]+)</span>')


def listed_duties(built_site: Path, role_id: str) -> list[tuple[str, str, str]]:
    """(document number, text, involvement) of every duty on a role page."""
    html = (built_site / "roles" / role_id / "index.html").read_text(encoding="utf-8")
    return [
        (number, squeeze(re.sub(r"<[^>]+>", "", body)), INVOLVEMENT.findall(body)[0])
        for number, body in DUTY_ITEM.findall(html)
    ]


def test_every_role_page_lists_exactly_the_duties_of_the_yaml(built_site: Path) -> None:
    expected = expected_duties()
    assert sum(sum(found.values()) for found in expected.values()) > 250
    for role_id, duties in expected.items():
        listed = listed_duties(built_site, role_id)
        assert len(listed) == sum(duties.values()), role_id
        per_document: Counter = Counter()
        for (number, _, kind), count in duties.items():
            per_document[(number, kind)] += count
        assert Counter((number, kind) for number, _, kind in listed) == per_document, role_id
        for (number, text, kind), _count in duties.items():
            assert any(
                number == shown and squeeze(text) in body and kind == involvement for shown, body, involvement in listed
            ), (role_id, number, text)


def test_role_page_shows_clause_number_limits_and_blank_form(built_site: Path) -> None:
    html = (built_site / "roles" / "front-desk" / "index.html").read_text(encoding="utf-8")
    assert "前台接待人员：我的职责" in html
    page = read_page(built_site / "roles" / "service-centre-supervisor" / "index.html")
    assert "SH/GZ-001" in page.text and "时限" in page.text
    engineer = read_page(built_site / "roles" / "service-engineer" / "index.html")
    assert any(link.endswith(".pdf") and "pdf/forms/" in link for link in engineer.links), engineer.links
    assert "（原文：" in read_page(built_site / "roles" / "after-sales-staff" / "index.html").text


def test_roles_index_groups_every_role_by_department(built_site: Path) -> None:
    register = _register()
    page = read_page(built_site / "roles" / "index.html")
    for role in register:
        assert f"{role['id']}/" in " ".join(page.links), role["id"]
        assert role["department"] in page.text
    assert page.text.index("外部") > page.text.index("售后服务部")  # external parties come last


def test_matrix_has_one_row_per_role_with_duties_in_force_in_each_part(built_site: Path) -> None:
    """A registered role that no text in force names has no row (a row of dashes tells nothing)."""
    with_duties = [role_id for role_id, duties in expected_duties().items() if duties]
    assert len(with_duties) > 50
    html = (built_site / "matrix" / "index.html").read_text(encoding="utf-8")
    parts = html.count('<div class="hb-matrix-part">')
    assert parts == 3  # 21 documents, 7 per part
    rows = Counter(re.findall(r'<tr data-hb-role="([^"]+)">', html))
    assert rows == Counter(dict.fromkeys(with_duties, parts))
    assert "title=" not in html.split('<div class="hb-matrix-page">', 1)[1]  # no tooltip-only meaning
    for word in ("职责", "负责", "配合", "审核", "批准", "知会"):
        assert f"<li><strong>{word}</strong>：" in html  # the legend, as text on the page


def test_owner_chips_link_to_the_role_page(built_site: Path) -> None:
    page = read_page(page_file(built_site, "documents/SH-GZ-001/"))
    assert "../../roles/service-centre-supervisor/" in page.links


def test_department_and_record_keepers_link_to_their_role(built_site: Path) -> None:
    page = read_page(page_file(built_site, "documents/SH-GZ-001/"))
    # 归口部门 and the keeper of every record: 营销事业部用服中心
    assert page.links.count("../../roles/service-centre/") >= 1 + 3
