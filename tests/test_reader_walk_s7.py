"""What a reader met walking the handbook in Chromium at scale, measured (second walk).

The first walk (tests/test_reader_walk_s6.py) read the example handbook,
whose journeys have at most nine steps. This one reads page kinds that only
go wrong with more: a journey of twenty steps printed on its A3 sheet, a
backlog whose items heap up on one spot of the value-against-effort chart. Each
test measures what is on screen or on paper and holds for any handbook.
"""

from __future__ import annotations

import html
import itertools
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import build_site, edit, serve, write_config
from journeybook.core.handbook import Handbook
from synthetic import generate
from test_browser import AXE, Visit
from test_serve_preview import get, serving, wait_for

# A3 landscape with journeybook's 12 mm margins: 396 mm = about 1497 CSS px of paper.
A3_WIDTH = 1497
STEPS = 20
# effort 2, value (2 x 3 + 2) / 3 = 2.7: low effort, just under the middle of the value scale
HEAP = [
    f"          - {{id: heap-{n}, title: Heap {n}, owner: eservices, priority: "
    f"{{customer_value: 3, organisation_value: 2, effort: 2}}, addresses: [journey-0/pain-{n % STEPS}]}}\n"
    for n in range(24)
]


@pytest.fixture(scope="module")
def long_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small synthetic handbook whose journeys have twenty steps (more than a screen or a sheet holds)."""
    tmp = tmp_path_factory.mktemp("long")
    data = tmp / "journeys"
    data.mkdir()
    generate(data, 2, STEPS)
    # many backlog items with the same values, as a real backlog has (values run 1-5): one heap on the chart
    backlog = data / "backlog.yml"
    backlog.write_text(backlog.read_text("utf-8") + "".join(HEAP), "utf-8")
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
            // a one-word channel name on two lines was cut inside the word
            brokenWords: [...t.querySelectorAll('.jb-channel')].filter(c => !/\\s/.test(c.textContent.trim())
              && c.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(c).fontSize))
              .map(c => c.textContent.trim()),
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
            assert grid["brokenWords"] == []
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


PRIORITY_CHART = """() => {
  const svg = document.querySelector('article svg.jb-priority');
  const box = e => {
    const r = e.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  };
  const [v, h] = [...svg.querySelectorAll('.jb-divider')].map(box);
  return {
    midX: v.left + (v.right - v.left) / 2, midY: h.top + (h.bottom - h.top) / 2,
    discs: [...svg.querySelectorAll('.jb-disc')].map(g => ({
      rank: +g.dataset.rank, title: g.querySelector('title').textContent, ...box(g.querySelector('circle'))})),
    names: [...svg.querySelectorAll('.jb-quadrant-name')].map(t => ({name: t.textContent, ...box(t)})),
  };
}"""


@pytest.mark.browser
def test_a_heap_of_equal_backlog_items_stays_in_its_quadrant(browser: Any, long_url: str) -> None:
    """Two dozen items of the same values spiralled out over the chart: low-effort items sat among the
    "Big bets" and "Reconsider" (high effort), and one disc covered the name "Quick wins"."""
    visit = Visit(browser, long_url + "backlog/", long_url, viewport={"width": 1400, "height": 900})
    try:
        found: dict[str, Any] = visit.page.evaluate(PRIORITY_CHART)
        heap = [d for d in found["discs"] if ". Heap " in d["title"]]
        assert len(heap) == len(HEAP)
        # effort 2 of 1-5 is low effort: every disc of the heap lies left of the effort divider
        astray = [d["rank"] for d in heap if d["right"] > found["midX"]]
        assert astray == [], f"discs {astray} drawn on the high-effort side"
        discs = found["discs"]
        for a, b in itertools.combinations(discs, 2):
            ax, ay = (a["left"] + a["right"]) / 2, (a["top"] + a["bottom"]) / 2
            bx, by = (b["left"] + b["right"]) / 2, (b["top"] + b["bottom"]) / 2
            assert math.hypot(ax - bx, ay - by) >= a["right"] - a["left"] - 0.5, (a["rank"], b["rank"])
        # no disc hides a quadrant's name
        hidden = [
            n["name"]
            for n in found["names"]
            for d in discs
            if d["left"] < n["right"] - 1
            and n["left"] + 1 < d["right"]
            and d["top"] < n["bottom"] - 1
            and n["top"] + 1 < d["bottom"]
        ]
        assert hidden == []
    finally:
        visit.close()


SEARCH_CONTRAST = """async () => (await axe.run('.md-search', {runOnly: ['color-contrast']})).violations
  .flatMap(v => v.nodes.map(n => n.target.join(' ') + ': ' + n.any.map(c => c.message).join(' ')))"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_search_results_keep_their_contrast(browser: Any, base_url: str, scheme: str) -> None:
    """The theme draws a result's matched words in the accent colour (3.8:1 on slate, 4.3:1 on white), and
    the result count and page tags in grey on grey (4.1:1 and 4.4:1): below WCAG AA's 4.5:1."""
    visit = Visit(browser, base_url, base_url, viewport={"width": 1400, "height": 900})
    page = visit.page
    try:
        if scheme == "slate":
            page.locator("label[for=__palette_1]").first.click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        page.keyboard.press("/")  # mkdocs-material's shortcut to the search field
        page.wait_for_timeout(300)
        page.keyboard.type("referral", delay=40)
        page.wait_for_selector(".md-search-result__item mark", timeout=15000)
        assert page.locator(".md-search-result .md-tag").count() > 0, "results show their pages' tags"
        page.add_script_tag(path=str(AXE))
        low: list[str] = page.evaluate(SEARCH_CONTRAST)
        assert low == []
        assert visit.console == [] and visit.foreign == []
    finally:
        visit.close()


