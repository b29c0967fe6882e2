"""Stage 3 — model: the source format, defined once.

These frozen pydantic models are three things at the same time, so they cannot drift apart:
the typed, immutable model the renderers receive; the JSON Schemas published in `schemas/`
(for editors and pre-commit hooks); and the schema the validator checks every YAML file
against before any model is built. Descriptions are Chinese because they show up as hover
text in the document controller's editor.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.source.flow_model import Flow

FIELD_ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class Source(BaseModel):
    """Base of every source model: immutable, and unknown keys are errors (typos surface)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


NonEmpty = Annotated[str, Field(min_length=1)]


# --------------------------------------------------------------------------- settings


class RevisionScheme(str, enum.Enum):
    """`A/00` (major letter / two-digit minor, as SQ/WI0727) or `A0` (as YTCXQP034)."""

    SLASHED = "A/00"
    COMPACT = "A0"


class NumberingStyle(str, enum.Enum):
    """How nested clauses are numbered; generator/document/outline.py (`_Numberer`) labels each level."""

    DECIMAL = "decimal"  # 1 / 1.1 / 1.1.1 / a) / (1)
    DECIMAL_DEEP = "decimal-deep"  # 1 / 1.1 / 1.1.1 / 1.1.1.1 / a)
    CHINESE = "chinese"  # 一、 / （一） / 1. / （1） / ①
    ARTICLE = "article"  # 第一条 / （一） / 1. / （1）
    LIST = "list"  # 1、 / （1） / ① / a)


class Medium(str, enum.Enum):
    """How a controlled copy is held: a numbered paper copy, or a numbered PDF."""

    PAPER = "paper"
    ELECTRONIC = "electronic"

    @property
    def label(self) -> str:
        return "纸质" if self is Medium.PAPER else "电子"


COPY_NUMBER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]*$"


class Holder(Source):
    """One line of a distribution list: who holds controlled copy 分发号 `copy`, and how."""

    copy_number: Annotated[str, Field(pattern=COPY_NUMBER_PATTERN, max_length=20)] = Field(
        alias="copy", description="分发号（受控副本编号，如 01；字母、数字、连字符，用作文件名）"
    )
    holder: NonEmpty = Field(description="持有部门或岗位")
    medium: Medium = Field(Medium.PAPER, description="介质：paper 纸质 / electronic 电子")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class DocumentType(Source):
    name: NonEmpty = Field(description="文件类型名称，如 程序文件、作业指导书、管理制度")
    code: NonEmpty = Field(description="类型代码，用于编号，如 QP、WI、GZ")
    number_pattern: NonEmpty = Field(description="该类型文件编号须匹配的正则表达式")
    numbering: NumberingStyle = Field(NumberingStyle.DECIMAL, description="条款编号样式的默认值")
    distribution: tuple[Holder, ...] = Field((), description="该类型文件的默认分发清单（文件可用 distribution 覆盖）")


class SignOffRule(Source):
    """Who may sign what, for some document types (all types when `document_types` is empty)."""

    document_types: tuple[NonEmpty, ...] = Field((), description="适用的文件类型；为空时适用于全部类型")
    prepared: tuple[NonEmpty, ...] = Field((), description="可以编制的人或岗位；为空时不限")
    reviewed: tuple[NonEmpty, ...] = Field((), description="可以审核的人或岗位；为空时不限")
    approved: tuple[NonEmpty, ...] = Field((), description="可以批准的人或岗位；为空时不限")


class SignOffRules(Source):
    """Separation of duties: by default 编制, 审核 and 批准 are three different people."""

    distinct_signers: bool = Field(True, description="编制、审核、批准须为不同的人（默认 true）")
    rules: tuple[SignOffRule, ...] = Field((), description="按文件类型规定谁可以签署")

    def allowed(self, document_type: str, role: str) -> tuple[str, ...]:
        """The names allowed to sign `role` for a type; empty: anyone."""
        names: list[str] = []
        for rule in self.rules:
            if not rule.document_types or document_type in rule.document_types:
                names.extend(getattr(rule, role))
        return tuple(dict.fromkeys(names))


