"""A large backlog: a summary page, the details on a page per development area, every item reachable.

The threshold is lowered so that a small synthetic handbook splits; every
link to an item (from journey pages, the traceability pages, the backlog
summary) must land on the page that shows the item's details.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

import pytest

from conftest import build_site, write_config
from journeybook.core import load_handbook
from journeybook.core.handbook import Handbook
from journeybook.core.kinds import Kind
from journeybook.handbook_diff import compare_handbooks
from journeybook.render import backlog_paths, render_site
from journeybook.render.context import Context
from synthetic import generate

JOURNEYS = 12
PER_PAGE = 5
LINK = re.compile(r"\]\(([^)#\s]*)#item-([a-z0-9-]+)\)")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Handbook:
    data = tmp_path_factory.mktemp("backlog") / "journeys"
    data.mkdir()
    generate(data, JOURNEYS, 5)
    return load_handbook(data)


@pytest.fixture
def pages(book: Handbook, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setattr(backlog_paths, "ONE_PAGE_MAX_ITEMS", PER_PAGE)
    return {p.path: p.content for p in render_site(book)}


def test_the_backlog_page_keeps_the_ranking_and_leaves_the_details_to_area_pages(
    book: Handbook, pages: dict[str, str]
) -> None:
    summary = pages[Context.BACKLOG_INDEX]
    assert 'id="item-' not in summary
    areas = sorted(p for p in pages if p.startswith("backlog/areas/"))
    assert len(areas) == -(-JOURNEYS // PER_PAGE)
    for area in areas:
        assert f"({posixpath.relpath(area, 'backlog')})" in summary
        assert len(re.findall(r'id="item-', pages[area])) <= PER_PAGE


def test_every_item_is_shown_once_and_every_link_to_it_lands_there(book: Handbook, pages: dict[str, str]) -> None:
    shown: dict[str, str] = {}
    for path, content in pages.items():
        for item in re.findall(r'id="item-([a-z0-9-]+)"', content):
            assert item not in shown, f"{item} on {shown.get(item)} and {path}"
            shown[item] = path
    assert set(shown) == set(book.backlog)
    linked = 0
    for path, content in pages.items():
        for target, item in LINK.findall(content):
            page = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
            assert page == shown[item], f"{path} links item {item} to {page}"
            linked += 1
    assert linked >= len(book.backlog)


def test_a_small_backlog_stays_one_page(book: Handbook) -> None:
    pages = {p.path: p.content for p in render_site(book)}
    assert not any(p.startswith("backlog/areas/") for p in pages)
    assert len(re.findall(r'id="item-', pages[Context.BACKLOG_INDEX])) == len(book.backlog)


def test_the_change_summary_links_an_item_to_its_area_page(
    book: Handbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backlog_paths, "ONE_PAGE_MAX_ITEMS", PER_PAGE)
    generate(tmp_path, JOURNEYS - 1, 5)
    sections = {s.kind: s for s in compare_handbooks(load_handbook(tmp_path), book)}
    added = sections[Kind.BACKLOG_ITEM].added
    last_page = backlog_paths.area_page_path("area", "dev", -(-JOURNEYS // PER_PAGE))
    assert [c.page for c in added] == [last_page.removesuffix(".md") + f"/#item-item-{JOURNEYS - 1}"]


def test_the_split_backlog_builds_without_a_broken_link_or_anchor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(backlog_paths, "ONE_PAGE_MAX_ITEMS", PER_PAGE)
    data = tmp_path / "journeys"
    data.mkdir()
    generate(data, JOURNEYS, 5)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build_site(write_config(tmp_path, data), tmp_path / "site", strict=False)
    about_backlog = [r.getMessage() for r in caplog.records if "item-" in r.getMessage() or "backlog" in r.getMessage()]
    assert about_backlog == []
    page = tmp_path / "site" / "backlog" / "areas" / "area--dev" / "index.html"
    assert page.read_text("utf-8").count('id="item-') == PER_PAGE
