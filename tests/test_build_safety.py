"""Issue 12: a build never writes over the project, its sources or others' files; sources
are regular files inside the project; one build at a time; a build killed with SIGKILL
leaves no process, no staging folder and the previous site untouched.

Every refusal asserts the exact message and that nothing in or beside the project changed
(every file listed with its hash, before and after).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.diagnostics import format_report
from generator.source.project import read_handbook
from tests.hostile_project import FIXTURE, PROJECT_ROOT

HANDBOOK = [sys.executable, "-c", "from generator.cli.main import run; run()"]
ENVIRONMENT = {**os.environ, "SOURCE_DATE_EPOCH": "1717200000", "NO_MKDOCS_2_WARNING": "1"}


def make_project(folder: Path, artifacts: bool = False) -> Path:
    shutil.copytree(FIXTURE, folder)
    (folder / "docs").mkdir()
    configuration = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not artifacts:
        configuration = configuration.replace("  - handbook\n", "  - handbook:\n      artifacts: false\n")
    (folder / "mkdocs.yml").write_text(configuration, encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and link under `folder` with its hash (links by target): the state to keep."""
    state = {}
    for path in sorted(folder.rglob("*")):
        relative = str(path.relative_to(folder))
        if path.is_symlink():
            state[relative] = "-> " + os.readlink(path)
        elif path.is_file():
            state[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            state[relative] = "dir"
    return state


def handbook(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(HANDBOOK + list(arguments), cwd=cwd, env=ENVIRONMENT, capture_output=True, text=True)


# ---------------------------------------------------------------------------- output folder guard


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """tmp/ holds the project, a neighbour's folder and a file: all must survive."""
    make_project(tmp_path / "project")
    (tmp_path / "neighbour").mkdir()
    (tmp_path / "neighbour" / "report.txt").write_text("keep me", encoding="utf-8")
    (tmp_path / "project" / ".git").mkdir()
    (tmp_path / "project" / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("site_dir", "reason"),
    [
        (".", "it is the project folder"),
        ("..", "it contains the project folder {project}"),
        ("/", "it contains the project folder {project}"),
        ("procedures", "it is inside the project's procedures"),
        ("forms/site", "it is inside the project's forms"),
        (".git", "it is inside the project's .git"),
        ("../neighbour", "it holds files the build did not make (no .handbook-site marker)"),
        ("../other-project", "it holds sources (handbook.yml, mkdocs.yml, procedures, .git)"),
    ],
)
def test_dangerous_site_dir_is_refused_and_nothing_is_touched(workspace: Path, site_dir: str, reason: str) -> None:
    project = workspace / "project"
    if site_dir == "../other-project":
        make_project(workspace / "other-project")
        (workspace / "other-project" / ".git").mkdir()
    before = snapshot(workspace)
    result = handbook("build", "--site-dir", site_dir, cwd=project)
    target = (project / site_dir).resolve()
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{site_dir}:1:1: error: refusing to build into {target}: {reason.format(project=project)}",
        "    hint: choose a new or empty folder with --site-dir (a build replaces only a folder it made itself)",
        "1 error(s), 0 warning(s)",
    ]
    assert snapshot(workspace) == before


@pytest.mark.slow
def test_a_built_site_is_marked_and_replaced_by_the_next_build(workspace: Path) -> None:
    project = workspace / "project"
    assert handbook("build", "--site-dir", "../published", cwd=project).returncode == 0
    site = workspace / "published"
    assert (site / ".handbook-site").is_file() and (site / "index.html").is_file()
    (site / "stale.html").write_text("old", encoding="utf-8")
    neighbour = snapshot(workspace / "neighbour")
    result = handbook("build", "--site-dir", "../published", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists() and (site / ".handbook-site").is_file()
    assert snapshot(workspace / "neighbour") == neighbour
    assert sorted(path.name for path in workspace.iterdir()) == ["neighbour", "project", "published"]


@pytest.mark.slow
def test_an_empty_folder_may_receive_the_site(workspace: Path) -> None:
    (workspace / "empty").mkdir()
    result = handbook("build", "--site-dir", "../empty", cwd=workspace / "project")
    assert result.returncode == 0, result.stderr
    assert (workspace / "empty" / ".handbook-site").is_file()


@pytest.mark.slow
def test_a_dangling_link_in_docs_is_one_message_not_a_traceback(workspace: Path) -> None:
    """MkDocs copies docs/ as static files; a link to nothing failed the build with a traceback."""
    project = workspace / "project"
    (project / "docs" / "guide").symlink_to("../no-such-folder/guide")
    result = handbook("build", "--site-dir", "../published", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-3:] == [
        "docs/guide:1:1: error: site build failed: cannot read or write this file: it does not exist",
        "    hint: check that it exists and can be read (a symbolic link in docs/ may point to nothing)",
        "1 error(s), 0 warning(s)",
    ]
    assert not (workspace / "published").exists()


@pytest.mark.slow
def test_mkdocs_build_refuses_a_dangerous_site_dir(workspace: Path) -> None:
    project = workspace / "project"
    configuration = (
        (project / "mkdocs.yml").read_text(encoding="utf-8").replace("site_dir: site", "site_dir: procedures")
    )
    (project / "mkdocs.yml").write_text(configuration, encoding="utf-8")
    before = snapshot(workspace)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, env=ENVIRONMENT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert (
        f"handbook: mkdocs.yml:1:1: error: refusing to build into {project / 'procedures'}: "
        "it is inside the project's procedures" in result.stderr
    )
    assert snapshot(workspace) == before


# ---------------------------------------------------------------------------- sources are regular files


SECRET = "sk-live-THIS-IS-A-SECRET-0123456789"


@pytest.mark.parametrize(
    ("outside", "content"),
    [
        ("copied.yml", None),  # a valid document outside the project
        ("secrets.env", f"API_KEY={SECRET}\npassword: {SECRET}\n"),
        ("id_rsa", f"-----BEGIN OPENSSH PRIVATE KEY-----\n{SECRET}\n-----END OPENSSH PRIVATE KEY-----\n"),
    ],
)
def test_a_symlink_leaving_the_project_is_an_error_and_is_not_read(
    workspace: Path, outside: str, content: str | None
) -> None:
    project = workspace / "project"
    target = workspace / "neighbour" / outside
    if content is None:
        shutil.copy(project / "procedures" / "TQ-QP-001.yml", target)
        (project / "procedures" / "TQ-QP-001.yml").unlink()
    else:
        target.write_text(content, encoding="utf-8")
    (project / "procedures" / "linked.yml").symlink_to(target)
    before = snapshot(workspace)
    result = handbook("check", cwd=project)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert str(target) not in result.stdout + result.stderr
    assert (
        "procedures/linked.yml:1:1: error: file is a symbolic link to a file outside the project\n"
        "    hint: copy the file into the project (sources must be regular files inside it) or remove the link"
    ) in result.stderr
    assert snapshot(workspace) == before
    assert handbook("build", cwd=project).returncode == 1
    assert not (project / "site").exists()


def test_a_symlink_inside_the_project_is_a_source(workspace: Path) -> None:
    project = workspace / "project"
    (project / "shared").mkdir()
    shutil.move(project / "forms" / "QR-QP001-03.yml", project / "shared" / "QR-QP001-03.yml")
    (project / "forms" / "QR-QP001-03.yml").symlink_to(project / "shared" / "QR-QP001-03.yml")
    assert read_handbook(project).handbook is not None


def test_a_fifo_is_refused_without_reading(workspace: Path) -> None:
    project = workspace / "project"
    os.mkfifo(project / "forms" / "pipe.yml")
    diagnostics = read_handbook(project).diagnostics
    assert format_report(diagnostics).splitlines()[:2] == [
        "forms/pipe.yml:1:1: error: not a regular file",
        "    hint: sources must be regular YAML files; remove it",
    ]


def test_invalid_yaml_never_quotes_a_line(workspace: Path) -> None:
    project = workspace / "project"
    (project / "procedures" / "broken.yml").write_text(f"[default]\naws_secret = {SECRET}\n", encoding="utf-8")
    (project / "procedures" / "latin1.yml").write_bytes(f"key: {SECRET} caf\xe9\n".encode("latin-1"))
    report = format_report(read_handbook(project).diagnostics)
    assert SECRET not in report
    assert "procedures/latin1.yml:1:45: error: file is not valid UTF-8 text" in report


# ---------------------------------------------------------------------------- one build at a time


@pytest.mark.slow
def test_a_second_build_waits_for_the_first_and_says_so(workspace: Path) -> None:
    project = workspace / "project"
    first = subprocess.Popen(
        HANDBOOK + ["build"], cwd=project, env=ENVIRONMENT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not list(project.glob(".site.building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(project.glob(".site.building-*")), "the first build never started"
    second = handbook("build", cwd=project)
    first_output = first.communicate(timeout=120)
    assert first.returncode == 0, first_output[1]
    assert second.returncode == 0, second.stderr
    assert f"another build of {project} is running (process {first.pid}); waiting for it to finish" in second.stderr
    assert "Traceback" not in second.stderr + first_output[1]
    assert not list(project.glob(".site.*"))


# ---------------------------------------------------------------------------- SIGKILL


def _processes_in_session(session: int) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == session and fields[0] != "Z":  # field 6 of stat: session id
            found.append(f"{entry.name} {stat[: stat.rindex(')') + 1]}")
    return found


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(item) for item in children.read_text().split()]
    except OSError:
        return []


def _wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.slow
def test_sigkill_at_several_points_leaves_nothing_behind(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", artifacts=True)
    first = handbook("build", cwd=project)
    assert first.returncode == 0, first.stderr
    site_before = snapshot(project / "site")
    points = {
        "while checking the sources": lambda build: time.sleep(0.8) or True,
        "while MkDocs writes pages": lambda build: bool(list(project.glob(".site.building-*/index.html"))),
        "while PDF workers render": lambda build: len(_children(build.pid)) >= 2,
    }
    for point, reached in points.items():
        shutil.rmtree(project / ".cache" / "pdf", ignore_errors=True)  # so that workers are needed
        build = subprocess.Popen(
            HANDBOOK + ["build"],
            cwd=project,
            env=ENVIRONMENT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        assert _wait_for(functools.partial(reached, build), 120), f"never reached: {point}"
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        left = functools.partial(_processes_in_session, build.pid)
        assert _wait_for(lambda: not left(), 10), (point, left())  # noqa: B023 (called within this iteration)
        assert snapshot(project / "site") == site_before, point
    assert list(project.glob(".site.building-*")), "a killed build leaves its staging folder (removed next)"
    result = handbook("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in project.iterdir() if path.name.startswith(".site")) == []
    assert (project / "site" / ".handbook-site").is_file()
    assert snapshot(project / "site") == site_before  # same sources, same SOURCE_DATE_EPOCH: same bytes
