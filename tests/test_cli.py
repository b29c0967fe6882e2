"""The one `handbook` group: every command, one error path, the same `--root`.

A bad setting — here a `number_pattern` that is not a regular expression — must reach the user
of every command as the same diagnostic `handbook check` prints (file:line:col, message, hint)
and exit code 1, never as a `re.error` traceback. The real console script runs in a subprocess,
as a document controller would run it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from generator.cli.main import main
from generator.cli.shared import HandbookCommand
from tests.control_support import write_handbook

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = Path(sys.executable).parent / "handbook"
BAD_PATTERN = "number_pattern: '^(SH/GZ-\\d{3}$'"

COMMANDS = {
    "check": ["check"],
    "build": ["build"],
    "serve": ["serve", "--dev-addr", "127.0.0.1:0"],
    "schema": ["schema", "QR-GZ001-01"],
    "validate-record": ["validate-record", "QR-GZ001-01", "record.json"],
    "revise": ["revise", "SH/GZ-001", "--change", "改", "--effective", "2024-09-01"],
    "approve": ["approve", "SH/GZ-001", "--as", "编制", "--name", "售后服务组", "--date", "2023-12-01"],
    "release": ["release", "SH/GZ-001"],
    "review-due": ["review-due"],
    "withdraw": ["withdraw", "SH/GZ-001", "--reason", "并入新制度", "--effective", "2024-09-01"],
    "review": ["review", "SH/GZ-001", "--result", "继续有效", "--name", "品质部经理", "--date", "2024-09-01"],
    "new": ["new", "document", "SH/GZ-009", "--title", "新制度", "--type", "管理制度"],
}
# commands that read no settings: source-schemas (the model alone), init (writes a new project)
NOT_READING_SETTINGS = {"source-schemas", "init"}


@pytest.fixture(scope="module")
def bad_settings_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad-settings")
    write_handbook(root)
    settings = root / "handbook.yml"
    text = settings.read_text(encoding="utf-8")
    good = next(line for line in text.splitlines() if "number_pattern" in line)
    settings.write_text(text.replace(good, "    " + BAD_PATTERN), encoding="utf-8")
    shutil.copy(PROJECT_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "record.json").write_text('{"customer_name": "甲"}', encoding="utf-8")
    return root


def run_handbook(root: Path, arguments: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HANDBOOK), *arguments, "--root", str(root)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_bad_setting_is_reported_by_check(bad_settings_project: Path) -> None:
    completed = run_handbook(bad_settings_project, ["check"])
    assert completed.returncode == 1
    assert "handbook.yml:9:21: error: not a valid regular expression" in completed.stderr


def test_the_bad_setting_is_reported_by_check_as_json(bad_settings_project: Path) -> None:
    completed = run_handbook(bad_settings_project, ["check", "--format", "json"])
    assert completed.returncode == 1
    [problem] = json.loads(completed.stdout)
    assert (problem["path"], problem["line"], problem["column"], problem["severity"]) == (
        "handbook.yml",
        9,
        21,
        "error",
    )
    assert problem["message"].startswith("not a valid regular expression")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_bad_setting_is_a_diagnostic_from_every_command(bad_settings_project: Path, name: str) -> None:
    before = (bad_settings_project / "procedures" / "SH-GZ-001.yml").read_bytes()
    completed = run_handbook(bad_settings_project, COMMANDS[name])
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "Traceback" not in output
    assert "handbook.yml:9:21" in output and "not a valid regular expression" in output, output
    assert (bad_settings_project / "procedures" / "SH-GZ-001.yml").read_bytes() == before
    assert not (bad_settings_project / "site").exists()


def test_source_schemas_does_not_read_the_settings(bad_settings_project: Path, tmp_path: Path) -> None:
    """The source-format schemas come from the model alone, so a bad setting cannot stop them."""
    root = tmp_path / "project"
    shutil.copytree(bad_settings_project, root)
    completed = run_handbook(root, ["source-schemas"])
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    assert sorted(path.name for path in (root / "schemas").iterdir()) == [
        "form.schema.json",
        "procedure.schema.json",
        "settings.schema.json",
    ]


def test_every_command_is_a_handbook_command_with_the_shared_root_option() -> None:
    assert sorted(main.commands) == sorted({arguments[0] for arguments in COMMANDS.values()} | NOT_READING_SETTINGS)
    for name, command in main.commands.items():
        assert isinstance(command, HandbookCommand), name
        [root] = [parameter for parameter in command.params if parameter.name == "root"]
        assert isinstance(root, click.Option) and root.opts == ["--root"] and root.default == Path(".")


def test_debug_shows_the_traceback_instead(bad_settings_project: Path) -> None:
    completed = subprocess.run(
        [str(HANDBOOK), "--debug", "review-due", "--root", str(bad_settings_project)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" in completed.stderr and "HandbookError" in completed.stderr


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_bad_setting_is_a_chinese_diagnostic_by_default(bad_settings_project: Path, name: str) -> None:
    """The same diagnostic in the document controller's language when no English is asked for."""
    environment = {key: value for key, value in os.environ.items() if key not in ("HANDBOOK_LANG", "LC_ALL")}
    completed = subprocess.run(
        [str(HANDBOOK), *COMMANDS[name], "--root", str(bad_settings_project)],
        cwd=bad_settings_project,
        env={**environment, "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "Traceback" not in output
    assert "handbook.yml:9:21: 错误：不是有效的正则表达式" in output, output
    assert "    提示：请检查每个“(”和“[”是否闭合" in output, output
