"""Flowcharts drawn only from a defined `flow:`: layout facts, checked against the YAML.

The expected values are read from the YAML here (yaml.safe_load), not through the model:
every box shows its step's whole text, the branches of a decision stand side by side, and
a document without `flow:` gets no chart.
"""

from __future__ import annotations

import yaml

from generator.document.clause_numbers import clauses_by_number, join_number
from generator.document.outline import document_outline
from generator.render.site.flowchart import flowchart_layout, wrap
from generator.render.site.roles import register_of
from tests.conftest import PROJECT_ROOT


def _raw_flows() -> dict[str, dict]:
    """Document number → its flow, as the YAML files have it."""
    found = {}
    for path in sorted((PROJECT_ROOT / "procedures").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("flow"):
            found[data["number"]] = data["flow"]
    return found


def _layout(handbook, number: str):
    document = handbook.documents_by_number[number]
    outline = document_outline(handbook, number)
    return flowchart_layout(document.flow, register_of(handbook), clauses_by_number(outline))


def test_the_example_defines_the_flows_its_seeds_describe() -> None:
    flows = _raw_flows()
    titles = {number: flow["title"] for number, flow in flows.items()}
    assert titles["SH/GZ-002"] == "客户投诉处理流程"
    assert titles["SH/GZ-001"] == "服务请求处理流程"
    assert titles["SH/WI-001"] == "安装调试工作流程"
    assert titles["SH/GZ-003"] == "售后跟踪服务流程"


def test_long_edges_run_beside_the_boxes_they_pass(example_handbook) -> None:
    """SH/GZ-003: 能当面答复 skips four rows; its line must not cross the boxes between."""
    layout = _layout(example_handbook, "SH/GZ-003")
    nodes = {node.step_id: node for node in layout.nodes}
    answer = nodes["answer"]
    edge = next(
        edge for edge in layout.edges if edge.label == "能" and edge.path.startswith(f"M {answer.x + answer.width} ")
    )
    vertical_x = int(edge.path.split(" L ")[1].split()[0])
    assert all(vertical_x > node.x + node.width for node in layout.nodes if node.lane == answer.lane)
    assert vertical_x < layout.width


def test_service_kinds_of_sh_gz_001_stand_side_by_side_in_one_lane(example_handbook) -> None:
    layout = _layout(example_handbook, "SH/GZ-001")
    nodes = {node.step_id: node for node in layout.nodes}
    commission, repair = nodes["commission"], nodes["repair"]
    assert commission.lane == repair.lane == "服务工程师"
    assert commission.y == repair.y and commission.x + commission.width <= repair.x
    assert nodes["hand-in"].y > commission.y + commission.height  # both branches meet again below


def test_every_box_shows_its_whole_text(example_handbook) -> None:
    flows = _raw_flows()
    for number, raw in flows.items():
        layout = _layout(example_handbook, number)
        assert layout is not None
        shown = {node.step_id: "".join(node.lines) for node in layout.nodes}
        assert shown == {step["id"]: step["text"] for step in raw["steps"]}, number
        for node in layout.nodes:
            assert not any(line.endswith("…") for line in node.lines)
            assert all(len(line) <= 11 for line in node.lines), node.lines  # fits a 176 px box at 13 px


def test_complaint_branches_of_sh_gz_002_stand_side_by_side(example_handbook) -> None:
    raw = _raw_flows()["SH/GZ-002"]
    decision = next(step for step in raw["steps"] if step.get("kind") == "decision")
    assert [branch["label"] for branch in decision["branches"]] == ["产品质量问题", "非质量原因"]
    layout = _layout(example_handbook, "SH/GZ-002")
    nodes = {node.step_id: node for node in layout.nodes}
    first, second = (nodes[branch["next"]] for branch in decision["branches"])
    assert first.y == second.y  # one row
    assert first.x + first.width <= second.x  # side by side, not overlapping
    assert {edge.label for edge in layout.edges} >= {"产品质量问题", "非质量原因"}
    # the lanes are the roles of the steps, in order of first appearance, none unassigned
    assert [lane.name for lane in layout.lanes] == list(dict.fromkeys(step["lane"] for step in raw["steps"]))
    assert all(lane.role_id for lane in layout.lanes)


def test_cited_clauses_link_to_their_anchor(example_handbook) -> None:
    layout = _layout(example_handbook, "SH/GZ-002")
    links = {link.number: link.anchor for node in layout.nodes for link in node.clauses}
    assert links["5.1"] == "c-5-1" and links["7.2"] == "c-7-2"


def test_documents_without_a_flow_get_no_chart(example_handbook) -> None:
    flows = _raw_flows()
    without = [document.number for document in example_handbook.documents if document.number not in flows]
    assert without
    for number in without:
        assert _layout(example_handbook, number) is None, number


def test_wrapping_keeps_every_character_and_punctuation_off_line_starts() -> None:
    text = (
        "生产科和技术科分析问题原因并拟定处理对策，与销售分公司业务部门协商处理办法（特别异常问题会同技术开发科分析）"
    )
    lines = wrap(text)
    assert "".join(lines) == text
    assert not any(line[0] in "，。、）" for line in lines)
    assert wrap("ABC 123", 4) == ("ABC ", "123")


def test_full_clause_numbers_join_their_parents() -> None:
    assert join_number("二", "（一）") == "二（一）"
    assert join_number("二（一）", "1.") == "二（一）1"
    assert join_number("3.2", "3.2.7") == "3.2.7"
    assert join_number("3.2.7", "a)") == "3.2.7 a)"
