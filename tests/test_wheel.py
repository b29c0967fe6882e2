"""`pip install` of the package works outside this repository.

The wheel is built from a copy of the sources, installed into a fresh virtual environment
in a temporary folder (no system site-packages, nothing from this checkout on the path), and
the installed `handbook` starts a new handbook, writes a document and a form, checks and
builds it. A template, asset or guide page missing from the wheel fails here, not at a
customer's. Dependencies come from the package index (pinned by constraints.txt).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.scaffold_support import COMPANY, author_a_document_and_a_form, ok

pytestmark = pytest.mark.slow

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# at the top of the checkout only: generator/render/site/ is a package, not a built site
NOT_COPIED_AT_THE_TOP = {".venv", ".git", "site", "build", "artifacts", ".cache", "node_modules"}
NOT_COPIED_ANYWHERE = shutil.ignore_patterns("*.egg-info", "__pycache__")


def not_copied(folder: str, names: list[str]) -> set[str]:
    """What the wheel is not built from: the checkout's own venv, builds and caches."""
    top = set(names) & NOT_COPIED_AT_THE_TOP if Path(folder) == PROJECT_ROOT else set()
    return top | NOT_COPIED_ANYWHERE(folder, names)


PACKAGE_DATA = (
    "generator/templates/scaffold/project/handbook.yml.j2",
    "generator/templates/scaffold/author/document.yml.j2",
    "generator/templates/scaffold/docs/guide/07-check.md",
    "generator/templates/site/home.md.j2",
    "generator/templates/shared/form.css",
    "generator/assets/handbook.css",
    "generator/overrides/main.html",
    "generator/render/site/pages.py",
    "generator/scaffold/project.py",
)


def pip(environment: Path, *arguments: str) -> None:
    completed = subprocess.run(
        [str(environment / "bin" / "python"), "-m", "pip", *arguments], capture_output=True, text=True, timeout=1800
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = tmp_path_factory.mktemp("sources") / "handbook"
    shutil.copytree(PROJECT_ROOT, sources, ignore=not_copied)
    wheels = tmp_path_factory.mktemp("wheels")
    completed = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(sources)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    [built] = wheels.glob("handbook-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; its `handbook` console script."""
    environment = tmp_path_factory.mktemp("fresh") / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(environment)
    pip(environment, "install", "-q", "-c", str(PROJECT_ROOT / "constraints.txt"), str(wheel))
    return environment / "bin" / "handbook"


def test_the_wheel_holds_templates_assets_overrides_and_the_guide(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in PACKAGE_DATA if name not in names]
    assert missing == []
    guide = sorted(path.name for path in (PROJECT_ROOT / "docs" / "guide").glob("*.md"))
    assert [name for name in guide if f"generator/templates/scaffold/docs/guide/{name}" not in names] == []


def test_the_installed_package_comes_from_the_wheel(installed: Path) -> None:
    completed = subprocess.run(
        [str(installed.parent / "python"), "-c", "import generator; print(generator.__file__)"],
        capture_output=True,
        text=True,
        cwd=installed.parent,
        env={key: value for key, value in os.environ.items() if key != "PYTHONPATH"},
    )
    location = Path(completed.stdout.strip())
    assert location.is_relative_to(installed.parent.parent), location
    assert not location.is_relative_to(PROJECT_ROOT)


def test_init_new_check_and_build_with_the_installed_package(installed: Path, tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    ok(["init", str(root), "--company", COMPANY, "--types", "程序文件,管理制度"], tmp_path, installed)
    author_a_document_and_a_form(root, installed)
    assert ok(["check", "--strict"], root, installed).strip() == "ok: 2 documents, 2 forms"
    ok(["build", "--strict"], root, installed, timeout=1800)
    site = root / "site"
    for path in (
        "index.html",
        "documents/QP-002/index.html",
        "forms/QR-QP002-01/index.html",
        "guide/01-start/index.html",
    ):
        assert (site / path).is_file(), path
    assert (site / "assets" / "handbook" / "handbook.css").is_file()
    assert "采购控制程序" in (site / "documents" / "QP-002" / "index.html").read_text(encoding="utf-8")
