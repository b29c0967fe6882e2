"""A small handbook in a real git repository, for the document-control and archive tests.

One 管理制度 (SH/GZ-001) and the form it references. The document starts as an unsigned
draft of A0, so a test walks it through approve → release → revise like a document
controller would, with the real commands, and commits each step with pinned dates.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from click.testing import CliRunner, Result

DOCUMENT_PATH = Path("procedures/SH-GZ-001.yml")

SETTINGS = textwrap.dedent("""\
    # yaml-language-server: $schema=schemas/settings.schema.json
    title: 测试手册
    company: 测试公司
    revision_scheme: A0
    review_period_months: 12
    document_types:
      - name: 管理制度
        code: GZ
        number_pattern: '^SH/GZ-\\d{3}$'
        numbering: chinese
    form_number_pattern: '^QR-[A-Z0-9]+-\\d{2}$'
    """)

DOCUMENT = textwrap.dedent("""\
    # yaml-language-server: $schema=../schemas/procedure.schema.json
    number: SH/GZ-001
    title: 售后服务管理规定
    type: 管理制度
    revision: A0
    effective: 2024-01-01
    status: 草稿                    # 草稿 | 生效 | 已作废
    department: 用服中心
    purpose: 规范售后服务工作，提高顾客满意度。
    scope: 适用于本公司的售后服务。
    responsibilities:
      - party: 用服中心
        duties:
          - 负责售后服务的组织实施。
    body:
      - title: 服务信息接收
        steps:
          - text: 顾客反馈信息应及时记录在《售后服务信息登记表》中。
            forms: [QR-GZ001-01]
          - text: 用服中心在24小时内给顾客满意的回复。
            time_limit: 24小时内
      - title: 服务过程
        steps:
          - text: 到达现场后，再次了解故障信息。
          - text: 服务结束后请顾客签字确认。
    records:
      - {form: QR-GZ001-01, keeper: 用服中心, retention: 3年}
    history:
      - revision: A0
        date: 2024-01-01
        change: 首次发布
    """)

FORM = textwrap.dedent("""\
    # yaml-language-server: $schema=../schemas/form.schema.json
    number: QR-GZ001-01
    title: 售后服务信息登记表
    revision: A0
    effective: 2024-01-01
    documents: [SH/GZ-001]
    retention: 3年
    sections:
      - fields:
          - {id: customer_name, label: 顾客名称, type: text, required: true}
    """)


def write_handbook(root: Path, document: str = DOCUMENT) -> Path:
    """handbook.yml, one document and its form under `root`; returns the document's path."""
    (root / "procedures").mkdir(parents=True, exist_ok=True)
    (root / "forms").mkdir(exist_ok=True)
    (root / "handbook.yml").write_text(SETTINGS, encoding="utf-8")
    (root / DOCUMENT_PATH).write_text(document, encoding="utf-8")
    (root / "forms" / "QR-GZ001-01.yml").write_text(FORM, encoding="utf-8")
    return root / DOCUMENT_PATH


def git(root: Path, *arguments: str, date: str = "2024-01-01T09:00:00+08:00") -> str:
    """Run git with a fixed identity and commit dates, so commits are reproducible."""
    environment = dict(
        os.environ,
        GIT_AUTHOR_NAME="文控",
        GIT_AUTHOR_EMAIL="dc@example.com",
        GIT_COMMITTER_NAME="文控",
        GIT_COMMITTER_EMAIL="dc@example.com",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
    )
    completed = subprocess.run(
        ["git", *arguments], cwd=root, env=environment, capture_output=True, text=True, check=True
    )
    return completed.stdout.strip()


def init_repository(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "commit.gpgsign", "false")


def commit_all(root: Path, message: str, date: str) -> str:
    """Commit everything and return the new commit's sha."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD")


def invoke(command, *arguments: str) -> Result:
    """Run one click command as the CLI would (stdout and stderr kept apart)."""
    return CliRunner().invoke(command, [str(argument) for argument in arguments])


def run_ok(command, *arguments: str) -> Result:
    result = invoke(command, *arguments)
    assert result.exit_code == 0, result.output
    return result


def sign_off(
    root: Path, dates: tuple[str, str, str], names: tuple[str, str, str] = ("用服中心", "品质部经理", "总经理")
) -> None:
    """编制, 审核 and 批准 on the draft, in order, through the `approve` command."""
    from generator.cli.control import approve

    for role, name, date in zip(("编制", "审核", "批准"), names, dates):
        run_ok(approve, "SH/GZ-001", "--as", role, "--name", name, "--date", date, "--root", root)


def release_first_revision(root: Path) -> str:
    """A0: sign, release and commit; returns the release commit."""
    from generator.cli.control import release

    commit_all(root, "A0 draft", "2023-12-15T09:00:00+08:00")
    sign_off(root, ("2023-12-20", "2023-12-25", "2023-12-28"))
    run_ok(release, "SH/GZ-001", "--root", root)
    return commit_all(root, "release A0", "2023-12-29T09:00:00+08:00")


OLD_CLAUSE = "到达现场后，再次了解故障信息。"
NEW_CLAUSE = "到达现场后，再次了解并确认故障信息。"


def release_second_revision(root: Path) -> str:
    """A1 (one clause reworded, effective 2024-07-01): revise, edit, sign, release, commit."""
    from generator.cli.control import release, revise

    run_ok(
        revise, "SH/GZ-001", "--change", "服务过程：增加确认故障信息的要求", "--effective", "2024-07-01", "--root", root
    )
    path = root / DOCUMENT_PATH
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_CLAUSE, NEW_CLAUSE), encoding="utf-8")
    commit_all(root, "A1 draft", "2024-06-01T09:00:00+08:00")
    sign_off(root, ("2024-06-10", "2024-06-12", "2024-06-15"))
    run_ok(release, "SH/GZ-001", "--root", root)
    return commit_all(root, "release A1", "2024-06-16T09:00:00+08:00")
