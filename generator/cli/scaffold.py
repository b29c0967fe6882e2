"""`handbook init` and `handbook new`: thin shells over `generator.scaffold`.

Both write new files only, and refuse (through the one error path of `cli/shared.py`) to
write into a folder that is not empty or over a file that exists.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.shared import command, echo, root_option
from generator.diagnostics import HandbookError, error
from generator.messages import Text
from generator.scaffold.author import NewFile, new_document, new_form
from generator.scaffold.catalogue import DEFAULT_TYPES
from generator.scaffold.project import init_project


@command(short_help="Start a new handbook.")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--company", required=True, help="Company name (公司名称), e.g. 某某机械有限公司.")
@click.option(
    "--types",
    default=DEFAULT_TYPES,
    show_default=True,
    help="Document types, by name or code, comma-separated: 程序文件 QP, 作业指导书 WI, 管理制度 GZ, 岗位职责 GW, 工作标准 BZ, 操作规程 CZ.",
)
@click.option("--title", default=None, help="Handbook title  [default: <company>受控文件手册]")
@click.option("--prefix", default="", help="Company prefix of document numbers: --prefix ACME gives ACME/QP-001.")
@root_option
def init(directory: Path | None, company: str, types: str, title: str | None, prefix: str, root: Path) -> None:
    """Start a new handbook in DIRECTORY (new or empty; default: --root)."""
    project = init_project(directory or root, company, types, title=title, prefix=prefix)
    for path in project.written:
        echo(Text("wrote {path}", path=str(project.root / path)))
    if project.git:
        echo(Text("initialised a git repository in {folder}", folder=str(project.root)))
    echo(Text("next: {step}", step=f"cd {project.root} && handbook check --strict && handbook build"))


@command("new", short_help="Write a new draft document or form.")
@click.argument("kind", type=click.Choice(["document", "form"]))
@click.argument("number")
@click.option("--title", required=True, help="Title (文件名称 / 表单名称).")
@click.option(
    "--type", "type_name", default=None, help="document: its type, a name or code of handbook.yml document_types."
)
@click.option("--document", default=None, help="form: the number of the document the form belongs to.")
@click.option("--department", default=None, help="document: the owner department (归口部门).")
@root_option
def new(
    kind: str, number: str, title: str, type_name: str | None, document: str | None, department: str | None, root: Path
) -> None:
    """Write a new draft document (`new document NUMBER --title … --type …`) or form
    (`new form NUMBER --title … --document …`), named by its number."""
    if kind == "document":
        written = new_document(root, number, title, _required(type_name, "--type", "程序文件"), department)
    else:
        written = new_form(root, number, title, _required(document, "--document", "QP-001"))
    _report(written)


def _required(value: str | None, option: str, example: str) -> str:
    if not value:
        message = Text("{option} is missing", option=option)
        raise HandbookError(
            [error(option, 1, 1, message, Text("give it, e.g. {option} {example}", option=option, example=example))]
        )
    return value


def _report(written: NewFile) -> None:
    echo(Text("wrote {path}", path=written.shown))
    for change in written.changed:
        echo(Text("updated {change}", change=change))
    echo(Text("next: {step}", step=written.next_step))


COMMANDS = (init, new)
