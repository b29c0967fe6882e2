"""The HTML of every printed artefact, from the typed handbook and the templates in pdf/.

Each HTML string is complete: the stylesheets are inlined and every date in it is passed in,
so the string alone (plus the renderer version) decides the PDF. That is what makes the
PDF cache sound (key = sha256 of the HTML) and the output byte-identical across builds.
Only fonts and the watermark images are loaded by URL, from inside the project.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
import tinycss2
from markupsafe import Markup

from generator.document.distribution import RecallPlan
from generator.document.in_force import VersionState
from generator.document.outline import outline_for
from generator.document.redline import Redline
from generator.render.paths import slug
from generator.render.pdf.determinism import pdf_timestamp
from generator.render.pdf.fonts import FIELD, SANS_BOLD, SERIF, FontCut
from generator.render.pdf.manual import ManualPart, PartGroup
from generator.render.templates import TEMPLATE_FOLDER, template_environment
from generator.render.verify_code import qr_svg, verify_url
from generator.source.model import Document, Form, Handbook, Holder

PDF_TEMPLATE_FOLDER = TEMPLATE_FOLDER / "pdf"
STYLESHEETS = ("shared/form.css", "pdf/print.css", "pdf/verify.css")
FONT_STYLESHEET = "pdf/fonts.css"


@dataclass(frozen=True)
class PrintNotice:
    """The footer line that says whether a paper copy is controlled."""

    print_date: datetime.date
    controlled: bool = False
    copy_number: str | None = None
    holder: str | None = None  # the department or position a numbered copy is issued to
    medium: str | None = None  # 纸质 / 电子


@dataclass(frozen=True)
class PrintMarking:
    """What a copy that is not in force says on every page (footer line and watermark)."""

    kind: str  # draft | pending | obsolete: the named page, hence the watermark
    text: str

    @property
    def word(self) -> str:
        """The watermark word of a form sheet (documents use watermark-*.svg)."""
        return {"draft": "草稿", "pending": "待生效", "obsolete": "已作废"}[self.kind]


def marking_for(document: Document | Form, state: VersionState) -> PrintMarking | None:
    """None for the revision in force; otherwise the words every page of the copy carries."""
    if state is VersionState.DRAFT:
        return PrintMarking("draft", f"草稿 {document.revision}：未经批准，不得作为工作依据")
    if state is VersionState.PENDING:
        return PrintMarking(
            "pending", f"待生效 {document.revision}：自 {document.effective.isoformat()} 起生效，此前执行现行版次"
        )
    if state is VersionState.SUPERSEDED:
        return PrintMarking("obsolete", f"已作废（已被替代）{document.revision}：仅供查阅，不得作为工作依据")
    if state is VersionState.WITHDRAWN:
        withdrawal = getattr(document, "withdrawal", None)
        since = f"自 {withdrawal.date.isoformat()} 起" if withdrawal else ""
        reason = f"（{withdrawal.reason}）" if withdrawal else ""
        return PrintMarking("obsolete", f"已作废：{since}停止使用{reason}，仅供查阅")
    return None


@dataclass(frozen=True)
class Metadata:
    """What WeasyPrint copies into the PDF information dictionary."""

    title: str
    subject: str
    author: str
    created: str
    modified: str


@dataclass(frozen=True)
class FontFace:
    """One @font-face rule: a font cut from the cache, by file URL."""

    family: str
    weight: str
    url: str


@dataclass(frozen=True)
class DocumentGroup:
    """Documents of one type, in the order of handbook.yml's document_types."""

    title: str
    documents: tuple[Document, ...]


def without_screen_rules(css: str) -> str:
    """Drop `@media screen …` blocks: shared/form.css serves browsers too, and WeasyPrint 70
    warns about (and ignores) media features such as `(max-width: 600px)`."""
    rules = tinycss2.parse_stylesheet(css)
    kept = [
        rule
        for rule in rules
        if not (
            rule.type == "at-rule" and rule.lower_at_keyword == "media" and "screen" in tinycss2.serialize(rule.prelude)
        )
    ]
    return tinycss2.serialize(kept)


def print_environment() -> jinja2.Environment:
    environment = template_environment()
    environment.globals["slug"] = slug
    return environment


def form_company(handbook: Handbook, form: Form) -> str:
    """A form has no company of its own: it is the company of its owning document."""
    owner = handbook.documents_by_number.get(form.documents[0])
    return handbook.company_of(owner) if owner else handbook.settings.company


def document_groups(handbook: Handbook) -> tuple[DocumentGroup, ...]:
    type_order = [document_type.name for document_type in handbook.settings.document_types]
    names = type_order + sorted({document.type for document in handbook.documents} - set(type_order))
    groups = (DocumentGroup(name, tuple(d for d in handbook.documents if d.type == name)) for name in names)
    return tuple(group for group in groups if group.documents)


