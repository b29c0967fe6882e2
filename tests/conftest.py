"""Shared fixtures: the project root, and one real build of the example handbook per run.

The example build is the expensive part of the suite (MkDocs + every PDF), so it is made
once per session into a temporary folder and shared by the site, PDF and browser tests.
SOURCE_DATE_EPOCH pins the build date so the output is reproducible.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
FIXED_BUILD_EPOCH = "1767225600"  # 2026-01-01

# The suite reads messages in English (the catalog's keys); tests of the Chinese default
# (tests/test_messages.py) clear this for the command they run. Set before any subprocess starts.
os.environ["HANDBOOK_LANG"] = "en"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing.",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def example_handbook():
    from generator.source.project import read_handbook

    result = read_handbook(PROJECT_ROOT)
    assert result.handbook is not None, "\n".join(item.format() for item in result.diagnostics)
    return result.handbook


def _is_shallow_clone() -> bool:
    import subprocess

    result = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True
    )
    return result.returncode != 0 or result.stdout.strip() == "true"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example handbook built for real with `mkdocs build --strict` semantics."""
    from generator.publish.build import build

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_BUILD_EPOCH
    try:
        site_dir = tmp_path_factory.mktemp("example") / "site"
        # strict, except in a shallow clone: there the archive rightly warns that earlier
        # revisions are missing (the archive tests skip there)
        build(PROJECT_ROOT, site_dir=site_dir, strict=not _is_shallow_clone())
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return site_dir


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    """A writable copy of the example project whose build makes pages only (no PDFs)."""
    for name in ("procedures", "forms", "docs"):
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    shutil.copy(PROJECT_ROOT / "handbook.yml", tmp_path / "handbook.yml")
    configuration = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        configuration.replace("  - handbook\n", "  - handbook:\n      artifacts: false\n"), encoding="utf-8"
    )
    return tmp_path


# The built example in real Chromium: one static server and one browser per test module
# (Debian's chromium driven by Playwright; see tests/test_browser.py).


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    """The built example on a localhost port, as the intranet's static web server serves it."""
    from benchmarks.search_ranking import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium; a missing browser is a failure, since ./make test installs it."""
    from benchmarks.search_ranking import CHROMIUM, CHROMIUM_ARGS

    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed; ./make test installs it with apt-get")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
