"""The MkDocs adapter: a thin layer of event handlers over the core and renderers.

on_config   makes sure the Markdown extensions the pages use are enabled and
            puts the self-hosted Mermaid first in extra_javascript;
on_pre_build  loads the YAML (cached between `mkdocs serve` rebuilds) and
            renders every page, before MkDocs empties site_dir, so a failed
            build leaves the previous site as it was;
on_files    adds a generated file per page, the Mermaid and CSS assets, and
            expands the nav;
on_page_markdown  appends the glossary as abbreviations (tooltips);
on_serve    watches the YAML folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from .core import HandbookCache, HandbookError, format_problems, load_handbook
from .render import Page, glossary_abbreviations, nav_sections, render_site
from .render.escape import terminal
from .render.labels import labels_for

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
MERMAID_URI = "assets/javascripts/mermaid.min.js"
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


class JourneybookPlugin(BasePlugin[JourneybookConfig]):
    def __init__(self) -> None:
        self.cache = HandbookCache()
        self.abbreviations = ""
        self.pages: list[Page] = []
        self.sections: dict[str, list[object]] = {}

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
        # Before mkdocs-material's bundle looks for window.mermaid, so no CDN is ever asked.
        if MERMAID_URI not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.insert(0, MERMAID_URI)
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Load and render everything before MkDocs empties site_dir.

        MkDocs 1.6 cleans site_dir after this event and before on_files, so a
        mistake in the data raised here leaves the previous site as it was.
        """
        data_dir = self._path(config, self.config.data_dir)
        root = Path(config.config_file_path).parent
        try:
            book = load_handbook(data_dir, self.cache, display_root=root)
        except HandbookError as exc:
            problems = terminal(format_problems(exc.problems))
            raise PluginError(f"journeybook: the handbook data has problems\n{problems}") from None
        language = str(config.theme.get("language") or "en")
        self.pages = render_site(book, language)
        for page in self.pages:
            if (Path(config.docs_dir) / page.path).exists():
                raise PluginError(
                    f"journeybook: docs/{page.path} exists and would be replaced by a generated page; "
                    "rename or remove it"
                )
        self.abbreviations = glossary_abbreviations(book, language) if self.config.tooltips else ""
        self.sections = nav_sections(book, language)

    @event_priority(10)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        docs_dir = Path(config.docs_dir)
        for page in self.pages:
            file = File.generated(config, page.path, content=page.content)
            if page.source is not None:
                file.edit_uri = Path(os.path.relpath(page.source, docs_dir)).as_posix()
            files.append(file)
        files.append(File.generated(config, MERMAID_URI, abs_src_path=str(self._path(config, self.config.mermaid_js))))
        files.append(File.generated(config, CSS_URI, abs_src_path=str(ASSETS / "journeybook.css")))
        if self.config.expand_nav and config.nav is not None:
            language = str(config.theme.get("language") or "en")
            config.nav = self._expand(config.nav, self.sections, labels_for(language))
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

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._path(config, self.config.data_dir)))
        return server


__all__ = ["JourneybookConfig", "JourneybookPlugin"]
