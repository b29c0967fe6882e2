"""Stage 4b/4c — the downloadable artefacts beside the site pages, and their manifest.

Called after MkDocs has written the HTML: PDFs (controlled copies, blank and fillable
forms, the manual), one JSON Schema per form, and `manifest.json` listing every artefact
with its checksum so document control can prove what was issued.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.model import Handbook
from generator.render import paths


@dataclass(frozen=True)
class ManifestEntry:
    kind: str
    number: str
    revision: str
    path: str
    sha256: str


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_record_schema_files(handbook: Handbook, site_dir: Path) -> list[ManifestEntry]:
    from generator.render.record_schema import record_schema

    entries = []
    for form in handbook.forms:
        target = site_dir / paths.record_schema(form)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(record_schema(form), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        entries.append(ManifestEntry("record-schema", form.number, form.revision, paths.record_schema(form), _sha256(target)))
    return entries


def write_pdf_files(handbook: Handbook, site_dir: Path, root: Path, build_date: datetime.date) -> list[ManifestEntry]:
    from generator.render.pdf import render_pdfs

    artifacts = render_pdfs(handbook, site_dir, cache_dir=root / ".cache" / "pdf", build_date=build_date)
    return [ManifestEntry(item.kind, item.number, item.revision, item.path, item.sha256) for item in artifacts]


def render_artifacts(handbook: Handbook, site_dir: Path, *, root: Path, build_date: datetime.date) -> list[ManifestEntry]:
    """Write PDFs, record schemas and the manifest into `site_dir`; returns the manifest."""
    entries = write_pdf_files(handbook, site_dir, root, build_date)
    entries += write_record_schema_files(handbook, site_dir)
    entries.sort(key=lambda entry: (entry.kind, entry.number, entry.path))
    manifest = {
        "handbook": handbook.settings.title,
        "build_date": build_date.isoformat(),
        "artifacts": [asdict(entry) for entry in entries],
    }
    (site_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return entries
