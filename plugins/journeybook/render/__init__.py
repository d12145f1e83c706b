"""Renderers: typed handbook models to Markdown and Mermaid text, no MkDocs import.

The names below are imported on first use (PEP 562): `journeybook validate`
needs only `render.escape` and `render.i18n`, and importing every renderer
would cost it a third of a second on each run.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import Page
    from .index_pages import abbreviations
    from .site import glossary_abbreviations, nav_of, nav_sections, render_pages, render_site, site_context

_WHERE = {
    "Page": ".context",
    "abbreviations": ".index_pages",
    "glossary_abbreviations": ".site",
    "nav_of": ".site",
    "nav_sections": ".site",
    "render_pages": ".site",
    "render_site": ".site",
    "site_context": ".site",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name], __name__), name)


__all__ = [
    "Page",
    "abbreviations",
    "glossary_abbreviations",
    "nav_of",
    "nav_sections",
    "render_pages",
    "render_site",
    "site_context",
]
