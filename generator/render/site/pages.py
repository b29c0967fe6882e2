"""Stage 4a — render the intranet site's pages from the model.

Every page is Markdown whose body is HTML produced by a Jinja2 template (one per page kind,
in templates/site/). The MkDocs plugin turns the returned pages into in-memory files; this
module knows nothing about MkDocs, so it can be tested and benchmarked on its own.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from generator.control.review import DEFAULT_WINDOW_DAYS, last_reviewed, next_review_of
from generator.document.clause_numbers import clauses_by_number
from generator.document.in_force import VersionState
from generator.document.outline import Clause, document_outline, iter_clauses, outline_for
from generator.document.versions import (
    Archive,
    DocumentVersion,
    DocumentVersions,
    Redlines,
    current_only,
    in_force_handbook,
)
from generator.records.compatibility import BreakingChange, breaking_changes
from generator.render import paths
from generator.render.site.control_pages import Distribution, control_pages, distribution_of, print_code
from generator.render.site.flowchart import flowchart_layout
from generator.render.site.roles import RoleDuties
from generator.render.templates import status_label, template_environment
from generator.render.text import plain_title
from generator.source.model import Document, Form, Handbook, document_form_numbers

MATRIX_COLUMNS = 7  # documents per part of the matrix: fits 1280 px and an A4-landscape page


@dataclass(frozen=True)
class GeneratedPage:
    """A page: YAML front matter (the `head`), then the finished HTML body with its <h1>.

    The plugin hands MkDocs only the `head` and inserts the `body` after Markdown has run:
    source text must never be read as Markdown (a title `[x](javascript:…)` would become a
    link), and pushing hundreds of kilobytes of HTML through Python-Markdown would only
    cost time. `title` is the plain-text title; the plugin gives it to MkDocs escaped.
    """

    path: str  # relative to docs_dir, e.g. documents/SQ-WI0727.md
    content: str
    title: str = ""

    @property
    def head(self) -> str:
        return self.content[: self._split()]

    @property
    def body(self) -> str:
        return self.content[self._split() :]

    def _split(self) -> int:
        """End of the front matter (`---` … `---`), or 0 when the page has none."""
        if not self.content.startswith("---\n"):
            return 0
        return self.content.index("\n---\n", 3) + len("\n---\n")


@dataclass(frozen=True)
class TimeRule:
    """One deadline, frequency, threshold or target, with the clause it comes from."""

    category: str
    text: str
    document: Document
    clause: Clause | None


NAV_GROUP_SIZE = 40


@dataclass(frozen=True)
class FormControl:
    previous: Form | None = None
    breaking: tuple[BreakingChange, ...] = ()
    pending: tuple[Form, ...] = ()
    to_review: tuple[Document, ...] = ()
    issued: dict[str, Form] = field(default_factory=dict)


def _entry_title(entry: dict) -> str:
    return next(iter(entry))


def _grouped(entries: list[dict]) -> list[dict]:
    """Entries as they are when few; else in groups named by their first and last number."""
    if len(entries) <= NAV_GROUP_SIZE:
        return entries
    groups = []
    for start in range(0, len(entries), NAV_GROUP_SIZE):
        chunk = entries[start : start + NAV_GROUP_SIZE]
        first, last = _entry_title(chunk[0]).split(" ")[0], _entry_title(chunk[-1]).split(" ")[0]
        groups.append({f"{first} – {last}": chunk})
    return groups


def _squeeze_blank_lines(html: str) -> str:
    """Python-Markdown ends a raw HTML block at a blank line in some cases; never emit one."""
    return re.sub(r"\n\s*\n", "\n", html).strip() + "\n"


class SiteRenderer:
    """Builds every page of the site for one handbook, its archive and one build date.

    `source` is the handbook as read from the working copy; `handbook` is the handbook in
    force on the build date (generator/document/in_force.py), and every page that is not a
    document's own version page (register, matrix, time limits, changelog, forms) shows
    only that.
    """

    def __init__(
        self,
        handbook: Handbook,
        build_date: datetime.date,
        archive: Archive | None = None,
        redlines: Redlines | None = None,
        site_url: str | None = None,
    ):
        self.source = handbook
        self.build_date = build_date
        self.archive = archive or current_only(handbook, build_date)
        self.handbook = in_force_handbook(handbook, self.archive)
        self.redlines = redlines or Redlines(handbook)  # shared with the redline PDFs of the build
        self.environment = template_environment()
        self.site_url = site_url  # the address the verify QR codes point to (None: relative)
        self.checksums: dict[str, str] = {}  # PDF path → sha256, set by the plugin once the PDFs exist

    # ------------------------------------------------------------------ derived data

    def versions_of(self, document: Document) -> DocumentVersions:
        return self.archive.documents[document.number]

    def shown(self, document: Document) -> Document:
        """The version a document's page and the register show: the one in force."""
        return self.versions_of(document).default.document

    def display_status(self, document: Document) -> str:
        """现行 revision → 生效; otherwise 待生效 / 草稿 / 已作废 / 已被替代 from the archive."""
        return status_label(self.versions_of(document).default.state)

    def version_page(self, versions: DocumentVersions, version: DocumentVersion) -> str:
        """A document's page holds the version in force (or its withdrawn last revision);
        drafts and pending revisions live only on their own archive pages."""
        if version is versions.default and version.state in (VersionState.IN_FORCE, VersionState.WITHDRAWN):
            return paths.document_page(versions.number)
        return paths.archive_page(versions.number, version.document.revision)

    def page_of(self, number: str) -> str:
        """Where the register and the navigation link a document to."""
        versions = self.archive.documents[number]
        return self.version_page(versions, versions.default)

    @property
    def register(self) -> list[DocumentVersion]:
        """One row per document, in number order: the version its page shows by default."""
        return [self.archive.documents[number].default for number in sorted(self.archive.documents)]

    def next_review(self, document: Document) -> datetime.date:
        return next_review_of(self.handbook, document)

    def review_overdue_from(self, document: Document) -> datetime.date:
        """The first day the periodic review counts as 逾期 (the day after it falls due)."""
        return self.next_review(document) + datetime.timedelta(days=1)

    def review_due_soon_from(self, document: Document) -> datetime.date:
        """The first day the review is flagged 即将到期: the window of `handbook review-due`
        (control/review.py), so the site and the command flag the same documents."""
        return self.next_review(document) - datetime.timedelta(days=DEFAULT_WINDOW_DAYS)

    @cached_property
    def outlines(self) -> dict[str, tuple[Clause, ...]]:
        return {
            document.number: document_outline(self.handbook, document.number) for document in self.handbook.documents
        }

    @cached_property
    def clause_index(self) -> dict[str, dict[int, Clause]]:
        """Document number → id(step) → clause, to find where a step landed."""
        return {
            number: {id(clause.step): clause for clause in iter_clauses(outline) if clause.step is not None}
            for number, outline in self.outlines.items()
        }

    @cached_property
    def role_duties(self) -> RoleDuties:
        """Every registered role with the clauses of the documents in force it takes part in."""
        return RoleDuties.of(self.handbook, self.outlines)

    @cached_property
    def time_rules(self) -> list[TimeRule]:
        rules: list[TimeRule] = []
        for document in self.handbook.documents:
            for clause in iter_clauses(self.outlines[document.number]):
                step = clause.step
                if step is None:
                    continue
                if step.time_limit:
                    rules.append(TimeRule("时限", step.time_limit, document, clause))
                if step.frequency:
                    rules.append(TimeRule("频次", step.frequency, document, clause))
                for threshold in step.thresholds:
                    text = threshold.text + (f" → {threshold.action}" if threshold.action else "")
                    rules.append(TimeRule("阈值", text, document, clause))
            for target in document.targets:
                rules.append(TimeRule("目标", target.text, document, None))
        return rules

    # ------------------------------------------------------------------ pages

    def pages(self) -> list[GeneratedPage]:
        pages = [self.home_page(), self.matrix_page(), self.time_rules_page(), self.changelog_page()]
        for number in sorted(self.archive.documents):
            versions = self.archive.documents[number]
            pages += [self.version_page_content(versions, version) for version in versions.versions]
            pages += [
                self.redline_page(versions, version)
                for version in versions.versions
                if versions.predecessor_of(version)
            ]
        pages += [self.form_page(form) for form in self.handbook.forms]
        pages += control_pages(self)
        pages += self.role_pages()
        return pages

    def print_code(self, number: str, revision: str) -> Markup:
        return print_code(self, number, revision)

    def distribution(self, versions: DocumentVersions, version: DocumentVersion) -> Distribution:
        return distribution_of(self, versions, version)

    def _render(self, template: str, page_path: str, title: str, **context) -> GeneratedPage:
        def link(target: str) -> str:
            return paths.relative_url(page_path, target)

        html = self.environment.get_template(template).render(
            handbook=self.handbook,
            site=self,
            paths=paths,
            link=link,
            build_date=self.build_date,
            page_title=title,
            **context,
        )
        return GeneratedPage(page_path, _squeeze_blank_lines(html), title)

    def home_page(self) -> GeneratedPage:
        return self._render("site/home.md.j2", "index.md", "受控文件清单")

    def document_page(self, document: Document) -> GeneratedPage:
        """The page of a document as it is shown by default (the version in force)."""
        versions = self.versions_of(document)
        return self.version_page_content(versions, versions.default)

    def version_page_content(self, versions: DocumentVersions, version: DocumentVersion) -> GeneratedPage:
        document = version.document
        outline = outline_for(self.handbook, document)
        return self._render(
            "site/document.md.j2",
            self.version_page(versions, version),
            document.title,
            document=document,
            outline=outline,
            status=status_label(version.state),
            flowchart=flowchart_layout(document.flow, self.role_duties.register, clauses_by_number(outline)),
            versions=versions,
            version=version,
        )

    def redline_page(self, versions: DocumentVersions, version: DocumentVersion) -> GeneratedPage:
        previous = versions.predecessor_of(version)
        assert previous is not None  # pages() asks only for versions that have one
        changes = self.redlines(previous, version)
        page_path = paths.redline_page(versions.number, previous.document.revision, version.document.revision)
        return self._render(
            "site/redline.md.j2",
            page_path,
            f"{version.document.title}：{previous.document.revision} → {version.document.revision} 的更改",
            changes=changes,
            versions=versions,
            old=previous,
            new=version,
        )

    def revised_forms(self, document: Document) -> list[Form]:
        """Forms this document uses that were revised since its last review: it is due for one."""
        reviewed = last_reviewed(document)
        forms = (self.handbook.forms_by_number.get(number) for number in document_form_numbers(document))
        return [
            form
            for form in forms
            if form is not None and len(form.history) > 1 and reviewed < form.effective <= self.build_date
        ]

    def form_status(self, form: Form) -> str:
        """The register's status word for a form: that of the revision shown (in force unless none is)."""
        versions = self.archive.forms.get(form.number)
        return status_label(versions.default.state) if versions is not None else "生效"

    def form_control(self, form: Form) -> FormControl:
        """What the form page says about revisions: pending ones, breaking changes against
        the revision before, the documents to review, and every issued revision's schema."""
        versions = self.archive.forms.get(form.number)
        if versions is None:
            return FormControl()
        issued = {
            version.document.revision: version.document
            for version in versions.versions
            if version.state is not VersionState.DRAFT
        }
        previous = versions.predecessor_of(versions.default)
        pending = tuple(version.document for version in versions.versions if version.state is VersionState.PENDING)
        users = [self.handbook.documents_by_number[number] for number in self.handbook.form_users.get(form.number, ())]
        revised = previous is not None and len(form.history) > 1
        return FormControl(
            previous=previous.document if previous else None,
            breaking=breaking_changes(previous.document, form) if previous else (),
            pending=pending,
            to_review=tuple(document for document in users if revised and last_reviewed(document) < form.effective),
            issued=issued,
        )

    def form_page(self, form: Form) -> GeneratedPage:
        return self._render(
            "site/form.md.j2",
            paths.form_page(form),
            form.title,
            form=form,
            control=self.form_control(form),
            users=[
                self.handbook.documents_by_number[number] for number in self.handbook.form_users.get(form.number, ())
            ],
        )

    def matrix_page(self) -> GeneratedPage:
        """One row per registered role, grouped by department; documents in groups of
        MATRIX_COLUMNS so that each part fits a screen and an A4-landscape page."""
        documents = list(self.handbook.documents)
        groups = [documents[start : start + MATRIX_COLUMNS] for start in range(0, len(documents), MATRIX_COLUMNS)]
        return self._render(
            "site/matrix.md.j2",
            "matrix.md",
            "职责分配",
            duties=self.role_duties,
            departments=self.role_duties.by_department(with_duties_only=True),
            document_groups=groups,
        )

    def role_pages(self) -> list[GeneratedPage]:
        """我的职责 per role (roles/<id>/) and the index of roles by department (roles/)."""
        duties = self.role_duties
        pages = [
            self._render(
                "site/roles.md.j2", paths.roles_index(), "角色与职责", duties=duties, departments=duties.by_department()
            )
        ]
        for role in duties.register.roles:
            pages.append(
                self._render(
                    "site/role.md.j2",
                    paths.role_page(role.id),
                    f"{role.name}：我的职责",
                    role=role,
                    groups=duties.by_document(role),
                    duty_count=len(duties.duties[role.id]),
                    involvements=duties.involvements,
                )
            )
        return pages

    def time_rules_page(self) -> GeneratedPage:
        return self._render("site/time_rules.md.j2", "time-limits.md", "时限与频次", rules=self.time_rules)

    def changelog_page(self) -> GeneratedPage:
        entries = [(entry, document) for document in self.handbook.documents for entry in document.history]
        entries.sort(key=lambda pair: (pair[0].date, pair[1].number, pair[0].revision), reverse=True)
        return self._render("site/changelog.md.j2", "changelog.md", "修订记录", entries=entries)

    def navigation(self) -> list[dict]:
        """MkDocs `nav`: home, documents by type, forms by owning document, then the views.

        Titles are escaped: MkDocs and the theme print nav titles as HTML.
        Long lists are cut into groups of NAV_GROUP_SIZE: a phone user can scan 40 entries,
        not 500, and with `navigation.prune` each page then renders only a small nav.
        """
        by_type: dict[str, list[dict]] = defaultdict(list)
        for version in self.register:
            document = version.document
            by_type[document.type].append(
                {plain_title(f"{document.number} {document.title}"): self.page_of(document.number)}
            )
        type_order = [item.name for item in self.handbook.settings.document_types]
        documents = [{name: _grouped(by_type[name])} for name in type_order if by_type.get(name)]
        by_owner: dict[str, list[dict]] = defaultdict(list)
        for form in self.handbook.forms:
            by_owner[form.documents[0]].append({plain_title(f"{form.number} {form.title}"): paths.form_page(form)})
        forms = [
            {plain_title(f"{number} {self.source.documents_by_number[number].title}"): entries}
            for number, entries in sorted(by_owner.items())
        ]
        forms = _grouped(forms)
        return [
            {"受控文件清单": "index.md"},
            {"文件": documents},
            {"表单": forms},
            {"角色与职责": paths.roles_index()},
            {"职责分配": "matrix.md"},
            {"时限与频次": "time-limits.md"},
            {"修订记录": "changelog.md"},
        ]
