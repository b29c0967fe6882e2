"""The `handbook` command: one click group. Each subcommand is a thin shell over one
pipeline function; the record and document-control commands live beside it in
`cli/records.py` and `cli/control.py` and are registered here.

Every command takes the same `--root` and reports user mistakes through the one error path
of `cli/shared.py` (HandbookError → `path:line:col: error: …` lines, exit code 1, a traceback
only with `--debug`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.shared import HandbookGroup, chosen_language, echo, format_option, root_option
from generator.diagnostics import Severity, format_report
from generator.messages import Text
from generator.source.project import read_handbook, require_handbook
from generator.source.schema import write_source_schemas


@click.group(cls=HandbookGroup)
@click.option("--debug", is_flag=True, help="Show Python tracebacks (for developers of the tool).")
@click.pass_context
def main(context: click.Context, debug: bool) -> None:
    """Controlled procedure manuals and their forms, as code."""
    context.obj = {"debug": debug}


@main.command(short_help="Validate documents, forms and settings.")
@root_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@format_option
def check(root: Path, strict: bool, output_format: str) -> None:
    """Validate every document, form and the settings; report all problems."""
    from generator.document.clause_numbers import with_flow_clauses
    from generator.document.integrity import with_integrity

    result = with_integrity(root, with_flow_clauses(root, read_handbook(root)))
    failing = [item for item in result.diagnostics if item.severity is Severity.ERROR or strict]
    if output_format == "json" or result.diagnostics:
        click.echo(
            format_report(result.diagnostics, output_format, chosen_language()),
            err=output_format == "text" and bool(failing),
        )
    handbook = result.handbook
    if failing or handbook is None:
        sys.exit(1)
    if output_format == "text":
        echo(
            Text(
                "ok: {documents} documents, {forms} forms", documents=len(handbook.documents), forms=len(handbook.forms)
            )
        )


@main.command("source-schemas", short_help="Rewrite the source-format JSON Schemas in schemas/.")
@root_option
def source_schemas(root: Path) -> None:
    """Rewrite the source-format JSON Schemas in schemas/ from generator/source/model.py."""
    for path in write_source_schemas(root / "schemas"):
        echo(Text("wrote {path}", path=path))


@main.command("build", short_help="Build the site and PDFs into site/.")
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

    diagnostics = build(root, site_dir=site_dir, strict=strict, on_wait=lambda message: echo(message, err=True))
    if diagnostics:
        click.echo(format_report(diagnostics, lang=chosen_language()), err=True)
    echo(Text("built {path}", path=site_dir or root / "site"))


@main.command(short_help="Preview the handbook in a browser, live.")
@root_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(root: Path, dev_addr: str) -> None:
    """Serve the handbook with live reload; edits to procedures/ and forms/ rebuild it."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    require_handbook(root)  # a clear report of the sources' errors before the server starts
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)


def _register_subcommands() -> None:
    """Commands that live beside the stage they drive (records, document control)."""
    from generator.cli.control import COMMANDS as CONTROL_COMMANDS
    from generator.cli.records import schema_command, validate_record_command
    from generator.cli.scaffold import COMMANDS as SCAFFOLD_COMMANDS

    main.add_command(schema_command)
    main.add_command(validate_record_command)
    for command in CONTROL_COMMANDS + SCAFFOLD_COMMANDS:
        main.add_command(command)


_register_subcommands()


def run() -> None:
    """Console entry point (`handbook`); errors are reported by each command (cli/shared.py)."""
    main(standalone_mode=True)
