"""The built handbook in headless Chromium, as a reader sees it.

For every kind of page: every Mermaid diagram renders to an SVG without a
Mermaid error, nothing is logged to the console as an error, no request goes
to any host but the local server, and axe-core finds no serious or critical
accessibility violation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, ROOT, build_site, serve, write_config

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
# Material renders diagrams into closed shadow roots; open them so tests can look inside.
OPEN_SHADOW = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };"
    "window.__alerts = 0; window.alert = () => { window.__alerts += 1; };"
)

PAGES = {
    "start here": "",
    "method": "method/",
    "format reference": "reference/",
    "architecture": "architecture/",
    "journeys index": "journeys/",
    "journey (current)": "journeys/breast-cancer-current/",
    "journey (future)": "journeys/breast-cancer-future/",
    "journey (e-service)": "journeys/parental-benefit/",
    "blueprint": "journeys/parental-benefit/blueprint/",
    "comparison": "journeys/breast-cancer-future/compare/",
    "need groups index": "need-groups/",
    "need group": "need-groups/uncertain/",
    "teams index": "teams/",
    "team": "teams/referral-office/",
    "backlog": "backlog/",
    "traceability": "backlog/traceability/",
    "gaps": "backlog/gaps/",
    "metrics": "metrics/",
    "failure demand": "failure-demand/",
    "insights": "insights/",
    "glossary": "glossary/",
    "tags": "tags/",
}


class Visit:
    """One page load with everything a test wants to know about it."""

    def __init__(self, browser: Any, url: str, origin: str, viewport: dict[str, int] | None = None) -> None:
        self.page = browser.new_page(viewport=viewport or {"width": 1366, "height": 900})
        self.console: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console.append(str(e)))
        self.page.on(
            "request", lambda r: None if r.url.startswith((origin, "data:", "blob:")) else self.foreign.append(r.url)
        )
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("response", lambda r: self.failed.append(r.url) if r.status >= 400 else None)
        self.page.add_init_script(OPEN_SHADOW)
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")

    def diagrams(self) -> list[dict[str, Any]]:
        """Wait until Mermaid has rendered every diagram, then describe each one."""
        count = self.page.locator(".mermaid").count()
        if count:
            self.page.wait_for_function(
                "n => [...document.querySelectorAll('.mermaid')].filter(e => e.shadowRoot && "
                "e.shadowRoot.querySelector('svg')).length === n",
                arg=count,
                timeout=20000,
            )
        result: list[dict[str, Any]] = self.page.evaluate(
            """() => [...document.querySelectorAll('.mermaid')].map(e => {
                 const svg = e.shadowRoot.querySelector('svg');
                 return {type: svg.getAttribute('aria-roledescription'),
                         title: (svg.querySelector('title') || {}).textContent || '',
                         desc: (svg.querySelector('desc') || {}).textContent || '',
                         text: e.shadowRoot.textContent,
                         images: e.shadowRoot.querySelectorAll('img').length};
               })"""
        )
        return result

    def axe(self) -> list[dict[str, Any]]:
        self.page.add_script_tag(path=str(AXE))
        violations: list[dict[str, Any]] = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))"
        )
        return [v for v in violations if v["impact"] in ("serious", "critical")]

    def close(self) -> None:
        self.page.close()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_renders_cleanly(browser: Any, base_url: str, path: str) -> None:
    visit = Visit(browser, base_url + path, base_url)
    try:
        diagrams = visit.diagrams()
        for diagram in diagrams:
            assert diagram["type"] != "error", diagram
            assert "Syntax error" not in diagram["text"], diagram
            assert diagram["title"] and diagram["desc"], f"diagram without accTitle/accDescr: {diagram}"
        assert visit.console == []
        assert visit.foreign == [], "requests to other hosts"
        assert visit.failed == [], "requests that failed"
        assert visit.axe() == []
    finally:
        visit.close()


# Metric and priority charts are journeybook's own SVG (tests/test_map_pictures_browser.py), not Mermaid.
EXPECTED_DIAGRAMS = {
    "journeys/breast-cancer-current/": ["flowchart-v2"],
    "architecture/": ["flowchart-v2"],  # a hand-written page's diagram
}


@pytest.mark.parametrize("path", EXPECTED_DIAGRAMS)
def test_expected_diagrams_are_drawn(browser: Any, base_url: str, path: str) -> None:
    visit = Visit(browser, base_url + path, base_url)
    try:
        assert [d["type"] for d in visit.diagrams()] == EXPECTED_DIAGRAMS[path]
        # the self-hosted Mermaid was used, and runs with its strict security level
        assert visit.page.evaluate("window.mermaid.mermaidAPI.getConfig().securityLevel") == "strict"
    finally:
        visit.close()


def test_journey_page_answers_what_a_need_group_goes_through(browser: Any, base_url: str) -> None:
    visit = Visit(browser, base_url + "journeys/parental-benefit/", base_url)
    page = visit.page
    try:
        visit.diagrams()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "journey-page.png"), full_page=False)
        page.locator("#journey-map").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "journey-map.png"))
        # the grid has a column per step, under its phase
        headers = page.locator(".jb-map thead tr").nth(1).locator("th")
        assert headers.count() == 1 + 6
        assert page.locator(".jb-map thead th[scope=colgroup]").all_inner_texts() == [
            "Find out",
            "Apply",
            "Wait for the decision",
            "Payment",
        ]
        # the need-group tabs: switch to "Uncertain" and read its pain points
        page.locator(".tabbed-labels label", has_text="Uncertain").click()
        panel = page.locator(".tabbed-block").nth(1)
        assert panel.is_visible()
        text = panel.inner_text()
        assert "No confirmation is shown or sent" in text
        assert "Questions use the agency" in text
        assert "The benefit calculator" not in text  # a gain point for another group
        page.locator(".tabbed-labels label", has_text="The browser").click()
        assert "The benefit calculator makes it easy" in page.locator(".tabbed-block").nth(2).inner_text()
        # on a laptop the full-width canvas shows every step of a short journey without scrolling
        width = page.evaluate(
            "() => { const m = document.querySelector('.jb-map'); return [m.scrollWidth, m.clientWidth]; }"
        )
        assert width[0] <= width[1]
    finally:
        visit.close()


def test_links_between_pages_work(browser: Any, base_url: str) -> None:
    """Every link in the content of every page kind leads to a page that exists."""
    visit = Visit(browser, base_url, base_url)
    page = visit.page
    try:
        targets: set[str] = set()
        for path in PAGES.values():
            page.goto(base_url + path)
            hrefs: list[str] = page.evaluate("() => [...document.querySelectorAll('article a[href]')].map(a => a.href)")
            targets |= {h.split("#")[0] for h in hrefs if h.startswith(base_url)}
        assert len(targets) > 40
        broken = [url for url in sorted(targets) if page.request.get(url).status != 200]
        assert broken == []
        page.goto(base_url + "journeys/breast-cancer-current/")
        page.get_by_role("link", name="Breast imaging unit").first.click()
        page.wait_for_url("**/teams/breast-imaging/")
        assert "Mammography and ultrasound" in page.locator("article").inner_text()
    finally:
        visit.close()


def test_search_finds_generated_text(browser: Any, base_url: str) -> None:
    visit = Visit(browser, base_url, base_url)
    page = visit.page
    try:
        page.keyboard.press("/")  # mkdocs-material's shortcut to the search field
        page.wait_for_timeout(500)
        page.keyboard.type("referral", delay=50)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        results = page.locator(".md-search-result__item").all_inner_texts()
        assert any("Breast cancer" in r for r in results), results
    finally:
        visit.close()


def test_dark_mode_toggle(browser: Any, base_url: str) -> None:
    visit = Visit(browser, base_url + "journeys/job-seeker/", base_url)
    page = visit.page
    try:
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        page.locator("label[for=__palette_1]").first.click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert visit.diagrams()
        assert visit.axe() == []
    finally:
        visit.close()


def test_print_layout_fits_a3_landscape(browser: Any, base_url: str, tmp_path: Path) -> None:
    visit = Visit(browser, base_url + "journeys/breast-cancer-current/", base_url)
    page = visit.page
    try:
        visit.diagrams()
        page.emulate_media(media="print")
        assert page.locator(".md-sidebar--primary").first.is_hidden()
        # A3 landscape: 420 mm wide, 12 mm margins -> 396 mm = about 1497 CSS px
        page.set_viewport_size({"width": 1497, "height": 1000})
        widths = page.evaluate(
            "() => { const t = document.querySelector('.jb-map table'); "
            "return [t.scrollWidth, document.querySelector('.jb-map').clientWidth]; }"
        )
        assert widths[0] <= widths[1] + 1, widths
        # The map moves under the title; its own heading must not stay behind, heading an empty section.
        left_behind = page.evaluate(
            "() => { const map = document.querySelector('.md-content__inner > .jb-canvas'); "
            "let h = map.previousElementSibling; while (h && h.tagName !== 'H2') h = h.previousElementSibling; "
            "return h.getClientRects().length > 0 && h.getBoundingClientRect().top > map.getBoundingClientRect().top; }"
        )
        assert not left_behind
        pdf = tmp_path / "journey.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        assert pdf.stat().st_size > 10_000
    finally:
        visit.close()


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini handbook, whose texts hold HTML, a javascript: link and Mermaid syntax."""
    tmp = tmp_path_factory.mktemp("hostile")
    build_site(write_config(tmp, MINI), tmp / "site", strict=False)
    yield from serve(tmp / "site")


