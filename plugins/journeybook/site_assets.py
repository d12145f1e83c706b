"""The files journeybook adds to every site, and the addresses they are served at.

Shared by the MkDocs plugin (which adds them at build time) and
`journeybook export` (which writes them into the exported docs/), so a site
built either way serves Mermaid, its loader and the CSS at the same place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
#: Mermaid in one classic script (3.5 MB): what the loader falls back to where the module build cannot load.
MERMAID_URI = "assets/javascripts/mermaid.min.js"
#: Mermaid's ES module build: a 30 KB entry that imports its core chunks, then only the chunks of the
#: diagram types a page draws. Its imports are relative ("./chunks/mermaid.esm.min/…"), so the chunk
#: folder keeps its place beside it.
MERMAID_ESM_URI = "assets/javascripts/mermaid.esm.min.mjs"
MERMAID_CHUNKS = "chunks/mermaid.esm.min"
LOADER_URI = "assets/javascripts/mermaid-loader.js"
CSS_URI = "assets/journeybook/journeybook.css"
#: Filters above long tables (render/table_filters.py); small, so every page carries it.
FILTER_URI = "assets/journeybook/table-filter.js"
#: Holds back the theme's request for the search index until the reader turns to search (every page's <head>).
SEARCH_ON_DEMAND_URI = "assets/journeybook/search-on-demand.js"
#: The modules a flowchart needs beyond the core: its diagram code and the dagre layout, which Mermaid
#: imports one after the other as it draws (their file names carry a content hash).
FLOWCHART_MODULES = ("flowDiagram-*.mjs", "dagre-*.mjs")
_STATIC_IMPORT = re.compile(r'(?:\bfrom|\bimport)\s*"(\./[^"]+\.mjs)"')
DEFAULT_MERMAID_JS = "node_modules/mermaid/dist/mermaid.min.js"
"""Where `npm ci` puts the pinned Mermaid, relative to the handbook's mkdocs.yml."""


def mermaid_files(mermaid_js: Path) -> Iterator[tuple[str, Path]]:
    """(address in the site, file) for each Mermaid file the site serves, given the configured mermaid.min.js.

    The module build is served when it sits beside mermaid_js, as in npm's
    `dist/` folder; source maps are left out (they are 4 times the code).
    """
    yield MERMAID_URI, mermaid_js
    entry = mermaid_js.parent / Path(MERMAID_ESM_URI).name
    if not entry.is_file():
        return
    yield MERMAID_ESM_URI, entry
    folder = Path(MERMAID_ESM_URI).parent.as_posix()
    for chunk in sorted((mermaid_js.parent / MERMAID_CHUNKS).glob("*.mjs")):
        yield f"{folder}/{MERMAID_CHUNKS}/{chunk.name}", chunk


def mermaid_loader(module_build: bool) -> str:
    """The loader's text, told whether the site serves Mermaid's module build (else it loads the single file)."""
    text = (ASSETS / "mermaid-loader.js").read_text(encoding="utf-8")
    return text if module_build else text.replace("var moduleBuild = true;", "var moduleBuild = false;", 1)


def flowchart_modules(mermaid_js: Path) -> list[str]:
    """Site addresses of every module a flowchart loads: the entry, the flowchart and layout code, their imports.

    A page with a flowchart preloads them all at once (`<link rel="modulepreload">`), so that the
    browser fetches and compiles them side by side instead of in the three rounds in which Mermaid
    asks for them (core, then the diagram type, then the layout). Empty without the module build.
    """
    dist = mermaid_js.resolve().parent
    entry = dist / Path(MERMAID_ESM_URI).name
    if not entry.is_file():
        return []
    pending = [entry, *(m for pattern in FLOWCHART_MODULES for m in (dist / MERMAID_CHUNKS).glob(pattern))]
    found: set[Path] = set()
    while pending:
        module = pending.pop()
        if module in found or not module.is_file():
            continue
        found.add(module)
        imports = _STATIC_IMPORT.findall(module.read_text(encoding="utf-8"))
        pending.extend((module.parent / name).resolve() for name in imports)
    folder = Path(MERMAID_ESM_URI).parent.as_posix()
    return sorted(f"{folder}/{m.relative_to(dist).as_posix()}" for m in found)
