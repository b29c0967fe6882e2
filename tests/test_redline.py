"""Redlines between two revisions: clause alignment, inline segments, the other sections."""

from __future__ import annotations

import copy

from generator.document.redline import ChangeKind, Segment, inline_diff, redline, tokenize
from generator.source.model import Document, NumberingStyle

DECIMAL = NumberingStyle.DECIMAL

BASE = {
    "number": "SH/WI-001",
    "title": "服务工作规范",
    "type": "作业指导书",
    "revision": "A0",
    "effective": "2024-01-01",
    "status": "生效",
    "department": "售后服务组",
    "purpose": "为了能够更好地为顾客服务。",
    "scope": "适用于本公司的服务工作。",
    "responsibilities": [
        {"party": "售后服务组", "duties": ["负责售后服务的实施。", "负责顾客回访。"]},
        {"party": "品质部", "duties": ["负责不合格信息的分析与处理。"]},
    ],
    "body": [
        {
            "title": "售前服务",
            "steps": [
                {"text": "向顾客介绍产品的性能。"},
                {"text": "帮助顾客选择合适的型号。"},
                {"text": "提供技术咨询。"},
            ],
        },
        {
            "title": "售后服务",
            "steps": [
                {"text": "接到报修后24小时内响应。", "time_limit": "24小时内"},
                {"text": "维修完成后请顾客签字确认。"},
                {"text": "每季度回访一次重点顾客。", "items": ["电话回访；", "上门回访。"]},
            ],
        },
    ],
    "records": [
        {"form": "QR-WI001-01", "keeper": "售后服务组", "retention": "3年"},
        {"form": "QR-WI001-02", "keeper": "售后服务组", "retention": "2年"},
    ],
    "history": [{"revision": "A0", "date": "2024-01-01", "change": "首次发布"}],
}


def document(**changes) -> Document:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return Document.model_validate(data)


def body_with(edit) -> list:
    body = copy.deepcopy(BASE["body"])
    edit(body)
    return body


def test_identical_revisions_give_an_empty_redline() -> None:
    changes = redline(document(), document(revision="A1"), DECIMAL, DECIMAL)
    assert changes.is_empty and (changes.old_revision, changes.new_revision) == ("A0", "A1")


def test_changed_clause_text_has_character_segments() -> None:
    new = document(body=body_with(lambda body: body[1]["steps"][0].update(text="接到报修后12小时内响应。")))
    changes = redline(document(), new, DECIMAL, DECIMAL)
    assert len(changes.clauses) == 1
    change = changes.clauses[0]
    assert change.kind is ChangeKind.CHANGED and change.label == "5.1" and change.old.label == "5.1"
    assert change.fields[0].segments == (
        Segment("equal", "接到报修后"),
        Segment("delete", "24"),
        Segment("insert", "12"),
        Segment("equal", "小时内响应。"),
    )


def test_inserted_clause_is_one_addition_even_though_later_numbers_shift() -> None:
    new = document(body=body_with(lambda body: body[0]["steps"].insert(0, {"text": "了解顾客的使用环境。"})))
    changes = redline(document(), new, DECIMAL, DECIMAL)
    assert [(change.kind, change.label) for change in changes.clauses] == [(ChangeKind.ADDED, "4.1")]
    assert changes.clauses[0].new.text == "了解顾客的使用环境。" and changes.clauses[0].old is None


def test_removed_clause_is_one_removal() -> None:
    new = document(body=body_with(lambda body: body[0]["steps"].pop(1)))
    changes = redline(document(), new, DECIMAL, DECIMAL)
    assert [(change.kind, change.label, change.old.text) for change in changes.clauses] == [
        (ChangeKind.REMOVED, "4.2", "帮助顾客选择合适的型号。")
    ]


def test_insertion_next_to_a_change_pairs_by_similarity() -> None:
    def edit(body: list) -> None:
        body[0]["steps"][1]["text"] = "帮助顾客选择最合适的型号。"
        body[0]["steps"].insert(1, {"text": "登记顾客的联系方式和地址。"})

    changes = redline(document(), document(body=body_with(edit)), DECIMAL, DECIMAL)
    summary = [
        (change.kind, change.old and change.old.label, change.new and change.new.label) for change in changes.clauses
    ]
    assert summary == [(ChangeKind.ADDED, None, "4.2"), (ChangeKind.CHANGED, "4.2", "4.3")]


