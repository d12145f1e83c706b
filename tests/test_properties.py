"""Property-based: random text in every field never crashes validate, and never becomes live HTML.

Handbooks are made from the small test handbook by drawing, for every
free-text field the models declare (tests/hostile_data.py finds them), a
random text mixed with HTML, Markdown, Mermaid and YAML syntax; some examples
also put a random value of a random type into a random field. Properties:
loading raises nothing but HandbookError, and whatever loads renders every page
to Markdown that Python-Markdown, with the project's extensions, turns into
HTML without script, img, svg, iframe, object or embed elements, on* attributes
or script-scheme links.

CI runs the small derandomized profile; the thorough one is started by hand:
``HYPOTHESIS_PROFILE=thorough .venv/bin/pytest tests/test_properties.py`` (10 000
examples, about 0.6 s each on one core; HYPOTHESIS_EXAMPLES=N changes the count).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI
from hostile_data import replace_free_text
from journeybook.core import HandbookError, load_handbook
from journeybook.render import glossary_abbreviations, render_site

settings.register_profile(
    "ci", max_examples=100, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough",
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "10000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SYNTAX = [
    "<script>x()</script>",
    "<img src=x onerror=x()>",
    '"><svg onload=x()>',
    "' onmouseover='x()",
    "<iframe src=javascript:x()>",
    "[a](javascript:x())",
    "<javascript:x()>",
    "[b](data:text/html,x)",
    "![i](x)",
    "*[abbr]: <b>t</b>",
    '=== "tab',
    '??? info "t',
    "```",
    "\n\n    indented",
    "\n- item",
    "\n# head",
    "|",
    "-->",
    "%%{init: {}}%%",
    ":::",
    "end",
    "&#60;script&#62;",
    "&lt;",
    "<!--",
    "{: onclick=x() }",
    "{#id .class onclick='x()'}",
    "\\",
    "---",
    "=SUM(A1)",
]
TEXT = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from(SYNTAX)),
    min_size=1,
    max_size=6,
).map("".join)
ANY_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
FILES = sorted(p.relative_to(MINI).as_posix() for p in MINI.rglob("*.yml"))
MINI_DATA = {name: (MINI / name).read_text(encoding="utf-8") for name in FILES}
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.tabbed",
    "pymdownx.superfences",
]
MD = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"pymdownx.tabbed": {"alternate_style": True}})
FORBIDDEN_TAGS = {"script", "img", "svg", "iframe", "object", "embed", "style", "form", "base", "meta", "link"}


class _LiveHtml(HTMLParser):
    """Collects every element or attribute that could run or load something."""

    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            scheme = "".join((value or "").split()).lower()
            script_link = name in ("href", "src") and scheme.startswith(("javascript:", "data:", "vbscript:"))
            if name.startswith("on") or script_link:
                self.live.append(f"<{tag} {name}={value!r}>")


def live_html(html: str) -> list[str]:
    parser = _LiveHtml()
    parser.feed(html)
    parser.close()
    return parser.live


def _children(node: Any) -> list[tuple[Any, Any]]:
    if isinstance(node, dict):
        return list(node.items())
    return list(enumerate(node)) if isinstance(node, list) else []


@st.composite
def handbooks(draw: st.DrawFn) -> dict[str, Any]:
    """The mini handbook's YAML data with random text in every free-text field, and maybe one wild value."""
    data = {name: yaml.safe_load(text) for name, text in MINI_DATA.items()}
    for name in FILES:
        replace_free_text(data[name], (MINI / name).parent, lambda text, _markdown: draw(TEXT))
    if draw(st.booleans()):
        name = draw(st.sampled_from(FILES))
        node: Any = data[name]
        for _ in range(draw(st.integers(0, 4))):
            children = _children(node)
            if not children:
                break
            key, child = draw(st.sampled_from(children))
            if not isinstance(child, dict | list) or draw(st.booleans()):
                node[key] = draw(ANY_VALUE)
                break
            node = child
    return data


def _written(data: dict[str, Any]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="jb-prop-") as tmp:
        root = Path(tmp) / "h"
        shutil.copytree(MINI, root)  # keeps the CSV files the metrics read
        for name, content in data.items():
            (root / name).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        yield root


@given(handbooks())
def test_random_handbooks_validate_or_say_why_and_render_inert(data: dict[str, Any]) -> None:
    for root in _written(data):
        try:
            book = load_handbook(root, display_root=root)
        except HandbookError as exc:
            assert exc.problems, "a HandbookError without a problem"
            return
        abbreviations = glossary_abbreviations(book)
        for page in render_site(book):
            if not page.path.endswith(".md"):
                continue
            _, front, body = page.content.split("---\n", 2)
            meta = yaml.safe_load(front)
            # the theme prints title and tags into the page as they are
            assert live_html(" ".join([meta["title"], *meta.get("tags", [])])) == [], page.path
            MD.reset()
            html = MD.convert(f"{body}\n\n{abbreviations}\n")
            assert live_html(html) == [], page.path
