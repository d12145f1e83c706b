"""Building blocks of generated Markdown: links, tables, lists.

Numbers, amounts and durations are written by the page language's labels
(``ctx.L.number``, ``ctx.L.money``, ``ctx.L.duration``: see :mod:`.i18n`).

Editor text enters these only through the helpers of :mod:`.escape`, one per
place text lands; they are re-exported here because nearly every renderer
uses ``inline``, ``attr`` and ``block`` together with these building blocks.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from .escape import attr, block, inline, quoted_title

__all__ = ["attr", "block", "bullets", "details", "indent", "inline", "link", "rel", "table"]


def link(label: str, target: str) -> str:
    """A Markdown link whose label is plain editor text."""
    return f"[{inline(label)}]({target})"


def rel(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link between two generated pages, so `mkdocs build --strict` can check it."""
    path = _relpath(posixpath.dirname(from_page), to_page)
    return f"{path}#{anchor}" if anchor else path


@lru_cache(maxsize=1 << 16)
def _relpath(base: str, to_page: str) -> str:
    """posixpath.relpath for the normalised, relative paths of generated pages, without its
    abspath and getcwd calls: pages link to each other tens of thousands of times, mostly
    between the same folders (a journey page to its teams and need groups), so each pair is kept."""
    here = [p for p in base.split("/") if p]
    there = [p for p in to_page.split("/") if p]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (they often hold links)."""
    if not rows:
        return ""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return "\n".join(lines)


def details(title: str, body: str) -> str:
    """A collapsed admonition (pymdownx.details) holding body, e.g. a diagram's table equivalent."""
    return f'??? info "{quoted_title(title)}"\n\n{indent(body)}'


def indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else "" for line in text.splitlines())


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)
