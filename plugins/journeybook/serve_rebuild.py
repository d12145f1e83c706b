"""Under `mkdocs serve`, a saved YAML file rebuilds only the pages whose text it changed.

MkDocs answers every saved file with a whole build, `--dirty` or not: it
reads the config again, lists every file and the theme's templates, makes the
nav and a page object for every page, and asks each plugin again. At 200
journeys (a thousand pages) that costs more than the pages an edit changes.
When only YAML in the data folder changed, and the change leaves every page's
address, front matter (title, tags, hide), the nav and the glossary as they
were, nothing another page shows can have changed but those pages' bodies:
the journeybook renderer already renders again every page whose data changed
(render/incremental.py). So those pages go through MkDocs' own page steps
(read, convert, every plugin's page hooks, the theme's template) with the
nav, files and Jinja environment of the last full build, and the search
index is written again with their entries replaced.

Anything else is a full build, as MkDocs does it: a change under docs_dir,
to mkdocs.yml, to the theme's custom_dir or to a `watch:` folder; a new,
removed or renamed page; a changed title or tag; a data mistake (the message
page); a plugin this module does not know (it cannot know what that plugin
keeps across pages). What a quick rebuild leaves as it was, until the next
full build: the warnings of links into a changed page's headings from other
pages (MkDocs checks anchors only in a full build) and sitemap.xml.

This reaches into MkDocs 1.6's build steps (`_populate_page`, `_build_page`)
and mkdocs-material's search index, both pinned; when they are missing, or a
quick rebuild fails for any reason, the full build runs instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage

MATERIAL_SEARCH = "material.plugins.search.plugin"
#: Plugins whose page hooks can run again for one page without a whole build (module of the class).
KNOWN_PLUGINS = frozenset(
    {
        "journeybook.mkdocs_plugin",
        MATERIAL_SEARCH,
        "material.plugins.tags.plugin",
        "mkdocs_git_revision_date_localized_plugin.plugin",
    }
)

Snapshot = dict[str, tuple[int, int]]


@dataclass
class LastBuild:
    """What the last full build made, for a quick rebuild to reuse."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    #: The files MkDocs watches besides the data folder, as they were when that build started.
    watched: Snapshot = field(default_factory=dict)


def watched_files(config: MkDocsConfig) -> Snapshot:
    """Modification time and size of every file MkDocs' watcher would rebuild for, but the data folder.

    The theme's installed folders (under the Python prefix) are left out: MkDocs
    watches them only with --watch-theme, and listing mkdocs-material's icons
    takes longer than the rebuild saved.
    """
    roots = [config.docs_dir, config.config_file_path or "", *(str(p) for p in config.watch)]
    prefixes = tuple({sys.prefix, sys.base_prefix})
    roots += [d for d in config.theme.dirs if not os.path.abspath(d).startswith(prefixes)]
    found: Snapshot = {}
    for root in roots:
        if not root:
            continue
        if os.path.isfile(root):
            stat = os.stat(root)
            found[root] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, _, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def known_plugins_only(config: MkDocsConfig) -> bool:
    return all(type(plugin).__module__ in KNOWN_PLUGINS for plugin in config.plugins.values())


def front_matter(text: str) -> str:
    """The YAML block at the top of a generated page ('' when it has none)."""
    if not text.startswith("---\n"):
        return ""
    end = text.find("\n---\n", 3)
    return text[: end + 5] if end >= 0 else ""


def body_change_only(old: str, new: str) -> bool:
    """Whether a page changed only below its front matter, which holds its title and tags for the nav."""
    matter = front_matter(new)
    return bool(matter) and "\ntitle:" in matter and matter == front_matter(old)


def rebuild_pages(last: LastBuild, paths: Iterable[str]) -> list[str]:
    """Convert and write these generated pages again as a full build would; their addresses."""
    from mkdocs.commands.build import _build_page, _populate_page

    config, files = last.config, last.files
    pages: list[MkPage] = []
    for path in paths:
        file = files.get_file_from_path(path)
        if file is None or not isinstance(file.page, MkPage):
            raise LookupError(f"no page for {path} in the last build")
        pages.append(file.page)
    search = material_search(config)
    index = None if search is None else search.search_index
    urls = {page.url for page in pages}
    if index is not None:
        index.entries = [entry for entry in index.entries if entry["location"].partition("#")[0] not in urls]
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for page in pages:
        _populate_page(page, config, files)
        _build_page(page, config, doc_files, last.nav, last.env, excluded=bool(page.file.inclusion.is_excluded()))  # type: ignore[no-untyped-call]
    if index is not None:
        target = Path(config.site_dir) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index.generate_search_index(None), encoding="utf-8")
    return sorted(urls)


def material_search(config: MkDocsConfig) -> Any:
    """mkdocs-material's search plugin when the site has it switched on, else None."""
    for plugin in config.plugins.values():
        if type(plugin).__module__ == MATERIAL_SEARCH:
            return plugin if plugin.config.enabled else None
    return None