ROLE_ID_PATTERN = r"^[a-z][a-z0-9-]*$"


class Role(Source):
    """One entry of the roles register: a department or position that clauses may name.

    Every owner and responsibility party of a document must be a role's name or alias, so
    one party has one page (roles/<id>/) and one row of the matrix however a text words it.
    """

    id: Annotated[str, Field(pattern=ROLE_ID_PATTERN, max_length=60)] = Field(
        description="稳定标识（小写字母、数字、连字符），用作网址 roles/<id>/"
    )
    name: NonEmpty = Field(description="规范名称，如 售后服务部经理")
    department: NonEmpty = Field(description="所属部门（外部单位写 外部）")
    aliases: tuple[NonEmpty, ...] = Field((), description="文件中出现的其他写法，如 售后服务经理")
    external: bool = Field(False, description="true: 外部单位或人员（客户、供应商、承运商），不属于本公司")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Settings(Source):
    """Handbook-wide settings, `handbook.yml` at the project root."""

    title: NonEmpty = Field(description="手册名称，显示在站点和封面上")
    company: NonEmpty = Field(description="公司名称，文件未单独指定时使用")
    language: Literal["zh-CN"] = "zh-CN"
    revision_scheme: RevisionScheme = Field(RevisionScheme.COMPACT, description="默认版次方案")
    review_period_months: int = Field(12, ge=1, le=120, description="默认评审周期（月）")
    document_types: tuple[DocumentType, ...] = Field(min_length=1, description="文件类型及其编号规则")
    form_number_pattern: NonEmpty = Field(description="表单编号须匹配的正则表达式")
    parties: tuple[NonEmpty, ...] = Field((), description="已知部门与岗位；非空时，未列出的责任方会给出警告")
    site_url: Annotated[str, Field(pattern=r"^https?://[^\s]+/$")] | None = Field(
        None,
        description="内网手册的地址（以 / 结尾），打印件上的核验二维码指向 <site_url>verify/<编号>/<版次>/；缺省取 mkdocs.yml 的 site_url",
    )
    sign_off: SignOffRules = Field(default_factory=lambda: SignOffRules(), description="签署规则（谁可以签什么）")
    roles: tuple[Role, ...] = Field(
        (), description="角色登记表：部门与岗位及其别名；非空时，责任方须为登记的名称或别名"
    )


# --------------------------------------------------------------------------- documents


class Signature(Source):
    name: NonEmpty = Field(description="签署人姓名（或岗位名称）")
    date: datetime.date = Field(description="签署日期 YYYY-MM-DD")


class Revision(Source):
    """One line of the 文件更改记录 (revision history) with its sign-off."""

    revision: NonEmpty = Field(description="版次，如 A0、A/01")
    date: datetime.date = Field(description="生效日期 YYYY-MM-DD")
    change: NonEmpty = Field(description="更改内容")
    prepared: Signature | None = Field(None, description="编制")
    reviewed: Signature | None = Field(None, description="审核")
    approved: Signature | None = Field(None, description="批准")


class Withdrawal(Source):
    """作废: the document is withdrawn from this date on; its archive stays readable."""

    date: datetime.date = Field(description="作废日期 YYYY-MM-DD（自该日起不再有效）")
    reason: NonEmpty = Field(description="作废原因")


class ReviewResult(str, enum.Enum):
    STILL_VALID = "继续有效"
    NEEDS_REVISION = "需修订"


class PeriodicReview(Source):
    """定期评审 without a new revision: resets the review clock."""

    date: datetime.date = Field(description="评审日期 YYYY-MM-DD")
    result: ReviewResult = Field(description="评审结论：继续有效 / 需修订")
    name: NonEmpty = Field(description="评审人")
    note: str | None = Field(None, description="说明")


class Definition(Source):
    term: NonEmpty
    definition: NonEmpty


class Responsibility(Source):
    party: NonEmpty = Field(description="部门或岗位")
    duties: tuple[NonEmpty, ...] = Field(min_length=1, description="职责条目")


