"""A generated page rendered with only the Markdown extensions it needs reads exactly as with all of them.

Checked on every generated page of the example handbook, and on pages whose
editor Markdown uses each extension's syntax (a table, an admonition, tabs, a
fence in a description): the HTML must be the same byte for byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest
from mkdocs.config import load_config

from conftest import EXAMPLE, build_site, write_config
from journeybook.core import load_handbook
from journeybook.page_extensions import needed_extensions
from journeybook.render import glossary_abbreviations, render_site


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, Any]]:
    config = load_config(str(write_config(tmp_path_factory.mktemp("ext"), EXAMPLE)))
    return list(config.markdown_extensions), dict(config.mdx_configs)


def html(text: str, extensions: list[str], configs: dict[str, Any]) -> str:
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)


def test_every_generated_page_reads_the_same_with_fewer_extensions(
    configured: tuple[list[str], dict[str, Any]],
) -> None:
    extensions, configs = configured
    book = load_handbook(EXAMPLE)
    abbreviations = glossary_abbreviations(book)
    fewer = 0
    for page in render_site(book):
        if not page.path.endswith(".md"):
            continue
        text = f"{page.content}\n\n{abbreviations}\n"
        needed = needed_extensions(extensions, text)
        fewer += len(needed) < len(extensions)
        assert html(text, needed, configs) == html(text, extensions, configs), page.path
    assert fewer > 0


@pytest.mark.parametrize(
    "text",
    [
        "a | b\n--|--\n1 | 2\n",
        "!!! note\n    text\n",
        "??? info \"More\"\n    text\n",
        '=== "One"\n    text\n\n=== "Two"\n    more\n',
        "```mermaid\ngraph LR\n  a --> b\n```\n",
        "~~~\ncode\n~~~\n",
        "Text *HTML*\n\n*[HTML]: Hypertext\n",
        "## Title { #here }\n",
        '<div markdown="1">\n*x*\n</div>\n',
    ],
)
def test_a_page_using_an_extension_keeps_it(configured: tuple[list[str], dict[str, Any]], text: str) -> None:
    extensions, configs = configured
    needed = needed_extensions(extensions, text)
    assert len(needed) < len(extensions)
    assert html(text, needed, configs) == html(text, extensions, configs)


def test_extensions_it_does_not_know_are_kept() -> None:
    assert needed_extensions(["toc", "footnotes", "tables"], "plain text") == ["toc", "footnotes"]


def test_a_strict_build_ends_with_every_configured_extension(tmp_path: Path) -> None:
    """The hand-written pages after a generated one, and the next build under serve, get them all."""
    config: Any = build_site(write_config(tmp_path, EXAMPLE), tmp_path / "site")
    plugin = config.plugins["journeybook"]
    assert config.markdown_extensions == plugin.extensions
    assert "pymdownx.tabbed" in plugin.extensions
