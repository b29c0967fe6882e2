"""Running the real `handbook` console script in a new project, as a document controller would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HANDBOOK = Path(sys.executable).parent / "handbook"
COMPANY = "某某机械有限公司"


def run(
    arguments: list[str], cwd: Path, handbook: Path = HANDBOOK, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """`handbook …` in `cwd`, dated today (the new project's signatures are dated today)."""
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [str(handbook), *arguments], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=environment
    )


def ok(arguments: list[str], cwd: Path, handbook: Path = HANDBOOK, timeout: int = 600) -> str:
    completed = run(arguments, cwd, handbook, timeout)
    assert completed.returncode == 0, f"handbook {' '.join(arguments)}:\n{completed.stdout}\n{completed.stderr}"
    assert "Traceback" not in completed.stderr
    return completed.stdout


def author_a_document_and_a_form(root: Path, handbook: Path = HANDBOOK) -> None:
    """What an author does after `init`: a new document with a new form (named in its records by `new`), signed and released."""
    ok(["new", "document", "QP-002", "--title", "采购控制程序", "--type", "程序文件"], root, handbook)
    ok(["new", "form", "QR-QP002-01", "--title", "采购申请单", "--document", "QP-002"], root, handbook)
    for number in ("QP-002", "QR-QP002-01"):
        for role, name in (("编制", "文件管理员"), ("审核", "管理者代表"), ("批准", "总经理")):
            ok(["approve", number, "--as", role, "--name", name], root, handbook)
        ok(["release", number], root, handbook)
