"""The `handbook` command. Each subcommand is a thin shell over one pipeline function.

User mistakes arrive here as `HandbookError` and leave as `path:line:col: error: …` lines and
exit code 1; a Python traceback is shown only with `--debug`, because it would only be
noise to a document controller.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.diagnostics import HandbookError, Severity, format_report
from generator.source.project import read_handbook
from generator.source.schema import write_source_schemas

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The handbook project folder (holds handbook.yml).",
)


@click.group()
@click.option("--debug", is_flag=True, help="Show Python tracebacks (for developers of the tool).")
@click.pass_context
def main(context: click.Context, debug: bool) -> None:
    """Controlled procedure manuals and their forms, as code."""
    context.obj = {"debug": debug}


@main.command()
@root_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(root: Path, strict: bool, output_format: str) -> None:
    """Validate every document, form and the settings; report all problems."""
    result = read_handbook(root)
    failing = [item for item in result.diagnostics if item.severity is Severity.ERROR or strict]
    if output_format == "json" or result.diagnostics:
        click.echo(format_report(result.diagnostics, output_format), err=output_format == "text" and bool(failing))
    if failing:
        sys.exit(1)
    if output_format == "text":
        handbook = result.handbook
        click.echo(f"ok: {len(handbook.documents)} documents, {len(handbook.forms)} forms")


@main.command("source-schemas")
@root_option
def source_schemas(root: Path) -> None:
    """Rewrite the source-format JSON Schemas in schemas/ from generator/source/model.py."""
    for path in write_source_schemas(root / "schemas"):
        click.echo(f"wrote {path}")


@main.command("build")
@root_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: ROOT/site).",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def build_command(root: Path, site_dir: Path | None, strict: bool) -> None:
    """Build the site, PDFs, record schemas and manifest into site/."""
    from generator.publish.build import build

    diagnostics = build(root, site_dir=site_dir, strict=strict, on_wait=lambda message: click.echo(message, err=True))
    if diagnostics:
        click.echo(format_report(diagnostics), err=True)
    click.echo(f"built {(site_dir or root / 'site')}")


@main.command()
@root_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(root: Path, dev_addr: str) -> None:
    """Serve the handbook with live reload; edits to procedures/ and forms/ rebuild it."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    result = read_handbook(root)
    if result.handbook is None:
        raise HandbookError(result.diagnostics)
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)


def _register_subcommands() -> None:
    """Commands that live beside the stage they drive (records, document control)."""
    from generator.cli.control import COMMANDS as CONTROL_COMMANDS
    from generator.cli.records import schema_command, validate_record_command

    main.add_command(schema_command)
    main.add_command(validate_record_command)
    for command in CONTROL_COMMANDS:
        main.add_command(command)


_register_subcommands()


def run() -> None:
    """Console entry point: turns any HandbookError into diagnostics and exit code 1."""
    debug = "--debug" in sys.argv
    try:
        main(standalone_mode=True)
    except HandbookError as problem:
        if debug:
            raise
        click.echo(format_report(problem.diagnostics), err=True)
        sys.exit(1)
