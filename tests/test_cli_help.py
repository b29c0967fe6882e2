"""`handbook --help` and click's usage errors speak the document controller's language.

Every command's help, short help and option help is in the catalog (generator/messages/cli.py),
so a new command or option without its Chinese fails here; the help pages are Chinese by default,
with no English sentence or click heading left, and English with `--lang en` (before or after
`--help`, on the group or the command), `HANDBOOK_LANG=en` or an English locale; a usage error
(exit code 2) is Chinese too. tests/conftest.py makes the suite English, so each run here sets
the environment it means.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner, Result

from generator.cli.help import display_width, help_key, sentence
from generator.cli.main import main
from generator.messages import CATALOG

CHINESE_ENVIRONMENT = {"HANDBOOK_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}
ENGLISH_WORDS = re.compile(r"\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b")  # three lowercase English words in a row
CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message and exit", "default:", "required]", "Error:")


def commands(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under the group, with the words that call it (subcommands of subgroups too)."""
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


EVERY_COMMAND = sorted(commands(main))


def run(*arguments: str, **environment: str | None) -> Result:
    return CliRunner(env={**CHINESE_ENVIRONMENT, **environment}).invoke(
        main, list(arguments), prog_name="handbook", terminal_width=78
    )


# --------------------------------------------------------------------------- the catalog


@pytest.mark.parametrize(
    ("path", "command"),
    [((), main), *EVERY_COMMAND],
    ids=["handbook", *(" ".join(path) for path, _ in EVERY_COMMAND)],
)
def test_every_help_text_is_in_the_catalog(path: tuple[str, ...], command: click.Command) -> None:
    missing = []
    if help_key(command.help) not in CATALOG:
        missing.append(help_key(command.help))
    if path and (not command.short_help or help_key(command.short_help) not in CATALOG):
        missing.append(f"short_help={command.short_help!r}")  # the line in `handbook --help`
    context = click.Context(command)
    for parameter in command.get_params(context):
        if isinstance(parameter, click.Option) and help_key(parameter.help) not in CATALOG:
            missing.append(f"{parameter.opts[0]}: help={parameter.help!r}")
    assert missing == [], "give each a help text and its Chinese in generator/messages/cli.py"


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path, _ in EVERY_COMMAND}
    assert {"check", "build", "revise", "approve", "release", "init", "new", "validate-record"} <= names


# --------------------------------------------------------------------------- the help pages


@pytest.mark.parametrize(
    "path", [(), *(path for path, _ in EVERY_COMMAND)], ids=lambda path: " ".join(path) or "handbook"
)
def test_help_is_chinese_by_default(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    page = result.output
    assert page.startswith(f"用法：handbook {' '.join(path)}".rstrip() + " ")
    assert "\n选项：\n" in page and "显示本帮助并退出。" in page
    assert [word for word in CLICK_ENGLISH if word in page] == []
    assert ENGLISH_WORDS.findall(page) == []
    assert [line for line in page.splitlines() if display_width(line) > 78] == []  # a Chinese character is 2 columns
    assert [line for line in page.splitlines() if line.lstrip().startswith(("，", "。", "；", "：", "）", "]"))] == []


def test_the_group_and_check_in_chinese() -> None:
    group = run("--help").output
    assert "\n命令：\n" in group and "  check            检查所有文件、表单和设置。\n" in group
    check = run("check", "--help").output
    assert "检查每一份文件、每一张表单和手册设置，报告发现的全部问题。" in check
    assert "--strict              将警告也视为错误。" in check
    assert "[默认：.]" in check and "[默认：text]" in check
    assert "[必填]" in run("revise", "--help").output


@pytest.mark.parametrize(
    ("arguments", "environment"),
    [
        (["--lang", "en", "check", "--help"], {}),
        (["check", "--lang", "en", "--help"], {}),
        (["check", "--help", "--lang", "en"], {}),  # --help first: --lang is read before parsing
        (["check", "--lang=en", "--help"], {}),
        (["check", "--help"], {"LANG": "en_US.UTF-8"}),
        (["check", "--help"], {"HANDBOOK_LANG": "en"}),
    ],
    ids=["group-option", "command-option", "after-help", "equals", "LANG", "HANDBOOK_LANG"],
)
def test_help_is_english_on_request(arguments: list[str], environment: dict[str, str]) -> None:
    page = run(*arguments, **environment).output
    assert page.startswith("Usage: handbook check [OPTIONS]\n")
    assert "Validate every document, form and the settings; report all problems." in page
    assert "\nOptions:\n" in page and "Show this message and exit." in page and "[default: text]" in page
    assert "用法" not in page and "选项" not in page


def test_the_group_help_in_english() -> None:
    page = run("--help", "--lang", "en").output
    assert "\nCommands:\n" in page and "  check            Validate documents, forms and settings.\n" in page


# --------------------------------------------------------------------------- usage errors


def test_a_usage_error_is_chinese_by_default() -> None:
    result = run("check", "--foo")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "用法：handbook check [OPTIONS]",
        "请运行“handbook check --help”查看帮助。",
        "",
        "错误：没有这个选项：'--foo'。（是否想写以下之一：'--format', '--root'？）",
    ]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["chek"], "错误：没有这个命令：'chek'。（是否想写以下之一：'check', 'schema'？）"),
        (["check", "--format", "xml"], "错误：'--format' 的值无效：'xml' 不是 'text', 'json' 之一。"),
        (["revise", "X"], "错误：缺少选项 '--change'。"),
        (["revise"], "错误：缺少参数 'DOCUMENT'。"),
        (["review-due", "--within", "999"], "错误：'--within' 的值无效：999 不在范围 0<=x<=366 之内。"),
        (["review-due", "--within", "x"], "错误：'--within' 的值无效：'x' 不是有效的整数。"),
        (["check", "extra"], "错误：多出了参数（extra）"),
        (["check", "--format"], "错误：选项 '--format' 后面需要一个值。"),
        (
            ["revise", "X", "--change", "c", "--effective", "2024-13-01"],
            "错误：'--effective' 的值无效：“2024-13-01”不是日期",
        ),
    ],
)
def test_usage_errors_in_chinese(arguments: list[str], said: str) -> None:
    result = run(*arguments)
    assert result.exit_code == 2
    assert said in result.stderr, result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr


@pytest.mark.parametrize(
    "arguments",
    [["check", "--lang", "en", "--foo"], ["check", "--foo", "--lang", "en"], ["--lang", "en", "check", "--foo"]],
)
def test_a_usage_error_in_english_on_request(arguments: list[str]) -> None:
    result = run(*arguments)
    assert result.exit_code == 2
    assert "Error: No such option '--foo'." in result.stderr and "错误" not in result.stderr


def test_a_sentence_click_did_not_make_is_left_as_it_is() -> None:
    assert sentence("“2024-13-01”不是日期", "zh") == "“2024-13-01”不是日期"
    assert sentence("Missing command.", "zh") == "缺少命令。"
    assert sentence("Directory '/tmp/x' is a file.", "zh") == "文件夹 '/tmp/x' 是一个文件，不是文件夹。"
    assert sentence("No such option '--foo'.", "en") == "No such option '--foo'."
