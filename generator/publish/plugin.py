"""The MkDocs plugin (`plugins: - handbook`): pages made in memory from the YAML sources.

MkDocs drives the site build, so `mkdocs build`, `mkdocs serve` and `handbook build` all
go through here. The plugin owns reading: it reads the handbook with the same `read_handbook`
as `handbook check` — once per build, or not at all when `handbook build` has handed over its
checked result, or when `mkdocs serve` rebuilds with unchanged sources (publish/sources.py) —
renders the PDFs, record schemas and manifest into the site folder, and asks the site
renderer for pages (sharing one redline memo). Nothing is ever written into the source folders.

The PDFs are rendered in `on_files`, after MkDocs has emptied the site folder and before any
page is made: the verify pages (verify/<number>/<revision>/) print the sha256 of each PDF,
which exists only once the PDF does. The manifest is written with them, so a page and the
manifest can never disagree about a checksum.
"""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.diagnostics import Severity, format_report
from generator.document.versions import Archive, Redlines
from generator.messages import Text, in_language
from generator.publish.guard import output_folder_diagnostic, write_marker
from generator.publish.guide import guide_navigation
from generator.publish.search_cache import SearchEntryCache, install_search_entry_cache
from generator.publish.sources import SourceCache
from generator.render.site.pages import SiteRenderer
from generator.render.site.search import number_search_index
from generator.render.text import plain_title
from generator.source.model import Handbook
from generator.source.project import FORMS_FOLDER, PROCEDURES_FOLDER, SETTINGS_FILE

log = logging.getLogger("mkdocs.plugins.handbook")

ASSET_FOLDER = Path(__file__).resolve().parent.parent / "assets"
ASSET_URL_FOLDER = "assets/handbook"
# Material theme overrides (main.html, partials/…): searched before the theme's own templates
THEME_OVERRIDES_FOLDER = Path(__file__).resolve().parent.parent / "overrides"


def build_date_from_environment(configured: str | None = None) -> datetime.date:
    """The date pages and PDFs are stamped with: configured, SOURCE_DATE_EPOCH, or today.

    Taken once per build so that two builds of the same sources on the same day (or with
    the same SOURCE_DATE_EPOCH) give identical bytes.
    """
    if configured:
        return datetime.date.fromisoformat(configured)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()


SEARCH_CACHE_FILE = Path(".cache") / "search" / "entries.json"  # search_cache.py


class HandbookPluginConfig(Config):
    root = config_options.Type(str, default="")
    build_date = config_options.Optional(config_options.Type(str))
    artifacts = config_options.Type(bool, default=True)
    search_numbers = config_options.Type(bool, default=True)  # False only to measure search without it


class HandbookPlugin(BasePlugin[HandbookPluginConfig]):
    """Generates every page from `procedures/` and `forms/`; see module docstring."""

    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        self.renderer: SiteRenderer | None = None
        self.root = Path(".")
        self.build_date = datetime.date.today()
        self.bodies: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.archive: Archive | None = None
        self.redlines: Redlines | None = None
        self.sources = SourceCache()
        self.search_cache: SearchEntryCache | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Present so that MkDocs keeps this one instance, and its `sources` cache, across the
        rebuilds of `mkdocs serve` (MkDocs ≥ 1.4 re-creates plugins without this event)."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = (Path(config.config_file_path).parent / self.config.root).resolve()
        try:
            self.build_date = build_date_from_environment(self.config.build_date)
        except ValueError as problem:
            raise PluginError(
                in_language(Text("handbook: build_date must be YYYY-MM-DD: {detail}", detail=problem))
            ) from None
        refusal = output_folder_diagnostic(self.root, Path(config.site_dir), "mkdocs.yml")
        if refusal is not None:
            raise PluginError(f"handbook: {refusal.format()}")
        stamp, result = self.sources.read(self.root)
        for diagnostic in result.diagnostics:
            if diagnostic.severity is Severity.WARNING:
                log.warning(diagnostic.format())
        if result.handbook is None:
            raise PluginError(
                in_language(Text("handbook: the sources have errors:")) + "\n" + format_report(result.diagnostics)
            )
        self.handbook = result.handbook
        versions = self.sources.versions(stamp, self.handbook, result, self.build_date)
        self.archive, self.redlines = versions.archive, versions.redlines
        for diagnostic in self.archive.warnings:
            log.warning(diagnostic.format())
        self.renderer = SiteRenderer(
            self.handbook,
            self.build_date,
            self.archive,
            self.redlines,
            site_url=self.handbook.settings.site_url or config.site_url,
        )
        config.nav = self.renderer.navigation() + guide_navigation(Path(config.docs_dir))
        if str(THEME_OVERRIDES_FOLDER) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_OVERRIDES_FOLDER))
        config.extra_css.append(f"{ASSET_URL_FOLDER}/handbook.css")
        config.extra_css.append(f"{ASSET_URL_FOLDER}/form.css")
        config.extra_css.append(f"{ASSET_URL_FOLDER}/verify.css")
        config.extra_css.append(f"{ASSET_URL_FOLDER}/roles.css")
        config.extra_css.append(f"{ASSET_URL_FOLDER}/flow.css")
        config.extra_javascript.append(f"{ASSET_URL_FOLDER}/handbook.js")
        for watched in (PROCEDURES_FOLDER, FORMS_FOLDER, SETTINGS_FILE):
            path = str(self.root / watched)
            if path not in config.watch:
                config.watch.append(path)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
        self.search_cache = install_search_entry_cache(config.plugins, self.root / SEARCH_CACHE_FILE)
        self.renderer.checksums = self.render_artifacts(config)
        self.bodies = {}
        self.titles = {}
        for page in self.renderer.pages():
            files.append(File.generated(config, page.path, content=page.head))
            self.bodies[page.path] = page.body
            self.titles[page.path] = page.title
        for asset in sorted(ASSET_FOLDER.iterdir()):
            files.append(File.generated(config, f"{ASSET_URL_FOLDER}/{asset.name}", abs_src_path=str(asset)))
        shared_form_css = ASSET_FOLDER.parent / "templates" / "shared" / "form.css"
        if shared_form_css.exists():
            files.append(File.generated(config, f"{ASSET_URL_FOLDER}/form.css", abs_src_path=str(shared_form_css)))
        return files

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """Give the page its title as escaped text: the theme prints `page.meta.title` as HTML."""
        title = self.titles.get(page.file.src_uri)
        if title is not None:
            page.meta["title"] = plain_title(title)
        return markdown

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        """Put the finished HTML body after the page title Markdown produced."""
        body = self.bodies.get(page.file.src_uri)
        return html if body is None else html + body

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.config.search_numbers and self.renderer is not None:
            number_search_index(Path(config.site_dir), self.renderer.handbook)  # after search's on_post_build
        if self.search_cache is not None:
            self.search_cache.save()
        write_marker(Path(config.site_dir))  # the next build may replace this folder

    def render_artifacts(self, config: MkDocsConfig) -> dict[str, str]:
        """PDFs, record schemas and manifest into the (emptied) site folder; path → sha256."""
        if not self.config.artifacts or self.handbook is None or self.archive is None:
            return {}
        from generator.publish.artifacts import render_artifacts  # PDFs are slow to import; only when building

        entries = render_artifacts(
            self.handbook,
            self.archive,
            Path(config.site_dir),
            root=self.root,
            build_date=self.build_date,
            redlines=self.redlines,
            site_url=self.renderer.site_url if self.renderer else None,
        )
        return {entry.path: entry.sha256 for entry in entries}
