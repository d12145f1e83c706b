"""Editor text into every place it lands: one helper per place, and no other way in.

Editor text is data, never markup. Each place where it ends up has its own
syntax, so each gets its own helper, and every renderer and adapter uses these
(tests/test_escape.py pins each one; tests/test_mutation_browser.py poisons every
field of a handbook and opens every page to prove none is missed):

===================  ==========================================================
``inline``           Markdown inline text: table cells, headings, lists, links
``quoted_title``     a title in double quotes: content tabs, admonitions
``block``            an editor's Markdown field, rendered and cleaned by nh3
``html_text``        HTML element content written without Markdown
``attr``             an HTML attribute value in double quotes; also titles the
                     theme prints as they are (page and navigation titles)
``front_matter``     the YAML front matter of a generated page
``mermaid_label``    any label, title or description inside a Mermaid diagram
``csv_cell``         a cell of a CSV export, never a spreadsheet formula
``terminal``         text printed to a terminal or log: no control sequences
===================  ==========================================================
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import cast

import markdown
import nh3
import yaml

__all__ = [
    "attr",
    "block",
    "csv_cell",
    "front_matter",
    "html_text",
    "inline",
    "mermaid_label",
    "quoted_title",
    "terminal",
]

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


@lru_cache(maxsize=1 << 16)
def inline(text: str) -> str:
    """Plain editor text, safe inline anywhere in Markdown (tables, headings, lists).

    Kept per text: names and titles are written on every page that links to them."""
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
        # 'other.md', '#step' or '/path' led to no page of the site (a Markdown field's HTML is not
        # MkDocs' Markdown, whose links it rewrites and checks): the words stay, the link goes.
        url_relative="deny",
        link_rel="noopener noreferrer",
    )
    return f'<div class="jb-prose">{_one_line(cleaned)}</div>'


_PRE = re.compile(r"(<pre>.*?</pre>)", re.S)


def _one_line(html_text: str) -> str:
    """HTML on one line: whitespace collapsed, except in code blocks, whose line breaks become ``&#10;``."""
    parts = _PRE.split(html_text)
    return "".join(
        part.replace("\n", "&#10;") if index % 2 else " ".join(part.split()) for index, part in enumerate(parts)
    ).strip()


def quoted_title(text: str) -> str:
    """A title inside ``"..."`` (``=== "tab"``, ``??? info "title"``): inline text with quotes escaped too."""
    return inline(text).replace('"', _entity('"'))


def html_text(text: str) -> str:
    """Text between HTML tags where no Markdown runs (``<, >, &`` escaped; quotes may stay)."""
    return html.escape(text, quote=False)


def front_matter(meta: Mapping[str, object]) -> str:
    """A page's YAML front matter block.

    The theme prints ``title`` and ``tags`` into the page as they are (Jinja
    autoescape is off in MkDocs), so they are HTML-escaped here; yaml.safe_dump
    then quotes whatever YAML would otherwise read as syntax.
    """

    def escaped(key: str, value: object) -> object:
        if key in ("title", "tags"):
            return [attr(str(v)) for v in value] if isinstance(value, list) else attr(str(value))
        return value

    data = {key: escaped(key, value) for key, value in meta.items()}
    return f"---\n{_simple_yaml(data) or yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n"


# A plain scalar PyYAML writes as it is: a letter or digit first, then no character that is YAML
# syntax somewhere (':', ' #', quotes, brackets, line breaks). Anything else goes to yaml.safe_dump.
_PLAIN = re.compile(r"[^\W_][\w .,()/&;'!?+-]*")
_RESOLVE = cast(
    "Callable[[type[yaml.Node], str, tuple[bool, bool]], str]", yaml.resolver.Resolver().resolve
)
_STR_TAG = "tag:yaml.org,2002:str"
_WIDTH = 80  # yaml.safe_dump's line width: longer plain scalars are folded, so they go there


def _plain(text: str, column: int) -> str | None:
    """text as PyYAML's block-style plain scalar at column, or None if PyYAML would write it otherwise."""
    if (
        column + len(text) > _WIDTH
        or not _PLAIN.fullmatch(text)
        or " #" in text
        or text.endswith(" ")
        or _RESOLVE(yaml.ScalarNode, text, (True, False)) != _STR_TAG
    ):
        return None
    return text


def _number(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        text = repr(value)
        return text if "e" not in text else None
    return None


def _simple_yaml(data: Mapping[str, object]) -> str | None:
    """What yaml.safe_dump(data, allow_unicode=True, sort_keys=False) writes, for the shapes a page's front
    matter has (plain strings, lists of them, a mapping of numbers), or None for anything else.

    Every generated page has front matter, and PyYAML's pure-Python emitter costs about a millisecond
    a page; tests/test_render_speedups.py holds this to PyYAML's output, hostile titles included.
    """
    lines: list[str] = []
    for key, value in data.items():
        if _plain(key, 0) is None:
            return None
        if isinstance(value, str):
            text = _plain(value, len(key) + 2)
            if text is None:
                return None
            lines.append(f"{key}: {text}")
        elif isinstance(value, list) and value:
            lines.append(f"{key}:")
            for item in value:
                text = _plain(item, 2) if isinstance(item, str) else None
                if text is None:
                    return None
                lines.append(f"- {text}")
        elif isinstance(value, dict) and value:
            lines.append(f"{key}:")
            for name, number in value.items():
                text = _number(number)
                if not isinstance(name, str) or _plain(name, 2) is None or text is None:
                    return None
                lines.append(f"  {name}: {text}")
        else:
            return None
    return "\n".join(lines) + "\n"


def mermaid_label(text: str) -> str:
    """Escape one label for any Mermaid diagram: everything but letters, digits and spaces as ``#code;``."""
    return "".join(c if (c.isalnum() and c.isprintable()) or c == " " else f"#{ord(c)};" for c in text)


# Cells starting with these are formulas in Excel, LibreOffice and Google Sheets (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell value: text that a spreadsheet would run as a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def terminal(text: str) -> str:
    """Text for a terminal or log: control and bidi characters shown as ``\\xNN``/``\\uNNNN``, lines kept.

    A value echoed in an error message must not move the cursor, recolour or
    clear the screen, or reorder what the reader sees (Trojan Source).
    """
    if text.isascii():  # nearly every message: the only control characters are then C0 and DEL
        return _ASCII_CONTROL.sub(lambda m: _visible(m.group()), text)
    return "".join(c if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf") else _visible(c) for c in text)


_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
