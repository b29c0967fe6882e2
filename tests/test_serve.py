"""`handbook serve` rebuilds the site when a YAML source changes (live editing)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, expected: str, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _fetch(url)
        if page is not None and expected in page:
            return page
        time.sleep(0.5)
    return None


def test_serve_reloads_when_a_procedure_changes(project_copy: Path) -> None:
    port = _free_port()
    command = [
        str(Path(sys.executable).parent / "handbook"),
        "serve",
        "--root",
        str(project_copy),
        "--dev-addr",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/documents/SH-GZ-001/"
    try:
        assert _wait_for(url, "售后服务管理规定(电力)", 90), "serve did not come up"
        source = project_copy / "procedures" / "SH-GZ-001.yml"
        source.write_text(
            source.read_text(encoding="utf-8").replace(
                "title: 售后服务管理规定(电力)", "title: 售后服务管理规定（电力，修订中）"
            ),
            encoding="utf-8",
        )
        assert _wait_for(url, "售后服务管理规定（电力，修订中）", 90), "the page was not rebuilt after the YAML changed"
    finally:
        server.terminate()
        server.wait(timeout=20)
