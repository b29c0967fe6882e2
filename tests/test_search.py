"""Site search: the numbered index (Python) and the handbook's search worker (run in Node.js,
the same file the browser runs) on small hand-made indexes, including hostile text.

The ranking on the real handbook, in Chromium, is tests/test_search_browser.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.render.site.search import SEARCH_INDEX, number_search_index, numbered_index, page_titles
from generator.source.model import Handbook

WORKER = Path(__file__).resolve().parent.parent / "generator" / "assets" / "search-worker.js"

# Loads the worker as a browser would (a script with addEventListener/postMessage), sends it
# the SETUP message and each query, and prints the answers as JSON.
_NODE_DRIVER = """
const fs = require("fs");
const [workerFile, inputFile] = process.argv.slice(1);
const input = JSON.parse(fs.readFileSync(inputFile, "utf8"));
let listener; const answers = [];
const context = { addEventListener: (name, fn) => { listener = fn; }, postMessage: message => answers.push(message) };
new Function("addEventListener", "postMessage", fs.readFileSync(workerFile, "utf8"))(context.addEventListener, context.postMessage);
listener({ data: { type: 0, data: { config: {}, docs: input.docs, options: {} } } });
for (const query of input.queries) listener({ data: { type: 2, data: query } });
process.stdout.write(JSON.stringify(answers));
"""


def ask_worker(tmp_path: Path, docs: list[dict], queries: list[str]) -> list[dict]:
    """The worker's answers: READY, then one RESULT per query."""
    if shutil.which("node") is None:
        pytest.fail("node is not installed; ./make installs nodejs with apt-get")
    input_file = tmp_path / "input.json"
    input_file.write_text(json.dumps({"docs": docs, "queries": queries}, ensure_ascii=False), encoding="utf-8")
    completed = subprocess.run(
        ["node", "-e", _NODE_DRIVER, str(WORKER), str(input_file)], capture_output=True, text=True, check=True
    )
    return json.loads(completed.stdout)


def pages_in_order(answer: dict) -> list[str]:
    return [group[0]["location"].split("#")[0] for group in answer["data"]["items"]]


DOCS = [
    {"location": "documents/A/", "title": "SH/GZ-001 售后服务管理规定", "text": "本规定适用于售后服务。", "boost": 2},
    {
        "location": "documents/A/#c-5",
        "title": "5 措施和要求",
        "text": "<p>用服中心主管在24小时内给顾客满意的回复。</p>",
        "boost": 2,
    },
    {"location": "forms/B/", "title": "QR-GZ001-01 售后服务信息登记表", "text": "顾客反馈信息的登记。见 SH/GZ-001。"},
    {"location": "forms/C/", "title": "QR-GZ001-02 出差任务及报告单", "text": "出差任务。SH/GZ-001 第5.2条。"},
    {
        "location": "documents/D/",
        "title": "YTCXQP034 售后服务管理程序",
        "text": "<p>单次索赔数额超过500元时报总经理。</p>",
    },
]


def test_the_worker_puts_the_page_that_holds_the_rule_first(tmp_path: Path) -> None:
    queries = [
        "SH/GZ-001",
        "QR-GZ001-02",
        "24小时",
        "500元",
        "顾客满意的回复要多久",
        "出差任务及报告单",
        "售后服务管理程序",
    ]
    ready, *answers = ask_worker(tmp_path, DOCS, queries)
    assert ready == {"type": 1}
    firsts = [pages_in_order(answer)[0] for answer in answers]
    assert firsts == [
        "documents/A/",
        "forms/C/",
        "documents/A/",
        "documents/D/",
        "documents/A/",
        "forms/C/",
        "documents/D/",
    ]


def test_the_worker_answers_nothing_for_an_empty_or_unknown_query(tmp_path: Path) -> None:
    _, empty, unknown = ask_worker(tmp_path, DOCS, ["   ", "升降器"])
    assert empty == {"type": 3, "data": {"items": []}}
    assert unknown["data"]["items"] == []


def test_every_result_group_carries_its_page_entry_for_the_theme_to_title_it(tmp_path: Path) -> None:
    _, answer = ask_worker(tmp_path, DOCS, ["24小时内给顾客满意的回复"])
    group = answer["data"]["items"][0]
    assert [item["location"] for item in group] == ["documents/A/#c-5", "documents/A/"]
    assert "<mark>24小时内给顾客满意的回复</mark>" in group[0]["text"]
    assert all({"score", "terms", "title", "text"} <= item.keys() for item in group)


def test_hostile_text_stays_escaped_and_marks_never_enter_tags(tmp_path: Path) -> None:
    docs = [
        {
            "location": "documents/X/",
            "title": "&lt;img src=x onerror=alert(1)&gt; 文件",
            "text": '<p class="mark">&lt;script&gt;alert(1)&lt;/script&gt; 投诉处理 &amp; mark</p>',
        }
    ]
    _, by_word, by_tag_name, by_markup = ask_worker(tmp_path, docs, ["投诉处理", "mark", "<script>"])
    item = by_word["data"]["items"][0][0]
    assert item["title"] == "&lt;img src=x onerror=alert(1)&gt; 文件"
    assert item["text"] == '<p class="mark">&lt;script&gt;alert(1)&lt;/script&gt; <mark>投诉处理</mark> &amp; mark</p>'
    tagged = by_tag_name["data"]["items"][0][0]["text"]
    assert tagged.startswith('<p class="mark">') and "<mark>mark</mark></p>" in tagged
    assert "<script>" not in json.dumps(by_markup)


def test_number_titles_document_and_form_pages_only(example_handbook: Handbook) -> None:
    titles = page_titles(example_handbook)
    assert titles["documents/SH-GZ-001/"] == "SH/GZ-001 售后服务管理规定(电力)"
    assert titles["forms/QR-GZ001-02/"] == "QR-GZ001-02 出差任务及报告单"
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "documents/SH-GZ-001/", "title": "售后服务管理规定(电力)", "text": "…"},
            {"location": "documents/SH-GZ-001/#c-1", "title": "1 目的", "text": "…"},
            {"location": "matrix/", "title": "职责分配", "text": "…"},
        ],
    }
    numbered = numbered_index(index, {**titles, "documents/SH-GZ-001/": "SH/GZ-001 <b>&"})
    assert [entry["title"] for entry in numbered["docs"]] == ["SH/GZ-001 &lt;b&gt;&amp;", "1 目的", "职责分配"]
    assert numbered["config"] == index["config"]


def test_a_site_without_search_is_left_alone(tmp_path: Path, example_handbook: Handbook) -> None:
    number_search_index(tmp_path, example_handbook)
    assert not (tmp_path / SEARCH_INDEX).exists()


@pytest.mark.slow
def test_the_built_index_holds_pages_in_force_only_and_the_site_runs_our_worker(built_site: Path) -> None:
    index = json.loads((built_site / SEARCH_INDEX).read_text(encoding="utf-8"))
    pages = {entry["location"].split("#")[0] for entry in index["docs"]}
    assert "documents/SH-GZ-001/" in pages and "forms/QR-GZ001-02/" in pages
    assert not [page for page in pages if page.startswith(("archive/", "redlines/", "changelog/", "verify/"))]
    first = next(entry for entry in index["docs"] if entry["location"] == "documents/SH-GZ-001/")
    assert first["title"] == "SH/GZ-001 售后服务管理规定(电力)"
    assert (built_site / "assets" / "handbook" / "search-worker.js").exists()
    assert '"search": "assets/handbook/search-worker.js"' in (built_site / "index.html").read_text(encoding="utf-8")
