"""Stage 4b/4c — the downloadable artefacts beside the site pages, and their manifest.

Called after MkDocs has written the HTML: PDFs (controlled copies of every version the site
shows, redlines, blank and fillable forms, the manual), one JSON Schema per form, and
`manifest.json` listing every artefact with its checksum so document control can prove
what was issued.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.document.distribution import distributed_copies, holders_of, issued_versions, recall_plan
from generator.document.redline import Redline
from generator.document.versions import Archive, DocumentVersions, versions_redline
from generator.render import paths
from generator.source.model import Document, Handbook, Status

if TYPE_CHECKING:
    from generator.render.pdf.distribution import Register


@dataclass(frozen=True)
class ManifestEntry:
    kind: str
    number: str
    revision: str
    path: str
    sha256: str


def archived_documents(handbook: Handbook, archive: Archive) -> list[Document]:
    """Every version other than the working copy; superseded ones print as 已作废."""
    documents = []
    for versions in archive.documents.values():
        working_copy = handbook.documents_by_number[versions.number]
        for version in versions.versions:
            if version.document is working_copy or version.document.revision == working_copy.revision:
                continue
            superseded = version.state == "已被替代"
            documents.append(
                version.document.model_copy(update={"status": Status.OBSOLETE}) if superseded else version.document
            )
    return documents


def redline_pairs(handbook: Handbook, versions: DocumentVersions) -> list[tuple[Redline, Document, Document]]:
    pairs = []
    for old, new in zip(versions.versions, versions.versions[1:]):
        changes = versions_redline(handbook, old, new)
        pairs.append((changes, old.document, new.document))
    return pairs


def write_record_schema_files(handbook: Handbook, site_dir: Path) -> list[ManifestEntry]:
    from generator.records.schema import write_record_schemas

    folder = site_dir / Path(paths.record_schema(handbook.forms[0])).parent if handbook.forms else site_dir
    written = {path.name: path for path in write_record_schemas(handbook, folder)}
    entries = []
    for form in handbook.forms:
        relative = paths.record_schema(form)
        target = written[Path(relative).name]
        entries.append(
            ManifestEntry(
                "record-schema", form.number, form.revision, relative, hashlib.sha256(target.read_bytes()).hexdigest()
            )
        )
    return entries


def registers_of(handbook: Handbook, archive: Archive) -> list[Register]:
    """A 文件发放/回收登记表 for every issued revision of every document."""
    from generator.render.pdf.distribution import Register

    return [
        Register(version.document, holders_of(handbook, version), recall_plan(handbook, versions, version))
        for versions in archive.documents.values()
        for version in issued_versions(versions)
    ]


def write_pdf_files(
    handbook: Handbook,
    archive: Archive,
    site_dir: Path,
    root: Path,
    build_date: datetime.date,
    site_url: str | None = None,
) -> list[ManifestEntry]:
    from generator.render.pdf.renderer import render_pdfs

    redlines = [pair for versions in archive.documents.values() for pair in redline_pairs(handbook, versions)]
    artifacts = render_pdfs(
        handbook,
        site_dir,
        cache_dir=root / ".cache" / "pdf",
        build_date=build_date,
        archived=archived_documents(handbook, archive),
        redlines=redlines,
        copies=[copy for versions in archive.documents.values() for copy in distributed_copies(handbook, versions)],
        registers=registers_of(handbook, archive),
        site_url=site_url,
    )
    return [ManifestEntry(item.kind, item.number, item.revision, item.path, item.sha256) for item in artifacts]


def render_artifacts(
    handbook: Handbook,
    archive: Archive,
    site_dir: Path,
    *,
    root: Path,
    build_date: datetime.date,
    site_url: str | None = None,
) -> list[ManifestEntry]:
    """Write PDFs, record schemas and the manifest into `site_dir`; returns the manifest."""
    entries = write_pdf_files(handbook, archive, site_dir, root, build_date, site_url)
    entries += write_record_schema_files(handbook, site_dir)
    entries.sort(key=lambda entry: (entry.kind, entry.number, entry.path))
    manifest = {
        "handbook": handbook.settings.title,
        "build_date": build_date.isoformat(),
        "artifacts": [asdict(entry) for entry in entries],
    }
    (site_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return entries
