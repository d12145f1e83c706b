"""What a reader met on the eighth walk through the built handbook, each a defect fixed in the tool.

Every test here failed before its fix.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest

from conftest import edit, write_config
from journeybook.core import load_handbook
from journeybook.render import render_site
from journeybook.render.trace_pages import ONE_PAGE_MAX_DIAGRAMS
from synthetic import generate
from test_browser import Visit
from test_serve_preview import get, serving, wait_for

HOSTILE = 'A "quoted" <b>bold</b> & {braced} | *starred* journey'


class _Links(HTMLParser):
    """Each link's href and the words a screen reader names it by (all its text, hidden or not)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open, self._href = [], dict(attrs).get("href") or ""
        elif self._open is not None and tag not in ("span",):
            self._open.append(f"<{tag}>")  # markup inside a link's name: editor text that ran

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.links.append((self._href, "".join(self._open)))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def test_each_chain_link_in_the_traceability_summary_names_its_journey(tmp_path: Path) -> None:
    """Past ONE_PAGE_MAX_DIAGRAMS journeys the traceability page is a table whose last column linked
    every row with the same words: a screen reader listing the links heard "From pain to result" a
    dozen times. Each link now names its journey, the editor's title shown as typed."""
    generate(tmp_path, ONE_PAGE_MAX_DIAGRAMS + 2, 5)
    edit(tmp_path / "journey-3.yml", "title: Generated journey 3", f"title: '{HOSTILE}'")
    pages = {p.path: p.content for p in render_site(load_handbook(tmp_path))}
    html = markdown.markdown(pages["backlog/traceability.md"], extensions=["tables", "attr_list", "md_in_html"])
    parser = _Links()
    parser.feed(html)
    chains = [(href, name) for href, name in parser.links if href.endswith("/traceability.md")]
    assert len(chains) == ONE_PAGE_MAX_DIAGRAMS + 2
    names = [name for _, name in chains]
    assert len(set(names)) == len(names), names
    assert any(name.endswith(HOSTILE) for name in names), names


@pytest.mark.browser
def test_a_chain_wider_than_the_paper_shrinks_to_it_in_print(browser: Any, base_url: str) -> None:
    """A traceability chain keeps its natural size on screen (its box scrolls sideways) but on paper
    nothing scrolls: the part past the sheet's right edge was cut off. Printed on a sheet narrower
    than the widest chain, every chain now fits the sheet; on screen they keep their size."""
    visit = Visit(browser, base_url + "backlog/traceability/", base_url, {"width": 1400, "height": 900})
    page = visit.page
    try:
        visit.diagrams()
        widths = (
            "() => [...document.querySelectorAll('.mermaid')].map(e => e.shadowRoot.querySelector('svg')"
            ".getBoundingClientRect().width)"
        )
        natural: list[float] = page.evaluate(widths)
        sheet = int(max(natural)) - 200
        page.emulate_media(media="print")
        page.set_viewport_size({"width": sheet, "height": 1000})
        printed: list[float] = page.evaluate(widths)
        assert max(printed) <= sheet, (natural, printed)
        page.emulate_media(media="screen")
        assert page.evaluate(widths) == natural
    finally:
        visit.close()


@pytest.mark.browser
def test_the_data_problems_page_keeps_the_nav_entries_apart(browser: Any, mini: Path, tmp_path: Path) -> None:
    """Under `mkdocs serve` with a mistake in the data, every page shows the messages; each page's
    title was set to "Handbook data has problems", so every nav entry read the same and the reader
    could not tell the pages apart. The heading still says it; the nav keeps each page's own name."""
    with serving(write_config(tmp_path, mini)) as url:
        edit(mini / "now.yml", "            root_causes: [old-system]\n", "            severity: worst\n")
        journey = url + "journeys/move-now/"
        assert wait_for(lambda: "Handbook data has problems" in get(journey))
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            page.goto(journey, wait_until="load")  # serve's reload script keeps a request open: no network idle
            assert page.get_by_role("heading", level=1).inner_text().startswith("Handbook data has problems")
            entries = [
                " ".join(t.split())
                for t in page.locator(".md-nav--primary .md-nav__link").all_inner_texts()
                if t.strip()
            ]
            assert len(entries) > 3
            assert not [e for e in entries if "data has problems" in e], entries
        finally:
            page.close()
