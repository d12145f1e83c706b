"""HTML of repeated structures (grids, cards) from Jinja2 templates, and the small fragments put in them.

The templates live in ``templates/`` next to this module; a theme's
``custom_dir/journeybook/`` folder is searched first, so an organisation can
restyle the map without forking (as mkdocs-material's partials are
overridden). The environment escapes every value (autoescape), and the
:mod:`.escape` helpers that write HTML are its filters: editor text is data,
and only what those helpers return is marked safe.

The output is HTML emitted as it is: no ``markdown="1"``, so it builds the
same in engines other than Python-Markdown, and Markdown does not parse it.
Links in it therefore point to built URLs (`Context.href`), not to ``.md``
files.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from markupsafe import escape as _escape

from . import escape

TEMPLATES = Path(__file__).with_name("templates")
"""The packaged templates; see docs/reference.md, "Templates", for what each gets."""


def _safe_block(text: str) -> Markup:
    """An editor's Markdown field: rendered and cleaned by escape.block, marked safe only then."""
    return Markup(escape.block(text))


def _safe_attr(text: str) -> Markup:
    return Markup(escape.attr(text))


def _safe_text(text: str) -> Markup:
    return Markup(escape.html_text(text))


@lru_cache(maxsize=8)
def environment(template_dirs: tuple[Path, ...] = ()) -> Environment:
    """One environment per list of override folders (a build has one), so templates compile once."""
    loaders = [FileSystemLoader(str(folder)) for folder in template_dirs]
    env = Environment(
        loader=ChoiceLoader([*loaders, FileSystemLoader(str(TEMPLATES))]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["block"] = _safe_block
    env.filters["attr"] = _safe_attr
    env.filters["html_text"] = _safe_text
    return env


def render(template_dirs: tuple[Path, ...], name: str, **values: object) -> str:
    """A template's HTML, on lines that start at the margin so Markdown passes it through as a raw block."""
    return environment(template_dirs).get_template(name).render(**values).strip()


class Abbreviations:
    """Glossary terms in the text of emitted HTML marked as ``<abbr title>``, as Python-Markdown's abbr
    extension marks them in Markdown (whole words, longest first), so tooltips show in grids and cards too.

    Only for journeybook's own output, whose tags hold no ``>`` (attribute values are escaped);
    drawings (``<svg>``) and code are left as they are.
    """

    _TAG = re.compile(r"(<[^>]*>)")

    def __init__(self, titles: Mapping[str, str]) -> None:
        self.titles = {word: title for word, title in titles.items() if title}
        words = "|".join(re.escape(w) for w in sorted(self.titles, key=len, reverse=True))
        self.pattern = re.compile(rf"\b(?:{words})\b" if words else "(?!)")
        self._marked_cache: dict[str, str] = {}
        self._depth_cache: dict[str, int] = {}

    def _marked(self, text: str) -> str:
        """One text node (escaped HTML): matched on the text it shows, so no term matches inside an entity."""
        plain = html.unescape(text)
        out, last = [], 0
        for match in self.pattern.finditer(plain):
            word = match.group(0)
            out.append(html.escape(plain[last : match.start()], quote=False))
            out.append(f'<abbr title="{escape.attr(self.titles[word])}">{html.escape(word, quote=False)}</abbr>')
            last = match.end()
        if not out:
            return text
        out.append(html.escape(plain[last:], quote=False))
        return "".join(out)

    @staticmethod
    def _depth(tag: str) -> int:
        """+1 for a tag that opens a drawing or code (left unmarked), -1 for one that closes it, else 0."""
        name = tag[1:].split(None, 1)[0].rstrip(">/").lower() if len(tag) > 2 else ""
        return 1 if name in ("svg", "code", "pre") else -1 if name in ("/svg", "/code", "/pre") else 0

    def __call__(self, text: str) -> str:
        # A page's text nodes and tags repeat (labels, names, the same cell markup on every row):
        # each distinct one is looked at once per build.
        marked, depth = self._marked_cache, self._depth_cache
        out = []
        skip = 0
        for part in self._TAG.split(text):
            if part.startswith("<"):
                step = depth.get(part)
                if step is None:
                    step = depth[part] = self._depth(part)
                skip += step
                out.append(part)
            elif skip or not part:
                out.append(part)
            else:
                done = marked.get(part)
                if done is None:
                    done = marked[part] = self._marked(part)
                out.append(done)
        return "".join(out)


# --- fragments inside a cell or card line; every argument is escaped ---
# f-strings with an explicit escape of each value: Markup.format runs Python's string.Formatter,
# and a large handbook writes these tens of thousands of times. escape() leaves Markup as it is,
# as Markup.format does.


def a(label: str, href: str) -> Markup:
    """A link whose label is editor text."""
    return Markup(f'<a href="{_escape(href)}">{_escape(label)}</a>')


def strong(text: str) -> Markup:
    return Markup(f"<strong>{_escape(text)}</strong>")


def em(text: str) -> Markup:
    return Markup(f"<em>{_escape(text)}</em>")


def join(separator: str | Markup, items: Iterable[str | Markup]) -> Markup:
    """Items joined with a separator; plain strings among them are escaped."""
    return Markup.escape(separator).join(items)


#: A line break; the space after it (not drawn at a line's start) keeps the lines apart in the search index.
LINE_BREAK = "<br> "
BR = Markup(LINE_BREAK)
