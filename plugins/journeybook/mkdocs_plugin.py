"""The MkDocs adapter: a thin layer of event handlers over the core and renderers.

on_config   first (before the search plugin) refuses a theme.language the theme
            has no strings for, with the likely code; then makes sure the
            Markdown extensions the pages use are enabled and adds the small
            Mermaid loader to extra_javascript;
on_pre_build  loads the YAML (cached between `mkdocs serve` rebuilds) and
            renders every page, before MkDocs empties site_dir, so a failed
            build leaves the previous site as it was;
on_files    writes a file per generated page into the cache folder (only when
            its text changed, so `mkdocs serve --dirty` rebuilds only changed
            pages), adds the Mermaid and CSS assets, and expands the nav;
            under `mkdocs serve` a data mistake does not stop the server:
            every page shows the located messages instead, until the file is
            fixed;
on_page_markdown  appends the glossary as abbreviations (tooltips), and
            leaves out, for a generated page, the Markdown extensions it
            cannot use (after the other plugins' page hooks);
on_page_content   keeps diagram source out of the search index (and restores
            the configured extensions);
on_page_context   dates a generated page by its YAML file's last commit;
on_env      under `mkdocs serve`, keeps the theme's compiled templates for the
            next rebuild (MkDocs makes a new Jinja environment each build);
on_nav, on_post_build  under `mkdocs serve`, keep what the build made for a
            quick rebuild (serve_rebuild.py);
on_post_page      holds the theme's search index back until the reader turns
            to search, and starts loading Mermaid early on the pages that
            draw a diagram, and only there;
on_serve    watches the YAML folder itself, every 0.1 s (serve_watch.py), and
            answers a saved YAML file that changes only page bodies with a
            quick rebuild of those pages;
on_shutdown stops that watcher.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment
from markdown.extensions.toc import slugify as toc_slugify
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils.templates import TemplateContext
from watchdog.observers.polling import PollingObserver

from .core import Handbook, HandbookCache, HandbookError, Problem, format_problems, load_handbook
from .core.freshness import TodayError
from .core.handbook import without_cycle_collection
from .markdown_abbr import NAME as ABBR_GUARD
from .nav import expand_nav, nav_paths
from .page_extensions import needed_extensions
from .render import Page, abbreviations, nav_of, render_pages, site_context
from .render.context import Context
from .render.escape import terminal
from .render.i18n import is_supported, labels_for, language_code, supported_languages
from .render.incremental import IncrementalRenderer
from .render.site import DEFAULT_NAV_MAX_ENTRIES
from .render.text import inline
from .serve_rebuild import (
    LastBuild,
    Snapshot,
    body_change_only,
    known_plugins_only,
    material_search,
    rebuild_pages,
    watched_files,
)
from .serve_watch import DataWatchError, watch_data
from .site_assets import (
    ASSETS,
    CSS_URI,
    DEFAULT_MERMAID_JS,
    FILTER_URI,
    LOADER_URI,
    MERMAID_ESM_URI,
    SEARCH_ON_DEMAND_URI,
    flowchart_modules,
    mermaid_files,
    mermaid_loader,
)
from .template_cache import TemplateCodeCache

log = get_plugin_logger(__name__)

#: The text of a generated page while the data has problems: a stand-in that only keeps the address alive.
PLACEHOLDER_TITLE = "…"
#: A diagram whose source (after any %% directive lines) is a flowchart.
FLOWCHART = re.compile(r'<pre class="mermaid"[^>]*><code>(?:%%[^\n]*\n|\s)*(?:flowchart|graph)\b')
LOADER_TAG = re.compile(r'<script src="([^"]*)' + re.escape(LOADER_URI) + '"')
#: Sections of a journey page left out of the search index (label keys): they repeat what is indexed
#: on the page's step sections or on other pages (step and phase names, pain points, insights, need
#: groups) or hold only figures. Searching for a step, a pain point or a need still finds the journey.
SEARCH_SKIPPED_SECTIONS = ("key_figures", "journey_map", "by_need_group", "failure_demand", "insights", "trace")
#: Generated pages left out of the search index: a journey's traceability page repeats its pain points.
SEARCH_SKIPPED_PAGES = re.compile(r"journeys/[^/]+/traceability\.md")
#: The last one after "abbr": it keeps glossary tooltips out of Python-Markdown's placeholders (markdown_abbr.py).
REQUIRED_EXTENSIONS = ["attr_list", "md_in_html", "tables", "abbr", "admonition", "pymdownx.details", ABBR_GUARD]


class JourneybookConfig(base.Config):
    data_dir = c.Type(str, default="journeys")
    mermaid_js = c.Type(str, default=DEFAULT_MERMAID_JS)
    tooltips = c.Type(bool, default=True)
    expand_nav = c.Type(bool, default=True)
    nav_max_entries = c.Type(int, default=DEFAULT_NAV_MAX_ENTRIES)
    cache_dir = c.Type(str, default=".cache/journeybook")


JOURNEY_PAGE = re.compile(r"journeys/[^/]+/index\.md")
# A diagram on a hand-written page, given the same scrolling box as journeybook's own (render.mermaid.fence).
HAND_WRITTEN_DIAGRAM = re.compile(r'<pre class="mermaid" data-search-exclude>.*?</pre>', re.DOTALL)
# A glossary term's heading, which the abbreviations would make a tooltip of the definition printed under it.
TERM_HEADING = re.compile(r'<h2 id="term-[^"]*">.*?</h2>', re.DOTALL)
ABBR_TAG = re.compile(r"</?abbr\b[^>]*>")


def skipped_headings(config: MkDocsConfig, language: str) -> re.Pattern[str]:
    """The opening tags of a journey page's headings left out of search, by the ids the toc gives them."""
    labels = labels_for(language)
    slugify = (config.mdx_configs.get("toc") or {}).get("slugify") or toc_slugify
    ids = [slugify(labels[key], "-") for key in SEARCH_SKIPPED_SECTIONS]
    return re.compile('(<h2 id="(?:' + "|".join(re.escape(i) for i in ids) + ')")')


