"""Messages in Chinese by default, English on request, from one catalog (generator/messages).

The catalog is checked entry by entry (a Chinese sentence with exactly the placeholders of its
English key), the code is checked for messages that bypass it (an f-string or a bare string
handed to `error(…)`, `warning(…)`, `….error(…)`, `refuse(…)` would reach a Chinese reader in
English), and `handbook check` is run as a document controller runs it: Chinese by default,
English with `--lang en` or an English locale, and the same words in text and JSON.
"""

from __future__ import annotations

import ast
import json
import os
import pickle
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from generator.diagnostics import error, format_report
from generator.messages import CATALOG, Text, language, render
from generator.messages.records import RECORDS

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
HANDBOOK = Path(sys.executable).parent / "handbook"
CASES = Path(__file__).parent / "bad_inputs"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
CHINESE_OR_ITS_PUNCTUATION = re.compile(r"[\u4e00-\u9fff：，（）“”]")
# keys whose Chinese is rightly the same text: nothing to translate but placeholders or a term
SAME_IN_BOTH = {"{detail}", "true/false", "{path}: {summary}"}


def placeholders(template: str) -> list[tuple[str, str, str]]:
    return sorted(
        (name, conversion or "", specification or "")
        for _, name, specification, conversion in string.Formatter().parse(template)
        if name is not None
    )


# --------------------------------------------------------------------------- the catalog


@pytest.mark.parametrize("english", sorted(CATALOG))
def test_every_entry_is_chinese_with_the_same_placeholders(english: str) -> None:
    chinese = CATALOG[english]
    assert placeholders(chinese) == placeholders(english)
    if english not in SAME_IN_BOTH:
        assert CHINESE_OR_ITS_PUNCTUATION.search(chinese), f"not translated: {chinese!r}"


