"""What every `handbook` command shares: `--root`, `--lang` and the one error path.

Every command is a `HandbookCommand` (made with `@command(...)`, or `@main.command(...)` on
the group, whose `command_class` it is). A user mistake anywhere below a command arrives as
`HandbookError` and leaves here, once, as `path:line:col: error: …` lines on stderr and exit
code 1. A Python traceback is shown only with `handbook --debug`, because it would only be
noise to a document controller. Commands never catch HandbookError themselves.

Every command also takes `--lang zh|en` (as does the group: `handbook --lang en check`); the
choice is kept in the invocation's `meta`, and `chosen_language()` falls back to the
environment (`generator.messages.language`). Commands print through `echo`, which renders a
catalog `Text` in that language.

The help pages and click's usage errors speak the same language (cli/help.py): commands and
the group format their help through `HandbookContext`'s formatter, and turn a click
`UsageError` into one said in the language. `--lang` is read from the arguments before click
parses them (`typed_language`), so that `--help` and a usage error know it in whatever order
the options come: `handbook check --lang en --help` and `handbook check --help --lang en`
alike. The option is eager as well, so its callback, too, runs before `--help` when typed first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from generator.cli.help import HelpFormatter, help_text, in_language, option_record, short_help
from generator.diagnostics import HandbookError, format_report
from generator.messages import LANGUAGES, language, render

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The handbook project folder (holds handbook.yml).",
)


format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format: text for people, json for other programs.",
)

LANGUAGE_KEY = "handbook.lang"  # in click's Context.meta, shared by the group and its command


def _remember_language(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        context.meta[LANGUAGE_KEY] = value
    return value


LANGUAGE_SETTINGS: dict[str, Any] = {
    "type": click.Choice(LANGUAGES),
    "default": None,
    "callback": _remember_language,
    "is_eager": True,  # before --help, when typed before it (click runs eager options in their order)
    "help": "Language of messages and help: zh (简体中文, the default) or en; LANG=en_* or HANDBOOK_LANG=en also give en.",
}


def language_option() -> click.Option:
    """`--lang zh|en` for a command or the group: remembered, not passed to the function."""
    return click.Option(["--lang"], expose_value=False, **LANGUAGE_SETTINGS)


def chosen_language(context: click.Context | None = None) -> str:
    """`zh` or `en`: `--lang` of the command or the group, else the environment's."""
    context = context or click.get_current_context(silent=True)
    return language(context.meta.get(LANGUAGE_KEY) if context is not None else None)


def typed_language(arguments: Sequence[str]) -> str | None:
    """The value of the last `--lang zh|en` (or `--lang=…`) among the arguments, before any `--`."""
    found = None
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(arguments):
            value = arguments[index + 1]
        elif argument.startswith("--lang="):
            value = argument.removeprefix("--lang=")
        else:
            continue
        found = value if value in LANGUAGES else found
    return found


def echo(message: str, err: bool = False) -> None:
    """`click.echo` of a message (a catalog `Text` is rendered in the chosen language)."""
    click.echo(render(message, chosen_language()), err=err)


def debugging(context: click.Context | None) -> bool:
    """True when `handbook --debug` was given (the group keeps it in the root context's obj)."""
    settings = context.find_root().obj if context is not None else None
    return isinstance(settings, dict) and bool(settings.get("debug"))


class HandbookContext(click.Context):
    """click's context, formatting help in the chosen language (cli/help.py)."""

    formatter_class = HelpFormatter

    def make_formatter(self) -> HelpFormatter:
        return HelpFormatter(chosen_language(self), width=self.terminal_width, max_width=self.max_content_width)


class InLanguage(click.Command):
    """What the group and every command share: help and usage errors in the chosen language."""

    context_class = HandbookContext

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        typed = typed_language(args)
        if typed is not None:
            ctx.meta[LANGUAGE_KEY] = typed  # known to --help and to a usage error, whichever comes first
        return super().parse_args(ctx, args)

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as problem:
            context = problem.ctx or parent
            said = in_language(problem, chosen_language(context) if context else language(typed_language(args)))
            if said is problem:
                raise
            raise said from None

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = help_text(self.help, chosen_language(ctx))
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = chosen_language(ctx)
        options = [parameter for parameter in self.get_params(ctx) if isinstance(parameter, click.Option)]
        rows = [row for option in options if (row := option_record(option, ctx, lang)) is not None]
        if rows:
            with formatter.section("Options"):  # the formatter says the heading in the language
                formatter.write_dl(rows)


class HandbookCommand(InLanguage):
    """A click command whose HandbookError becomes its diagnostics on stderr and exit 1."""

    def __init__(self, *arguments: Any, **settings: Any) -> None:
        super().__init__(*arguments, **settings)
        if not any(parameter.name == "lang" for parameter in self.params):
            self.params.append(language_option())

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HandbookError as problem:
            if debugging(ctx):
                raise
            click.echo(format_report(problem.diagnostics, lang=chosen_language(ctx)), err=True)
            ctx.exit(1)


class HandbookGroup(InLanguage, click.Group):
    """The `handbook` group: every command added with `@main.command` is a HandbookCommand."""

    command_class = HandbookCommand

    def __init__(self, *arguments: Any, **settings: Any) -> None:
        super().__init__(*arguments, **settings)
        self.params.append(language_option())

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as problem:  # "Missing command.", or a command's own
            said = in_language(problem, chosen_language(problem.ctx or ctx))
            if said is problem:
                raise
            raise said from None

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in commands if command is not None and not command.hidden]
        if shown:
            limit = formatter.width - 6 - max(len(name) for name, _ in shown)
            lang = chosen_language(ctx)
            with formatter.section("Commands"):
                formatter.write_dl([(name, short_help(command, limit, lang)) for name, command in shown])


def command(name: str | None = None, **settings: Any) -> Callable[[Callable[..., Any]], HandbookCommand]:
    """`@click.command`, made a HandbookCommand (for commands defined beside their stage)."""
    return click.command(name, cls=HandbookCommand, **settings)