class JourneybookPlugin(BasePlugin[JourneybookConfig]):
    def __init__(self) -> None:
        self.cache = HandbookCache()
        #: Where self.cache keeps parsed files on disk (set by on_config).
        self.cache_folder: Path | None = None
        #: Under `mkdocs serve`: the pages of the last build, rendered again only where their data changed.
        self.renderer = IncrementalRenderer()
        #: The text last written for each generated page, so an unchanged page is not even compared on disk.
        self.written: dict[Path, str] = {}
        self.abbreviations = ""
        self.serving = False
        #: The data's problems while `mkdocs serve` shows them instead of the handbook.
        self.problems: list[Problem] = []
        #: Pages generated by the last good build, so their addresses answer with the messages.
        self.generated: set[str] = set()
        self.sources: dict[str, Path] = {}
        #: Per data folder: each file's last commit date (see last_commits).
        self.changed: dict[Path, dict[Path, str]] = {}
        self.pages: list[Page] = []
        self.sections: dict[str, list[object]] = {}
        #: The page language: theme.language when journeybook has its catalog, else English.
        self.language = "en"
        #: The configured Markdown extensions; a generated page is rendered with those it needs.
        self.extensions: list[str] = []
        self._skipped_sections = re.compile("(?!)")  # set by on_config
        #: Whether the site serves Mermaid's module build (on_files); pages with a diagram then preload it.
        self.mermaid_module = False
        #: What a page with a flowchart preloads (on_files).
        self.flowchart_modules: list[str] = []
        #: The Mermaid files the site serves (address: file), found for mermaid_source.
        self.mermaid: dict[str, Path] = {}
        self.mermaid_source: Path | None = None
        #: Under `mkdocs serve`: the theme's templates as compiled by the last rebuild (see on_env).
        self.templates = TemplateCodeCache()
        #: Whether the site has mkdocs-material's search, whose index every page then fetches only on demand.
        self.search_on_demand = False
        #: Under `mkdocs serve`: what the last full build made, for a quick rebuild (serve_rebuild.py).
        self.last_build: LastBuild | None = None
        self.watched: Snapshot = {}
        #: Under serve: the data folder's own watcher (serve_watch.py), stopped when serve ends.
        self.data_watch: PollingObserver | None = None
        self._nav: Navigation | None = None
        self._files = Files([])
        self._env = Environment()

    def on_shutdown(self) -> None:
        self._stop_data_watch()

    def _stop_data_watch(self) -> None:
        if self.data_watch is not None:
            self.data_watch.stop()
            self.data_watch = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance, and its cache, across serve rebuilds."""
        # A new session starts afresh; MkDocs may already have run on_config, which chose the folder.
        # Only `mkdocs serve` writes parsed files: a one-off build (CI) would pay for entries it throws away.
        self.serving = command == "serve"
        self.cache = HandbookCache(self.cache_folder, write=self.serving)
        self.renderer = IncrementalRenderer()
        self.written = {}
        self.templates = TemplateCodeCache()
        self.last_build = None

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def _pages_folder(self, config: MkDocsConfig) -> Path:
        """Where generated pages' texts are written, for MkDocs to read them as files."""
        return self._path(config, self.config.cache_dir) / self.language

    @event_priority(100)
    def _check_theme_language(self, config: MkDocsConfig) -> MkDocsConfig:
        """Before the search plugin and the theme read their strings for theme.language."""
        unknown = unknown_theme_language(config.theme.get("language"), config.theme.dirs)
        if unknown:
            raise PluginError(unknown)
        return config

    def _set_up(self, config: MkDocsConfig) -> MkDocsConfig:
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
        tabbed = "pymdownx.tabbed" in config.markdown_extensions
        if (
            "pymdownx.superfences" not in config.markdown_extensions
            or not any(f.get("name") == "mermaid" for f in fences)
            or not tabbed
        ):
            raise PluginError(
                "journeybook: the generated pages need Mermaid fences and content tabs. Add to mkdocs.yml:\n"
                "markdown_extensions:\n  - pymdownx.tabbed:\n      alternate_style: true\n"
                "  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n"
                "          class: mermaid\n          format: !!python/name:pymdownx.superfences.fence_code_format"
            )
        if not self._path(config, self.config.mermaid_js).is_file():
            raise PluginError(
                f"journeybook: Mermaid not found at {self.config.mermaid_js}. "
                "Run 'npm ci' in the project folder (README, quick start) to install the pinned version."
            )
        # Defines window.mermaid before mkdocs-material's bundle looks for it, so no CDN is ever asked.
        if LOADER_URI not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.insert(0, LOADER_URI)
        if FILTER_URI not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(FILTER_URI)
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        folder = self._path(config, self.config.cache_dir)
        if self.cache_folder != folder:
            # Parsed files kept on disk (by `journeybook validate` and `mkdocs serve`) are read, so a build
            # parses only the files changed since; set here, once, as on_config runs before on_startup.
            self.cache = HandbookCache(folder, write=self.serving)
            self.cache_folder = folder
        self.language = page_language(config.theme.get("language"))
        self.extensions = list(config.markdown_extensions)
        self._skipped_sections = skipped_headings(config, self.language)
        self.search_on_demand = material_search(config) is not None
        return config

    on_config = CombinedEvent(_check_theme_language, _set_up)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Load and render everything before MkDocs empties site_dir.

        MkDocs 1.6 cleans site_dir after this event and before on_files, so a
        mistake in the data raised here leaves the previous site as it was.
        Under `mkdocs serve` the mistake is kept instead, for on_files to show.
        """
        self.last_build = None
        if self.serving:
            # Taken before the build reads anything: a file saved during it then tells the next rebuild.
            self.watched = watched_files(config)
        book = self._load(config)
        if book is None:
            return
        ctx = self._context(book, config)
        if self.serving:
            self.pages = self.renderer.render(ctx)
            log.debug("rendered %d of the handbook's units again", len(self.renderer.rendered))
        else:
            self.pages = render_pages(ctx)
        for page in self.pages:
            if (Path(config.docs_dir) / page.path).exists():
                raise PluginError(
                    f"journeybook: docs/{page.path} exists and would be replaced by a generated page; "
                    "rename or remove it"
                )
        self.abbreviations = abbreviations(ctx) if self.config.tooltips else ""
        self.sections = nav_of(ctx)

    def _load(self, config: MkDocsConfig) -> Handbook | None:
        """The handbook; None under serve when the data has mistakes (kept in self.problems, for on_files)."""
        data_dir = self._path(config, self.config.data_dir)
        root = Path(config.config_file_path).parent
        try:
            book = load_handbook(data_dir, self.cache, display_root=root)
        except HandbookError as exc:
            if not self.serving:
                problems = terminal(format_problems(exc.problems))
                raise PluginError(f"journeybook: the handbook data has problems\n{problems}") from None
            self.problems = list(exc.problems)
            return None
        self.problems = []
        if not self.serving:
            # Only serve reuses parsed files in memory; a build frees them once the pages are rendered.
            self.cache.forget()
        for warning in book.warnings:
            # INFO, not WARNING: validate exits 0 on these, so a strict build must not fail on them.
            log.info("%s", terminal(warning.format_text()))
        return book

    def _context(self, book: Handbook, config: MkDocsConfig) -> Context:
        custom_dir = config.theme.custom_dir
        try:
            return site_context(
                book,
                self.language,
                nav_max_entries=self.config.nav_max_entries,
                # A theme's overrides restyle the handbook's markup too, as they do the theme's partials.
                template_dirs=(Path(custom_dir) / "journeybook",) if custom_dir else (),
                use_directory_urls=config.use_directory_urls,
                tooltips=self.config.tooltips,
            )
        except TodayError as exc:
            raise PluginError(f"journeybook: {terminal(str(exc))}") from None

    @event_priority(10)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.problems:
            return self._error_site(files, config, self.problems)
        docs_dir = Path(config.docs_dir)
        language = self.language
        folder = self._pages_folder(config)
        generated: list[File] = []
        written_before = self.written
        self.written = {}
        for page in self.pages:
            written = folder / page.path
            if written_before.get(written) is not page.content or not written.is_file():
                _write_if_changed(written, page.content)
            if self.serving:
                self.written[written] = page.content
            file = File.generated(config, page.path, abs_src_path=str(written))
            if page.source is not None:
                # A path, not markup: the theme writes the edit link unescaped, and a file's name may hold
                # '"', '<', '#' or '?'.
                file.edit_uri = quote(Path(os.path.relpath(page.source, docs_dir)).as_posix())
                self.sources[page.path] = page.source
            generated.append(file)
            files.append(file)
        self.generated = {page.path for page in self.pages}
        if not self.serving:
            # MkDocs reads each page back from its file. A one-off build that kept every page's text (and
            # the handbook behind it) to the end would hold the whole site twice at its peak.
            self.pages = []
        self._add_assets(files, config)
        if self.config.expand_nav and config.nav is not None:
            config.nav = expand_nav(config.nav, self.sections, labels_for(language))
            listed = set(nav_paths(config.nav))
            for file in generated:
                # Linked from other pages, not listed: no "not in nav" warning, no nav entry.
                if file.is_documentation_page() and file.src_uri not in listed:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        log.debug("generated %d pages (cache: %d hits, %d misses)", len(files), self.cache.hits, self.cache.misses)
        return files

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The stylesheet and scripts every page asks for (Mermaid, its loader, the table filter)."""
        mermaid_js = self._path(config, self.config.mermaid_js)
        if self.mermaid_source != mermaid_js:
            # Found once per session: listing the chunks and reading their imports is not a rebuild's work.
            self.mermaid = dict(mermaid_files(mermaid_js))
            self.mermaid_module = MERMAID_ESM_URI in self.mermaid
            self.flowchart_modules = flowchart_modules(mermaid_js)
            self.mermaid_source = mermaid_js
        for uri, source in self.mermaid.items():
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        files.append(File.generated(config, LOADER_URI, content=mermaid_loader(self.mermaid_module)))
        files.append(File.generated(config, CSS_URI, abs_src_path=str(ASSETS / "journeybook.css")))
        files.append(File.generated(config, FILTER_URI, abs_src_path=str(ASSETS / "table-filter.js")))
        if self.search_on_demand:
            source = ASSETS / "search-on-demand.js"
            files.append(File.generated(config, SEARCH_ON_DEMAND_URI, abs_src_path=str(source)))

    def _error_site(self, files: Files, config: MkDocsConfig, problems: list[Problem]) -> Files:
        """Under `mkdocs serve`: keep serving, with every page (and every generated address) showing the messages.

        The terminal gets the same messages as an error; the browser reloads
        by itself when the fixed file triggers the next rebuild.
        """
        log.error("the handbook data has problems\n%s", terminal(format_problems(problems)))
        self.problems = problems
        wanted = set(self.generated) | {p for p in nav_paths(config.nav) if p.endswith(".md")}
        for path in sorted(wanted):
            if path.endswith(".md") and files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=f"# {PLACEHOLDER_TITLE}\n"))
        self._add_assets(files, config)  # the pages still ask for them: no 404s, no console errors
        return files

    @event_priority(-100)  # last: the extensions are chosen from the page's final text
    def on_page_markdown(self, markdown: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        config["markdown_extensions"] = self.extensions
        if self.problems:
            page.meta["title"] = own_title(page)  # the heading says what is wrong; the nav keeps its entries
            return problem_page(self.problems)
        if self.abbreviations:
            markdown = f"{markdown}\n\n{self.abbreviations}\n"
        if page.file.generated_by is not None:
            config["markdown_extensions"] = needed_extensions(self.extensions, markdown)
            if SEARCH_SKIPPED_PAGES.fullmatch(page.file.src_uri):
                page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return markdown

    @event_priority(-100)  # last: other plugins' content hooks may still read the page's Markdown
    def on_page_content(self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        """Keep diagram source, and the collapsed tables that repeat a diagram's data, out of the search index.

        Diagrams on hand-written pages get the scrolling box journeybook's own diagrams have; a
        glossary term's heading is not a tooltip of the definition printed just under it.

        A reader searches for titles, steps, pain points, needs and terms; those are in the page's text.
        A one-off build then lets go of a generated page's Markdown: MkDocs keeps
        every page until the build ends and needs only the HTML from here on
        (at a thousand journeys that Markdown is 150 MB).
        """
        config["markdown_extensions"] = self.extensions
        html = html.replace('<pre class="mermaid">', '<pre class="mermaid" data-search-exclude>')
        if page.file.generated_by is None:
            # natural size (mermaid-loader.js), so a wide diagram scrolls in a focusable box instead of shrinking
            html = HAND_WRITTEN_DIAGRAM.sub(r'<div class="jb-diagram" tabindex="0">\g<0></div>', html)
        else:
            html = html.replace('<details class="info">', '<details class="info" data-search-exclude>')
            if JOURNEY_PAGE.fullmatch(page.file.src_uri):
                html = self._skipped_sections.sub(r"\1 data-search-exclude", html)
            if page.file.src_uri == Context.GLOSSARY:
                html = TERM_HEADING.sub(lambda m: ABBR_TAG.sub("", m.group()), html)
            if not self.serving:
                page.markdown = ""  # not None: MkDocs reads None as "never read" (no title)
        return html

    @event_priority(-100)  # last: the settings the code depends on include other plugins' filters
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under `mkdocs serve`, a rebuild compiles only the templates whose source changed.

        A one-off build loads each template once anyway and keeps nothing.
        """
        if self.serving:
            self.templates.attach(env)
            self._files, self._env = files, env
        return env

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.serving:
            self._nav = nav
        return nav

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Under `mkdocs serve`, keep what this build made for the quick rebuilds after it."""
        if self.serving and not self.problems and self._nav is not None:
            self.last_build = LastBuild(config, self._files, self._nav, self._env, self.watched)
        self._nav = None

    def on_build_error(self, *, error: Exception) -> None:
        self.last_build = None

    def on_post_page(self, output: str, /, *, page: MkPage, config: MkDocsConfig) -> str:
        """Every page holds the theme's search index back until the reader turns to search
        (assets/search-on-demand.js); pages with a diagram start fetching Mermaid's modules from their <head>.

        Both scripts must be in the <head>: the first runs before the theme's
        bundle asks for the index; the second, so that Mermaid's modules are
        fetched while a large page is still arriving. The loader imports the
        entry once the body is there, and Mermaid then asks for the rest in
        rounds (core, diagram type, layout); preloaded, a flowchart's modules
        are fetched and compiled side by side. Other pages fetch no Mermaid.
        """
        found = LOADER_TAG.search(output)
        if found is None:
            return output
        base = found.group(1)
        head = f'<script src="{base}{SEARCH_ON_DEMAND_URI}"></script>\n' if self.search_on_demand else ""
        if 'class="mermaid"' in output and self.mermaid_module:
            modules = self.flowchart_modules if FLOWCHART.search(output) else [MERMAID_ESM_URI]
            head += "".join(f'<link rel="modulepreload" href="{base}{uri}">\n' for uri in modules)
        return output.replace("</head>", head + "</head>", 1) if head else output

    def on_page_context(
        self, context: TemplateContext, /, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Date a generated page by the last commit of its YAML file (the theme shows it under the page)."""
        source = self.sources.get(page.file.src_uri)
        if source is not None and not self.problems:
            changed = self._last_commit(source)
            if changed:
                page.meta["git_revision_date_localized"] = (
                    f'<span class="git-revision-date-localized-plugin git-revision-date-localized-plugin-iso_date"'
                    f' title="{labels_for(self.language)["last_changed"]}">'
                    f"{changed}</span>"
                )
        return context

    def _last_commit(self, path: Path) -> str:
        """YYYY-MM-DD of the last commit touching path, or '' outside a git checkout.

        Without a date the page keeps what the git-revision-date-localized
        plugin gave it (the build date, with fallback_to_build_date). The
        dates of a whole folder come from one `git log` (see last_commits).
        """
        if path.parent not in self.changed:
            self.changed[path.parent] = last_commits(path.parent)
        return self.changed[path.parent].get(path, "")

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Watch the YAML folder; answer a saved YAML file with a quick rebuild where one will do."""
        self._stop_data_watch()
        data = self._path(config, self.config.data_dir)
        try:
            self.data_watch = watch_data(server, data)
        except DataWatchError as exc:
            log.warning("%s; edits to it do not reload the page: create it and start serve again", exc)
        if self.data_watch is not None:
            log.info("watching '%s' for changes every %.2g s", data, self.data_watch.timeout)
        full = getattr(server, "builder", None)
        if callable(full):

            def rebuild() -> None:
                # The collector would walk everything serve keeps (every page, the nav, the handbook) to free
                # the few pages a quick rebuild replaces; it runs later, while the editor reads the page.
                with without_cycle_collection():
                    quick = self._quick_rebuild()
                if not quick:
                    full()

            server.builder = rebuild
        return server

    def _quick_rebuild(self) -> bool:
        """Render and write again only the pages a YAML edit changed; False: a full build is needed.

        See serve_rebuild.py for when that holds and what it leaves as it was.
        """
        last = self.last_build
        if last is None or not known_plugins_only(last.config) or watched_files(last.config) != last.watched:
            return False
        started = time.monotonic()
        try:
            book = self._load(last.config)
            if book is None:
                return False
            ctx = self._context(book, last.config)
            before = {page.path: page for page in self.pages}
            pages = self.renderer.render(ctx)
            if [p.path for p in pages] != list(before) or nav_of(ctx) != self.sections:
                return False
            if (abbreviations(ctx) if self.config.tooltips else "") != self.abbreviations:
                return False
            changed = [
                p for p in pages if p.content is not before[p.path].content and p.content != before[p.path].content
            ]
            if not all(body_change_only(before[p.path].content, p.content) for p in changed):
                return False
            folder = self._pages_folder(last.config)
            for page in changed:
                written = folder / page.path
                _write_if_changed(written, page.content)
                self.written[written] = page.content
            self.pages = pages
            urls = rebuild_pages(last, [p.path for p in changed])
        except Exception as exc:  # any failure here is answered by MkDocs' own full build
            log.debug("quick rebuild not possible (%s: %s); building everything", type(exc).__name__, exc)
            self.last_build = None
            return False
        log.info(
            "rebuilt %d changed page%s in %.2f seconds: %s",
            len(urls),
            "" if len(urls) == 1 else "s",
            time.monotonic() - started,
            ", ".join(urls) or "none",
        )
        return True


def unknown_theme_language(theme_language: object, theme_dirs: list[str]) -> str | None:
    """What to write instead of a theme.language the theme has no strings for, or None.

    mkdocs-material reads its strings from `partials/languages/<language>.html` (its search plugin first,
    in on_config): 'EN', 'en-GB' or an empty value stopped the build with a template traceback.
    """
    folders = [Path(d, "partials", "languages") for d in theme_dirs if Path(d, "partials", "languages").is_dir()]
    if not folders:
        return None  # a theme without per-language strings takes any language
    wanted = str(theme_language if theme_language is not None else "")
    known = sorted({f.stem for folder in folders for f in folder.glob("*.html")})
    if wanted in known:
        return None
    by_case = {k.lower(): k for k in known}
    close = [by_case[wanted.lower()]] if wanted.lower() in by_case else []
    close = close or [k for k in known if k == wanted.split("-")[0].split("_")[0].lower()]
    close = close or [by_case[m] for m in difflib.get_close_matches(wanted.lower(), by_case, n=3)]
    return (
        f"mkdocs.yml: theme.language '{terminal(wanted)}' is not a language of the theme\n"
        f"    expected: one of the theme's language codes ({', '.join(known[:12])}, ...)\n"
        "    hint:     "
        + (f"did you mean '{close[0]}'?" if close else "write a code such as 'en', 'sv' or 'pt-BR'")
    )


def page_language(theme_language: object) -> str:
    """The language of the generated pages: the theme's, when journeybook has a catalog for it.

    Otherwise the pages are in English and the build says so (a warning, so
    `mkdocs build --strict` stops until a catalog is added or the language changed).
    """
    wanted = str(theme_language or "en")
    if is_supported(wanted):
        code = language_code(wanted)
        missing = labels_for(code).missing
        if missing:
            # INFO: a catalog being translated still builds; the log names what is shown in English.
            log.info(
                "%d labels have no '%s' translation and show in English: %s",
                len(missing),
                code,
                ", ".join(sorted(missing)),
            )
        return code
    log.warning(
        "no labels for theme.language '%s' (journeybook has: %s); the generated pages are in English. "
        "Add a catalog locale/%s/LC_MESSAGES/journeybook.po (docs/reference.md, Languages) or use one of these.",
        terminal(wanted),
        ", ".join(supported_languages()),
        terminal(language_code(wanted)),
    )
    return "en"


def last_commits(folder: Path) -> dict[Path, str]:
    """The date (YYYY-MM-DD) of the last commit touching each file under folder, from one `git log`.

    The log lists commits newest first with the files each touched, so a file's
    first appearance is what `git log -1 --format=%cs -- file` gives; one process
    for the folder instead of one per page. Empty outside a git checkout.
    """
    try:
        done = subprocess.run(
            ["git", "log", "-z", "--format=%x01%cs", "--name-only", "--relative", "--", "."],
            cwd=folder,
            capture_output=True,
            check=False,
        )
    except OSError:
        return {}
    if done.returncode != 0:
        return {}
    dates: dict[Path, str] = {}
    for record in done.stdout.decode("utf-8", "surrogateescape").split("\x01")[1:]:
        date, *names = record.split("\0")
        for name in names:
            name = name.lstrip("\n")
            if name:
                dates.setdefault(folder / name, date)
    return dates


def _write_if_changed(path: Path, text: str) -> Path:
    """Write a generated page to the cache folder unless it already holds this text.

    An unchanged file keeps its modification time, so `mkdocs serve --dirty`
    (and `mkdocs build --dirty`) leave its page alone.
    """
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return path
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def own_title(page: MkPage) -> str:
    """The title a page keeps in the nav and the browser tab while it shows the data's problems.

    A hand-written page keeps its own; a generated page, whose text is only a placeholder while
    the data cannot be read, is named for its address ("journeys/move-now.md" -> "Move now"), so
    the nav's entries stay told apart instead of all reading "Handbook data has problems".
    """
    title: str | None = page.title
    if title and title != PLACEHOLDER_TITLE:
        return title
    parts = [part for part in posixpath.splitext(page.file.src_uri)[0].split("/") if part not in ("index", "README")]
    return (parts[-1] if parts else "Home").replace("-", " ").replace("_", " ").capitalize()


def problem_page(problems: list[Problem]) -> str:
    """The page `mkdocs serve` shows while the data has problems: every message, located, escaped."""
    count = len(problems)
    out = [
        "# Handbook data has problems",
        f"{count} {'problem' if count == 1 else 'problems'} found. Fix the files below and save: "
        "this page reloads by itself and the handbook comes back.",
    ]
    for problem in problems:
        lines = [f"- **{inline(f'{problem.file}:{problem.line}:{problem.column}')}** {inline(problem.message)}"]
        for label, value in (
            ("field", problem.field),
            ("found", problem.found),
            ("expected", problem.expected),
            ("hint", problem.hint),
        ):
            if value:
                lines.append(f"    - {label}: {inline(value)}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


__all__ = ["JourneybookConfig", "JourneybookPlugin", "problem_page"]
