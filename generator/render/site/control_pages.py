"""Pages of document control on the site: verify pages and 文件发放/回收登记表.

verify/<number>/<revision>/ is where the QR code of every printout leads: one static page per
revision of every document and per form, saying large and in colour whether that paper may
still be used, with the sha256 of its PDFs (known because the plugin renders the PDFs before
the pages). registers/<number>/<revision>/ is the distribution and recall register of each
issued revision. Both are kept out of the navigation and the search index: they are reached
by scanning, or from the document's own page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.document.distribution import (
    DISTRIBUTED_STATES,
    RecallPlan,
    holders_of,
    issued_versions,
    recall_plan,
)
from generator.document.verification import RevisionStatus, document_status, form_status
from generator.document.versions import DocumentVersion, DocumentVersions
from generator.render import paths
from generator.render.verify_code import qr_svg, verify_url
from generator.source.model import Form, Holder

if TYPE_CHECKING:
    from generator.render.site.pages import GeneratedPage, SiteRenderer

STATE_CLASSES = {
    "现行": "in-force",
    "待生效": "pending",
    "已被替代": "superseded",
    "已作废": "withdrawn",
    "草稿": "draft",
}


@dataclass(frozen=True)
class Checksum:
    label: str
    path: str
    sha256: str | None  # None: the build made no PDFs (artifacts: false)


@dataclass(frozen=True)
class Distribution:
    """What a document page shows about copies: who holds this revision, what to take back."""

    holders: tuple[Holder, ...]
    register_page: str | None  # None for a draft: nothing was issued
    recall: RecallPlan | None  # copies of the previous revision recalled when this one took over
    recalled_by: RecallPlan | None  # this revision's copies, recalled when the next took over


def print_code(site: SiteRenderer, number: str, revision: str) -> Markup:
    """The verify QR code for the printed footer of a site page (shown by print CSS only)."""
    return qr_svg(verify_url(site.site_url, number, revision), css_class="hb-print-verify-code")


def distribution_of(site: SiteRenderer, versions: DocumentVersions, version: DocumentVersion) -> Distribution:
    issued = issued_versions(versions)
    position = issued.index(version) if version in issued else None
    later = issued[position + 1] if position is not None and position + 1 < len(issued) else None
    return Distribution(
        holders_of(site.source, version),
        paths.register_page(versions.number, version.document.revision) if position is not None else None,
        recall_plan(site.source, versions, version),
        recall_plan(site.source, versions, later) if later is not None else None,
    )


def document_checksums(site: SiteRenderer, version: DocumentVersion) -> list[Checksum]:
    document = version.document
    found = [Checksum("文件 PDF", paths.document_pdf(document), None)]
    if version.state in DISTRIBUTED_STATES:
        found += [
            Checksum(
                f"受控副本 分发号 {holder.copy_number}（{holder.holder}）",
                paths.copy_pdf(document.number, document.revision, holder.copy_number),
                None,
            )
            for holder in holders_of(site.source, version)
        ]
    return [Checksum(item.label, item.path, site.checksums.get(item.path)) for item in found]


def form_checksums(site: SiteRenderer, form: Form, in_force: bool = True) -> list[Checksum]:
    """The blank and fillable sheets of the revision in force; the marked blank of any other."""
    if in_force:
        found = [("空白表单 PDF", paths.form_pdf(form)), ("可填写 PDF", paths.form_pdf(form, True))]
    else:
        found = [("空白表单 PDF（已标识）", paths.archived_form_pdf(form))]
    return [Checksum(label, path, site.checksums.get(path)) for label, path in found]


def verify_page(
    site: SiteRenderer,
    status: RevisionStatus,
    checksums: list[Checksum],
    page_of_revision: str,
    register: str | None,
    in_force_page: str | None = None,
) -> GeneratedPage:
    return site._render(
        "site/verify.md.j2",
        paths.verify_page(status.number, status.revision),
        f"版本核验 {status.number} {status.revision}",
        status=status,
        state_class=STATE_CLASSES.get(status.state, "draft"),
        checksums=checksums,
        page_of_revision=page_of_revision,
        in_force_page=in_force_page,
        register=register,
    )


def register_page(site: SiteRenderer, versions: DocumentVersions, version: DocumentVersion) -> GeneratedPage:
    document = version.document
    return site._render(
        "site/register.md.j2",
        paths.register_page(document.number, document.revision),
        f"文件发放/回收登记表 {document.number} {document.revision}",
        document=document,
        holders=holders_of(site.source, version),
        recall=recall_plan(site.source, versions, version),
        state=version.state,
    )


def control_pages(site: SiteRenderer) -> list[GeneratedPage]:
    """Every verify page and every register of the handbook (withdrawn documents included:
    their paper is still out there)."""
    pages = []
    for number in sorted(site.archive.documents):
        versions = site.archive.documents[number]
        for version in versions.versions:
            issued = version in issued_versions(versions)
            register = paths.register_page(number, version.document.revision) if issued else None
            pages.append(
                verify_page(
                    site,
                    document_status(versions, version),
                    document_checksums(site, version),
                    site.version_page(versions, version),
                    register,
                    paths.document_page(number),
                )
            )
            if issued:
                pages.append(register_page(site, versions, version))
    for form in site.source.forms:
        form_versions = site.archive.forms.get(form.number)
        if form_versions is None:
            status = form_status(form, site.build_date)
            pages.append(verify_page(site, status, form_checksums(site, form), paths.form_page(form), None))
            continue
        for form_version in form_versions.versions:
            revision = form_version.document
            assert isinstance(revision, Form)  # Archive.forms holds forms
            pages.append(
                verify_page(
                    site,
                    document_status(form_versions, form_version),
                    form_checksums(site, revision, form_version.in_force),
                    paths.form_page(form),
                    None,
                    paths.form_page(form),
                )
            )
    return pages
