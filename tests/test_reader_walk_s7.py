"""What a reader met walking the handbook in Chromium at scale, measured (second walk).

The first walk (tests/test_reader_walk_s6.py) read the example handbook,
whose journeys have at most nine steps. This one reads page kinds that only
go wrong with more: a journey of twenty steps printed on its A3 sheet. Each
test measures what is on screen or on paper and holds for any handbook.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import build_site, serve, write_config
from synthetic import generate
from test_browser import Visit

# A3 landscape with journeybook's 12 mm margins: 396 mm = about 1497 CSS px of paper.
A3_WIDTH = 1497
STEPS = 20


@pytest.fixture(scope="module")
def long_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small synthetic handbook whose journeys have twenty steps (more than a screen or a sheet holds)."""
    tmp = tmp_path_factory.mktemp("long")
    data = tmp / "journeys"
    data.mkdir()
    generate(data, 2, STEPS)
    build_site(write_config(tmp, data), tmp / "site", strict=False)
    yield from serve(tmp / "site")


PRINTED_MAP = """() => {
  const paper = document.documentElement.clientWidth;
  return [...document.querySelectorAll('.jb-map table')].map(t => {
    const steps = [...t.querySelectorAll('thead tr:last-child th')].slice(1).map(th => th.getBoundingClientRect());
    const lane = t.querySelector('.jb-emotion-lane');
    const points = lane ? [...lane.querySelectorAll('.jb-point')].map(p => {
      const r = p.getBoundingClientRect();
      return {step: p.dataset.step, x: (r.left + r.right) / 2};
    }) : [];
    // a step's header links to its section, #step-<id>; a point names its step by id
    const ids = [...t.querySelectorAll('thead tr:last-child th a')]
      .map(a => decodeURIComponent(a.hash).replace('#step-', ''));
    const axis = t.querySelector('.jb-emotion-axis');
    const tall = e => e ? Math.round(e.getBoundingClientRect().height) : 0;
    return {paper, steps: steps.map(r => ({left: r.left, right: r.right})), ids, points,
            laneHeight: tall(lane), axisHeight: tall(axis),
            fontPx: parseFloat(getComputedStyle(t.querySelector('tbody td')).fontSize)};
  });
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["journeys/journey-0/", "journeys/journey-0/blueprint/"])
def test_a_long_journey_prints_every_step_on_the_sheet(browser: Any, long_url: str, path: str) -> None:
    """The printed map ran on past the sheet's right edge: ten of twenty steps were cut off the paper."""
    visit = Visit(browser, long_url + path, long_url, viewport={"width": A3_WIDTH, "height": 1000})
    page = visit.page
    try:
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        maps: list[dict[str, Any]] = page.evaluate(PRINTED_MAP)
        assert maps
        for grid in maps:
            assert len(grid["steps"]) == STEPS
            cut = [i for i, r in enumerate(grid["steps"]) if r["right"] > grid["paper"] + 1]
            assert cut == [], f"steps {cut} lie beyond the sheet's edge ({grid['paper']} px)"
            # the text keeps its print size (8 pt): the columns narrow, the words wrap
            assert grid["fontPx"] >= 10
            # each point of the emotion curve still sits in its own step's column
            column = dict(zip(grid["ids"], grid["steps"], strict=True))
            astray = [p for p in grid["points"] if not column[p["step"]]["left"] < p["x"] < column[p["step"]]["right"]]
            assert astray == []
            # and at the height of its level: the lane is as tall as the scale's words beside it
            assert abs(grid["laneHeight"] - grid["axisHeight"]) <= 3, grid
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        assert pdf.startswith(b"%PDF")
    finally:
        visit.close()


SECTIONS = """() => [...document.querySelectorAll('article h2')].map(h => {
  let text = '', links = [];
  for (let e = h.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling) {
    if (e.matches('aside, .md-source-file')) continue;
    if (!/^H[3-6]$/.test(e.tagName)) text += e.innerText.trim();
    links.push(...[...e.querySelectorAll('a[href]')].map(a => a.pathname));
  }
  return {heading: h.textContent.replace('¶', '').trim(), text, links};
})"""


@pytest.mark.browser
def test_journeys_by_team_lists_the_journeys_no_team_owns(browser: Any, long_url: str) -> None:
    """No journey had an owner yet: "By owner team" stood as an empty heading, and unowned journeys were missing."""
    visit = Visit(browser, long_url + "journeys/", long_url, viewport={"width": 1400, "height": 900})
    try:
        sections: list[dict[str, Any]] = visit.page.evaluate(SECTIONS)
        assert len(sections) >= 2
        assert [s["heading"] for s in sections if not s["text"]] == [], "a heading with nothing under it"
        by_team = sections[-1]
        listed = {p for p in by_team["links"] if p.startswith("/journeys/journey-")}
        assert listed == {"/journeys/journey-0/", "/journeys/journey-1/"}, by_team
    finally:
        visit.close()