CELL_LINES = """() => [...document.querySelectorAll('article th, article td')]
  .flatMap(c => c.innerText.split('\\n')).map(t => t.trim()).filter(t => t.length > 1)"""


@pytest.mark.browser
@pytest.mark.parametrize("page_kind", ["blueprint", "journeys index"])
def test_search_reads_a_table_word_by_word(browser: Any, base_url: str, example_book: Handbook, page_kind: str) -> None:
    """The cells of journeybook's tables reached the search index glued together ("PhaseSeeking
    careReferral...", "JourneyStateOwner"): the result read as nonsense and the glued words were not found."""
    journey = next(iter(example_book.journeys))
    path = f"journeys/{journey}/blueprint/" if page_kind == "blueprint" else "journeys/"
    visit = Visit(browser, base_url + path, base_url)
    page = visit.page
    try:
        lines: list[str] = page.evaluate(CELL_LINES)
        assert len(lines) > 20
        index = page.request.get(base_url + "search/search_index.json").json()
        text = " ".join(d["text"] for d in index["docs"] if d["location"].split("#")[0] == path)
        words = html.unescape(re.sub(r"<[^>]+>", " ", text))
        glued = [line for line in lines if not re.search(rf"(^|\s){re.escape(line)}(\s|$)", words)]
        assert glued == []
    finally:
        visit.close()


@pytest.mark.browser
def test_the_data_problems_page_loads_whole(browser: Any, mini: Path, tmp_path: Path) -> None:
    """Under `mkdocs serve` with a mistake in the data, the page of messages asked for the handbook's
    stylesheet and scripts, which that build left out: four requests answered 404, four console errors."""
    with serving(write_config(tmp_path, mini)) as url:  # the handbook's own mkdocs.yml: no web fonts
        edit(mini / "now.yml", "            root_causes: [old-system]\n", "            severity: worst\n")
        journey = url + "journeys/move-now/"
        assert wait_for(lambda: "Handbook data has problems" in get(journey))
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        failed: list[str] = []
        console: list[str] = []
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        try:
            page.goto(journey, wait_until="load")  # serve's reload script keeps a request open: no network idle
            page.wait_for_timeout(1000)
            assert page.get_by_role("heading", level=1).inner_text().startswith("Handbook data has problems")
            assert "'severity' has a value that is not allowed" in page.locator("article").inner_text()
            assert failed == []
            assert console == []
            page.add_script_tag(path=str(AXE))
            serious: list[str] = page.evaluate(
                "async () => (await axe.run(document)).violations"
                ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)"
            )
            assert serious == []
        finally:
            page.close()


SERIES_ON_PAPER = """() => {
  const luminance = c => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const paper = luminance('rgb(255, 255, 255)');
  return [...document.querySelectorAll('article .jb-series')].map(g => {
    const l = luminance(getComputedStyle(g).stroke);
    return {series: g.getAttribute('class'), ratio: (paper + 0.05) / (l + 0.05)};
  });
}"""


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["journeys/breast-cancer-current/", "metrics/", "journeys/breast-cancer-future/compare/"]
)
def test_curves_printed_from_dark_mode_stand_out_on_white_paper(browser: Any, base_url: str, path: str) -> None:
    """Printed while the reader used dark mode, the curves kept the pale colours made for the dark
    background (1.6:1 to 2.2:1 on white paper); a line needs 3:1 to be seen (WCAG 1.4.11)."""
    visit = Visit(browser, base_url + path, base_url, viewport={"width": A3_WIDTH, "height": 1000})
    page = visit.page
    try:
        page.locator("label[for=__palette_1]").first.click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.emulate_media(media="print")
        lines: list[dict[str, Any]] = page.evaluate(SERIES_ON_PAPER)
        assert lines
        assert [line for line in lines if line["ratio"] < 3] == []
    finally:
        visit.close()
