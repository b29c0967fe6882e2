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
from generator.document.in_force import VersionState
from generator.document.redline import Redline
from generator.document.versions import Archive, DocumentVersions, Redlines, in_force_handbook
from generator.render import paths
from generator.source.model import Document, Handbook

if TYPE_CHECKING:
    from generator.render.pdf.distribution import Register


@dataclass(frozen=True)
class ManifestEntry:
    kind: str
    number: str
    revision: str
    path: str
    sha256: str


def archived_documents(archive: Archive) -> list[tuple[Document, VersionState]]:
    """Every version that is not in force, with its state: each gets its own marked PDF."""
    return [
        (version.document, version.state)
        for versions in archive.documents.values()
        for version in versions.versions
        if not version.in_force
    ]


def redline_pairs(versions: DocumentVersions, redlines: Redlines) -> list[tuple[Redline, Document, Document]]:
    pairs = []
    for old, new in zip(versions.versions, versions.versions[1:]):
        changes = redlines(old, new)
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
    redlines: Redlines,
    site_url: str | None = None,
) -> list[ManifestEntry]:
    from generator.render.pdf.renderer import render_pdfs

    pairs = [pair for versions in archive.documents.values() for pair in redline_pairs(versions, redlines)]
    artifacts = render_pdfs(
        in_force_handbook(handbook, archive),
        site_dir,
        cache_dir=root / ".cache" / "pdf",
        build_date=build_date,
        archived=archived_documents(archive),
        archived_forms=[
            (version.document, version.state)
            for versions in archive.forms.values()
            for version in versions.versions
            if not version.in_force
        ],
        redlines=pairs,
        copies=[copy for versions in archive.documents.values() for copy in distributed_copies(handbook, versions)],
        registers=registers_of(handbook, archive),
        site_url=site_url,
    )
    return [ManifestEntry(item.kind, item.number, item.revision, item.path, item.sha256) for item in artifacts]


def write_versioned_record_schemas(handbook: Handbook, archive: Archive, site_dir: Path) -> list[ManifestEntry]:
    """The record schema of every issued revision of every form, at its versioned path, so a
    record filled under a superseded revision still validates against the schema it was made with."""
    from generator.records.schema import record_schema, schema_json

    entries = []
    for form in handbook.forms:
        versions = archive.forms.get(form.number)
        revisions = (
            [item.document for item in versions.versions if item.state is not VersionState.DRAFT]
            if versions
            else [form]
        )
        for revision in revisions:
            relative = paths.versioned_record_schema(revision)
            target = site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            text = schema_json(record_schema(revision))
            target.write_text(text, encoding="utf-8")
            digest = hashlib.sha256(text.encode()).hexdigest()
            entries.append(ManifestEntry("versioned-record-schema", form.number, revision.revision, relative, digest))
    return entries


def render_artifacts(
    handbook: Handbook,
    archive: Archive,
    site_dir: Path,
    *,
    root: Path,
    build_date: datetime.date,
    redlines: Redlines | None = None,
    site_url: str | None = None,
) -> list[ManifestEntry]:
    """Write PDFs, record schemas and the manifest into `site_dir`; returns the manifest.

    `redlines` is the build's memo, so the diffs the redline pages computed are reused."""
    entries = write_pdf_files(handbook, archive, site_dir, root, build_date, redlines or Redlines(handbook), site_url)
    entries += write_record_schema_files(in_force_handbook(handbook, archive), site_dir)
    entries += write_versioned_record_schemas(handbook, archive, site_dir)
    entries.sort(key=lambda entry: (entry.kind, entry.number, entry.path))
    manifest = {
        "handbook": handbook.settings.title,
        "build_date": build_date.isoformat(),
        "artifacts": [asdict(entry) for entry in entries],
    }
    (site_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return entries
