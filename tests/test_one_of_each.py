"""One place for each fact: the pieces that used to exist twice, and drifted, now exist once.

Each test pins the single definition's behaviour where a copy used to differ.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.document.git_history import IssuedRevision, _in_revision_order
from generator.render.facts import LABELS, step_fact_groups, step_facts
from generator.render.templates import status_label
from generator.source.model import Document, RevisionScheme, Step
from generator.source.project import read_handbook, yaml_files_in
from generator.source.revisions import revision_scheme_of

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def example_document() -> Document:
    handbook = read_handbook(PROJECT_ROOT).handbook
    assert handbook is not None
    return handbook.documents[0]


def test_history_orders_revisions_in_the_handbook_scheme_not_a_fixed_one() -> None:
    """A document without its own scheme in an A/00 handbook: A/10 comes after A/09.

    The old copy in git_history fell back to A0, could not parse A/09 and sorted by commit."""
    template = example_document().model_copy(update={"revision_scheme": None})

    def issued(label: str, commit_day: int) -> IssuedRevision:
        document = template.model_copy(update={"revision": label})
        when = datetime.datetime(2024, 1, commit_day, tzinfo=datetime.UTC)
        return IssuedRevision(label, datetime.date(2024, 1, commit_day), f"c{commit_day}", when, document)

    committed = [issued("A/10", 1), issued("A/09", 2), issued("B/00", 3)]
    ordered = _in_revision_order(committed, RevisionScheme.SLASHED)
    assert [item.revision for item in ordered] == ["A/09", "A/10", "B/00"]
    assert [item.revision for item in _in_revision_order(committed, None)] == ["A/09", "A/10", "B/00"]


def test_revision_scheme_of_prefers_the_document_then_the_handbook() -> None:
    handbook = read_handbook(PROJECT_ROOT).handbook
    assert handbook is not None
    plain = handbook.documents[0].model_copy(update={"revision_scheme": None})
    own = plain.model_copy(update={"revision_scheme": RevisionScheme.SLASHED})
    assert revision_scheme_of(plain, handbook.settings) is handbook.settings.revision_scheme
    assert revision_scheme_of(own, handbook.settings) is RevisionScheme.SLASHED
    assert revision_scheme_of(plain, None) is None


def test_yaml_files_in_lists_yml_then_yaml_sorted(tmp_path: Path) -> None:
    for name in ("b.yml", "a.yaml", "a.yml", "notes.txt", "c.YML.bak"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [path.name for path in yaml_files_in(tmp_path)] == ["a.yml", "b.yml", "a.yaml"]


def test_the_in_force_state_reads_effective_everywhere() -> None:
    assert status_label("现行") == "生效"
    for state in ("待生效", "草稿", "已作废", "已被替代"):
        assert status_label(state) == state


def test_every_fact_of_a_step_is_listed_once_for_site_and_pdf() -> None:
    step = Step.model_validate(
        {
            "text": "单次索赔数额超过500元时，报总经理批准。",
            "owner": ["用服中心", "品质部"],
            "involved": [
                {"party": "技术部", "kind": "配合"},
                {"party": "品质部经理", "kind": "审核"},
                {"party": "总经理", "kind": "批准"},
                {"party": "财务部", "kind": "知会"},
            ],
            "time_limit": "当天",
            "frequency": "每季一次",
            "thresholds": [{"text": "单次索赔数额超过500元", "value": 500, "unit": "元", "action": "报总经理批准"}],
            "forms": ["QR-GZ001-01"],
            "documents": ["SH/GZ-002"],
        }
    )
    facts = step_facts(step)
    assert [fact.kind for fact in facts] == [
        "owner",
        "owner",
        "support",
        "review",
        "approve",
        "inform",
        "time",
        "frequency",
        "threshold",
        "form",
        "document",
    ]
    assert facts[8].text == "单次索赔数额超过500元 → 报总经理批准"
    assert [group.kind for group in step_fact_groups(step)] == list(LABELS)
    assert [fact.text for fact in step_fact_groups(step)[0].facts] == ["用服中心", "品质部"]
