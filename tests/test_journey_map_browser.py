"""Every diagram legible as a reader meets it: laptop light and dark, and a phone.

On every kind of page that draws a diagram, in three modes (1400 px light,
1400 px dark after toggling the palette, 390 px phone): no diagram text is
under 11 px high, diagram text has at least 3:1 contrast against what lies
under it, the page needs no sideways scroll, axe-core finds nothing serious,
nothing is logged as an error and nothing is fetched from another host. The
journey map keeps its contract: a region named "Journey map" whose step
headers link to the steps, with every emotion point inside its step's column;
on a phone every step name is in view without scrolling sideways.
Screenshots of each page and mode go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from typing import Any

import pytest

from test_browser import ARTIFACTS, Visit

pytestmark = pytest.mark.browser

PAGES = {
    "journey": "journeys/breast-cancer-current/",
    "journey-eservice": "journeys/parental-benefit/",
    "blueprint": "journeys/breast-cancer-current/blueprint/",
    "comparison": "journeys/breast-cancer-future/compare/",
    "backlog": "backlog/",
    "traceability": "backlog/traceability/",
    "metrics": "metrics/",
    "failure-demand": "failure-demand/",
}
MODES = {"light": 1400, "dark": 1400, "phone": 390}

# Every text node drawn inside a diagram: Mermaid's (in the shadow roots the
# test opens) and journeybook's own SVG. For each: its height on screen, and
# its colour's contrast against the first painted thing under it.
DIAGRAM_TEXT = """() => {
  const parse = c => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = c => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const blend = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1});
  const paint = el => {
    const s = getComputedStyle(el);
    if (el instanceof SVGElement) {
      if (!['rect', 'path', 'polygon', 'circle', 'ellipse'].includes(el.tagName)) return null;
      const c = parse(s.fill);
      if (!c || s.fill === 'none') return null;
      return {...c, a: c.a * Number(s.fillOpacity) * Number(s.opacity)};
    }
    const c = parse(s.backgroundColor);
    return c && c.a > 0 ? c : null;
  };
  const page = parse(getComputedStyle(document.body).backgroundColor);
  const top = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const roots = [document, ...[...document.querySelectorAll('.mermaid')].map(e => e.shadowRoot).filter(Boolean)];
  const out = [];
  for (const root of roots) {
    for (const svg of root.querySelectorAll(root === document ? 'article svg:not(.jb-legend-sample)' : 'svg')) {
      // text scrolled out of its box is not seen, so not measured for contrast
      const box = (root === document ? svg.closest('.jb-map') || svg : root.host.closest('.jb-diagram') || root.host)
        .getBoundingClientRect();
      const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent.trim();
        const el = n.parentElement;
        if (!text || !el || el.closest('title, desc, style')) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        const colour = parse(el instanceof SVGElement && el.tagName !== 'foreignObject' ? style.fill : style.color);
        const x = rect.left + rect.width / 2, y = rect.top + rect.height / 2;
        let under = null;
        const seen = x >= Math.max(0, box.left) && x <= Math.min(innerWidth, box.right)
          && y > Math.max(top, box.top) && y < Math.min(innerHeight, box.bottom);
        const stack = seen ? root.elementsFromPoint(x, y) : [];
        const layers = [];
        for (const below of stack) {
          if (below === el || el.contains(below)) continue;
          const c = paint(below);
          if (c) { layers.push(c); if (c.a >= 1) break; }
        }
        under = layers.reduceRight((acc, c) => blend(c, acc), page);
        const fg = colour ? blend(colour, under) : under;
        const [l1, l2] = [lum(fg), lum(under)].sort((a, b) => b - a);
        out.push({text: text.slice(0, 40), height: rect.height, contrast: (l1 + 0.05) / (l2 + 0.05),
                  measured: stack.length > 0});
      }
    }
  }
  return out;
}"""


def open_page(browser: Any, base: str, path: str, mode: str) -> Visit:
    visit = Visit(browser, base + path, base, viewport={"width": MODES[mode], "height": 900})
    if mode == "dark":
        visit.page.locator("label[for=__palette_1]").first.click()
        assert visit.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    visit.diagrams()
    return visit


def texts_in_view(visit: Visit) -> list[dict[str, Any]]:
    """Diagram texts measured as each diagram is scrolled into view (contrast needs what lies under)."""
    page = visit.page
    found: list[dict[str, Any]] = []
    holders = page.locator("article .mermaid, article .jb-canvas, article .jb-figure")
    for i in range(holders.count()):
        holder = holders.nth(i)
        if not holder.is_visible():
            continue
        holder.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(100)
        found += page.evaluate(DIAGRAM_TEXT)
    return found


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", PAGES)
def test_diagrams_are_legible(browser: Any, base_url: str, kind: str, mode: str) -> None:
    visit = open_page(browser, base_url, PAGES[kind], mode)
    page = visit.page
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        first = page.locator("article .jb-canvas, article .jb-cards, article .mermaid").first
        if first.count() and first.is_visible():
            first.evaluate("e => e.scrollIntoView({block: 'start'})")
            page.evaluate("window.scrollBy(0, -60)")
        page.screenshot(path=str(ARTIFACTS / f"{kind}-{mode}.png"))
        texts = texts_in_view(visit)
        small = [t for t in texts if t["height"] < 11]
        assert small == [], f"diagram text under 11 px: {small[:5]}"
        faint = [t for t in texts if t["measured"] and t["contrast"] < 3]
        assert faint == [], f"diagram text under 3:1 contrast: {faint[:5]}"
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "the page scrolls sideways"
        assert visit.console == []
        assert visit.foreign == []
        assert visit.axe() == []
    finally:
        visit.close()


@pytest.mark.parametrize("path", [PAGES["journey"], PAGES["journey-eservice"]])
def test_emotion_points_sit_in_their_step_columns(browser: Any, base_url: str, path: str) -> None:
    visit = open_page(browser, base_url, path, "light")
    page = visit.page
    try:
        region = page.get_by_role("region", name="Journey map")
        columns: dict[str, list[float]] = region.evaluate(
            """r => Object.fromEntries([...r.querySelectorAll('thead th a[href*="#step-"]')].map(a => {
                 const box = a.closest('th').getBoundingClientRect();
                 return [a.hash.slice(6), [box.left, box.right]]; }))"""
        )
        points: list[list[Any]] = region.evaluate(
            """r => [...r.querySelectorAll('svg [data-step]')].map(p => {
                 const box = p.getBoundingClientRect();
                 return [p.dataset.step, box.left + box.width / 2]; })"""
        )
        assert columns and points
        for step, x in points:
            left, right = columns[step]
            # centred: within the middle third of its column
            assert left + (right - left) / 3 <= x <= right - (right - left) / 3, (step, x, left, right)
        # the canvas is a keyboard-scrollable region
        assert region.get_attribute("tabindex") == "0"
    finally:
        visit.close()


def test_every_step_name_in_view_on_a_phone(browser: Any, base_url: str) -> None:
    for path in (PAGES["journey"], PAGES["blueprint"]):
        visit = open_page(browser, base_url, path, "phone")
        page = visit.page
        try:
            # the step names of the (hidden) wide grid, each must be readable somewhere on the page
            names: list[str] = page.evaluate(
                """() => [...document.querySelectorAll('.jb-map thead th a')].map(a => a.textContent.trim())"""
            )
            assert names
            shown: list[list[Any]] = page.evaluate(
                """() => [...document.querySelectorAll('article a')].filter(a => a.offsetParent !== null)
                   .map(a => { const b = a.getBoundingClientRect();
                               return [a.textContent.trim(), b.left, b.right]; })"""
            )
            for name in names:
                boxes = [(left, right) for text, left, right in shown if text == name]
                assert any(left >= 0 and right <= 390 for left, right in boxes), name
            assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
        finally:
            visit.close()


@pytest.mark.parametrize("path", [PAGES["journey"], PAGES["blueprint"]])
def test_map_prints_on_one_a3_sheet_under_its_title(browser: Any, base_url: str, path: str) -> None:
    """A3 landscape less 12 mm margins is 396 x 273 mm, about 1497 x 1032 CSS px."""
    visit = open_page(browser, base_url, path, "light")
    page = visit.page
    try:
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 1497, "height": 1032})
        box = page.evaluate(
            """() => { const h = document.querySelector('article h1').getBoundingClientRect();
                 const m = document.querySelector('.jb-canvas').getBoundingClientRect();
                 const l = document.querySelector('article > .jb-legend');
                 return {top: h.top, title: h.bottom, map: m.top, right: m.right,
                         bottom: l ? l.getBoundingClientRect().bottom : m.bottom}; }"""
        )
        assert box["map"] - box["title"] < 40, "the map follows its title"
        assert box["bottom"] - box["top"] <= 1032, "title, map and legend fit one sheet"
        assert box["right"] <= 1497
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"print-{path.strip('/').replace('/', '-')}.png"))
    finally:
        visit.close()
