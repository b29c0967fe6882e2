"""Builds the case's procedure file at test time: 10 MB are not committed to git.

A valid document followed by a `remarks` list long enough to make the file about 10 MB.
"""

from pathlib import Path

HEAD = """number: SH/GZ-001
title: 售后服务管理制度
type: 管理制度
revision: A0
effective: 2024-01-01
status: 生效
department: 售后服务部
body:
  - title: 服务
    steps:
      - text: 填写出差任务及报告单。
        time_limit: 当天
history:
  - revision: A0
    date: 2024-01-01
    change: 首次发布
    prepared: {name: 售后服务部, date: 2023-12-01}
    reviewed: {name: 品质部经理, date: 2023-12-10}
    approved: {name: 总经理, date: 2023-12-20}
"""


def generate(root: Path) -> None:
    path = root / "procedures" / "SH-GZ-001.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    line = "  - " + "售后服务记录须当天填写并存档。" * 10 + "\n"
    count = 10_000_000 // len(line.encode("utf-8")) + 1
    path.write_text(HEAD + "remarks:\n" + line * count, encoding="utf-8")
