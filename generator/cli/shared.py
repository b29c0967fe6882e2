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
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator.diagnostics import HandbookError, format_report
from generator.messages import LANGUAGES, language, render

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The handbook project folder (holds handbook.yml).",
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
    "help": "Language of the messages: zh (简体中文, the default) or en; LANG=en_* also gives en.",
}


def language_option() -> click.Option:
    """`--lang zh|en` for a command or the group: remembered, not passed to the function."""
    return click.Option(["--lang"], expose_value=False, **LANGUAGE_SETTINGS)


def chosen_language(context: click.Context | None = None) -> str:
    """`zh` or `en`: `--lang` of the command or the group, else the environment's."""
    context = context or click.get_current_context(silent=True)
    return language(context.meta.get(LANGUAGE_KEY) if context is not None else None)


def echo(message: str, err: bool = False) -> None:
    """`click.echo` of a message (a catalog `Text` is rendered in the chosen language)."""
    click.echo(render(message, chosen_language()), err=err)


def debugging(context: click.Context | None) -> bool:
    """True when `handbook --debug` was given (the group keeps it in the root context's obj)."""
    settings = context.find_root().obj if context is not None else None
    return isinstance(settings, dict) and bool(settings.get("debug"))


class HandbookCommand(click.Command):
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


class HandbookGroup(click.Group):
    """The `handbook` group: every command added with `@main.command` is a HandbookCommand."""

    command_class = HandbookCommand

    def __init__(self, *arguments: Any, **settings: Any) -> None:
        super().__init__(*arguments, **settings)
        self.params.append(language_option())


def command(name: str | None = None, **settings: Any) -> Callable[[Callable[..., Any]], HandbookCommand]:
    """`@click.command`, made a HandbookCommand (for commands defined beside their stage)."""
    return click.command(name, cls=HandbookCommand, **settings)
