"""Figures are worked out once per handbook, however many pages show them, and agree with the rules.

Rendering a site used to re-run failure demand for each journey page (twice)
and re-sort the backlog for each table; here the underlying computations are
counted during a whole render.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from conftest import EXAMPLE, MINI
from journeybook.core import Handbook, analysis, load_handbook
from journeybook.core.figures import figures_of
from journeybook.render import render_site

COUNTED = ("failure_demand", "ranked_backlog", "backlinks", "team_views", "compare", "observed_refs")


@pytest.fixture(scope="module")
def example_book() -> Handbook:
    return load_handbook(EXAMPLE)


def _counting(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    for name in COUNTED:
        original: Callable[..., Any] = getattr(analysis, name)

        def counted(*args: Any, _name: str = name, _original: Callable[..., Any] = original, **kwargs: Any) -> Any:
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(analysis, name, counted)
    return calls


def test_a_render_computes_each_figure_once(monkeypatch: pytest.MonkeyPatch) -> None:
    book = load_handbook(EXAMPLE)  # a handbook of its own: nothing cached yet
    calls = _counting(monkeypatch)
    render_site(book, "en", today=dt.date(2026, 6, 1))
    futures = sum(1 for j in book.journeys.values() if j.replaces)
    assert futures >= 1 and len(book.backlog) >= 2 and book.insights
    assert calls == Counter(
        failure_demand=1, ranked_backlog=1, backlinks=1, team_views=1, compare=futures, observed_refs=1
    )


def test_a_second_render_and_other_languages_reuse_the_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    book = load_handbook(MINI)
    render_site(book, "en")
    calls = _counting(monkeypatch)
    render_site(book, "sv")
    render_site(book, "fi")
    assert calls == Counter()


def test_figures_are_one_object_per_handbook() -> None:
    book = load_handbook(MINI)
    assert figures_of(book) is figures_of(book)
    assert figures_of(load_handbook(MINI)) is not figures_of(book)


def test_per_journey_demand_is_the_journeys_own_ranking(example_book: Handbook) -> None:
    figures = figures_of(example_book)
    for journey in example_book.journeys.values():
        own = analysis.failure_demand(example_book, [journey])
        assert list(figures.demand_by_journey[journey.id]) == own
        assert figures.demand_cost(journey.id) == pytest.approx(sum(r.monthly_cost or 0.0 for r in own))
    assert sum(len(rows) for rows in figures.demand_by_journey.values()) == len(figures.failure_demand)


def test_backlog_ranking_and_subsets(example_book: Handbook) -> None:
    figures = figures_of(example_book)
    entries = list(example_book.backlog.values())
    assert list(figures.ranked_backlog) == analysis.ranked_backlog(entries)
    some = entries[::2]
    assert figures.ranked(some) == analysis.ranked_backlog(some)
    assert sorted(figures.backlog_rank.values()) == list(range(1, len(entries) + 1))


def test_evidence_share_matches_a_scan_of_every_insight(example_book: Handbook) -> None:
    figures = figures_of(example_book)
    for journey in example_book.journeys.values():
        pains = [
            f"{journey.id}/{p.id}" for s in (st for ph in journey.phases for st in ph.steps) for p in s.pain_points
        ]
        backed = sum(
            any(ref in i.about and i.status == "observed" for i in example_book.insights.values()) for ref in pains
        )
        assert figures.evidence_share[journey.id] == (backed, len(pains))


def test_items_addressing_and_journey_gaps(example_book: Handbook) -> None:
    figures = figures_of(example_book)
    for ref, ids in figures.items_addressing.items():
        assert list(ids) == [b for b, e in example_book.backlog.items() if ref in e.item.addresses]
    gaps = example_book.gaps
    assert sum(len(g.pains_without_cause) for g in figures.journey_gaps.values()) == len(gaps.pains_without_cause)
    assert sum(len(g.pains_without_backlog) for g in figures.journey_gaps.values()) == len(gaps.pains_without_backlog)
    for jid, mine in figures.journey_gaps.items():
        assert all(j.id == jid for j, _, _ in (*mine.pains_without_cause, *mine.pains_without_backlog))


def test_what_refers_to_each_journey(example_book: Handbook) -> None:
    figures = figures_of(example_book)

    def about(refs: tuple[str, ...] | list[str], jid: str) -> bool:
        return any(r == jid or r.startswith(jid + "/") for r in refs)

    for jid in example_book.journeys:
        found = figures.about_journey[jid]
        assert list(found.metrics) == [m for m in example_book.metrics.values() if about(m.about, jid)]
        assert list(found.insights) == [i for i in example_book.insights.values() if about(i.about, jid)]
        assert list(found.backlog) == [
            e for e in example_book.backlog.values() if about((*e.item.addresses, *e.item.root_causes), jid)
        ]
    assert any(found.insights for found in figures.about_journey.values())


def test_figures_are_read_only(example_book: Handbook) -> None:
    figures = figures_of(example_book)
    with pytest.raises(TypeError):
        figures.backlog_rank["x"] = 1  # type: ignore[index]
    assert isinstance(figures.failure_demand, tuple)
