"""Renderers: typed handbook models to Markdown and Mermaid text, no MkDocs import."""

from __future__ import annotations

from .context import Page
from .index_pages import abbreviations
from .site import glossary_abbreviations, nav_of, nav_sections, render_pages, render_site, site_context

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
