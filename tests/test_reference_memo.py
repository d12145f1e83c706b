"""Under `mkdocs serve` the references of unchanged journeys are not checked again, yet every mistake still shows.

The handbook cache keeps each unchanged journey's reference problems from the
last load (crossref.JourneyMemo). What an editor relies on: a load after an
edit reports exactly what a load from scratch reports, whether the edit was in
the journey, in a table it refers to, or elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit, problems_in
from journeybook.core import HandbookCache, HandbookError, Problem, load_handbook


def _load(folder: Path, cache: HandbookCache) -> list[Problem]:
    try:
        load_handbook(folder, cache, display_root=folder)
    except HandbookError as exc:
        return exc.problems
    return []


@pytest.fixture
def cache(mini: Path) -> HandbookCache:
    cache = HandbookCache()
    assert _load(mini, cache) == []
    return cache


def test_removing_a_team_shows_in_the_unchanged_journeys_that_name_it(mini: Path, cache: HandbookCache) -> None:
    edit(mini / "organisation.yml", "  - id: front\n    name: Front desk\n", "")
    found = _load(mini, cache)
    assert found == problems_in(mini)
    assert any(p.file.endswith("now.yml") and "no team with id 'front'" in p.message for p in found), found
    edit(mini / "organisation.yml", "teams:\n", "teams:\n  - id: front\n    name: Front desk\n")
    assert _load(mini, cache) == []


def test_a_mistake_in_an_unchanged_journey_is_reported_again_after_another_file_changes(
    mini: Path, cache: HandbookCache
) -> None:
    edit(mini / "now.yml", "owner: front\n", "owner: frnot\n")
    first = _load(mini, cache)
    assert any("no team with id 'frnot'" in p.message for p in first), first
    edit(mini / "glossary.yml", "kind: glossary", "kind: glossary\n# an edit elsewhere")
    again = _load(mini, cache)
    assert again == first == problems_in(mini)
