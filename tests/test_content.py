"""The example handbook against its yardstick: the seed documents in ../shared/seeds/.

Counts (documents, forms, references) and a coverage measure: each seed's document text is
split into clauses and sentences, noise removed, Traditional converted to Simplified with
OpenCC, and every piece looked up in the text of procedures/. At least 95% per seed.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
import yaml

from generator.source.model import document_form_numbers
from tests.conftest import PROJECT_ROOT

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"

# Where each seed's document text starts and ends (everything else is web-page noise).
SEED_SPANS = {
    "000_319e61472b7830cc.txt": ("索奇汽车零部件有限公司", "文档评论"),
    "001_472db20f2d892fd9.txt": ("售后服务管理规定(电力)", "您可能关注的文档"),
    "002_9d0eac5d212bda1e.txt": ("文檔簡介", "溫馨提示"),
    "003_1e83770adfe5187e.txt": ("1、目的", None),
    "004_72fde1533725922e.txt": ("1、宝典安装售后服务管理制度", "限制150内"),
}

# Every form the seeds' README names; each must be the title of a form (or inside one).
SEED_FORM_NAMES = [
    "售后服务工作日志",
    "信息反馈单",
    "退回产品缺陷明细表",
    "下线产品情况统计表",
    "不合格品通知单",
    "售后索赔质量分析记录",
    "客户满意度调查",
    "售后服务信息登记表",
    "出差任务及报告单",
    "开通调试报告",
    "出厂检验报告",
    "装箱清单",
    "发货清单",
    "故障信息反馈处置台帐",
    "售后调查申诉书",
    "售后管理台帐",
    "售后问题",
    "纠正预防措施",
    "退货清单",
    "客户意见处理表",
    "客户投诉登记追踪表",
    "问诊单",
    "估价单",
    "维修工单",
    "结算单",
    "会计帐票",
    "保养确认单",
    "进厂安装服务单",
    "安装服务追加项目单",
    "安装服务估价单",
    "安装服务预约单",
    "安装服务结算单",
    "汽车检测诊断报告单",
    "出厂通知单",
    "售后服务卡",
    "跟踪服务客户电话记录表",
    "跟踪服务电话登记表",
    "跟踪服务信函登记表",
    "安装服务预约登记表",
    "客户档案资料表",
    "随车物品清单",
    "业务统计表",
    "行业相关市场情况报告表",
    "公司业务状况分析报告表",
    "客户档案基本资料表",
    "顾客满意度调查表",
    "客户抱怨/退货通知单",
    "安装调试人员派遣申请表",
    "出差申请表",
    "安装调试工作日志",
    "安装调试验收报告",
    "员工外出工作移交表",
    "暂支单",
    "待装车辆状况表",
    "技术服务报告单",
    "预约统计表",
]

REQUIRED_TITLES = [
    "服务工作规范",
    "售后服务管理规定(电力)",
    "售后服务管理程序",
    "售后服务工作细则",
    "售后服务部经理岗位职责",
    "汽车售后服务前台工作标准",
    "售后服务管理制度",
    "售后安装工作流程",
    "业务接待工作制度",
    "安装车间管理制度",
    "技术部管理制度",
    "安装技工安全操作制度",
    "升降器管理制度",
    "升降器操作规程",
    "售后服务经理岗位职责",
    "售后服务部工程师岗位职责",
    "安装技师岗位职责",
]

# Running page headers of 002, glued into sentences by the extraction.
PAGE_HEADER = re.compile(
    r"((烟台长鑫密封产品有限公司文件)+\s*文件名称\s*售后服务管理程序\s*)?文件编号\s*YTCXQP034\s*文件版次\s*A0\s*文件页码\s*Page\dof\d|(烟台长鑫密封产品有限公司文件)+\s*文件名称\s*售后服务管理程序|文档简介"
)
PINYIN_NOTE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
PAGE_BREAK_PREFIX = re.compile(r"^\s*\d{1,2}、", re.M)
CLAUSE_NUMBER = re.compile(
    r"^(\d+([.、．]\d+)*[.、．]?|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\)|第[一二三四五六七八九十]+条|[a-z]\))"
)
NOT_TEXT = re.compile(r"[^\w]|[_\d]", re.U)  # digits go: clause numbers are glued into the seeds' text
MINIMUM_PIECE = 4


@lru_cache(maxsize=1)
def simplified():
    opencc = pytest.importorskip("opencc")
    converter = opencc.OpenCC("t2s")
    return lambda text: converter.convert(text).replace("著", "着")  # OpenCC keeps 著 in 当著/本著


def normalise(text: str) -> str:
    return NOT_TEXT.sub("", simplified()(text))


def seed_pieces(name: str) -> list[str]:
    """The seed's document text as normalised clause/sentence pieces."""
    raw = (SEEDS / name).read_text(encoding="utf-8")
    start, end = SEED_SPANS[name]
    begin = raw.index(start)
    body = raw[begin : raw.index(end, begin + len(start))] if end else raw[begin:]
    body = PAGE_HEADER.sub("\n", simplified()(PINYIN_NOTE.sub("", body)))
    if name.startswith("004"):
        body = PAGE_BREAK_PREFIX.sub("", body)
    pieces = []
    for sentence in re.split(r"[。；！？，,;!?%\s]+|\d+(?:\.\d+)*\.?", body):
        sentence = sentence.strip()
        while True:
            stripped = CLAUSE_NUMBER.sub("", sentence).strip()
            if stripped == sentence:
                break
            sentence = stripped
        piece = normalise(sentence)
        if len(piece) >= MINIMUM_PIECE:
            pieces.append(piece)
    return pieces


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


