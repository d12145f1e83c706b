"""journeybook's own pictures and filters as a reader meets them in Chromium.

Size and contrast of the pictures' text in light, dark and on a phone are
measured with every other diagram's (tests/test_journey_map_browser.py
includes `.jb-figure`). Here: no label of the value/effort or metric charts
lies on a point; the filters above the backlog and failure-demand tables
hide and show rows and work from the keyboard; without JavaScript the table
is shown whole. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from typing import Any

import pytest

from test_browser import ARTIFACTS, Visit
from test_journey_map_browser import open_page

pytestmark = pytest.mark.browser

PAGES = {"priority": "backlog/", "metrics": "metrics/"}

# Boxes of every text and every point drawn in a picture, in page coordinates.
BOXES = """fig => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {
    labels: [...fig.querySelectorAll('text')].filter(t => !t.closest('.jb-disc'))
      .map(t => ({text: t.textContent, box: box(t)})),
    points: [...fig.querySelectorAll('.jb-disc circle, .jb-series circle, .jb-series rect, .jb-point')]
      .map(p => box(p)),
  };
}"""


def _crosses(a: list[float], b: list[float], slack: float = 1.0) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


@pytest.mark.parametrize("kind", ["priority", "metrics"])
def test_no_label_lies_on_a_point(browser: Any, base_url: str, kind: str) -> None:
    visit = open_page(browser, base_url, PAGES[kind], "light")
    try:
        figures = visit.page.locator("article .jb-figure")
        assert figures.count()
        for i in range(figures.count()):
            drawn: dict[str, Any] = figures.nth(i).evaluate(BOXES)
            assert drawn["points"]
            for label in drawn["labels"]:
                for point in drawn["points"]:
                    assert not _crosses(label["box"], point), (label["text"], point)
    finally:
        visit.close()


def _shown_rows(visit: Visit, table: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = visit.page.evaluate(
        """t => [...document.querySelectorAll(`.jb-row[data-table="${t}"]`)]
             .filter(m => m.closest('tr').offsetParent !== null).map(m => ({...m.dataset}))""",
        table,
    )
    return rows


@pytest.mark.parametrize(("path", "table"), [("backlog/", "backlog"), ("failure-demand/", "failure-demand")])
def test_filters_hide_and_show_rows_from_the_keyboard(browser: Any, base_url: str, path: str, table: str) -> None:
    visit = Visit(browser, base_url + path, base_url, viewport={"width": 1400, "height": 900})
    page = visit.page
    try:
        form = page.locator(f'form.jb-filters[data-table="{table}"]')
        assert form.is_visible()
        every = _shown_rows(visit, table)
        assert len(every) >= 2
        select = form.locator("select").first
        key = select.get_attribute("data-key")
        select.focus()
        page.keyboard.press("ArrowDown")  # the first value after "All"
        chosen = select.input_value()
        assert chosen
        shown = _shown_rows(visit, table)
        assert all(chosen in r[key or ""].split() for r in shown)
        expected = [r for r in every if chosen in r[key or ""].split()]
        assert len(shown) == len(expected)
        assert form.locator("output").inner_text().startswith(str(len(shown)))
        page.screenshot(path=str(ARTIFACTS / f"filter-{table}.png"))
        # back to every row with the reset button, from the keyboard
        form.locator("button[type=reset]").focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "t => [...document.querySelectorAll(`.jb-row[data-table='${t}']`)].every(m => !m.closest('tr').hidden)",
            arg=table,
        )
        assert len(_shown_rows(visit, table)) == len(every)
        assert visit.console == [] and visit.axe() == []
    finally:
        visit.close()


@pytest.mark.parametrize(("path", "table"), [("backlog/", "backlog"), ("failure-demand/", "failure-demand")])
def test_without_javascript_the_table_is_whole(browser: Any, base_url: str, path: str, table: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + path)
        assert not page.locator("form.jb-filters").is_visible()
        rows = page.locator(f'.jb-row[data-table="{table}"]')
        assert rows.count() >= 2
        hidden = page.evaluate("() => [...document.querySelectorAll('.jb-row')].filter(m => m.closest('tr').hidden)")
        assert hidden == []
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["light", "phone"])
def test_every_channel_badge_draws_its_icon(browser: Any, base_url: str, mode: str) -> None:
    """The badges refer to one drawing per icon on the page: each must find it, in the map and in the cards."""
    visit = open_page(browser, base_url, "journeys/breast-cancer-current/", mode)
    try:
        icons: list[dict[str, Any]] = visit.page.evaluate(
            """() => [...document.querySelectorAll('article .jb-channel svg.jb-icon')]
                 .filter(s => s.getClientRects().length)
                 .map(s => { const r = s.getBoundingClientRect(), b = s.querySelector('use').getBBox();
                             return {w: r.width, h: r.height, drawn: b.width * b.height}; })"""
        )
        assert icons
        for icon in icons:
            assert icon["w"] >= 14 and icon["h"] >= 14 and icon["drawn"] > 20, icon
        sprite = visit.page.locator("article .jb-icon-sprite").bounding_box()
        assert sprite is not None and sprite["width"] == 0 and sprite["height"] == 0
        # The theme's instant navigation sets the `href` property of every element with an href attribute;
        # a <use> with one stopped its script with a TypeError.
        assert visit.console == []
    finally:
        visit.close()
