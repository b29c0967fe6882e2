"""Only the text in force reaches the manual, the views and the register (real build, real git).

A copy of the example handbook goes into a real git repository; then, as a document
controller would, SH/GZ-007 gets a released revision A2 that takes effect after the build
date (待生效) and SH/GZ-002 a draft A1 (草稿), each with words found nowhere else. The
whole site and every PDF are built for real (MkDocs + WeasyPrint), and the built HTML and
the PDF text (poppler's pdftotext) are read back.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from benchmarks.search_ranking import _QuietHandler
from generator.cli.control import approve, release, revise
from tests.conftest import FIXED_BUILD_EPOCH, PROJECT_ROOT
from tests.control_support import commit_all, init_repository, run_ok
from tests.html_reading import read_page
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

PENDING_TIME_LIMIT = "待生效时限七十七分钟内"
PENDING_PARTY = "待生效专设岗位"
DRAFT_TIME_LIMIT = "草稿时限九十九天内"
DRAFT_PARTY = "草稿专设岗位"
IN_FORCE_TIME_LIMIT = "立即报告班组长"  # SH/GZ-007 A1, replaced in A2
IN_FORCE_DRAFTED = "第一时间答复客户"  # SH/GZ-002 A0, replaced in the draft A1
NEW_WORDS = (PENDING_TIME_LIMIT, PENDING_PARTY, DRAFT_TIME_LIMIT, DRAFT_PARTY)
GZ002 = "procedures/SH-GZ-002.yml"


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def example_in_git(root: Path) -> None:
    for name in ("procedures", "forms", "docs"):
        shutil.copytree(PROJECT_ROOT / name, root / name)
    for name in ("handbook.yml", "mkdocs.yml"):
        shutil.copy(PROJECT_ROOT / name, root / name)
    # the example's SH/GZ-002 as released in A0 (its own A1 adds a flow): this test drafts an A1 of its own
    first_release = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "log", "--reverse", "--format=%H", "-S", "revision: A0", "--", GZ002],
        capture_output=True, text=True, check=True,
    ).stdout.split()[0]  # fmt: skip
    released = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "show", f"{first_release}:{GZ002}"], capture_output=True, text=True, check=True
    ).stdout
    assert "revision: A0\n" in released and "status: 生效" in released
    (root / GZ002).write_text(released, encoding="utf-8")
    # the parties the new revisions name are registered roles, as `check` requires
    with (root / "handbook.yml").open("a", encoding="utf-8") as settings:
        for role_id, party in (("pending-party", PENDING_PARTY), ("draft-party", DRAFT_PARTY)):
            settings.write(f"  - {{id: {role_id}, name: {party}, department: 售后服务部}}\n")
    cache = PROJECT_ROOT / ".cache" / "pdf"
    if cache.is_dir():  # speed only: parts whose HTML is unchanged come from the cache
        shutil.copytree(cache, root / ".cache" / "pdf")
    (root / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
    init_repository(root)
    commit_all(root, "example", "2025-12-01T09:00:00+08:00")


def pending_revision(root: Path) -> None:
    """SH/GZ-007 A2, released on 2025-12-23, takes effect on 2026-06-01 (after the build date)."""
    run_ok(revise, "SH/GZ-007", "--change", "举升作业：报告时限", "--effective", "2026-06-01", "--root", root)
    path = root / "procedures" / "SH-GZ-007.yml"
    replace_once(path, f"time_limit: {IN_FORCE_TIME_LIMIT}", f"time_limit: {PENDING_TIME_LIMIT}")
    replace_once(path, "owner: [安装技工, 班组长]", f"owner: [安装技工, 班组长, {PENDING_PARTY}]")
    for role, name, date in (("编制", "售后服务部", "2025-12-20"), ("审核", "品质部经理", "2025-12-21")):
        run_ok(approve, "SH/GZ-007", "--as", role, "--name", name, "--date", date, "--root", root)
    run_ok(approve, "SH/GZ-007", "--as", "批准", "--name", "总经理", "--date", "2025-12-22", "--root", root)
    run_ok(release, "SH/GZ-007", "--root", root)
    commit_all(root, "release SH/GZ-007 A2", "2025-12-23T09:00:00+08:00")


def draft_revision(root: Path) -> None:
    """SH/GZ-002 A1, never approved."""
    run_ok(revise, "SH/GZ-002", "--change", "答复时限", "--effective", "2026-03-01", "--root", root)
    path = root / "procedures" / "SH-GZ-002.yml"
    replace_once(
        path, f"time_limit: {IN_FORCE_DRAFTED}\n", f"time_limit: {DRAFT_TIME_LIMIT}\n        owner: {DRAFT_PARTY}\n"
    )
    commit_all(root, "draft SH/GZ-002 A1", "2025-12-24T09:00:00+08:00")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.publish.build import build

    root = tmp_path_factory.mktemp("in-force") / "handbook"
    root.mkdir()
    example_in_git(root)
    pending_revision(root)
    draft_revision(root)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_BUILD_EPOCH  # 2026-01-01
    try:
        build(root, strict=True)
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return root / "site"


def page_text(site: Path, page: str) -> str:
    return read_page(site / page / "index.html").text


def pdf_pages(path: Path) -> list[str]:
    output = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return output.stdout.split("\f")[:-1]


@pytest.mark.slow
@pytest.mark.parametrize("page", ["time-limits", "matrix", "changelog", "documents/SH-GZ-007", "documents/SH-GZ-002"])
def test_views_show_only_text_in_force(built: Path, page: str) -> None:
    text = page_text(built, page)
    for words in NEW_WORDS:
        assert words not in text, f"{words} on {page}"


@pytest.mark.slow
def test_time_limits_and_matrix_keep_the_revisions_in_force(built: Path) -> None:
    time_limits = page_text(built, "time-limits")
    assert IN_FORCE_TIME_LIMIT in time_limits and IN_FORCE_DRAFTED in time_limits
    assert "安装技工" in page_text(built, "matrix")


@pytest.mark.slow
def test_register_lists_the_revision_in_force(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    rows = {row.split("</td>")[0]: row for row in html.split("<tr ")[1:]}
    gz007 = next(row for key, row in rows.items() if "SH/GZ-007<" in key)
    gz002 = next(row for key, row in rows.items() if "SH/GZ-002<" in key)
    assert ">A1</td>" in gz007 and ">A2</td>" not in gz007 and 'data-status="生效"' in gz007
    assert ">A0</td>" in gz002 and ">A1</td>" not in gz002 and 'data-status="生效"' in gz002
    text = read_page(built / "index.html").text
    for words in NEW_WORDS:
        assert words not in text


@pytest.mark.slow
def test_manual_holds_only_text_in_force(built: Path) -> None:
    manual = "\n".join(pdf_pages(built / "pdf" / "handbook.pdf"))
    for words in NEW_WORDS:
        assert words not in manual
    assert IN_FORCE_TIME_LIMIT in manual and IN_FORCE_DRAFTED in manual
    assert "草稿" not in manual.replace("草稿）", "")  # no draft watermark or marking


@pytest.mark.slow
def test_controlled_copies_are_of_the_revisions_in_force(built: Path) -> None:
    in_force = "\n".join(pdf_pages(built / "pdf" / "documents" / "SH-GZ-007_A1.pdf"))
    assert IN_FORCE_TIME_LIMIT in in_force and PENDING_TIME_LIMIT not in in_force
    assert "待生效" not in in_force


@pytest.mark.slow
def test_pending_copy_says_pending_with_its_date_on_every_page(built: Path) -> None:
    pages = pdf_pages(built / "pdf" / "documents" / "SH-GZ-007_A2.pdf")
    assert pages and PENDING_TIME_LIMIT in "\n".join(pages)
    for number, text in enumerate(pages, 1):
        assert "待生效 A2：自 2026-06-01 起生效" in text.replace("\n", " "), f"page {number}"


@pytest.mark.slow
def test_draft_copy_says_draft_on_every_page(built: Path) -> None:
    pages = pdf_pages(built / "pdf" / "documents" / "SH-GZ-002_A1.pdf")
    assert pages and DRAFT_TIME_LIMIT in "\n".join(pages)
    for number, text in enumerate(pages, 1):
        assert "草稿 A1：未经批准" in text, f"page {number}"


@pytest.mark.slow
def test_pending_and_draft_appear_only_on_their_archive_pages(built: Path) -> None:
    pending = page_text(built, "archive/SH-GZ-007/A2")
    assert PENDING_TIME_LIMIT in pending and "本版次将于 2026-06-01 生效" in pending
    draft = page_text(built, "archive/SH-GZ-002/A1")
    assert DRAFT_TIME_LIMIT in draft and "本文件尚未批准生效" in draft
    current = page_text(built, "documents/SH-GZ-007")
    assert IN_FORCE_TIME_LIMIT in current and "新版次 A2（待生效）" in current


# --------------------------------------------------------------------------- read on a later day


@pytest.fixture(scope="module")
def chromium():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def served(built: Path):
    handler = functools.partial(_QuietHandler, directory=str(built))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def banner_texts(chromium, url: str, reader_date: str, artifacts: Path, name: str) -> list[str]:
    """The visible banner texts of a page read on `reader_date` (the browser's clock is set)."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda exception: problems.append(str(exception)))
    page.clock.set_fixed_time(f"{reader_date}T10:00:00")
    page.goto(url, wait_until="networkidle")
    page.screenshot(path=str(artifacts / f"in-force-{name}-{reader_date}.png"))
    texts = [text.strip() for text in page.locator(".hb-banner").all_inner_texts()]
    texts.append("状态：" + page.locator(".hb-doc-header td:has(.hb-status):visible").first.inner_text().strip())
    page.close()
    assert not problems, problems
    return texts


@pytest.mark.slow
@pytest.mark.browser
def test_pending_banner_switches_by_the_readers_date(chromium, served: str, artifacts_dir: Path) -> None:
    pending = served + "archive/SH-GZ-007/A2/"
    before = banner_texts(chromium, pending, "2026-05-31", artifacts_dir, "pending")
    assert before[0].startswith("待生效：本版次将于 2026-06-01 生效") and "已生效" not in before[0]
    assert before[-1] == "状态：待生效"
    after = banner_texts(chromium, pending, "2026-06-01", artifacts_dir, "pending")
    assert after[0].startswith("已生效：本版次已于 2026-06-01 生效") and "本页生成于 2026-01-01" in after[0]
    assert "待生效" not in after[0] and "查看现行版次" not in after[0]
    assert after[-1] == "状态：生效"


@pytest.mark.slow
@pytest.mark.browser
def test_page_in_force_says_superseded_once_the_new_revision_takes_effect(
    chromium, served: str, artifacts_dir: Path
) -> None:
    current = served + "documents/SH-GZ-007/"
    before = banner_texts(chromium, current, "2026-05-31", artifacts_dir, "current")
    assert any(text.startswith("新版次 A2（待生效）将于 2026-06-01 生效") for text in before)
    after = banner_texts(chromium, current, "2026-06-02", artifacts_dir, "current")
    assert any(text.startswith("本版次已被 A2 替代：A2 已于 2026-06-01 生效") for text in after)
    assert not any("待生效" in text for text in after)
    assert "状态：生效" in before and "状态：已被替代" in after