@lru_cache(maxsize=1)
def source_text() -> str:
    """The YAML strings in file order, and the documents as numbered (headings included)."""
    from generator.document.outline import document_outline, iter_clauses
    from generator.source.project import read_handbook

    texts = []
    for path in sorted((PROJECT_ROOT / "procedures").glob("*.yml")):
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    handbook = read_handbook(PROJECT_ROOT).handbook
    for document in handbook.documents:
        texts.append("\n" + document.title)
        texts += [
            (clause.title or "") + (clause.text or "")
            for clause in iter_clauses(document_outline(handbook, document.number))
        ]
    return normalise("\n".join(texts))


def coverage(name: str) -> tuple[float, list[str]]:
    pieces = seed_pieces(name)
    text = source_text()
    missing = [piece for piece in pieces if piece not in text]
    return 1 - len(missing) / len(pieces), missing


def test_counts_and_references(example_handbook) -> None:
    assert len(example_handbook.documents) >= 17
    assert len(example_handbook.forms) >= 40
    titles = {document.title for document in example_handbook.documents}
    for title in REQUIRED_TITLES:
        assert title in titles, title
    referenced = {number for document in example_handbook.documents for number in document_form_numbers(document)}
    unused = [form.number for form in example_handbook.forms if form.number not in referenced]
    assert not unused, f"forms no document references: {unused}"
    for form in example_handbook.forms:
        for owner in form.documents:
            assert form.number in document_form_numbers(example_handbook.documents_by_number[owner])


def test_every_seed_form_name_is_a_form_title(example_handbook) -> None:
    titles = [simplified()(form.title) for form in example_handbook.forms]
    missing = [name for name in SEED_FORM_NAMES if not any(name in title for title in titles)]
    assert not missing, missing


def test_multi_revision_histories_exist(example_handbook) -> None:
    assert sum(1 for document in example_handbook.documents if len(document.history) >= 2) >= 2


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside this checkout")
@pytest.mark.parametrize("seed", sorted(SEED_SPANS))
def test_seed_text_is_covered(seed: str, capsys) -> None:
    ratio, missing = coverage(seed)
    with capsys.disabled():
        print(f"\n  coverage {seed}: {ratio:.1%} of {len(seed_pieces(seed))} pieces")
    assert ratio >= 0.95, f"{ratio:.1%}; first missing pieces: {missing[:12]}"
