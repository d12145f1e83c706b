"""Every free-text field of the example handbook, poisoned, and every built page opened in Chromium.

The fields are found from the models (tests/hostile_data.py), so a field added
later is poisoned too; every page is found from the built site, so a page kind
added later is opened too. On each page, in light and dark mode: nothing from
the payload ran or became an element or attribute, no link uses a script
scheme, every diagram rendered, and the payload shows as typed where the
journey title shows.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, build_site, serve, write_config
from hostile_data import PAYLOAD, poison_handbook
from journeybook.core import load_handbook
from test_browser import Visit

pytestmark = pytest.mark.browser


# Everything a payload could have become, looked for in the page and in every (opened) shadow root.
INSPECT = """() => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++)
    for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  const found = [];
  for (const root of roots) {
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) {
        const value = a.value.trim().toLowerCase();
        if (a.name.startsWith('on')) found.push(`${el.tagName} ${a.name}=${a.value}`);
        if (['href', 'src', 'xlink:href', 'action', 'formaction'].includes(a.name) &&
            /^(javascript|data|vbscript):/.test(value)) found.push(`${el.tagName} ${a.name}=${a.value}`);
      }
      if (el.tagName.toLowerCase() === 'img' && el.getAttribute('src') === 'x') found.push('img src=x');
      if (el.tagName.toLowerCase() === 'script' && el.textContent.includes('__pwned')) found.push('script');
    }
  }
  return {pwned: window.__pwned !== undefined, found};
}"""


def _pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a path relative to its root."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return [p for p in pages if not p.startswith(("assets/", "search/"))]


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    tmp = tmp_path_factory.mktemp("poisoned")
    data = tmp / "journeys"
    shutil.copytree(EXAMPLE, data)
    assert poison_handbook(data) > 100
    build_site(write_config(tmp, data), tmp / "site", strict=False)
    for served in serve(tmp / "site"):
        yield served, _pages(tmp / "site")


def _check(visit: Visit, url: str, scheme: str) -> list[str]:
    """Open url in the visit's tab and return what is wrong with it."""
    page = visit.page
    page.goto(url, wait_until="load")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    wrong: list[str] = []
    try:
        diagrams = visit.diagrams()
    except Exception as exc:  # a diagram that never renders
        return [f"{url}: diagrams did not render: {exc}"]
    wrong += [f"{url}: diagram error {d['text'][:200]}" for d in diagrams if d["type"] == "error"]
    wrong += [f"{url}: image in diagram" for d in diagrams if d["images"]]
    page.hover("body", position={"x": 5, "y": 5})
    result: dict[str, Any] = page.evaluate(INSPECT)
    if result["pwned"]:
        wrong.append(f"{url}: the payload ran")
    wrong += [f"{url}: {f}" for f in result["found"]]
    return wrong


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_poisoned_handbook_never_runs_on_any_page(
    browser: Any, poisoned: tuple[str, list[str]], scheme: str
) -> None:
    base_url, pages = poisoned
    assert len(pages) > 20 and "journeys/" in pages
    visit = Visit(browser, base_url, base_url)
    try:
        if scheme == "slate":
            visit.page.locator("label[for=__palette_1]").first.click()  # remembered for every page
        wrong: list[str] = []
        for path in pages:
            wrong += _check(visit, base_url + path, scheme)
        assert wrong == []
        assert visit.console == []
        assert visit.foreign == []
    finally:
        visit.close()


def test_poisoned_text_is_shown_as_typed(browser: Any, poisoned: tuple[str, list[str]]) -> None:
    base_url, _ = poisoned
    journey = next(iter(load_handbook(EXAMPLE).journeys.values()))
    typed = f"{journey.title} {PAYLOAD}".strip()
    visit = Visit(browser, f"{base_url}journeys/{journey.id}/", base_url)
    page = visit.page
    try:
        visit.diagrams()
        h1 = page.locator("article h1").first.inner_text().removesuffix("¶").strip()
        assert h1 == typed
        assert page.title().startswith(typed)
        # The nav is pruned to the open section (navigation.prune): the title is listed on the
        # pages of its own section, such as the other journeys of its life event.
        navs = []
        for other in load_handbook(EXAMPLE).journeys.values():
            if other.id != journey.id and other.life_event == journey.life_event:
                page.goto(f"{base_url}journeys/{other.id}/")
                navs.append(" ".join((page.locator(".md-nav--primary").first.text_content() or "").split()))
        assert navs and any(typed in nav for nav in navs)
        page.goto(f"{base_url}journeys/{journey.id}/")
        # raw HTML in a Markdown field is shown as typed too, not dropped
        prose = page.locator("article .jb-prose").all_inner_texts()
        assert any(PAYLOAD.strip() in " ".join(p.split()) for p in prose), prose
        article = page.locator("article").inner_text()
        assert article.count(PAYLOAD.strip()) > 10  # steps, pain points, tabs, blueprint...
        # the tags page and the search show the text, and run nothing
        page.goto(base_url + "tags/")
        assert PAYLOAD.strip() in page.locator("article").inner_text()
        page.keyboard.press("/")
        page.wait_for_timeout(300)
        page.keyboard.type("onerror", delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert PAYLOAD.strip()[:20] in page.locator(".md-search-result").inner_text()
        result = page.evaluate(INSPECT)
        assert result == {"pwned": False, "found": []}
    finally:
        visit.close()
