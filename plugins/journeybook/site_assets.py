"""The files journeybook adds to every site, and the addresses they are served at.

Shared by the MkDocs plugin (which adds them at build time) and
`journeybook export` (which writes them into the exported docs/), so a site
built either way serves Mermaid, its loader and the CSS at the same place.
"""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
MERMAID_URI = "assets/javascripts/mermaid.min.js"
LOADER_URI = "assets/javascripts/mermaid-loader.js"
CSS_URI = "assets/journeybook/journeybook.css"
#: Filters above long tables (render/table_filters.py); small, so every page carries it.
FILTER_URI = "assets/journeybook/table-filter.js"
DEFAULT_MERMAID_JS = "node_modules/mermaid/dist/mermaid.min.js"
"""Where `npm ci` puts the pinned Mermaid, relative to the handbook's mkdocs.yml."""
