"""What a reader met walking the built handbook in Chromium, page kind by page kind, measured.

Each test measures what is on screen (or on paper) and holds for any
handbook: headings never skip a level; a diagram on a hand-written page keeps
legible text on a phone and scrolls in a focusable box; printing keeps a
hand-written collapsed block (only journeybook's own repeats of a chart are
left off paper); a table too wide for a phone shows, at its right edge, that
more columns follow; on a phone the emotion curve's legend goes with the
hidden curve; the navigation's nested sections have names.
"""

from __future__ import annotations

import base64
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, build_site, fixture_docs, serve, write_config
from journeybook.core.handbook import Handbook
from test_browser import AXE, Visit
from test_journey_map_browser import texts_in_view

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1400, "height": 900}

# A hand-written page as an editor of the docs might write one: a wide diagram and a collapsed block.
HAND_WRITTEN = """# Who does what

```mermaid
flowchart LR
  a["A customer finds the right page"] --> b["Fills in the application form"]
  b --> c["The case lands in the case queue"] --> d["A case officer checks the application"]
  d --> e["The decision letter is sent"] --> f["The payment run pays the benefit"]
  f --> g["The customer reads the decision"]
```

??? note "How a case is checked"

    The case officer compares the application with the employer's report.
"""

HEADING = re.compile(r"<h([1-6])[\s>]")


