"""What every `handbook` command shares: the `--root` option and the one error path.

Every command is a `HandbookCommand` (made with `@command(...)`, or `@main.command(...)` on
the group, whose `command_class` it is). A user mistake anywhere below a command arrives as
`HandbookError` and leaves here, once, as `path:line:col: error: …` lines on stderr and exit
code 1. A Python traceback is shown only with `handbook --debug`, because it would only be
noise to a document controller. Commands never catch HandbookError themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator.diagnostics import HandbookError, format_report

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The handbook project folder (holds handbook.yml).",
)


def debugging(context: click.Context | None) -> bool:
    """True when `handbook --debug` was given (the group keeps it in the root context's obj)."""
    settings = context.find_root().obj if context is not None else None
    return isinstance(settings, dict) and bool(settings.get("debug"))


class HandbookCommand(click.Command):
    """A click command whose HandbookError becomes its diagnostics on stderr and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HandbookError as problem:
            if debugging(ctx):
                raise
            click.echo(format_report(problem.diagnostics), err=True)
            ctx.exit(1)


class HandbookGroup(click.Group):
    """The `handbook` group: every command added with `@main.command` is a HandbookCommand."""

    command_class = HandbookCommand


def command(name: str | None = None, **settings: Any) -> Callable[[Callable[..., Any]], HandbookCommand]:
    """`@click.command`, made a HandbookCommand (for commands defined beside their stage)."""
    return click.command(name, cls=HandbookCommand, **settings)