class PrintPages:
    """Renders the HTML of controlled copies, form sheets and the manual of one handbook."""

    def __init__(self, handbook: Handbook, fonts: dict[FontCut, Path], site_url: str | None = None):
        self.handbook = handbook
        self.fonts = fonts
        self.site_url = site_url if site_url is not None else handbook.settings.site_url
        self.environment = print_environment()
        self._stylesheets: dict[bool, Markup] = {}

    def _face(self, cut: FontCut) -> FontFace:
        return FontFace(cut.family, cut.weight, self.fonts[cut].resolve().as_uri())

    def stylesheet(self, fillable: bool) -> Markup:
        """form.css + print.css + fonts; the field font only where there are fields."""
        if fillable not in self._stylesheets:
            self._stylesheets[fillable] = self._make_stylesheet(fillable)
        return self._stylesheets[fillable]

    def _make_stylesheet(self, fillable: bool) -> Markup:
        loader = self.environment.loader
        assert loader is not None  # print_environment() always has the template folder's loader
        sources = [without_screen_rules(loader.get_source(self.environment, name)[0]) for name in STYLESHEETS]
        faces = [self._face(SERIF), self._face(SANS_BOLD)] + ([self._face(FIELD)] if fillable else [])
        fonts = self.environment.get_template(FONT_STYLESHEET).render(
            faces=faces, serif=SERIF, sans=SANS_BOLD, field=FIELD if fillable else None
        )
        return Markup("\n".join(sources + [fonts]))

    def _render(self, template: str, **context) -> str:
        context.setdefault("stylesheet", self.stylesheet(fillable=False))
        return self.environment.get_template(template).render(handbook=self.handbook, **context)

    def document_metadata(self, document: Document) -> Metadata:
        when = pdf_timestamp(document.effective)
        return Metadata(
            document.title, f"{document.number} {document.revision}", self.handbook.company_of(document), when, when
        )

    def form_metadata(self, form: Form) -> Metadata:
        when = pdf_timestamp(form.effective)
        return Metadata(form.title, f"{form.number} {form.revision}", form_company(self.handbook, form), when, when)

    def verify_code(self, number: str, revision: str) -> Markup:
        """The QR code that opens this revision's verify page (see generator/render/verify_code.py)."""
        return qr_svg(verify_url(self.site_url, number, revision))

    def document_html(
        self, document: Document, notice: PrintNotice | None, state: VersionState = VersionState.IN_FORCE
    ) -> str:
        """The document as printed; without a `notice`, its footer is left blank for a copy's stamp."""
        return self._render(
            "pdf/document.html",
            document=document,
            notice=notice,
            marking=marking_for(document, state),
            outline=outline_for(self.handbook, document),
            metadata=self.document_metadata(document),
            verify=self.verify_code(document.number, document.revision),
        )

    def copy_stamps_html(self, document: Document, notices: Sequence[PrintNotice]) -> str:
        """The footer of each numbered copy of `document`, a page each (pdf/copy_stamp.html)."""
        return self._render(
            "pdf/copy_stamp.html",
            notices=notices,
            metadata=self.document_metadata(document),
            verify=self.verify_code(document.number, document.revision),
        )

    def register_html(self, document: Document, holders: tuple[Holder, ...], recall: RecallPlan | None) -> str:
        """The 文件发放/回收登记表 of one revision: a line per holder, blank signature columns."""
        when = pdf_timestamp(document.effective)
        metadata = Metadata(
            f"{document.title} 文件发放/回收登记表",
            f"{document.number} {document.revision}",
            self.handbook.company_of(document),
            when,
            when,
        )
        return self._render("pdf/register.html", document=document, holders=holders, recall=recall, metadata=metadata)

    def redline_html(self, changes: Redline, old: Document, new: Document) -> str:
        when = pdf_timestamp(new.effective)
        metadata = Metadata(
            f"{new.title} 修订对照 {old.revision}→{new.revision}",
            f"{new.number} {old.revision}→{new.revision}",
            self.handbook.company_of(new),
            when,
            when,
        )
        return self._render("pdf/redline.html", changes=changes, old=old, new=new, metadata=metadata)

    def form_html(
        self, form: Form, *, fillable: bool, compact: bool = False, state: VersionState = VersionState.IN_FORCE
    ) -> str:
        return self._render(
            "pdf/form.html",
            form=form,
            marking=marking_for(form, state),
            fillable=fillable,
            compact=compact,
            stylesheet=self.stylesheet(fillable),
            company=form_company(self.handbook, form),
            metadata=self.form_metadata(form),
            verify=self.verify_code(form.number, form.revision),
        )

    def manual_html(
        self, notice: PrintNotice, groups: tuple[PartGroup, ...], form_parts: tuple[ManualPart, ...]
    ) -> str:
        """The skeleton of the manual (see generator/render/pdf/manual.py), dated by the build."""
        settings = self.handbook.settings
        when = pdf_timestamp(notice.print_date)
        metadata = Metadata(
            settings.title, f"{settings.title} {notice.print_date.isoformat()}", settings.company, when, when
        )
        return self._render(
            "pdf/manual.html",
            groups=groups,
            form_parts=form_parts,
            notice=notice,
            build_date=notice.print_date,
            metadata=metadata,
        )