@pytest.fixture(scope="module")
def walk_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The frozen example handbook with one more hand-written page (not in the nav, so not strict)."""
    tmp = tmp_path_factory.mktemp("walk")
    docs = fixture_docs(tmp)
    (docs / "who-does-what.md").write_text(HAND_WRITTEN, encoding="utf-8")
    build_site(write_config(tmp, EXAMPLE, docs_dir=docs), tmp / "site", strict=False)
    yield from serve(tmp / "site")


def test_headings_never_skip_a_level(example_site: Path) -> None:
    """A screen reader's list of headings has no holes: each page starts at h1 and steps down one at a time."""
    pages = sorted(example_site.rglob("index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        article = html[html.find("<article") : html.find("</article>")]
        levels = [int(level) for level in HEADING.findall(article)]
        if not levels:
            continue
        where = page.relative_to(example_site).as_posix()
        assert levels[0] == 1, where
        skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert skips == [], f"{where}: heading levels jump {skips}"


@pytest.mark.browser
def test_hand_written_diagram_stays_legible_on_a_phone(browser: Any, walk_url: str) -> None:
    """The theme scaled a wide diagram to the phone's width (labels of 5-8 px); it keeps its size and scrolls."""
    visit = Visit(browser, walk_url + "who-does-what/", walk_url, viewport=PHONE)
    page = visit.page
    try:
        assert [d["type"] for d in visit.diagrams()] == ["flowchart-v2"]
        texts = texts_in_view(visit)
        assert any("case officer" in t["text"] for t in texts), texts
        small = [t for t in texts if t["height"] < 11]
        assert small == [], f"diagram text under 11 px: {small[:5]}"
        box: dict[str, Any] = page.evaluate(
            """() => { const b = document.querySelector('article .mermaid').closest('.jb-diagram');
                 return b && {tabindex: b.getAttribute('tabindex'), scrolls: b.scrollWidth > b.clientWidth}; }"""
        )
        assert box == {"tabindex": "0", "scrolls": True}
        assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0
        assert visit.axe() == []
        assert visit.console == []
    finally:
        visit.close()


@pytest.mark.browser
def test_print_keeps_a_hand_written_collapsed_block(browser: Any, walk_url: str) -> None:
    """mkdocs-material opens collapsed blocks for print; journeybook's print style must not hide them."""
    visit = Visit(browser, walk_url + "who-does-what/", walk_url, viewport=LAPTOP)
    page = visit.page
    try:
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.get_by_text("The case officer compares the application").is_visible()
        # journeybook's own repeat of a chart as a table stays off paper (the map keeps its sheet)
        page.goto(walk_url + "journeys/breast-cancer-current/")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        shown = page.evaluate(
            "() => [...document.querySelectorAll('article details')].map(d => getComputedStyle(d).display)"
        )
        assert shown and set(shown) == {"none"}
    finally:
        visit.close()


EDGE_PIXELS = """async data => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + data;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  const px = context.getImageData(0, 0, img.width, img.height).data;
  const column = [];
  for (let y = 0; y < img.height; y++) {
    const i = (y * img.width + img.width - 1) * 4;
    column.push(px[i] + px[i + 1] + px[i + 2]);
  }
  return column;
}"""


@pytest.mark.browser
def test_a_table_too_wide_for_a_phone_shows_that_more_follows(browser: Any, base_url: str) -> None:
    """Eight columns do not fit 390 px even with wrapped words: the box's right edge is shaded until its end."""
    visit = Visit(browser, base_url + "failure-demand/", base_url, viewport=PHONE)
    page = visit.page
    try:
        wide = page.locator("article .md-typeset__scrollwrap").filter(has=page.locator("table"))
        boxes = [wide.nth(i) for i in range(wide.count())]
        boxes = [b for b in boxes if b.evaluate("b => b.scrollWidth > b.clientWidth + 1")]
        assert boxes, "the failure-demand table is wider than a phone"
        white = 3 * 255
        for box in boxes:
            box.evaluate("b => { b.scrollIntoView({block: 'start'}); window.scrollBy(0, -80); }")
            edge: dict[str, float] = box.evaluate(
                "b => { const r = b.getBoundingClientRect(); return {x: r.right - 4, y: Math.max(r.top, 60), "
                "width: 4, height: Math.min(r.bottom, innerHeight) - Math.max(r.top, 60)}; }"
            )
            shot = base64.b64encode(page.screenshot(clip=edge)).decode()
            column: list[int] = page.evaluate(EDGE_PIXELS, shot)
            # every pixel row at the very edge is shaded, text or no text
            assert column and max(column) < white - 60, f"{sum(v >= white for v in column)} rows of plain page"
            # scrolled to the end, the shade goes: the edge is the table's own border, lighter than the shade
            box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
            shot = base64.b64encode(page.screenshot(clip=edge)).decode()
            end: list[int] = page.evaluate(EDGE_PIXELS, shot)
            assert sum(end) / len(end) > sum(column) / len(column) + 40
    finally:
        visit.close()


@pytest.mark.browser
def test_phone_leaves_out_the_legend_of_the_hidden_curve(browser: Any, base_url: str) -> None:
    for viewport, shown in ((LAPTOP, True), (PHONE, False)):
        visit = Visit(browser, base_url + "journeys/breast-cancer-current/", base_url, viewport=viewport)
        try:
            page = visit.page
            assert page.locator("article .jb-canvas").is_visible() is shown
            assert page.locator("article .jb-canvas + .jb-legend").is_visible() is shown
        finally:
            visit.close()


@pytest.mark.browser
def test_nested_navigation_sections_have_names(browser: Any, base_url: str) -> None:
    """A journey sits under its life event under Journeys: two nested nav landmarks, each needs a name."""
    visit = Visit(browser, base_url + "journeys/breast-cancer-current/", base_url, viewport=PHONE)
    page = visit.page
    try:
        page.add_script_tag(path=str(AXE))
        found: dict[str, Any] = page.evaluate(
            """async () => {
                 const r = await axe.run(document, {runOnly: ['landmark-unique', 'aria-prohibited-attr']});
                 const by = n => document.getElementById(n.getAttribute('aria-labelledby'));
                 const label = n => n.getAttribute('aria-label') || (by(n) ? by(n).textContent : '');
                 return {violations: r.violations.map(v => v.id),
                         names: [...document.querySelectorAll('.md-nav--primary nav[data-md-level]')]
                           .filter(n => n.dataset.mdLevel !== '0').map(n => label(n).trim())}; }"""
        )
        assert len(found["names"]) >= 2
        assert all(found["names"]) and len(set(found["names"])) == len(found["names"]), found["names"]
        assert found["violations"] == []
    finally:
        visit.close()


@pytest.mark.browser
def test_glossary_term_headings_are_not_tooltips_of_themselves(browser: Any, base_url: str) -> None:
    """Every term is a tooltip elsewhere; on the glossary its heading stood underlined over its own definition."""
    visit = Visit(browser, base_url + "glossary/", base_url, viewport=LAPTOP)
    try:
        found: dict[str, Any] = visit.page.evaluate(
            """() => ({
                 headings: [...document.querySelectorAll('article h2[id^="term-"]')].map(h => ({
                   text: h.textContent.replace('¶', '').trim(),
                   tooltips: h.querySelectorAll('abbr, [title]:not(.headerlink)').length,
                   underline: getComputedStyle(h.firstChild.nodeType === 1 ? h.firstChild : h).textDecorationLine})),
                 elsewhere: document.querySelectorAll('article :not(h2) > abbr').length})"""
        )
        assert found["headings"]
        assert [h for h in found["headings"] if h["tooltips"] or h["underline"] != "none"] == []
        assert found["elsewhere"] > 0, "terms in the definitions keep their tooltips"
    finally:
        visit.close()


@pytest.mark.browser
def test_need_group_keeps_today_apart_from_the_planned_journeys(
    browser: Any, base_url: str, example_book: Handbook
) -> None:
    """Where a need group hurts today is not mixed with the steps of a future state that does not exist yet."""
    state_names = {"current": "Current state", "future": "Future state"}
    seen_both = False
    for group in example_book.need_groups:
        visit = Visit(browser, base_url + f"need-groups/{group}/", base_url, viewport=LAPTOP)
        try:
            tables: list[dict[str, Any]] = visit.page.evaluate(
                """() => {
                     const out = [];
                     let heading = '';
                     const start = document.querySelector('article h2[id^="where-it-hurts"]');
                     const next = e => e.nextElementSibling;
                     for (let e = start && next(start); e && e.tagName !== 'H2'; e = next(e)) {
                       if (e.tagName === 'H3') heading = e.textContent.replace('¶', '').trim();
                       const table = e.querySelector('table');
                       if (table) out.push({heading, journeys: [...table.querySelectorAll('tbody tr')]
                         .map(r => r.cells[1].querySelector('a').pathname.split('/').filter(Boolean).pop())});
                     }
                     return out; }"""
            )
        finally:
            visit.close()
        states = [{example_book.journeys[j].state for j in t["journeys"]} for t in tables]
        assert all(len(s) == 1 for s in states), (group, tables)
        if len(tables) > 1:
            seen_both = True
            assert [t["heading"] for t in tables] == [state_names[s.pop()] for s in states]
    assert seen_both, "the example has a need group in a current and a future journey"


@pytest.mark.browser
def test_traceability_colours_are_explained(browser: Any, base_url: str) -> None:
    """Each chain's boxes come in four colours; a legend under the chain says which colour is what."""
    visit = Visit(browser, base_url + "backlog/traceability/", base_url, viewport=LAPTOP)
    try:
        visit.diagrams()
        chains: list[dict[str, Any]] = visit.page.evaluate(
            """() => [...document.querySelectorAll('article .jb-diagram')].map(box => {
                 const svg = box.querySelector('.mermaid').shadowRoot.querySelector('svg');
                 const legend = box.nextElementSibling;
                 return {
                   fills: [...new Set([...svg.querySelectorAll('.node .label-container')]
                     .map(s => getComputedStyle(s).fill))].sort(),
                   keys: legend && legend.matches('.jb-figure-legend') ? [...legend.querySelectorAll('li')].map(li => ({
                     colour: getComputedStyle(li.querySelector('span')).backgroundColor,
                     text: li.textContent.trim()})) : []};
               })"""
        )
        assert chains
        for chain in chains:
            assert sorted(k["colour"] for k in chain["keys"]) == chain["fills"], chain
            assert all(k["text"] for k in chain["keys"])
    finally:
        visit.close()
