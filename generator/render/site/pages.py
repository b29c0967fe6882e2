"""Stage 4a — render the intranet site's pages from the model.

Every page is Markdown whose body is HTML produced by a Jinja2 template (one per page kind,
in templates/site/). The MkDocs plugin turns the returned pages into in-memory files; this
module knows nothing about MkDocs, so it can be tested and benchmarked on its own.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from generator.control.review import add_months
from generator.document.outline import Clause, document_outline, iter_clauses, outline_for
from generator.document.versions import Archive, DocumentVersion, DocumentVersions, current_only, versions_redline
from generator.render import paths
from generator.render.site.control_pages import Distribution, control_pages, distribution_of, print_code
from generator.render.site.flowchart import flowchart_layout
from generator.render.templates import template_environment
from generator.source.model import Document, Form, Handbook


@dataclass(frozen=True)
class GeneratedPage:
    """A page as Markdown: front matter and the `# title` line, then the HTML body.

    The plugin hands MkDocs only the `head` and inserts the `body` after Markdown has run:
    the body is finished HTML, and pushing hundreds of kilobytes of it through
    Python-Markdown's raw-HTML parser would only cost time.
    """

    path: str  # relative to docs_dir, e.g. documents/SQ-WI0727.md
    content: str

    @property
    def head(self) -> str:
        return self.content[: self._split()]

    @property
    def body(self) -> str:
        return self.content[self._split() :]

    def _split(self) -> int:
        title = self.content.index("\n# ") + 1 if not self.content.startswith("# ") else 0
        return self.content.index("\n", title) + 1


@dataclass(frozen=True)
class TimeRule:
    """One deadline, frequency, threshold or target, with the clause it comes from."""

    category: str
    text: str
    document: Document
    clause: Clause | None


NAV_GROUP_SIZE = 40


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
    """Builds every page of the site for one handbook, its archive and one build date."""

    def __init__(
        self,
        handbook: Handbook,
        build_date: datetime.date,
        archive: Archive | None = None,
        site_url: str | None = None,
    ):
        self.handbook = handbook
        self.build_date = build_date
        self.archive = archive or current_only(handbook, build_date)
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
        state = self.versions_of(document).default.state
        return "生效" if state == "现行" else state

    def version_page(self, versions: DocumentVersions, version: DocumentVersion) -> str:
        if version is versions.default:
            return paths.document_page(versions.number)
        return paths.archive_page(versions.number, version.document.revision)

    def next_review(self, document: Document) -> datetime.date:
        return add_months(document.effective, self.handbook.review_period_of(document))

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
    def responsibility_matrix(self) -> tuple[list[str], dict[str, dict[str, list[Clause]]]]:
        """Parties in first-seen order, and party → document number → clauses."""
        cells: dict[str, dict[str, list[Clause]]] = defaultdict(lambda: defaultdict(list))
        for document in self.handbook.documents:
            for clause in iter_clauses(self.outlines[document.number]):
                for party in clause.owners:
                    if clause.kind == "party" and clause.children:
                        continue  # the party heading; its duties are listed one by one
                    cells[party][document.number].append(clause)
        parties = sorted(cells, key=lambda party: (-sum(len(found) for found in cells[party].values()), party))
        return parties, cells

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
        for document in self.handbook.documents:
            versions = self.versions_of(document)
            pages += [self.version_page_content(versions, version) for version in versions.versions]
            pages += [
                self.redline_page(versions, version)
                for version in versions.versions
                if versions.predecessor_of(version)
            ]
        pages += [self.form_page(form) for form in self.handbook.forms]
        pages += control_pages(self)
        return pages

    def print_code(self, number: str, revision: str) -> Markup:
        return print_code(self, number, revision)

    def distribution(self, versions: DocumentVersions, version: DocumentVersion) -> Distribution:
        return distribution_of(self, versions, version)

    def _render(self, template: str, page_path: str, **context) -> GeneratedPage:
        def link(target: str) -> str:
            return paths.relative_url(page_path, target)

        html = self.environment.get_template(template).render(
            handbook=self.handbook, site=self, paths=paths, link=link, build_date=self.build_date, **context
        )
        return GeneratedPage(page_path, _squeeze_blank_lines(html))

    def home_page(self) -> GeneratedPage:
        return self._render("site/home.md.j2", "index.md")

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
            document=document,
            outline=outline,
            status="生效" if version.state == "现行" else version.state,
            flowchart=flowchart_layout(outline),
            versions=versions,
            version=version,
        )

    def redline_page(self, versions: DocumentVersions, version: DocumentVersion) -> GeneratedPage:
        previous = versions.predecessor_of(version)
        changes = versions_redline(self.handbook, previous, version)
        page_path = paths.redline_page(versions.number, previous.document.revision, version.document.revision)
        return self._render(
            "site/redline.md.j2", page_path, changes=changes, versions=versions, old=previous, new=version
        )

    def form_page(self, form: Form) -> GeneratedPage:
        return self._render(
            "site/form.md.j2",
            paths.form_page(form),
            form=form,
            users=[
                self.handbook.documents_by_number[number] for number in self.handbook.form_users.get(form.number, ())
            ],
        )

    def matrix_page(self) -> GeneratedPage:
        parties, cells = self.responsibility_matrix
        return self._render("site/matrix.md.j2", "matrix.md", parties=parties, cells=cells)

    def time_rules_page(self) -> GeneratedPage:
        return self._render("site/time_rules.md.j2", "time-limits.md", rules=self.time_rules)

    def changelog_page(self) -> GeneratedPage:
        entries = [(entry, document) for document in self.handbook.documents for entry in document.history]
        entries.sort(key=lambda pair: (pair[0].date, pair[1].number, pair[0].revision), reverse=True)
        return self._render("site/changelog.md.j2", "changelog.md", entries=entries)

    def navigation(self) -> list[dict]:
        """MkDocs `nav`: home, documents by type, forms by owning document, then the views.

        Long lists are cut into groups of NAV_GROUP_SIZE: a phone user can scan 40 entries,
        not 500, and with `navigation.prune` each page then renders only a small nav.
        """
        by_type: dict[str, list[dict]] = defaultdict(list)
        for document in self.handbook.documents:
            by_type[document.type].append({f"{document.number} {document.title}": paths.document_page(document)})
        type_order = [item.name for item in self.handbook.settings.document_types]
        documents = [{name: _grouped(by_type[name])} for name in type_order if by_type.get(name)]
        by_owner: dict[str, list[dict]] = defaultdict(list)
        for form in self.handbook.forms:
            by_owner[form.documents[0]].append({f"{form.number} {form.title}": paths.form_page(form)})
        forms = [
            {f"{number} {self.handbook.documents_by_number[number].title}": entries}
            for number, entries in sorted(by_owner.items())
        ]
        forms = _grouped(forms)
        return [
            {"受控文件清单": "index.md"},
            {"文件": documents},
            {"表单": forms},
            {"职责分配": "matrix.md"},
            {"时限与频次": "time-limits.md"},
            {"修订记录": "changelog.md"},
        ]
