"""One status vocabulary: the word a reader sees for each version state, its one badge style,
and the status of every revision a change record names (never 现行 on a superseded page,
无存档 with the reason when the archive cannot show it)."""

from __future__ import annotations

import datetime
import re

import pytest

from generator.document.in_force import VersionState
from generator.document.versions import DocumentVersion, DocumentVersions
from generator.render.site.pages import SiteRenderer
from generator.render.status import (
    NOT_ARCHIVED,
    NOT_ARCHIVED_REASON,
    STATUS_CLASSES,
    css_string,
    print_margins,
    revision_status,
    status_class,
    status_label,
)
from generator.render.templates import template_environment


def test_the_version_in_force_reads_as_effective_and_the_others_as_they_are() -> None:
    assert status_label(VersionState.IN_FORCE) == "生效"
    assert [status_label(state) for state in VersionState if state is not VersionState.IN_FORCE] == [
        "待生效",
        "已被替代",
        "草稿",
        "已作废",
    ]


def test_every_status_word_has_its_own_badge_style() -> None:
    assert set(STATUS_CLASSES) == {"生效", "待生效", "草稿", "已被替代", "已作废", "无存档"}
    assert len(set(STATUS_CLASSES.values())) == len(STATUS_CLASSES)
    # 已被替代 no longer borrows the green style of 生效
    assert status_class("已被替代") != status_class("生效")


def test_a_word_outside_the_vocabulary_is_a_template_error() -> None:
    with pytest.raises(ValueError, match="'现行' is not a status word"):
        status_class("现行")
    chip = template_environment().from_string('{{ "有效" | status_class }}')
    with pytest.raises(ValueError, match="use one of 生效"):
        chip.render()


def test_a_change_record_names_each_revision_with_its_archive_status(example_handbook) -> None:
    document = example_handbook.documents[0]
    old = DocumentVersion(document.model_copy(update={"revision": "A0"}), VersionState.SUPERSEDED)
    new = DocumentVersion(document.model_copy(update={"revision": "A1"}), VersionState.IN_FORCE)
    versions = DocumentVersions(document.number, (old, new), new)
    assert revision_status(versions, "A0") == "已被替代"
    assert revision_status(versions, "A1") == "生效"
    assert revision_status(versions, "Z9") == NOT_ARCHIVED
    assert "无法显示或下载" in NOT_ARCHIVED_REASON


def test_the_change_record_on_a_superseded_page_never_says_current(example_handbook) -> None:
    """The archive page of A1 (superseded) labels A1 已被替代 in its own change record."""
    document = example_handbook.documents[0]
    first = document.model_copy(update={"revision": "A0", "effective": datetime.date(2020, 1, 1)})
    versions = DocumentVersions(
        document.number,
        (DocumentVersion(first, VersionState.SUPERSEDED), DocumentVersion(document, VersionState.IN_FORCE)),
        DocumentVersion(document, VersionState.IN_FORCE),
    )
    template = template_environment().from_string(
        '{% from "site/macros.html.j2" import status_chip %}'
        "{% for revision in ['A0', 'X9'] %}{{ status_chip(revision_status(versions, revision)) }}{% endfor %}"
    )
    html = template.render(versions=versions)
    assert '<span class="hb-status hb-status--superseded">已被替代</span>' in html
    assert '<span class="hb-status hb-status--unarchived">无存档</span>' in html
    assert "现行" not in html


def review_flags(html: str) -> list[str]:
    """The review flags shown (not hidden) in a page's HTML, in order."""
    return re.findall(
        r'<span class="hb-status hb-status--(?:due-soon|overdue)" data-hb-(?:until|when)-due>([^<]+)<', html
    )


@pytest.mark.parametrize(
    ("build_date", "flag"),
    [(-31, None), (-30, "即将到期"), (0, "即将到期"), (1, "逾期"), (400, "逾期")],
)
def test_the_register_and_the_document_page_flag_the_periodic_review(
    example_handbook, build_date: int, flag: str | None
) -> None:
    """Days from the next review of SH/GZ-001: due soon within review-due's 30 days, overdue after."""
    document = example_handbook.documents_by_number["SH/GZ-001"]
    next_review = SiteRenderer(example_handbook, datetime.date(2026, 1, 1)).next_review(document)
    site = SiteRenderer(example_handbook, next_review + datetime.timedelta(days=build_date))
    home = site.home_page().content
    row = home[home.index(">SH/GZ-001</a>") :].split("</tr>")[0]
    page = site.document_page(document).content
    header = page[page.index("下次评审") :].split("</tr>")[0]
    expected = [flag] if flag else []
    assert review_flags(row) == expected
    assert review_flags(header) == expected
    # both words are in the page for handbook.js to switch on the reader's date
    assert "即将到期" in row and "逾期" in row and 'data-hb-due="' in header


def test_every_printed_page_of_a_version_not_in_force_says_so() -> None:
    css = str(print_margins("SH/GZ-001", "售后服务管理规定", "A1", "已被替代"))
    assert '@top-left { content: "SH/GZ-001  售后服务管理规定  版次 A1"' in css
    assert '@top-right { content: "已被替代：仅供查阅，不得作为工作依据"' in css
    assert 'counter(page) " 页 共 " counter(pages)' in css


def test_a_hostile_title_cannot_leave_the_printed_margin() -> None:
    css = str(print_margins("X-1", '规定"; } </style><script>alert(1)</script>', "A0", "草稿"))
    assert "</style><script>" not in css and '规定";' not in css
    assert css.count("</style>") == 1
    assert css_string('a"b\\c') == '"a\\22 b\\5c c"'


def test_the_form_page_speaks_to_office_staff_and_keeps_ids_in_a_collapsed_block(example_handbook) -> None:
    form = example_handbook.forms_by_number["QR-GZ001-02"]
    page = SiteRenderer(example_handbook, datetime.date(2026, 1, 1)).form_page(form).content
    staff, technical = page.split('<details class="hb-technical">', 1)
    fields = staff[staff.index('<h2 id="fields">') :]
    assert "<th>填写方式</th>" in fields and "<td>文本</td>" in fields
    for developer_term in ("<code>", "text", "multi_choice", "[].", "（"):
        assert developer_term not in fields.split("</table>")[0], developer_term
    assert "<summary>技术信息" in technical
    assert re.search(r"<code>[a-z_]+\[\]\.[a-z_]+</code>", technical)  # table columns as record paths
