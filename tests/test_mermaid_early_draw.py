"""journeybook's diagrams are drawn as soon as Mermaid is loaded, and the theme shows exactly those drawings.

The loader draws every diagram that carries its own theme (journeybook's
flowcharts) without waiting for the theme to ask; the theme's request for the
same text gets that drawing. What a reader relies on: every chain is drawn,
legible in light and dark mode, from this site only, without errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from test_mermaid_loading import DIAGRAM_PAGE, DRAWN, OPEN_SHADOW

pytestmark = pytest.mark.browser


@pytest.fixture(params=["light", "dark"])
def tab(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme=request.param)
    page = context.new_page()
    page.add_init_script(OPEN_SHADOW)
    page.errors = []
    page.requests = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(base_url + DIAGRAM_PAGE, wait_until="domcontentloaded")
    page.wait_for_function(DRAWN, timeout=30000)
    yield page
    context.close()


def test_every_chain_is_drawn_with_its_labels_in_either_mode(tab: Any, base_url: str) -> None:
    shown = tab.evaluate(
        """() => [...document.querySelectorAll('.mermaid')].map(e => {
          const root = e.shadowRoot;
          const label = root.querySelector('.nodeLabel');
          const box = label.getBoundingClientRect();
          return {labels: [...root.querySelectorAll('.nodeLabel')].map(l => l.textContent.trim()),
                  color: getComputedStyle(label).color, width: box.width, height: box.height};
        })"""
    )
    assert shown
    for diagram in shown:
        assert diagram["labels"] and all(diagram["labels"]), diagram
        assert diagram["width"] > 0 and diagram["height"] > 0
        # dark text on the light node fills, whatever the page's scheme
        assert diagram["color"] == "rgb(26, 26, 26)", diagram
    assert tab.errors == []
    assert [u for u in tab.requests if not u.startswith((base_url, "data:", "blob:"))] == []


def test_the_theme_shows_the_drawing_made_before_it_asked(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.add_init_script(OPEN_SHADOW)
    try:
        page.goto(base_url + DIAGRAM_PAGE, wait_until="domcontentloaded")
        page.wait_for_function(DRAWN, timeout=30000)
        ids = page.evaluate("[...document.querySelectorAll('.mermaid')].map(e => e.shadowRoot.querySelector('svg').id)")
        assert ids and all(i.startswith("__journeybook_mermaid_") for i in ids), ids
        assert len(set(ids)) == len(ids)
    finally:
        page.close()
