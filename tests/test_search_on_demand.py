"""The search index is downloaded when a reader turns to search, and search then works as before.

mkdocs-material fetches the whole index with every page; at a thousand
journeys that is 20 MB parsed on the main thread while the diagrams wait.
journeybook's search-on-demand.js holds that request back until the reader
points at or focuses the search field, or opens search on a phone. What a
reader relies on: search finds what it found before, by every way into it.
"""

from __future__ import annotations

from typing import Any

import pytest

from test_browser import Visit

INDEX = "search/search_index.json"
JOURNEY = "journeys/job-seeker/"


def _index_requests(visit: Visit) -> list[str]:
    found: list[str] = []
    visit.page.on("request", lambda r: found.append(r.url) if r.url.endswith(INDEX) else None)
    return found


def _wait_for_index(visit: Visit) -> None:
    visit.page.wait_for_function(
        "() => performance.getEntriesByType('resource').some(e => e.name.endsWith('search_index.json'))",
        timeout=15000,
    )


def _results(visit: Visit, query: str) -> list[str]:
    visit.page.keyboard.type(query, delay=30)
    visit.page.wait_for_selector(".md-search-result__item", timeout=15000)
    texts: list[str] = visit.page.locator(".md-search-result__item").all_inner_texts()
    return texts


def test_a_page_loads_and_draws_without_the_index_and_the_keyboard_shortcut_fetches_it(
    browser: Any, base_url: str
) -> None:
    visit = Visit(browser, base_url + JOURNEY, base_url)
    try:
        requested = _index_requests(visit)
        visit.diagrams()
        visit.page.wait_for_timeout(500)
        loaded = visit.page.evaluate(
            "() => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('"
            + INDEX
            + "'))"
        )
        assert loaded == [] and requested == [], "no index while the reader only reads"
        visit.page.keyboard.press("/")  # the theme's shortcut to the search field
        results = _results(visit, "referral")
        assert any("Breast cancer" in r for r in results), results
        assert len(requested) == 1, requested
        assert visit.console == [] and visit.failed == [] and visit.foreign == []
    finally:
        visit.close()


def test_pointing_at_the_search_field_starts_the_download(browser: Any, base_url: str) -> None:
    visit = Visit(browser, base_url, base_url)
    try:
        visit.page.locator(".md-search__input").hover()
        _wait_for_index(visit)
    finally:
        visit.close()


@pytest.mark.parametrize(
    ("width", "opener"),
    [(1366, ".md-search__input"), (390, "label.md-header__button[for='__search']")],
    ids=["search field", "phone search button"],
)
def test_opening_search_fetches_the_index_once_and_finds(browser: Any, base_url: str, width: int, opener: str) -> None:
    visit = Visit(browser, base_url + JOURNEY, base_url, viewport={"width": width, "height": 844})
    try:
        requested = _index_requests(visit)
        visit.page.locator(opener).click()
        assert any("Breast cancer" in r for r in _results(visit, "referral"))
        assert len(requested) == 1, requested
    finally:
        visit.close()


def test_a_page_opened_with_a_query_gets_the_index_at_once(browser: Any, base_url: str) -> None:
    visit = Visit(browser, base_url + JOURNEY + "?q=referral", base_url)
    _wait_for_index(visit)
    visit.close()
