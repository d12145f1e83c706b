"""The map, blueprint and card templates: overridable from the theme, and their links land.

The templates emit HTML that Markdown passes through, so MkDocs does not
rewrite or check their links: these tests follow every link of the built
journey and life-event pages, with and without directory URLs.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import EXAMPLE, MINI, ROOT, build_site, write_config
from journeybook.core import load_handbook
from journeybook.render import render_pages, render_site, site_context
from journeybook.render.escape import attr

MARKER = "Restyled by the organisation's theme"


class _Links(HTMLParser):
    """The href of every <a> and every id of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if tag == "a" and name == "href" and value:
                self.hrefs.append(value)


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _broken_links(site: Path, folders: tuple[str, ...]) -> list[str]:
    """Links between pages of the site that lead to no file, or to no element with the anchor."""
    broken = []
    ids: dict[Path, set[str]] = {}
    for folder in folders:
        for page in sorted((site / folder).rglob("*.html")):
            for href in _parse(page).hrefs:
                parts = urlsplit(href)
                if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
                    continue
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    broken.append(f"{page.relative_to(site)}: {href}")
                    continue
                if parts.fragment and parts.fragment not in ids.setdefault(target, _parse(target).ids):
                    broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return broken


@pytest.fixture(scope="module")
def restyled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built with a theme custom_dir that overrides the journey cards, without directory URLs."""
    tmp = tmp_path_factory.mktemp("restyled")
    theme = tmp / "theme"
    shutil.copytree(ROOT / "overrides", theme)
    packaged = ROOT / "plugins" / "journeybook" / "render" / "templates" / "journey_cards.html"
    override = packaged.read_text(encoding="utf-8").replace(
        '<div class="jb-overview">', f'<div class="jb-overview"><p class="jb-org-note">{MARKER}</p>'
    )
    (theme / "journeybook").mkdir()
    (theme / "journeybook" / "journey_cards.html").write_text(override, encoding="utf-8")
    config = write_config(tmp, EXAMPLE, extra="use_directory_urls: false\n")
    text = config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'overrides'}", f"custom_dir: {theme}")
    config.write_text(text, encoding="utf-8")
    build_site(config, tmp / "site")
    return tmp / "site"


def test_a_template_in_the_theme_custom_dir_replaces_the_packaged_one(restyled_site: Path) -> None:
    index = (restyled_site / "journeys" / "index.html").read_text(encoding="utf-8")
    assert f'<p class="jb-org-note">{MARKER}</p>' in index
    assert 'class="jb-journey-card' in index  # the rest of the override still draws the cards
    # templates not overridden are the packaged ones
    journey = next((restyled_site / "journeys").glob("*/index.html")).read_text(encoding="utf-8")
    assert 'class="jb-grid"' in journey
    assert MARKER not in journey


def test_template_links_land_without_directory_urls(restyled_site: Path) -> None:
    assert _broken_links(restyled_site, ("journeys", "life-events")) == []


def test_template_links_land_with_directory_urls(example_site: Path) -> None:
    assert _broken_links(example_site, ("journeys", "life-events")) == []


def test_generated_pages_need_no_python_markdown_extension_for_their_html() -> None:
    """Engines other than Python-Markdown build the export: no md_in_html ``markdown`` attribute anywhere."""
    pages = render_site(load_handbook(EXAMPLE))
    assert [p.path for p in pages if 'markdown="' in p.content] == []


def test_glossary_terms_in_the_grid_are_tooltips_unless_turned_off() -> None:
    """Markdown's abbr extension does not reach emitted HTML, so the templates' output marks terms itself."""
    book = load_handbook(MINI)
    term = next(iter(book.terms.values()))

    def journey_pages(tooltips: bool) -> str:
        ctx = site_context(book, tooltips=tooltips)
        return "".join(p.content for p in render_pages(ctx) if p.path.startswith("journeys/"))

    assert f'<abbr title="{attr(" ".join(term.definition.split()))}">' in journey_pages(True)
    assert "<abbr" not in journey_pages(False)