class Threshold(Source):
    """A numeric rule stated in the text, e.g. 单次索赔数额超过500元 → 报总经理."""

    text: NonEmpty = Field(description="原文表述，如 单次索赔数额超过500元")
    value: float | None = Field(None, description="数值")
    unit: str | None = Field(None, description="单位，如 元、件次、%")
    action: str | None = Field(None, description="达到阈值后的处理，如 报总经理批准")


class InvolvementKind(str, enum.Enum):
    """How a party takes part in a clause besides being responsible for it (RACI-like)."""

    RESPONSIBLE = "负责"
    SUPPORT = "配合"
    REVIEW = "审核"
    APPROVE = "批准"
    INFORM = "知会"


class Involvement(Source):
    """A party that takes part in a clause other than as the one responsible (`owner`).

    "配合品质部做…" makes 品质部 the one responsible and the writer's department a 配合 party;
    writing that down keeps the 我的职责 pages and the matrix from calling a helper responsible.
    """

    party: NonEmpty = Field(description="部门或岗位（须为 handbook.yml roles 中的名称或别名）")
    kind: InvolvementKind = Field(description="参与方式：负责 / 配合 / 审核 / 批准 / 知会")


class Step(Source):
    """A clause of the procedure body; steps nest to any depth and are numbered automatically."""

    title: str | None = Field(None, description="条款标题，如 售前服务")
    text: str | None = Field(None, description="条款正文（可用 **强调** 等简单格式）")
    owner: NonEmpty | tuple[NonEmpty, ...] | None = Field(None, description="责任部门或岗位（一个或多个）")
    involved: tuple[Involvement, ...] = Field(
        (), description="其他参与方及参与方式（配合、审核、批准、知会），owner 为负责方"
    )
    time_limit: str | None = Field(None, description="时限，如 24 小时内、二个工作日内")
    frequency: str | None = Field(None, description="频次，如 每季度一次、每年至少一次")
    thresholds: tuple[Threshold, ...] = Field((), description="阈值规则")
    forms: tuple[NonEmpty, ...] = Field((), description="本条使用的表单编号")
    documents: tuple[NonEmpty, ...] = Field((), description="本条引用的文件编号")
    items: tuple[NonEmpty, ...] = Field((), description="列项（按下一级编号）")
    notes: tuple[NonEmpty, ...] = Field((), description="注")
    steps: tuple[Step, ...] = Field((), description="下级条款")
    numbered: bool = Field(True, description="false: 不编号的分组标题（如 岗位要求：），其下级从 1 重新编号")

    @property
    def owners(self) -> tuple[str, ...]:
        if self.owner is None:
            return ()
        return (self.owner,) if isinstance(self.owner, str) else self.owner

    @property
    def participants(self) -> tuple[tuple[str, InvolvementKind], ...]:
        """Every party of the clause with how it takes part: the owners 负责, then `involved`."""
        owned = tuple((party, InvolvementKind.RESPONSIBLE) for party in self.owners)
        return owned + tuple((item.party, item.kind) for item in self.involved)


class Target(Source):
    text: NonEmpty = Field(description="目标或指标原文")
    value: float | None = None
    unit: str | None = None
    frequency: str | None = None


class RelatedDocument(Source):
    """Internal documents by `number`, external ones by `title` alone."""

    number: str | None = Field(None, description="本手册内的文件编号")
    title: str | None = Field(None, description="外部文件或未收录文件的名称")


class RecordEntry(Source):
    form: NonEmpty = Field(description="表单编号")
    keeper: NonEmpty = Field(description="保管部门")
    retention: NonEmpty = Field(description="保存期限，如 3年")


class Headings(Source):
    """Override the standard chapter titles where a document words them differently."""

    purpose: str = "目的"
    scope: str = "适用范围"
    definitions: str = "术语和定义"
    responsibilities: str = "职责"


class Chapter(str, enum.Enum):
    PURPOSE = "purpose"
    SCOPE = "scope"
    DEFINITIONS = "definitions"
    RESPONSIBILITIES = "responsibilities"
    BODY = "body"