def _text_calls(name: str = "Text") -> list[tuple[str, int, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                found.append((str(path.relative_to(PACKAGE)), node.lineno, node))
    return found


def _literal_templates(name: str) -> dict[str, str]:
    """The string-literal first arguments of every `name(…)` call outside messages/, with their place."""
    found = {}
    for place, line, call in _text_calls(name):
        template = call.args[0] if call.args else None
        if not place.startswith("messages/") and isinstance(template, ast.Constant) and isinstance(template.value, str):
            found[template.value] = f"{place}:{line}"
    return found


def test_every_message_of_the_code_is_in_the_catalog() -> None:
    missing, computed = [], []
    for place, line, call in _text_calls():
        if place.startswith("messages/"):
            continue
        template = call.args[0] if call.args else None
        if isinstance(template, ast.Name) and template.id == "kind":  # Text(kind): "document" or "form"
            assert {"document", "form"} <= CATALOG.keys()
        elif isinstance(template, ast.Constant) and isinstance(template.value, str):
            if template.value not in CATALOG:
                missing.append(f"{place}:{line}: {template.value!r}")
        else:
            computed.append(f"{place}:{line}")
    assert missing == [], "add these to generator/messages/<stage>.py"
    assert computed == [], "a template is a string literal, so that this test can find it in the catalog"


def test_every_fixed_sentence_of_the_code_is_in_the_catalog() -> None:
    """`translate("…", language)` with a sentence the catalog lacks would give Chinese readers English."""
    templates = _literal_templates("translate")
    assert [f"{place}: {english!r}" for english, place in templates.items() if english not in CATALOG] == []


def test_every_sentence_of_validate_record_is_used() -> None:
    """messages/records.py holds no sentence the code no longer says (a leftover would go stale unseen)."""
    used = _literal_templates("Text").keys() | _literal_templates("translate").keys()
    assert sorted(RECORDS.keys() - used) == []


def test_no_two_tables_give_one_sentence_two_meanings() -> None:
    """CATALOG merges the tables, a later one winning: a key that two tables both have must have
    the same Chinese in both, or one of the two commands silently says something else."""
    from generator.messages import cli, control, document, publish, records, report, scaffold, source

    tables = {
        "report": report.REPORT,
        "source": source.SOURCE,
        "document": document.DOCUMENT,
        "control": control.CONTROL,
        "publish": publish.PUBLISH,
        "scaffold": scaffold.SCAFFOLD,
        "cli": cli.CLI,
        "records": records.RECORDS,
    }
    clashes = [
        f"{first_name}/{second_name}: {english}"
        for first_name, first in tables.items()
        for second_name, second in tables.items()
        if first_name < second_name
        for english in sorted(first.keys() & second.keys())
        if first[english] != second[english]
    ]
    assert clashes == []


# the message and hint arguments of each reporting call (positions of the call's arguments)
REPORTING_CALLS = {
    "error": (3, 4),  # error(path, line, column, message, hint)
    "warning": (3, 4),
    "refuse": (1, 2),  # controlled.refuse(path, message, hint)
    "_fail": (1, 2),  # converter._fail(node, message, hint)
    "_Abort": (1, 2),
    "NoHistory": (0, 1),
    "_setup_error": (0, 1),
    "unreadable": (1, 2),  # records.limits.unreadable(display, message, hint)
}
METHOD_CALLS = {"error": (1, 2)}  # loaded.error(path, message, hint)
LOGGERS = {"log", "logging", "logger"}


def _english_literal(node: ast.expr) -> bool:
    """An f-string or a non-empty string literal: text that never passes the catalog."""
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip() != ""


def _message_arguments(call: ast.Call) -> list[ast.expr]:
    func = call.func
    if isinstance(func, ast.Name) and func.id in REPORTING_CALLS:
        positions = REPORTING_CALLS[func.id]
    elif isinstance(func, ast.Attribute) and func.attr in REPORTING_CALLS:
        if isinstance(func.value, ast.Name) and func.value.id in LOGGERS:
            return []
        positions = METHOD_CALLS.get(func.attr, REPORTING_CALLS[func.attr])
    else:
        return []
    chosen = [call.args[index] for index in positions if index < len(call.args)]
    return chosen + [keyword.value for keyword in call.keywords if keyword.arg in ("message", "hint")]


def test_no_message_bypasses_the_catalog() -> None:
    """No literal reaches a reporting call, and no module keeps its own pair of sentences.

    `records/` once spoke through a private `say(lang, 中文, English)`: its Chinese was out of
    the catalog's reach and checks. A helper of that shape (named `say`, or taking a `chinese`
    sentence) must not come back; a sentence belongs in generator/messages/.
    """
    bare, helpers = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        place = path.relative_to(PACKAGE)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                bare += [
                    f"{place}:{argument.lineno}" for argument in _message_arguments(node) if _english_literal(argument)
                ]
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                parameters = {argument.arg for argument in node.args.args + node.args.kwonlyargs}
                if node.name == "say" or "chinese" in parameters:
                    helpers.append(f"{place}:{node.lineno}: {node.name}")
    assert bare == [], "wrap the message in Text(…) and add it to the catalog (generator/messages/)"
    assert helpers == [], "say it with Text(…) or translate(…) and the catalog, not a sentence pair of one's own"


# --------------------------------------------------------------------------- Text


def test_text_is_the_english_sentence_and_renders_chinese() -> None:
    message = Text("unknown form '{number}'", number="QR-01")
    assert message == "unknown form 'QR-01'" and "unknown form" in message
    assert render(message, "en") == "unknown form 'QR-01'"
    assert render(message, "zh") == "未知的表单“QR-01”"
    assert render("plain", "zh") == "plain"


def test_an_argument_that_is_a_text_is_rendered_in_the_same_language() -> None:
    message = Text("missing required field '{name}' in {where}", name="title", where=Text("the file"))
    assert render(message, "en") == "missing required field 'title' in the file"
    assert render(message, "zh") == "文件 缺少必填字段“title”"


def test_a_text_survives_pickling_with_its_template() -> None:
    message = Text("{errors} error(s), {warnings} warning(s)", errors=2, warnings=0)
    copy = pickle.loads(pickle.dumps(message))
    assert render(copy, "zh") == "2 个错误，0 个警告"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"HANDBOOK_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
    ],
)
def test_the_language_comes_from_the_option_else_the_environment(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for name in ("HANDBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert language() == expected
    assert language("en") == "en" and language("zh") == "zh"


def test_the_report_in_chinese() -> None:
    problems = [error("forms/QR-01.yml", 3, 5, Text("duplicate option"), Text("each option must be different"))]
    assert format_report(problems, lang="zh").splitlines() == [
        "forms/QR-01.yml:3:5: 错误：选项重复",
        "    提示：每个选项必须不同",
        "1 个错误，0 个警告",
    ]
    [record] = json.loads(format_report(problems, "json", lang="zh"))
    assert (record["severity"], record["message"], record["hint"]) == ("error", "选项重复", "每个选项必须不同")


# --------------------------------------------------------------------------- the command


def run_check(root: Path, *options: str, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {name: value for name, value in os.environ.items() if name not in ("HANDBOOK_LANG", "LC_ALL", "LC_MESSAGES")}
    base["LANG"] = "C.UTF-8"
    return subprocess.run(
        [str(HANDBOOK), *options, "--root", str(root)],
        env={**base, **(environment or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two problems of the corpus at once: a duplicate field id and an unknown form reference."""
    root = tmp_path_factory.mktemp("messages") / "project"
    shutil.copytree(CASES / "duplicate_field_id", root, ignore=shutil.ignore_patterns("expected.txt"))
    procedure = root / "procedures" / "SH-GZ-001.yml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    return root


def _text_report(output: str, severities: tuple[str, str], hint: str) -> list[tuple[str, str]]:
    """(message, hint) of each diagnostic of a text report, errors and warnings alike."""
    found: list[tuple[str, str]] = []
    header = re.compile(rf"^[^:\s][^:]*:\d+:\d+: (?:{'|'.join(severities)})(?P<message>.*)$")
    for line in output.splitlines():
        if line.startswith(f"    {hint}"):
            found[-1] = (found[-1][0], line.removeprefix(f"    {hint}"))
        elif match := header.match(line):
            found.append((match["message"], ""))
    return found


def test_check_speaks_chinese_by_default(bad_project: Path) -> None:
    completed = run_check(bad_project, "check")
    assert completed.returncode == 1
    assert "错误：字段标识“engineer”重复（第 10 行已使用）" in completed.stderr
    assert "    提示：" in completed.stderr
    assert re.search(r"^\d+ 个错误，\d+ 个警告$", completed.stderr, re.M), completed.stderr
    assert "error" not in completed.stderr and "hint" not in completed.stderr


@pytest.mark.parametrize(
    ("options", "environment"),
    [
        (["--lang", "en", "check"], {}),
        (["check", "--lang", "en"], {}),
        (["check"], {"LANG": "en_US.UTF-8"}),
    ],
    ids=["group-option", "command-option", "LANG"],
)
def test_check_speaks_english_on_request(bad_project: Path, options: list[str], environment: dict[str, str]) -> None:
    completed = run_check(bad_project, *options, environment=environment)
    assert completed.returncode == 1
    assert "error: duplicate field id 'engineer' (first used on line 10)" in completed.stderr
    assert re.search(r"^\d+ error\(s\), \d+ warning\(s\)$", completed.stderr, re.M)
    assert "错误" not in completed.stderr and "提示" not in completed.stderr


@pytest.mark.parametrize(
    ("lang", "severities", "hint"), [("zh", ("错误：", "警告："), "提示："), ("en", ("error: ", "warning: "), "hint: ")]
)
def test_json_carries_the_words_of_the_text_report(
    bad_project: Path, lang: str, severities: tuple[str, str], hint: str
) -> None:
    text = run_check(bad_project, "check", "--lang", lang)
    as_json = run_check(bad_project, "check", "--lang", lang, "--format", "json")
    records = json.loads(as_json.stdout)
    assert len(records) >= 2
    assert _text_report(text.stderr, severities, hint) == [(item["message"], item["hint"]) for item in records]
