"""Periodic review: which documents are due (or overdue) for their 定期评审.

Every controlled document is reviewed for suitability at a set interval (ISO 9001 7.5.2);
the next review falls `review_period_months` (the document's, else handbook.yml's) after
the current revision took effect, because issuing a revision is itself a review, or after
the latest periodic review recorded with `handbook review` (继续有效), whichever is later.

Status, counted in days from the as-of date to the next review:
    逾期      the next review date has passed (days < 0)
    到期      it is today (days = 0)
    即将到期   it falls within the window, 30 days by default (0 < days ≤ window)

Only released documents (生效) are listed: a draft is a review under way, and a withdrawn
(已作废) document is no longer reviewed.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import json
import unicodedata
from dataclasses import dataclass

from generator.messages import Text, language, render
from generator.source.model import Document, Handbook, Status, document_form_numbers

DEFAULT_WINDOW_DAYS = 30


class ReviewStatus(str, enum.Enum):
    OVERDUE = "逾期"
    DUE = "到期"
    UPCOMING = "即将到期"
    FORM_REVISED = "表单已修订"  # a form it uses has a revision newer than its last review


@dataclass(frozen=True)
class ReviewDue:
    number: str
    title: str
    effective: datetime.date
    period_months: int
    next_review: datetime.date
    status: ReviewStatus
    days: int  # days from the as-of date to the next review; negative when overdue

    def as_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "title": self.title,
            "effective": self.effective.isoformat(),
            "period_months": self.period_months,
            "next_review": self.next_review.isoformat(),
            "status": self.status.value,
            "days": self.days,
        }


def add_months(date: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's end (Jan 31 + 1 → Feb 28/29)."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def last_reviewed(document: Document) -> datetime.date:
    """When the review clock last started: the current revision's date or its latest
    periodic review (`handbook review`), whichever is later."""
    return max([document.effective, *(review.date for review in document.reviews)])


def next_review_of(handbook: Handbook, document: Document) -> datetime.date:
    return add_months(last_reviewed(document), handbook.review_period_of(document))


def review_status(days: int, window_days: int = DEFAULT_WINDOW_DAYS) -> ReviewStatus | None:
    if days < 0:
        return ReviewStatus.OVERDUE
    if days == 0:
        return ReviewStatus.DUE
    if days <= window_days:
        return ReviewStatus.UPCOMING
    return None


def reviews_due(handbook: Handbook, as_of: datetime.date, window_days: int = DEFAULT_WINDOW_DAYS) -> list[ReviewDue]:
    """Released documents whose review is overdue or due within the window, most urgent first."""
    found: list[ReviewDue] = []
    for document in handbook.documents:
        if document.status is not Status.EFFECTIVE:
            continue
        period = handbook.review_period_of(document)
        next_review = next_review_of(handbook, document)
        days = (next_review - as_of).days
        status = review_status(days, window_days)
        if status is not None:
            found.append(
                ReviewDue(document.number, document.title, document.effective, period, next_review, status, days)
            )
    found += forms_revised_since_review(handbook, as_of)
    return sorted(found, key=lambda item: (item.next_review, item.number))


def forms_revised_since_review(handbook: Handbook, as_of: datetime.date) -> list[ReviewDue]:
    """Released documents that use a form revised (and in effect) after the document's last
    review: the document must be reviewed against the new form (ISO 9001 7.5.3 c)."""
    found: list[ReviewDue] = []
    for document in handbook.documents:
        if document.status is not Status.EFFECTIVE:
            continue
        reviewed = last_reviewed(document)
        for number in document_form_numbers(document):
            form = handbook.forms_by_number.get(number)
            if form is None or len(form.history) < 2 or not reviewed < form.effective <= as_of:
                continue
            found.append(
                ReviewDue(
                    document.number,
                    f"{document.title}（表单 {form.number} 已修订为 {form.revision}）",
                    document.effective,
                    handbook.review_period_of(document),
                    form.effective,
                    ReviewStatus.FORM_REVISED,
                    (form.effective - as_of).days,
                )
            )
    return found


# --------------------------------------------------------------------------- output


def display_width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


REVIEW_COLUMNS = ("文件编号", "文件名称", "生效日期", "评审周期", "下次评审", "状态", "天数")


def _row(item: ReviewDue) -> tuple[str, ...]:
    return (
        item.number,
        item.title,
        item.effective.isoformat(),
        f"{item.period_months}个月",
        item.next_review.isoformat(),
        item.status.value,
        str(item.days),
    )


def format_reviews(
    items: list[ReviewDue],
    as_of: datetime.date,
    output_format: str = "text",
    window_days: int = DEFAULT_WINDOW_DAYS,
    lang: str | None = None,
) -> str:
    """A table aligned for a terminal (`text`), or a JSON list for scripts (`json`); the
    sentences in `lang` (see `generator.messages.language`)."""
    if output_format == "json":
        return json.dumps([item.as_json() for item in items], ensure_ascii=False, indent=2)
    if not items:
        return render(
            Text("no document is due for review within {days} days of {date}", days=window_days, date=as_of),
            language(lang),
        )
    rows = [REVIEW_COLUMNS] + [_row(item) for item in items]
    widths = [max(display_width(row[index]) for row in rows) for index in range(len(REVIEW_COLUMNS))]
    lines = ["  ".join(_pad(cell, width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    overdue = sum(1 for item in items if item.status is ReviewStatus.OVERDUE)
    lines.append(
        render(
            Text(
                "{count} document(s) due for review as of {date}, {overdue} overdue",
                count=len(items),
                date=as_of,
                overdue=overdue,
            ),
            language(lang),
        )
    )
    return "\n".join(lines)