DEFAULT_OUTLINE = (Chapter.PURPOSE, Chapter.SCOPE, Chapter.DEFINITIONS, Chapter.RESPONSIBILITIES, Chapter.BODY)


class Status(str, enum.Enum):
    DRAFT = "草稿"
    EFFECTIVE = "生效"
    OBSOLETE = "已作废"


class Document(Source):
    """A controlled document: 程序文件, 作业指导书, 管理制度, 岗位职责 …"""

    schema_: str | None = Field(None, alias="$schema", description="编辑器用的 schema 路径，可省略")
    number: NonEmpty = Field(description="文件编号，如 SQ/WI0727")
    title: NonEmpty = Field(description="文件名称")
    type: NonEmpty = Field(description="文件类型，须为 handbook.yml 中定义的类型")
    company: str | None = Field(None, description="公司名称（缺省取 handbook.yml）")
    revision: NonEmpty = Field(description="当前版次，须为更改记录的最后一条")
    revision_scheme: RevisionScheme | None = Field(None, description="版次方案（缺省取 handbook.yml）")
    effective: datetime.date = Field(description="生效日期 YYYY-MM-DD")
    status: Status = Field(description="草稿 / 生效 / 已作废")
    department: NonEmpty = Field(description="归口（编制）部门")
    review_period_months: int | None = Field(None, ge=1, le=120, description="评审周期（月）")
    numbering: NumberingStyle | None = Field(None, description="条款编号样式（缺省取文件类型的设置）")
    source: str | None = Field(None, description="来源说明")
    headings: Headings = Field(default_factory=Headings)
    outline: tuple[Chapter, ...] = Field(
        DEFAULT_OUTLINE, description="章节顺序；目的、范围等各占一个一级条款（有内容时）"
    )
    purpose: str | None = Field(None, description="目的")
    scope: str | None = Field(None, description="适用范围")
    definitions: tuple[Definition, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    body: tuple[Step, ...] = Field(min_length=1, description="正文条款")
    targets: tuple[Target, ...] = Field((), description="目标 / 指标")
    related: tuple[RelatedDocument, ...] = Field((), description="相关文件")
    records: tuple[RecordEntry, ...] = Field((), description="质量记录")
    remarks: tuple[NonEmpty, ...] = Field((), description="备注（如原文残缺的说明）")
    history: tuple[Revision, ...] = Field(min_length=1, description="文件更改记录，按时间顺序")
    distribution: tuple[Holder, ...] | None = Field(
        None, description="分发清单：每个持有部门或岗位一份受控副本（缺省取 handbook.yml 中该类型的默认清单）"
    )
    reviews: tuple[PeriodicReview, ...] = Field((), description="定期评审记录（不改版次），按时间顺序")
    withdrawal: Withdrawal | None = Field(None, description="作废信息（status: 已作废 时必填）")
    flow: Flow | None = Field(None, description="流程图：原文描述的流程（无定义则不画流程图）")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


# --------------------------------------------------------------------------- forms


class FieldType(str, enum.Enum):
    TEXT = "text"
    MULTILINE = "multiline"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    NUMBER = "number"
    MONEY = "money"
    PHONE = "phone"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    CHECKBOX = "checkbox"
    SIGNATURE = "signature"
    TABLE = "table"


class FormField(Source):
    """One field of a form; `id` becomes the JSON property and the PDF field name."""

    id: Annotated[str, Field(pattern=FIELD_ID_PATTERN, max_length=40)] = Field(
        description="稳定的字段标识（小写字母、数字、下划线）"
    )
    label: NonEmpty = Field(description="中文标签")
    type: FieldType = FieldType.TEXT
    required: bool = False
    pattern: str | None = Field(None, description="文本须匹配的正则表达式")
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = Field(None, ge=1)
    unit: str | None = Field(None, description="单位，如 元、小时、件")
    options: tuple[NonEmpty, ...] = Field((), description="选项（choice / multi_choice）")
    width: int = Field(1, ge=1, le=4, description="在四栏网格中占的栏数")
    lines: int = Field(3, ge=1, le=30, description="multiline 手写区的行数")
    rows: int = Field(10, ge=1, le=60, description="table 的空白行数")
    columns: tuple[FormField, ...] = Field((), description="table 的列")
    help: str | None = Field(None, description="填写说明")


class FormSection(Source):
    title: str | None = None
    note: str | None = None
    fields: tuple[FormField, ...] = Field(min_length=1)


class Form(Source):
    """A form or record template (表单 / 记录)."""

    schema_: str | None = Field(None, alias="$schema", description="编辑器用的 schema 路径，可省略")
    number: NonEmpty = Field(description="表单编号，如 QR-034-01")
    title: NonEmpty = Field(description="表单名称")
    revision: NonEmpty = Field(description="版次")
    effective: datetime.date = Field(description="生效日期 YYYY-MM-DD")
    status: Status = Field(Status.EFFECTIVE, description="草稿 / 生效 / 已作废（缺省：生效）")
    documents: tuple[NonEmpty, ...] = Field(min_length=1, description="所属文件编号")
    paper: Literal["A4", "A5", "A3"] = "A4"
    orientation: Literal["portrait", "landscape"] = "portrait"
    copies: int = Field(1, ge=1, le=9, description="份数，如 一式两份 为 2")
    copies_note: str | None = Field(None, description="份数说明，如 客户与公司各执一份")
    retention: NonEmpty = Field(description="保存期限")
    description: str | None = Field(None, description="用途说明")
    instructions: tuple[NonEmpty, ...] = Field((), description="填表说明")
    sections: tuple[FormSection, ...] = Field(min_length=1)
    history: tuple[Revision, ...] = Field(
        (), description="表单更改记录（修改说明与编制/审核/批准），按时间顺序；最后一条为当前版次"
    )

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def all_fields(self) -> tuple[FormField, ...]:
        return tuple(field for section in self.sections for field in section.fields)


# --------------------------------------------------------------------------- the whole handbook


@dataclasses.dataclass(frozen=True, eq=False)  # identity hash: it keys caches, hashing every model would be slow
class Handbook:
    """Everything the renderers see: validated settings, documents and forms, cross-indexed."""

    settings: Settings
    documents: tuple[Document, ...]
    forms: tuple[Form, ...]

    @functools.cached_property
    def documents_by_number(self) -> dict[str, Document]:
        return {document.number: document for document in self.documents}

    @functools.cached_property
    def forms_by_number(self) -> dict[str, Form]:
        return {form.number: form for form in self.forms}

    @functools.cached_property
    def form_users(self) -> dict[str, tuple[str, ...]]:
        """Form number → numbers of the documents that reference it (records or steps)."""
        users: dict[str, list[str]] = {form.number: [] for form in self.forms}
        for document in self.documents:
            for number in document_form_numbers(document):
                users.setdefault(number, []).append(document.number)
        return {number: tuple(found) for number, found in users.items()}

    def company_of(self, document: Document) -> str:
        return document.company or self.settings.company

    def review_period_of(self, document: Document) -> int:
        return document.review_period_months or self.settings.review_period_months

    def distribution_of(self, document: Document) -> tuple[Holder, ...]:
        return distribution_of(self.settings, document)

    def numbering_of(self, document: Document) -> NumberingStyle:
        if document.numbering is not None:
            return document.numbering
        for document_type in self.settings.document_types:
            if document_type.name == document.type:
                return document_type.numbering
        return NumberingStyle.DECIMAL


def distribution_of(settings: Settings, document: Document) -> tuple[Holder, ...]:
    """The holders of controlled copies of `document`: its own list, else its type's default."""
    if document.distribution is not None:
        return document.distribution
    for document_type in settings.document_types:
        if document_type.name == document.type:
            return document_type.distribution
    return ()


def iter_steps(steps: tuple[Step, ...]):
    for step in steps:
        yield step
        yield from iter_steps(step.steps)


def document_form_numbers(document: Document) -> tuple[str, ...]:
    """Every form a document names, records first, in order, without repeats."""
    numbers = [record.form for record in document.records]
    for step in iter_steps(document.body):
        numbers.extend(step.forms)
    return tuple(dict.fromkeys(numbers))
