"""`handbook init` and `handbook new`: a second company starts a handbook of its own.

The real console script runs in a temporary folder outside the repository. A new project
must check clean with `--strict` at once, and every refusal of `new` is one clear message
naming the rule (never a traceback), with nothing written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.scaffold_support import COMPANY, ok, run

PROJECT_ROOT = Path(__file__).resolve().parent.parent

INIT_FILES = [
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "docs/guide/01-start.md",
    "forms/QR-QP001-01.yml",
    "handbook.yml",
    "mkdocs.yml",
    "procedures/QP-001.yml",
    "schemas/form.schema.json",
    "schemas/procedure.schema.json",
    "schemas/settings.schema.json",
]


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One `handbook init` for the tests that only read it, or refuse to write into it."""
    folder = tmp_path_factory.mktemp("init")
    ok(["init", "handbook", "--company", COMPANY, "--types", "程序文件,WI"], folder)
    return folder / "handbook"


@pytest.fixture
def project(initialised: Path, tmp_path: Path) -> Path:
    """A copy of the initialised project that a test may write into."""
    shutil.copytree(initialised, tmp_path / "handbook", symlinks=True)
    return tmp_path / "handbook"


def test_init_writes_a_project_that_checks_clean(initialised: Path) -> None:
    project = initialised
    for name in INIT_FILES:
        assert (project / name).is_file(), name
    settings = yaml.safe_load((project / "handbook.yml").read_text(encoding="utf-8"))
    assert settings["company"] == COMPANY
    assert [(item["name"], item["number_pattern"]) for item in settings["document_types"]] == [
        ("程序文件", r"^QP-\d{3}$"),
        ("作业指导书", r"^WI-\d{3}$"),
    ]
    assert settings["revision_scheme"] == "A0" and settings["review_period_months"] == 12
    roles = {role["name"]: role for role in settings["roles"]}
    assert roles["文件管理员"] == {
        "id": "document-controller",
        "name": "文件管理员",
        "department": "品质部",
        "aliases": ["文控"],
    }
    assert settings["sign_off"]["distinct_signers"] is True
    assert (project / ".git").is_dir()
    assert ok(["check", "--strict"], project).strip() == "ok: 1 documents, 1 forms"


def test_init_with_a_prefix_numbers_documents_with_it(tmp_path: Path) -> None:
    ok(["init", "new", "--company", COMPANY, "--types", "GZ", "--prefix", "ACME"], tmp_path)
    assert (tmp_path / "new" / "procedures" / "ACME-GZ-001.yml").is_file()
    assert ok(["check", "--strict"], tmp_path / "new").strip() == "ok: 1 documents, 1 forms"


def test_new_document_and_form_have_the_schema_comment_and_every_required_field(project: Path) -> None:
    ok(["new", "document", "WI-007", "--title", "是: 否 #1 {x}", "--type", "作业指导书"], project)
    ok(["new", "form", "QR-WI007-01", "--title", "检验记录", "--document", "WI-007"], project)
    document_text = (project / "procedures" / "WI-007.yml").read_text(encoding="utf-8")
    form_text = (project / "forms" / "QR-WI007-01.yml").read_text(encoding="utf-8")
    assert document_text.startswith("# yaml-language-server: $schema=../schemas/procedure.schema.json\n")
    assert form_text.startswith("# yaml-language-server: $schema=../schemas/form.schema.json\n")
    document = yaml.safe_load(document_text)
    assert document["title"] == "是: 否 #1 {x}"  # quoted: YAML syntax in a title stays text
    assert (document["number"], document["type"], document["status"], document["revision"]) == (
        "WI-007",
        "作业指导书",
        "草稿",
        "A0",
    )
    required = {"number", "title", "type", "revision", "effective", "status", "department", "body", "history"}
    assert required <= set(document)
    assert {"number", "title", "revision", "effective", "documents", "retention", "sections"} <= set(
        yaml.safe_load(form_text)
    )
    # `new form` named the form in its draft owner's records: the handbook checks clean at once
    assert yaml.safe_load((project / "procedures" / "WI-007.yml").read_text(encoding="utf-8"))["records"] == [
        {"form": "QR-WI007-01", "keeper": "品质部", "retention": "3年"}
    ]
    assert (project / "procedures" / "WI-007.yml").read_text(encoding="utf-8").startswith(document_text.rstrip("\n"))
    assert ok(["check", "--strict"], project).strip() == "ok: 2 documents, 2 forms"


def test_new_form_of_a_released_document_leaves_the_document_alone(project: Path) -> None:
    """A released revision's text is fixed: the form waits for the owner's next revision."""
    before = (project / "procedures" / "QP-001.yml").read_bytes()
    output = ok(["new", "form", "QR-QP001-02", "--title", "文件发放登记表", "--document", "QP-001"], project)
    assert (project / "forms" / "QR-QP001-02.yml").is_file()
    assert (project / "procedures" / "QP-001.yml").read_bytes() == before
    assert "QP-001 is released" in output and "handbook revise QP-001" in output
    completed = run(["check", "--strict"], project)
    assert completed.returncode == 1 and "owner QP-001 never names this form" in completed.stderr


