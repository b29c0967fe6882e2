"""The roles register and the kinds of involvement, on the working copy of the example.

Fast: no build. What the pages show is tested in test_roles_site.py against a real build;
here the duties themselves (RoleDuties, the data both the role pages and the matrix are made
from) are compared with the YAML read directly.
"""

from __future__ import annotations

import yaml

from generator.render.facts import step_facts
from generator.render.site.roles import RoleDuties
from generator.source.roles import RoleRegister
from tests.conftest import PROJECT_ROOT


def _yaml(name: str) -> dict:
    return yaml.safe_load((PROJECT_ROOT / name).read_text(encoding="utf-8"))


def test_every_party_of_the_example_is_a_registered_role_and_externals_are_marked(example_handbook) -> None:
    register = RoleRegister(example_handbook.settings.roles)
    for document in example_handbook.documents:
        parties = [item.party for item in document.responsibilities]
        parties += [party for step in _steps(document.body) for party, _ in step.participants]
        for party in parties:
            assert register.resolve(party), (document.number, party)
    by_name = register.by_name
    assert by_name["客户"].external and by_name["顾客"] is by_name["客户"]
    assert by_name["沈重华扬机械公司"].external
    assert not by_name["售后服务部经理"].external
    # the duplicates the issue names are one role each
    assert by_name["全体售后人员"] is by_name["服务人员"] is by_name["售后服务人员"]
    assert by_name["用服中心"] is by_name["营销事业部用服中心"]
    assert register.resolve("售后服务人员、各驻外机构、业务部和制造部") == (
        by_name["售后服务人员"],
        by_name["驻外机构"],
        by_name["业务部"],
        by_name["制造部"],
    )


def _steps(steps):
    for step in steps:
        yield step
        yield from _steps(step.steps)


def test_support_is_not_responsibility(example_handbook) -> None:
    """SQ/WI0727 A/01 3.2.7 "积极配合销售人员的工作": the service group supports; 销售人员 is not responsible."""
    duties = RoleDuties.of(example_handbook, {})
    role = duties.register.by_name
    sales = [duty for duty in duties.duties[role["销售人员"].id] if duty.document.number == "SQ/WI0727"]
    assert [duty.number for duty in sales if duty.number == "3.2.7"] == []
    group = {
        duty.number: duty.involvement
        for duty in duties.duties[role["售后服务组"].id]
        if duty.document.number == "SQ/WI0727"
    }
    assert group["3.2.7"] == "配合" and group["4.1"] == "配合" and group["3.2.1"] == "负责"
    quality = {
        duty.number: duty.involvement
        for duty in duties.duties[role["品质部"].id]
        if duty.document.number == "SQ/WI0727"
    }
    assert quality["4.1"] == "负责"
    business = {
        duty.number: duty.involvement
        for duty in duties.duties[role["业务部"].id]
        if duty.document.number == "SH/GZ-002"
    }
    assert business["5.2"] == "配合"
    finance = {
        duty.number: duty.involvement
        for duty in duties.duties[role["财务部"].id]
        if duty.document.number == "SH/GZ-002"
    }
    assert finance == {"6": "审核"}


def test_involvement_of_every_clause_matches_the_yaml(example_handbook) -> None:
    """Per document, the (clause text, party, kind) triples of RoleDuties are those of the YAML."""
    duties = RoleDuties.of(example_handbook, {})
    register = duties.register
    for path in sorted((PROJECT_ROOT / "procedures").glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected = set()
        for step in _raw_steps(raw["body"]):
            owners = step.get("owner") or []
            for party in [owners] if isinstance(owners, str) else owners:
                expected |= {
                    (step.get("text") or step.get("title"), role.id, "负责") for role in register.resolve(party)
                }
            for item in step.get("involved", []):
                expected |= {(step["text"], role.id, item["kind"]) for role in register.resolve(item["party"])}
        found = {
            (duty.clause.text or duty.clause.title, role_id, duty.involvement)
            for role_id, listed in duties.duties.items()
            for duty in listed
            if duty.document.number == raw["number"] and duty.involvement != "职责"
        }
        assert found == expected, raw["number"]


def _raw_steps(steps: list[dict]):
    for step in steps:
        yield step
        yield from _raw_steps(step.get("steps", []))


def test_clause_facts_name_the_kind_of_involvement(example_handbook) -> None:
    document = example_handbook.documents_by_number["SH/GZ-002"]
    step = document.body[1].steps[1]  # 5.2
    assert [(fact.label, fact.text) for fact in step_facts(step)][:2] == [("责任", "售后服务人员"), ("配合", "业务部")]


def test_roles_register_is_in_handbook_yml() -> None:
    roles = _yaml("handbook.yml")["roles"]
    assert len(roles) == len({role["id"] for role in roles})
    assert all(role["department"] for role in roles)


def test_job_requirements_are_not_thresholds(example_handbook) -> None:
    """岗位要求 (具有3年以上相关工作经验) is a hiring requirement, not a rule with a number to watch."""

    def under_requirements(steps, inside: bool):
        for step in steps:
            here = inside or (step.title or "").startswith("岗位要求")
            if here:
                yield step
            yield from under_requirements(step.steps, here)

    for document in example_handbook.documents:
        for step in under_requirements(document.body, False):
            assert not step.thresholds, (document.number, step.text)
