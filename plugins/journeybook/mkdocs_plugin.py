"""The MkDocs adapter: a thin layer of event handlers over the core and renderers.

on_config   makes sure the Markdown extensions the pages use are enabled and
            adds the small Mermaid loader to extra_javascript;
on_files    loads the YAML (cached between `mkdocs serve` rebuilds), writes a
            file per generated page into the cache folder (only when its text
            changed, so `mkdocs serve --dirty` rebuilds only changed pages),
            adds the Mermaid and CSS assets, and expands the nav;
on_page_markdown  appends the glossary as abbreviations (tooltips);
on_page_content   keeps diagram source out of the search index;
on_post_page      loads Mermaid on the pages that draw a diagram, and only there;
on_serve    watches the YAML folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

from .core import HandbookCache, HandbookError, format_problems, load_handbook
from .render import glossary_abbreviations, nav_sections, render_site
from .render.labels import labels_for
from .render.site import DEFAULT_NAV_MAX_ENTRIES

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
MERMAID_URI = "assets/javascripts/mermaid.min.js"
LOADER_URI = "assets/javascripts/mermaid-loader.js"
LOADER_TAG = re.compile(r'<script src="([^"]*)' + re.escape(LOADER_URI) + '"')
CSS_URI = "assets/journeybook/journeybook.css"
NAV_TITLES = {
    "journeys/index.md": "journeys",
    "need-groups/index.md": "need_groups",
    "teams/index.md": "teams",
    "backlog/index.md": "backlog",
}
REQUIRED_EXTENSIONS = ["attr_list", "md_in_html", "tables", "abbr", "admonition", "pymdownx.details"]


class JourneybookConfig(base.Config):
    data_dir = c.Type(str, default="journeys")
    mermaid_js = c.Type(str, default="node_modules/mermaid/dist/mermaid.min.js")
    tooltips = c.Type(bool, default=True)
    expand_nav = c.Type(bool, default=True)
    nav_max_entries = c.Type(int, default=DEFAULT_NAV_MAX_ENTRIES)
    cache_dir = c.Type(str, default=".cache/journeybook")


class JourneybookPlugin(BasePlugin[JourneybookConfig]):
    def __init__(self) -> None:
        self.cache = HandbookCache()
        self.abbreviations = ""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance, and its cache, across serve rebuilds."""
        self.cache = HandbookCache()

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
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
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        return config

    @event_priority(10)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        data_dir = self._path(config, self.config.data_dir)
        root = Path(config.config_file_path).parent
        try:
            book = load_handbook(data_dir, self.cache, display_root=root)
        except HandbookError as exc:
            raise PluginError(f"journeybook: the handbook data has problems\n{format_problems(exc.problems)}") from None
        language = str(config.theme.get("language") or "en")
        docs_dir = Path(config.docs_dir)
        cache = self._path(config, self.config.cache_dir) / language
        generated: list[File] = []
        for page in render_site(book, language, self.config.nav_max_entries):
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(
                    f"journeybook: docs/{page.path} exists and would be replaced by a generated page; "
                    "rename or remove it"
                )
            written = _write_if_changed(cache / page.path, page.content)
            file = File.generated(config, page.path, abs_src_path=str(written))
            if page.source is not None:
                file.edit_uri = Path(os.path.relpath(page.source, docs_dir)).as_posix()
            generated.append(file)
            files.append(file)
        files.append(File.generated(config, MERMAID_URI, abs_src_path=str(self._path(config, self.config.mermaid_js))))
        files.append(File.generated(config, LOADER_URI, abs_src_path=str(ASSETS / "mermaid-loader.js")))
        files.append(File.generated(config, CSS_URI, abs_src_path=str(ASSETS / "journeybook.css")))
        self.abbreviations = glossary_abbreviations(book, language) if self.config.tooltips else ""
        if self.config.expand_nav and config.nav is not None:
            sections = nav_sections(book, language, self.config.nav_max_entries)
            config.nav = self._expand(config.nav, sections, labels_for(language))
            listed = set(_nav_paths(config.nav))
            for file in generated:
                # Linked from other pages, not listed: no "not in nav" warning, no nav entry.
                if file.is_documentation_page() and file.src_uri not in listed:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        log.debug("generated %d pages (cache: %d hits, %d misses)", len(files), self.cache.hits, self.cache.misses)
        return files

    @staticmethod
    def _expand(nav: list[Any], sections: dict[str, list[object]], labels: dict[str, str]) -> list[Any]:
        """Replace a nav entry that names a generated section index with the whole section."""
        out: list[Any] = []
        for entry in nav:
            if isinstance(entry, str) and entry in sections:
                out.append({labels[NAV_TITLES[entry]]: sections[entry]})
            elif isinstance(entry, dict) and len(entry) == 1:
                ((title, value),) = entry.items()
                if isinstance(value, str) and value in sections:
                    out.append({title: sections[value]})
                elif isinstance(value, list):
                    out.append({title: JourneybookPlugin._expand(value, sections, labels)})
                else:
                    out.append(entry)
            else:
                out.append(entry)
        return out

    def on_page_markdown(self, markdown: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        if self.abbreviations:
            return f"{markdown}\n\n{self.abbreviations}\n"
        return markdown

    def on_page_content(self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        """Keep diagram source, and the collapsed tables that repeat a diagram's data, out of the search index.

        A reader searches for titles, steps, pain points, needs and terms; those are in the page's text.
        """
        html = html.replace('<pre class="mermaid">', '<pre class="mermaid" data-search-exclude>')
        if page.file.generated_by is not None:
            html = html.replace('<details class="info">', '<details class="info" data-search-exclude>')
        return html

    def on_post_page(self, output: str, /, *, page: MkPage, config: MkDocsConfig) -> str:
        """Pages with a diagram load Mermaid themselves, before the loader and the theme's bundle need it."""
        if 'class="mermaid"' not in output:
            return output
        return LOADER_TAG.sub(lambda m: f'<script src="{m.group(1)}{MERMAID_URI}"></script>\n{m.group(0)}', output, 1)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._path(config, self.config.data_dir)))
        return server


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


def _nav_paths(nav: Any) -> list[str]:
    """Every page path named anywhere in a nav tree."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for entry in nav for p in _nav_paths(entry)]
    return []


__all__ = ["JourneybookConfig", "JourneybookPlugin"]
