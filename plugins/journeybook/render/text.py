"""Escaping editor text for the places it lands in generated Markdown.

Two kinds of text come from the YAML. Plain text (names, steps, pain points)
must read exactly as typed: every character with a meaning in Markdown or
HTML becomes a numeric entity, so ``*``, ``<script>`` or ``[x](y)`` show as
written and never format, link or run. Markdown fields (descriptions,
portraits) may format, but are rendered to HTML here and cleaned by nh3 with
an allow-list of tags and of URL schemes, so raw HTML and ``javascript:``
links never reach a page live.
"""

from __future__ import annotations

import html
import posixpath
import re

import markdown
import nh3

# Characters that make Markdown or HTML syntax anywhere in a line, escaped as
# numeric entities (Python-Markdown passes entities through as text, in tables
# and headings alike). Characters that only matter at the start of a line
# ('#', '-', '+', '>', '1.') are escaped there alone: every entity is one more
# inline match for Python-Markdown, and large handbooks have a lot of text.
_SPECIAL = "\\`*_{}[]<>&|~^="
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in _SPECIAL} | {"\n": " ", "\r": " ", "\t": " "})
_EMOJI_COLON = re.compile(r":(?=\w)")  # ':name:' would become an emoji with pymdownx.emoji
_LINE_START = re.compile(r"^(?:(\d+)([.)])|([#+\-=]))")


def _entity(char: str) -> str:
    return f"&#{ord(char)};"


_ALLOWED_TAGS = {
    "p",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "blockquote",
    "br",
    "h4",
    "h5",
    "h6",
    "del",
    "hr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def inline(text: str) -> str:
    """Plain editor text, safe inline anywhere in Markdown (tables, headings, lists)."""
    out = _EMOJI_COLON.sub("&#58;", " ".join(text.translate(_TABLE).split()))
    start = _LINE_START.match(out)
    if start and start.group(1):
        out = start.group(1) + _entity(start.group(2)) + out[start.end() :]
    elif start:
        out = _entity(out[0]) + out[1:]
    if out.endswith("#"):  # a closing '#' would be cut from an ATX heading
        out = out[:-1] + _entity("#")
    return out


def attr(text: str) -> str:
    """Text for an HTML attribute value in double quotes."""
    return html.escape(" ".join(text.split()), quote=True)


def block(text: str) -> str:
    """An editor's Markdown field as sanitised HTML, on one line so Markdown keeps it whole.

    Raw HTML written by the editor is escaped, not dropped: nothing an editor
    writes is lost, it just does not run.
    """
    if not text.strip():
        return ""
    rendered = markdown.markdown(html.escape(text, quote=False), extensions=["sane_lists"])
    cleaned = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    one_line = " ".join(cleaned.split())
    return f'<div class="jb-prose">{one_line}</div>'


def link(label: str, target: str) -> str:
    """A Markdown link whose label is plain editor text."""
    return f"[{inline(label)}]({target})"


def rel(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link between two generated pages, so `mkdocs build --strict` can check it."""
    path = _relpath(posixpath.dirname(from_page), to_page)
    return f"{path}#{anchor}" if anchor else path


def _relpath(base: str, to_page: str) -> str:
    """posixpath.relpath for the normalised, relative paths of generated pages, without its
    abspath and getcwd calls: pages link to each other tens of thousands of times."""
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
    return f'??? info "{title}"\n\n{indent(body)}'


def indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else "" for line in text.splitlines())


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def hours_text(hours: float, labels: dict[str, str]) -> str:
    """A duration for readers: days when it is a day or more, else hours or minutes."""
    if hours <= 0:
        return "0"
    if hours >= 24:
        days = hours / 24
        return f"{_num(days)} {labels['days']}"
    if hours >= 1:
        return f"{_num(hours)} {labels['hours']}"
    return f"{_num(hours * 60)} {labels['minutes']}"


def _num(value: float) -> str:
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def number(value: float, decimals: int = 0) -> str:
    """Numbers with a thin space as thousands separator, readable in every language."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f")
