"""Renderers: typed handbook models to Markdown and Mermaid text, no MkDocs import."""

from __future__ import annotations

from .context import Page
from .site import glossary_abbreviations, nav_sections, render_site

__all__ = ["Page", "glossary_abbreviations", "nav_sections", "render_site"]
