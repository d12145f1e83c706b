"""The search index holds what a reader searches for, not the tables and figures that repeat it.

A journey page's steps, pain points and root causes are indexed; its map
grid, need-group tabs, key figures, failure-demand and insight tables and its
chain from pain to result are not (they repeat the steps or other pages), and
a journey's own traceability page is left out whole.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import build_site, write_config
from synthetic import generate

JOURNEYS = 12


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("search")
    data = tmp / "journeys"
    data.mkdir()
    generate(data, JOURNEYS, 5)
    # Two lines in one cell of the blueprint (joined by a line break).
    journey = data / "journey-3.yml"
    journey.write_text(journey.read_text("utf-8").replace("[Staff help]", "[Staff help, Second desk]", 1), "utf-8")
    build_site(write_config(tmp, data), tmp / "site", strict=False)
    docs: list[dict[str, Any]] = json.loads((tmp / "site" / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return docs


def test_a_journey_page_indexes_its_steps_and_pains_not_its_repeated_tables(index: list[dict[str, Any]]) -> None:
    sections = {e["location"] for e in index if e["location"].startswith("journeys/journey-3/")}
    assert "journeys/journey-3/#step-step-0" in sections
    assert "journeys/journey-3/#root-causes" in sections
    for skipped in ("key-figures", "journey-map", "by-need-group", "failure-demand", "insights", "from-pain-to-result"):
        assert f"journeys/journey-3/#{skipped}" not in sections
    step = next(e for e in index if e["location"] == "journeys/journey-3/#step-step-0")
    assert "Something hurts here." in step["text"]


def test_a_journeys_traceability_page_is_not_indexed_but_other_pages_are(index: list[dict[str, Any]]) -> None:
    pages = {e["location"].split("#")[0] for e in index}
    assert not any(p.endswith("/traceability/") and p.startswith("journeys/") for p in pages)
    assert {"journeys/journey-3/blueprint/", "glossary/", "need-groups/uncertain/"} <= pages


def test_neighbouring_table_cells_stay_apart_in_the_index(index: list[dict[str, Any]]) -> None:
    """The theme's indexer keeps a cell's text and drops its tags: cells written side by side ran their words
    together ('a while.Does'), so a word at a cell's edge could not be found, and snippets read as one word."""
    entries = [e for e in index if e["location"].startswith("journeys/journey-3/blueprint/")]
    assert entries
    text = " ".join(e["text"] for e in entries)
    assert "Does something" in text and "Staff help Second desk" in text
    glued = re.findall(r"\w[.)][A-Z]\w*|[a-z][A-Z]\w*", text)
    assert not glued, glued[:5]