BAD_NEW = {
    "number off the pattern": (
        ["new", "document", "QP-02", "--title", "甲", "--type", "程序文件"],
        "procedures/QP-02.yml:1:1: error: number QP-02 does not match the pattern of 程序文件: ^QP-\\d{3}$",
    ),
    "unknown type": (
        ["new", "document", "QP-002", "--title", "甲", "--type", "手册"],
        "handbook.yml:1:1: error: unknown document type '手册'",
    ),
    "type missing": (["new", "document", "QP-002", "--title", "甲"], "error: --type is missing"),
    "path in the number": (
        ["new", "document", "../QP-002", "--title", "甲", "--type", "QP"],
        "does not match the pattern of 程序文件",
    ),
    "existing document": (
        ["new", "document", "QP-001", "--title", "甲", "--type", "程序文件"],
        "procedures/QP-001.yml:1:1: error: procedures/QP-001.yml already exists",
    ),
    "empty title": (["new", "document", "QP-002", "--title", " ", "--type", "QP"], "error: the title is empty"),
    "form number off the pattern": (
        ["new", "form", "QR-1", "--title", "甲", "--document", "QP-001"],
        "error: number QR-1 does not match form_number_pattern",
    ),
    "form of an unknown document": (
        ["new", "form", "QR-QP009-01", "--title", "甲", "--document", "QP-009"],
        "procedures:1:1: error: unknown document 'QP-009'",
    ),
    "existing form": (
        ["new", "form", "QR-QP001-01", "--title", "甲", "--document", "QP-001"],
        "error: form number QR-QP001-01 is already used by forms/QR-QP001-01.yml",
    ),
    "form without its document": (["new", "form", "QR-QP001-02", "--title", "甲"], "error: --document is missing"),
}


@pytest.mark.parametrize("case", sorted(BAD_NEW))
def test_new_refuses_with_one_clear_message(initialised: Path, case: str) -> None:
    project = initialised
    arguments, expected = BAD_NEW[case]
    before = sorted(path.relative_to(project) for path in project.rglob("*") if ".git" not in path.parts)
    completed = run(arguments, project)
    assert completed.returncode == 1, completed.stdout
    assert "Traceback" not in completed.stderr
    assert expected in completed.stderr, completed.stderr
    assert completed.stderr.count("error:") == 1 and "hint: " in completed.stderr
    assert sorted(path.relative_to(project) for path in project.rglob("*") if ".git" not in path.parts) == before


BAD_INIT = {
    "unknown type": (["--company", COMPANY, "--types", "程序文件,手册"], "error: unknown document type '手册'"),
    "bad prefix": (["--company", COMPANY, "--prefix", "a/b"], "error: prefix 'a/b' cannot start a document number"),
    "empty company": (["--company", " "], "error: the company name is empty"),
}


@pytest.mark.parametrize("case", sorted(BAD_INIT))
def test_init_refuses_bad_options(tmp_path: Path, case: str) -> None:
    arguments, expected = BAD_INIT[case]
    completed = run(["init", "new", *arguments], tmp_path)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    assert expected in completed.stderr, completed.stderr
    assert not (tmp_path / "new").exists()


def test_init_never_writes_into_a_folder_with_files(initialised: Path) -> None:
    project = initialised
    before = (project / "handbook.yml").read_bytes()
    completed = run(["init", str(project), "--company", "另一家公司"], project.parent)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    assert "is not an empty folder" in completed.stderr
    assert (project / "handbook.yml").read_bytes() == before


def test_the_pre_commit_hook_runs_check_on_source_files() -> None:
    import re

    from generator.cli.main import main

    [hook] = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "handbook-check" and hook["entry"] == "handbook check --strict"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert "check" in main.commands and "--strict" in [
        option for p in main.commands["check"].params for option in p.opts
    ]
    for name in ("handbook.yml", "procedures/QP-001.yml", "forms/QR-QP001-01.yaml"):
        assert re.search(hook["files"], name), name
    assert not re.search(hook["files"], "README.md")


def test_the_sample_ci_checks_every_push_and_publishes_on_main() -> None:
    gitlab = yaml.safe_load((PROJECT_ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "handbook check --strict" in gitlab["check"]["script"] and "rules" not in gitlab["check"]
    assert gitlab["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert "handbook build --strict" in gitlab["pages"]["script"] and gitlab["pages"]["artifacts"]["paths"] == [
        "public"
    ]
    github = yaml.safe_load((PROJECT_ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    assert "push" in github[True]  # `on:` is read as the boolean true by YAML 1.1
    check_steps = [step.get("run") for step in github["jobs"]["check"]["steps"]]
    assert "handbook check --strict" in check_steps and "if" not in github["jobs"]["check"]
    publish = github["jobs"]["publish"]
    assert publish["if"] == "github.ref == 'refs/heads/main'" and publish["needs"] == "check"
    assert "handbook build --strict" in [step.get("run") for step in publish["steps"]]
    assert any(step.get("with", {}).get("path") == "site" for step in publish["steps"])


def test_before_the_first_commit_no_earlier_revision_is_missing(initialised: Path, tmp_path: Path) -> None:
    """`init` runs `git init`; build --strict must not fail on "only the current revision" then."""
    from generator.document.first_commit import history_warnings

    assert history_warnings(initialised, "procedures/QP-001.yml", "git log failed", "hint") == []
    outside = tmp_path / "outside"
    outside.mkdir()
    [warned] = history_warnings(outside, "procedures/QP-001.yml", "git is not installed", "install git")
    assert warned.message == "only the current revision is available: git is not installed"
