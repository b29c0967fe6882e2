"""`handbook init`: a new handbook project that checks clean and builds at once.

A document controller at another company starts here instead of copying the example and
deleting what does not apply: settings with their own company and document types, one
sample procedure and one sample form that show the format, the author's guide, the source
schemas for the editor, a pre-commit configuration and, when git is installed, a repository.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import HandbookError, error
from generator.messages import Text
from generator.scaffold.author import file_name_of
from generator.scaffold.catalogue import DEFAULT_TYPES, TypeChoice, check_prefix, choose_types
from generator.scaffold.files import SCAFFOLD_FOLDER, render, write_new
from generator.source.project import FORMS_FOLDER, PROCEDURES_FOLDER, SETTINGS_FILE
from generator.source.schema import write_source_schemas

# template → file in the new project (rendered with the project's values)
PROJECT_TEMPLATES = {
    "project/handbook.yml.j2": SETTINGS_FILE,
    "project/mkdocs.yml.j2": "mkdocs.yml",
    "project/gitignore.j2": ".gitignore",
    "project/pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "project/README.md.j2": "README.md",
}
GUIDE_FOLDER = SCAFFOLD_FOLDER / "docs" / "guide"  # copied as it is: the author's guide


@dataclass(frozen=True)
class NewProject:
    """What `init` made: the folder, the files written, and whether git was initialised."""

    root: Path
    written: tuple[str, ...]
    git: bool


def init_project(
    root: Path,
    company: str,
    types: str = DEFAULT_TYPES,
    title: str | None = None,
    prefix: str = "",
    today: datetime.date | None = None,
) -> NewProject:
    """Write a new handbook project into `root` (a new or empty folder)."""
    chosen = choose_types(types)
    check_prefix(prefix)
    _check_company(company)
    _check_folder(root)
    sample = _sample_numbers(chosen[0], prefix)
    values: dict[str, object] = {
        "company": company.strip(),
        "title": (title or f"{company.strip()}受控文件手册").strip(),
        "types": [{"choice": choice, "pattern": choice.number_pattern(prefix)} for choice in chosen],
        "document": sample,
        "today": (today or datetime.date.today()).isoformat(),
    }
    written = [_write(root, template, target, values) for template, target in PROJECT_TEMPLATES.items()]
    document_file = f"{PROCEDURES_FOLDER}/{file_name_of(sample['number'])}"
    form_file = f"{FORMS_FOLDER}/{file_name_of(sample['form'])}"
    written.append(_write(root, "project/sample-procedure.yml.j2", document_file, values))
    written.append(_write(root, "project/sample-form.yml.j2", form_file, values))
    written.extend(_copy_guide(root))
    written.extend(str(path.relative_to(root)) for path in write_source_schemas(root / "schemas"))
    return NewProject(root, tuple(written), _git_init(root))


def _sample_numbers(first: TypeChoice, prefix: str) -> dict[str, str]:
    number = first.first_number(prefix)
    return {"number": number, "type": first.name, "form": f"QR-{first.code}001-01"}


def _write(root: Path, template: str, target: str, values: dict[str, object]) -> str:
    write_new(root / target, render(template, **values), target)
    return target


def _copy_guide(root: Path) -> list[str]:
    """The author's guide, as docs/guide/*.md: the site shows it as 编写指南."""
    written = []
    for page in sorted(GUIDE_FOLDER.glob("*.md")):
        target = f"docs/guide/{page.name}"
        write_new(root / target, page.read_text(encoding="utf-8"), target)
        written.append(target)
    return written


def _check_company(company: str) -> None:
    if not company.strip():
        raise HandbookError(
            [
                error(
                    "--company",
                    1,
                    1,
                    Text("the company name is empty"),
                    Text("give it, e.g. --company 某某机械有限公司"),
                )
            ]
        )


def _check_folder(root: Path) -> None:
    """Only a new or empty folder: init never mixes its files into someone's work."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise HandbookError(
            [
                error(
                    str(root),
                    1,
                    1,
                    Text("{folder} is not an empty folder", folder=str(root)),
                    Text("give a new folder name, e.g. handbook init my-handbook --company …"),
                )
            ]
        )
    root.mkdir(parents=True, exist_ok=True)


def _git_init(root: Path) -> bool:
    """`git init` when git is installed: documents are released by commits (see the guide)."""
    git = shutil.which("git")
    if git is None:
        return False
    completed = subprocess.run([git, "init", "-q", str(root)], capture_output=True, text=True)
    return completed.returncode == 0