def test_clause_replaced_in_place_is_a_change_of_that_clause() -> None:
    """Same place, new wording (however different): one changed clause, as a tracked change reads."""

    def edit(body: list) -> None:
        body[0]["steps"][1] = {"text": "完全不同的新要求。"}

    changes = redline(document(), document(body=body_with(edit)), DECIMAL, DECIMAL)
    assert [(change.kind, change.label) for change in changes.clauses] == [(ChangeKind.CHANGED, "4.2")]
    assert changes.clauses[0].fields[0].segments == (
        Segment("delete", "帮助顾客选择合适的型号"),
        Segment("insert", "完全不同的新要求"),
        Segment("equal", "。"),
    )


def test_run_of_unequal_length_pairs_only_similar_clauses() -> None:
    def edit(body: list) -> None:
        body[0]["steps"][1:3] = [
            {"text": "完全不同的新要求，与原文毫无关系。"},
            {"text": "另一条新增的条款。"},
            {"text": "提供技术咨询和培训。"},
        ]

    changes = redline(document(), document(body=body_with(edit)), DECIMAL, DECIMAL)
    summary = [
        (change.kind.value, change.old and change.old.label, change.new and change.new.label)
        for change in changes.clauses
    ]
    assert summary == [
        ("removed", "4.2", None),
        ("added", None, "4.2"),
        ("added", None, "4.3"),
        ("changed", "4.3", "4.4"),
    ]


def test_items_and_titles_are_compared_as_clauses() -> None:
    def edit(body: list) -> None:
        body[1]["title"] = "售后服务要求"
        body[1]["steps"][2]["items"][1] = "上门走访。"

    changes = redline(document(), document(body=body_with(edit)), DECIMAL, DECIMAL)
    assert [
        (change.label, change.new.kind, [field.field for field in change.fields]) for change in changes.clauses
    ] == [("5", "step", ["title"]), ("5.3.2", "item", ["text"])]


def test_header_fields_responsibilities_and_records() -> None:
    responsibilities = copy.deepcopy(BASE["responsibilities"])
    responsibilities[0]["duties"][1] = "负责顾客回访和满意度调查。"
    responsibilities.pop(1)
    responsibilities.append({"party": "财务部", "duties": ["负责服务费用的结算。"]})
    records = [
        {"form": "QR-WI001-01", "keeper": "品质部", "retention": "3年"},
        {"form": "QR-WI001-03", "keeper": "售后服务组", "retention": "1年"},
    ]
    new = document(
        title="服务工作规范（修订）",
        scope="适用于本公司全部的服务工作。",
        responsibilities=responsibilities,
        records=records,
    )
    changes = redline(document(), new, DECIMAL, DECIMAL)
    assert changes.clauses == ()
    assert [(diff.field, diff.old, diff.new) for diff in changes.header] == [
        ("title", "服务工作规范", "服务工作规范（修订）"),
        ("scope", "适用于本公司的服务工作。", "适用于本公司全部的服务工作。"),
    ]
    assert [(change.kind, change.party) for change in changes.responsibilities] == [
        (ChangeKind.CHANGED, "售后服务组"),
        (ChangeKind.REMOVED, "品质部"),
        (ChangeKind.ADDED, "财务部"),
    ]
    duty = changes.responsibilities[0].duties[0]
    assert (duty.old, duty.new) == ("负责顾客回访。", "负责顾客回访和满意度调查。")
    assert [(change.kind, change.form, change.fields) for change in changes.records] == [
        (ChangeKind.CHANGED, "QR-WI001-01", ("keeper",)),
        (ChangeKind.REMOVED, "QR-WI001-02", ()),
        (ChangeKind.ADDED, "QR-WI001-03", ()),
    ]


def test_labels_follow_each_revisions_own_style() -> None:
    new = document(body=body_with(lambda body: body[1]["steps"][1].update(text="维修完成后请顾客签字。")))
    change = redline(document(), new, DECIMAL, NumberingStyle.CHINESE).clauses[0]
    assert (change.old.label, change.new.label) == ("5.2", "（二）")


def test_tokens_are_words_for_latin_text_and_characters_for_chinese() -> None:
    assert tokenize("Check ISO 9001 的要求") == ["Check", " ", "ISO", " ", "9001", " ", "的", "要", "求"]
    assert inline_diff("Check the device.", "Check the devices.") == (
        Segment("equal", "Check the "),
        Segment("delete", "device"),
        Segment("insert", "devices"),
        Segment("equal", "."),
    )


def test_one_stray_common_character_does_not_shred_a_rewrite() -> None:
    segments = inline_diff("由用服中心负责处理的投诉", "经总经理批准后的答复")
    assert [segment.op for segment in segments] in (["delete", "insert"], ["delete", "insert", "equal"])
    assert "".join(segment.text for segment in segments if segment.op != "insert") == "由用服中心负责处理的投诉"
    assert "".join(segment.text for segment in segments if segment.op != "delete") == "经总经理批准后的答复"
