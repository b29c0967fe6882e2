"""The search entries of unchanged pages come from the last build, and give the same index.

Real MkDocs builds of the example (pages only) with Material's search plugin and jieba: the
index a rebuild writes from the cache must be the index a build without it writes, and an
edited page must be indexed again, with its new text.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.publish.build import build

CACHE_FILE = Path(".cache") / "search" / "entries.json"


def search_index(project: Path) -> dict:
    return json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))


def cached_pages(project: Path) -> dict:
    return json.loads((project / CACHE_FILE).read_text(encoding="utf-8"))["pages"]


def test_a_rebuild_takes_unchanged_pages_from_the_cache_and_writes_the_same_index(project_copy: Path) -> None:
    build(project_copy)
    first = search_index(project_copy)
    stored = cached_pages(project_copy)
    assert len(stored) > 50 and sum(len(entries) for entries in stored.values()) == len(first["docs"])

    poisoned = {key: [dict(entry, text="缓存中的文字") for entry in entries] for key, entries in stored.items()}
    (project_copy / CACHE_FILE).write_text(json.dumps({"pages": poisoned}, ensure_ascii=False), encoding="utf-8")
    build(project_copy)
    reused = search_index(project_copy)
    assert {entry["text"] for entry in reused["docs"]} == {"缓存中的文字"}  # every page came from the cache

    (project_copy / CACHE_FILE).unlink()
    build(project_copy)
    assert search_index(project_copy) == first  # and the index without the cache is the first one


def test_an_edited_page_is_indexed_again(project_copy: Path) -> None:
    build(project_copy)
    source = project_copy / "procedures" / "SH-GZ-002.yml"
    text = source.read_text(encoding="utf-8")
    assert "purpose:" in text
    source.write_text(text.replace("purpose:", "purpose: 新增的目的说明甲乙丙。", 1), encoding="utf-8")
    build(project_copy)
    index = search_index(project_copy)
    assert any("新增的目的说明甲乙丙" in entry["text"].replace("\u200b", "") for entry in index["docs"])
    assert len(cached_pages(project_copy)) == len({entry["location"].split("#")[0] for entry in index["docs"]})


def test_a_cache_that_cannot_be_read_is_rebuilt(project_copy: Path) -> None:
    (project_copy / CACHE_FILE).parent.mkdir(parents=True)
    (project_copy / CACHE_FILE).write_text("{not json", encoding="utf-8")
    build(project_copy)
    assert cached_pages(project_copy)