@pytest.mark.parametrize(
    "path",
    [
        "journeys/move-now/",
        "need-groups/hurried/",
        "journeys/move-now/blueprint/",
        "journeys/move-future/compare/",
        "backlog/",
    ],
)
def test_editor_text_never_runs(browser: Any, hostile_url: str, path: str) -> None:
    visit = Visit(browser, hostile_url + path, hostile_url)
    page = visit.page
    try:
        diagrams = visit.diagrams()
        assert all(d["type"] != "error" and d["images"] == 0 for d in diagrams)
        assert page.evaluate("window.__alerts") == 0
        assert page.locator("article img[src=x], article script:not([src])").count() == 0
        hrefs: list[str] = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        assert not [h for h in hrefs if h.lower().startswith("javascript:")]
        assert visit.console == []
    finally:
        visit.close()


def test_hostile_name_in_titles_and_navigation(browser: Any, hostile_url: str) -> None:
    visit = Visit(browser, hostile_url + "need-groups/hurried/", hostile_url)
    page = visit.page
    try:
        assert page.title().startswith("Hurried <b>people</b></title><script>alert(2)</script>")
        assert page.evaluate("window.__alerts") == 0
        assert page.locator("b").count() == 0
        assert page.evaluate("[...document.scripts].filter(s => s.textContent.includes('alert')).length") == 0
        nav = page.locator(".md-nav--primary").inner_text()
        assert "Hurried <b>people</b>" in nav
    finally:
        visit.close()


