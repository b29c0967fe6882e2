"""Paper that knows it is current: the QR code of every printed kind, read back with zbarimg,
leads to a verify page of the built site that states the revision's true status; numbered
controlled copies, the 文件发放/回收登记表 and the recall lists, read back with pdftotext.

Runs on the one real build of the example handbook (tests/conftest.py, build date 2026-01-01).
In the example, SH/GZ-001 was issued as A0, A1 and A2 (A2 in force since 2024-03-01, with its
own distribution list); A1 was issued to the 管理制度 default holders of handbook.yml.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.document.versions import read_archive
from generator.source.project import read_handbook
from tests.conftest import PROJECT_ROOT, _is_shallow_clone
from tests.html_reading import page_file, read_page, squeeze

pytestmark = pytest.mark.slow

SITE_URL = "http://handbook.internal/"
BUILD_DATE = "2026-01-01"
SH_GZ_001_A2_HOLDERS = [
    ("01", "总经理办公室"),
    ("02", "营销事业部用服中心"),
    ("03", "销售部"),
    ("04", "质检部"),
    ("05", "服务工程师班组"),
    ("06", "财务部"),
]
GZ_DEFAULT_HOLDERS = [("01", "总经理办公室"), ("02", "售后服务部"), ("03", "品质部"), ("04", "财务部")]

needs_history = pytest.mark.skipif(_is_shallow_clone(), reason="the archive needs the full git history")


def decode_qr_codes(pdf: Path, page: int, workdir: Path) -> list[str]:
    """Every QR code zbarimg finds on one page drawn at 300 dpi, as printed."""
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg is missing: ./make setup installs zbar-tools")
    image = workdir / f"{pdf.stem}-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "300",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(image),
        ],
        check=True,
    )
    result = subprocess.run(["zbarimg", "--raw", "-q", f"{image}.png"], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def verify_page_of(built_site: Path, url: str) -> Path:
    """The file in the built site a scanned URL names; fails when the code leads nowhere."""
    assert url.startswith(SITE_URL), url
    path = page_file(built_site, url[len(SITE_URL) :])
    assert path.is_file(), f"{url} does not resolve to a page of the built site"
    return path


def stated_status(page: Path) -> str:
    found = re.search(r'class="hb-verify hb-verify--[a-z-]+" data-state="([^"]+)"', page.read_text(encoding="utf-8"))
    assert found, f"{page} has no verify status"
    return found.group(1)


@pytest.fixture(scope="module")
def true_states() -> dict[tuple[str, str], str]:
    """(number, revision) → state, from the sources and git on the build date (forms: effective date)."""
    import datetime

    result = read_handbook(PROJECT_ROOT)
    handbook = result.handbook
    date = datetime.date.fromisoformat(BUILD_DATE)
    archive = read_archive(PROJECT_ROOT, handbook, result.document_paths, date)
    states = {
        (version.document.number, version.document.revision): version.state
        for versions in archive.documents.values()
        for version in versions.versions
    }
    for form in handbook.forms:
        states[form.number, form.revision] = "现行" if form.effective <= date else "待生效"
    return states


PRINTED_KINDS = [
    ("document", "pdf/documents/SH-GZ-001_A2.pdf", "SH/GZ-001", "A2"),
    ("controlled copy", "pdf/copies/SH-GZ-001/A2/03.pdf", "SH/GZ-001", "A2"),
    ("superseded document", "pdf/documents/SH-GZ-001_A1.pdf", "SH/GZ-001", "A1"),
    ("blank form", "pdf/forms/QR-GZ001-02.pdf", "QR-GZ001-02", "A0"),
    ("fillable form", "pdf/forms/QR-GZ001-02-fillable.pdf", "QR-GZ001-02", "A0"),
    ("A5 form", "pdf/forms/QR-TY-07.pdf", None, None),
    ("slashed revision", "pdf/documents/SQ-WI0727_A-00.pdf", "SQ/WI0727", "A/00"),
]


@needs_history
@pytest.mark.parametrize(("kind", "path", "number", "revision"), PRINTED_KINDS, ids=[item[0] for item in PRINTED_KINDS])
def test_the_qr_code_of_every_printed_kind_opens_a_page_with_the_true_status(
    built_site: Path, true_states, tmp_path: Path, kind: str, path: str, number: str | None, revision: str | None
) -> None:
    pdf = built_site / path
    codes = decode_qr_codes(pdf, 1, tmp_path)
    assert len(codes) == 1, f"{path}: expected one QR code on page 1, found {codes}"
    url = codes[0]
    if number is not None:
        slug_number, slug_revision = number.replace("/", "-"), revision.replace("/", "-")
        assert url == f"{SITE_URL}verify/{slug_number}/{slug_revision}/"
    _, slug_number, slug_revision, _ = url[len(SITE_URL) :].split("/")
    key = next(
        key
        for key in true_states
        if (key[0].replace("/", "-"), key[1].replace("/", "-")) == (slug_number, slug_revision)
    )
    assert stated_status(verify_page_of(built_site, url)) == true_states[key]


@needs_history
def test_a_superseded_revision_leads_to_已被替代_and_a_link_to_the_one_in_force(
    built_site: Path, tmp_path: Path
) -> None:
    (url,) = decode_qr_codes(built_site / "pdf/documents/SH-GZ-001_A1.pdf", 1, tmp_path)
    page = verify_page_of(built_site, url)
    facts = read_page(page)
    assert stated_status(page) == "已被替代"
    assert "已于 2024-03-01 被版次 A2 替代" in facts.text
    in_force = [link for link in facts.links if link.endswith("documents/SH-GZ-001/")]
    assert in_force, facts.links
    target = page_file(page.parent, in_force[0])
    assert target.resolve() == (built_site / "documents/SH-GZ-001/index.html").resolve()
    assert "现行版次 A2" in facts.text
    # the header of the page shows A2 (a notice above it may announce the pending A3)
    assert "文件编号SH/GZ-001版次A2文件名称" in squeeze(read_page(target).text)


def test_every_page_of_a_controlled_copy_carries_the_code_and_its_stamp(built_site: Path, tmp_path: Path) -> None:
    copy = built_site / "pdf/copies/SH-GZ-001/A2/05.pdf"
    pages = pdf_pages_text(copy)
    assert len(pages) == page_count(copy) > 1
    for number, text in enumerate(pages, start=1):
        assert decode_qr_codes(copy, number, tmp_path) == [f"{SITE_URL}verify/SH-GZ-001/A2/"], number
        assert "受控" in text and "分发号：05" in squeeze(text) and "服务工程师班组" in text, number
        assert "非受控" not in text


def test_uncontrolled_printouts_stay_marked_非受控(built_site: Path) -> None:
    for text in pdf_pages_text(built_site / "pdf/documents/SH-GZ-001_A2.pdf"):
        assert "本文件打印后为非受控文件" in text
        assert "分发号" not in text


def test_one_controlled_copy_per_holder_of_each_revision_in_force(built_site: Path) -> None:
    folder = built_site / "pdf/copies/SH-GZ-001/A2"
    assert sorted(path.name for path in folder.iterdir()) == [f"{copy}.pdf" for copy, _ in SH_GZ_001_A2_HOLDERS]
    for copy, holder in SH_GZ_001_A2_HOLDERS:
        first_page = pdf_pages_text(folder / f"{copy}.pdf")[0]
        assert f"分发号：{copy}" in squeeze(first_page) and holder in first_page
    assert not (built_site / "pdf/copies/SH-GZ-001/A1").exists(), "a superseded revision is not issued again"
    # a document without its own list gets the default of its type (handbook.yml)
    assert sorted(path.name for path in (built_site / "pdf/copies/SH-GZ-002/A0").iterdir()) == [
        "01.pdf",
        "02.pdf",
        "03.pdf",
        "04.pdf",
    ]


def register_rows(text: str) -> list[tuple[str, str]]:
    """(分发号, holder) of every filled row of a register, in order, from pdftotext -layout."""
    rows = re.findall(r"^\s*\d+\s+(\S+)\s+(\S+)\s+(?:纸质|电子)", text, re.M)
    return [(copy, holder) for copy, holder in rows]


@needs_history
def test_the_register_lists_exactly_the_holders_and_the_copies_to_recall(built_site: Path) -> None:
    text = "\n".join(pdf_pages_text(built_site / "pdf/registers/SH-GZ-001_A2.pdf"))
    assert "文件发放/回收登记表" in squeeze(text)
    issue, recall = text.split("本版次生效时收回的上一版次受控副本")
    assert register_rows(issue) == SH_GZ_001_A2_HOLDERS
    assert register_rows(recall) == GZ_DEFAULT_HOLDERS
    assert "签收人" in issue and "回收人" in issue
    page = read_page(built_site / "registers/SH-GZ-001/A2/index.html")
    for copy, holder in SH_GZ_001_A2_HOLDERS:
        assert f"{copy}{holder}" in squeeze(page.text)


@needs_history
def test_the_superseded_revision_page_shows_the_recall_list(built_site: Path) -> None:
    page = read_page(built_site / "archive/SH-GZ-001/A1/index.html")
    assert "应回收的受控副本" in page.text
    table = page.text.split("应回收的受控副本", 1)[1].split("随 A2 发放", 1)[0]
    for copy, holder in GZ_DEFAULT_HOLDERS:
        assert f"{copy}{holder}" in squeeze(table)
    assert any(link.endswith("registers/SH-GZ-001/A2/") for link in page.links)


def test_verify_pages_give_the_sha256_of_the_manifest_and_of_the_files(built_site: Path) -> None:
    manifest = {
        entry["path"]: entry["sha256"]
        for entry in json.loads((built_site / "manifest.json").read_text(encoding="utf-8"))["artifacts"]
    }
    for page_path, pdfs in {
        "verify/SH-GZ-001/A2/": ["pdf/documents/SH-GZ-001_A2.pdf", "pdf/copies/SH-GZ-001/A2/06.pdf"],
        "verify/QR-GZ001-02/A0/": ["pdf/forms/QR-GZ001-02.pdf", "pdf/forms/QR-GZ001-02-fillable.pdf"],
    }.items():
        text = read_page(page_file(built_site, page_path)).text
        for pdf in pdfs:
            actual = hashlib.sha256((built_site / pdf).read_bytes()).hexdigest()
            assert manifest[pdf] == actual
            assert f"{pdf}{actual}" in squeeze(text), (page_path, pdf)


@needs_history
def test_every_revision_and_form_has_a_verify_page_with_its_true_status(built_site: Path, true_states) -> None:
    for (number, revision), state in true_states.items():
        page = page_file(built_site, f"verify/{number.replace('/', '-')}/{revision.replace('/', '-')}/")
        assert stated_status(page) == state, (number, revision)


@pytest.mark.browser
def test_a_browser_printout_of_a_site_page_carries_the_verify_code(built_site: Path, tmp_path: Path) -> None:
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto((built_site / "forms/QR-GZ001-02/index.html").as_uri())
        printout = tmp_path / "printed.pdf"
        page.pdf(path=str(printout), format="A4")
        browser.close()
    for number in range(1, page_count(printout) + 1):
        assert decode_qr_codes(printout, number, tmp_path) == [f"{SITE_URL}verify/QR-GZ001-02/A0/"], number
