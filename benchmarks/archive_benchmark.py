"""Archive read time: `issued_revisions` on a document with 50 released revisions.

Builds a temporary git repository holding one 30-clause document that is released 50 times
(A0 … A49, one commit each, one clause reworded per revision), then times, best of N:

    baseline      a bare `git log --format=%H -- path` over the same file (one process)
    archive       `issued_revisions`: git log + one `git cat-file --batch` + parsing every
                  issued version with the project's loader and structural check
    git part      the archive's two git processes alone (log --follow, cat-file --batch)
    parse only    loading and structurally checking the 50 versions, without git
    naive git     git log, then one `git show sha:path` process per commit (what the
                  archive's git part avoids)

    .venv/bin/python benchmarks/archive_benchmark.py [--revisions 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.document.git_history import issued_revisions
from generator.document.git_reader import file_versions, version_contents
from generator.source.load import load_text
from generator.source.validate import build_model

DOCUMENT_PATH = Path("procedures/SH-GZ-001.yml")
CLAUSES = 30


def document_text(revision: int) -> str:
    """Revision `revision` (A0 = 0): clause k is reworded in revision k (mod the clause count)."""
    lines = [
        "# yaml-language-server: $schema=../schemas/procedure.schema.json",
        "number: SH/GZ-001",
        "title: 售后服务管理规定",
        "type: 管理制度",
        f"revision: A{revision}",
        f"effective: {effective(revision)}",
        "status: 生效                    # 草稿 | 生效 | 已作废",
        "department: 用服中心",
        "purpose: 规范售后服务工作，提高顾客满意度。",
        "scope: 适用于本公司的售后服务。",
        "body:",
        "  - title: 服务要求",
        "    steps:",
    ]
    for clause in range(CLAUSES):
        edits = revision // CLAUSES + (1 if clause < revision % CLAUSES else 0)
        lines.append(
            f"      - text: 第{clause + 1}项服务要求：用服中心应在规定时限内完成相应工作，并做好记录（第{edits}次修订）。"
        )
    lines.append("history:")
    for number in range(revision + 1):
        lines += [
            f"  - revision: A{number}",
            f"    date: {effective(number)}",
            f"    change: 第{number}次修订",
            f"    prepared: {{name: 用服中心, date: {effective(number)}}}",
            f"    reviewed: {{name: 品质部经理, date: {effective(number)}}}",
            f"    approved: {{name: 总经理, date: {effective(number)}}}",
        ]
    return "\n".join(lines) + "\n"


def effective(revision: int) -> str:
    return f"{2000 + revision // 12:04d}-{revision % 12 + 1:02d}-01"


def git(root: Path, *arguments: str, date: str | None = None) -> str:
    environment = dict(
        os.environ,
        GIT_AUTHOR_NAME="bench",
        GIT_AUTHOR_EMAIL="bench@example.com",
        GIT_COMMITTER_NAME="bench",
        GIT_COMMITTER_EMAIL="bench@example.com",
    )
    if date:
        environment.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(
        ["git", *arguments], cwd=root, env=environment, capture_output=True, text=True, check=True
    ).stdout


def make_repository(root: Path, revisions: int) -> list[str]:
    """One commit per released revision; returns the texts committed."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "commit.gpgsign", "false")
    (root / DOCUMENT_PATH).parent.mkdir(parents=True)
    texts = []
    for revision in range(revisions):
        text = document_text(revision)
        (root / DOCUMENT_PATH).write_text(text, encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"release A{revision}", date=f"{effective(revision)}T09:00:00+08:00")
        texts.append(text)
    return texts


def best_of(repeat: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def parse_all(texts: list[str]) -> None:
    for text in texts:
        document, problems = build_model(load_text(text, DOCUMENT_PATH), "procedure")
        assert document is not None, problems


def naive(root: Path) -> None:
    commits = git(root, "log", "--format=%H", "--", str(DOCUMENT_PATH)).split()
    for commit in commits:
        git(root, "show", f"{commit}:{DOCUMENT_PATH}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="archive-benchmark-") as folder:
        root = Path(folder)
        texts = make_repository(root, options.revisions)
        history = issued_revisions(root, DOCUMENT_PATH)  # warm-up, and a correctness check
        assert [item.revision for item in history.revisions] == [f"A{number}" for number in range(options.revisions)], (
            history
        )
        assert history.warnings == (), history.warnings
        baseline = best_of(options.repeat, lambda: git(root, "log", "--format=%H", "--", str(DOCUMENT_PATH)))
        archive = best_of(options.repeat, lambda: issued_revisions(root, DOCUMENT_PATH))
        git_part = best_of(options.repeat, lambda: list(version_contents(root, file_versions(root, DOCUMENT_PATH))))
        parsing = best_of(options.repeat, lambda: parse_all(texts))
        one_process_per_commit = best_of(options.repeat, lambda: naive(root))
    count = options.revisions
    print(f"document with {count} released revisions ({count} commits, {CLAUSES} clauses), best of {options.repeat}")
    print(f"  bare git log over the file     {baseline * 1000:8.1f} ms")
    print(
        f"  issued_revisions (total)       {archive * 1000:8.1f} ms   {archive / count * 1000:6.2f} ms per revision   {archive / baseline:5.1f}x git log"
    )
    print(f"    git part (log + cat-file)    {git_part * 1000:8.1f} ms   {git_part / baseline:5.1f}x git log")
    print(
        f"    parsing {count} versions alone    {parsing * 1000:8.1f} ms   {parsing / count * 1000:6.2f} ms per version"
    )
    print(
        f"  naive git: git show per commit {one_process_per_commit * 1000:8.1f} ms   {one_process_per_commit / git_part:5.1f}x the archive's git part"
    )


if __name__ == "__main__":
    main()