def test_hostile_text_is_shown_as_typed(browser: Any, hostile_url: str) -> None:
    visit = Visit(browser, hostile_url + "journeys/move-now/", hostile_url)
    try:
        diagrams = visit.diagrams()
        text = visit.page.locator("article").inner_text()
        assert "No receipt <img src=x onerror=alert(1)>" in text
        assert "Report a move: #1 [x](y) & more" in text
        assert all(d["type"] != "error" for d in diagrams)
        assert 'Fill in "form"' in visit.page.get_by_role("region", name="Journey map").inner_text()
    finally:
        visit.close()


def test_instant_navigation_renders_diagrams(browser: Any, base_url: str) -> None:
    """mkdocs-material swaps pages without a reload; Mermaid must still draw on the new page."""
    visit = Visit(browser, base_url, base_url)
    page = visit.page
    try:
        page.locator("article a", has_text="Breast cancer diagnosis and treatment (today)").first.click()
        page.wait_for_url("**/journeys/breast-cancer-current/")
        assert [d["type"] for d in visit.diagrams()] == EXPECTED_DIAGRAMS["journeys/breast-cancer-current/"]
        page.get_by_role("link", name="Breast imaging unit").first.click()
        page.wait_for_url("**/teams/breast-imaging/")
        page.go_back()
        # the link followed is in the content (the nav lists no teams there), so the theme's
        # navigation.tracking may add the section's anchor when it restores the scroll position
        page.wait_for_url("**/journeys/breast-cancer-current/**")
        assert len(visit.diagrams()) == len(EXPECTED_DIAGRAMS["journeys/breast-cancer-current/"])
        assert visit.console == [] and visit.foreign == []
    finally:
        visit.close()


@pytest.mark.parametrize("path", ["journeys/breast-cancer-current/", "journeys/breast-cancer-current/blueprint/"])
def test_phone_cards_pass_axe_in_dark_mode(browser: Any, base_url: str, path: str) -> None:
    """On a phone the map is step cards; in dark mode their text (phase names too) must keep its contrast."""
    visit = Visit(browser, base_url + path, base_url, viewport={"width": 390, "height": 844})
    page = visit.page
    try:
        page.locator("label[for=__palette_1]").first.click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert page.locator(".jb-cards").first.is_visible()
        assert visit.axe() == []
    finally:
        visit.close()
