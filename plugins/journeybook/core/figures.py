"""Every figure the pages show, computed once per handbook.

A site is dozens to thousands of pages that show the same figures from
different sides: a journey's failure-demand cost is on its page, on its life
event's cards and in the comparison with its future state; the backlog's
ranking is in every table of items. :class:`Figures` computes each once, on
first use, and every renderer reads it (`ctx.figures.<name>`) instead of
calling `core.analysis` itself. The rules behind the numbers stay in
`core.analysis`; this module only decides that each is worked out once.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TypeVar

from . import analysis
from .analysis import Backlinks, Comparison, DemandRow, TeamView
from .entities import BacklogEntry, journey_steps
from .gaps import Gaps, PainAt
from .handbook import Handbook
from .kinds import split_ref
from .models import Insight, Metric, Step

T = TypeVar("T")


@dataclass(frozen=True)
class AboutJourney:
    """What refers to one journey or anything in it, each in handbook order."""

    metrics: tuple[Metric, ...] = ()
    insights: tuple[Insight, ...] = ()
    backlog: tuple[BacklogEntry, ...] = ()


class Figures:
    """The figures of one handbook; build it with :func:`figures_of`, which keeps one per handbook."""

    def __init__(self, book: Handbook) -> None:
        # Weak: figures_of's table maps the handbook to this object, and a value that held its key strongly
        # would keep both alive forever (every serve rebuild's handbook, and a build's to its very end).
        self._book = weakref.ref(book)

    @property
    def book(self) -> Handbook:
        book = self._book()
        if book is None:
            raise ReferenceError("these figures outlived their handbook; ask figures_of(book) instead")
        return book

    # --- failure demand ------------------------------------------------------------

    @cached_property
    def failure_demand(self) -> tuple[DemandRow, ...]:
        """Every failure-demand row of the handbook, most expensive first (see analysis.failure_demand)."""
        return tuple(analysis.failure_demand(self.book))

    @cached_property
    def demand_by_journey(self) -> Mapping[str, tuple[DemandRow, ...]]:
        """Each journey's rows, in the same order; a journey without failure demand has ()."""
        out: dict[str, list[DemandRow]] = {jid: [] for jid in self.book.journeys}
        for row in self.failure_demand:
            out[row.journey.id].append(row)
        return MappingProxyType({jid: tuple(rows) for jid, rows in out.items()})

    def demand_cost(self, journey_id: str) -> float:
        """A journey's failure-demand cost per month; rows without a cost count as nothing."""
        return sum(r.monthly_cost or 0.0 for r in self.demand_by_journey[journey_id])

    # --- the backlog ---------------------------------------------------------------

    @cached_property
    def ranked_backlog(self) -> tuple[BacklogEntry, ...]:
        """The whole backlog, highest priority score first."""
        return tuple(analysis.ranked_backlog(self.book.backlog.values()))

    @cached_property
    def backlog_rank(self) -> Mapping[str, int]:
        """Each item's place in the whole backlog, from 1."""
        return MappingProxyType({e.item.id: n for n, e in enumerate(self.ranked_backlog, start=1)})

    def ranked(self, entries: Sequence[BacklogEntry]) -> list[BacklogEntry]:
        """Some of the items, in the order of the whole backlog, without sorting the backlog again."""
        rank = self.backlog_rank
        return sorted(entries, key=lambda e: rank[e.item.id])

    @cached_property
    def items_addressing(self) -> Mapping[str, tuple[str, ...]]:
        """Backlog item ids by the 'journey/pain' reference they address, in backlog order.

        Looked up per pain point, so that a journey's chain costs its own pain
        points, not its pain points times the whole backlog.
        """
        out: dict[str, list[str]] = {}
        for bid, entry in self.book.backlog.items():
            for ref in entry.item.addresses:
                ids = out.setdefault(ref, [])
                if bid not in ids:
                    ids.append(bid)
        return MappingProxyType({ref: tuple(ids) for ref, ids in out.items()})

    # --- references between entities ---------------------------------------------------

    @cached_property
    def backlinks(self) -> Mapping[str, Backlinks]:
        """What refers to each journey, step or pain point, keyed by 'journey' or 'journey/item'."""
        return MappingProxyType(analysis.backlinks(self.book))

    @cached_property
    def about_journey(self) -> Mapping[str, AboutJourney]:
        """The metrics, insights and backlog items about each journey, found in one pass over each table
        (not one pass over every table per journey page)."""
        book = self.book
        metrics = _by_journey(book.journeys, ((m, m.about) for m in book.metrics.values()))
        insights = _by_journey(book.journeys, ((i, i.about) for i in book.insights.values()))
        items = ((e, (*e.item.addresses, *e.item.root_causes)) for e in book.backlog.values())
        backlog = _by_journey(book.journeys, items)
        return MappingProxyType({jid: AboutJourney(metrics[jid], insights[jid], backlog[jid]) for jid in book.journeys})

    @cached_property
    def journey_titles(self) -> Mapping[str, str]:
        """Each journey's title: what a link to a journey shows, read without the rest of the journey."""
        return MappingProxyType({jid: j.title for jid, j in self.book.journeys.items()})

    # --- need groups: where each one hurts or gains, in one pass over every step ------------

    @cached_property
    def _group_views(self) -> dict[str, tuple[list[str], list[tuple[str, Step]], dict[str, list[int]]]]:
        groups = self.book.need_groups
        views: dict[str, tuple[list[str], list[tuple[str, Step]], dict[str, list[int]]]] = {
            gid: ([], [], {}) for gid in groups
        }
        for jid, journey in self.book.journeys.items():
            serves = [g for g in analysis.groups_of(journey) if g in views]
            for gid in serves:
                views[gid][0].append(jid)
            for _, step in journey_steps(journey):
                for gid in serves:
                    hurt = any(analysis.applies(p.need_groups, gid) for p in step.pain_points)
                    gained = any(analysis.applies(g.need_groups, gid) for g in step.gain_points)
                    if hurt or gained:
                        views[gid][1].append((jid, step))
                        tally = views[gid][2].setdefault(jid, [0, 0])
                        tally[0] += hurt
                        tally[1] += gained
        return views

    @cached_property
    def group_journeys(self) -> Mapping[str, tuple[str, ...]]:
        """The journeys each need group goes through (its own list, or where it has an emotion recorded)."""
        return MappingProxyType({gid: tuple(v[0]) for gid, v in self._group_views.items()})

    @cached_property
    def group_steps(self) -> Mapping[str, tuple[tuple[str, Step], ...]]:
        """(journey id, step) where a need group has a pain or a gain, in handbook order."""
        return MappingProxyType({gid: tuple(v[1]) for gid, v in self._group_views.items()})

    @cached_property
    def group_step_count(self) -> Mapping[str, int]:
        """How many steps `group_steps` lists: apart, so that a page choosing its layout by the count reads only
        the count (render.incremental renders it again when the count changes, not when a step does)."""
        return MappingProxyType({gid: len(v[1]) for gid, v in self._group_views.items()})

    @cached_property
    def group_tally(self) -> Mapping[str, tuple[tuple[str, int, int], ...]]:
        """Per need group and journey: (journey id, steps where it hurts, steps where it gains)."""
        return MappingProxyType(
            {gid: tuple((jid, c[0], c[1]) for jid, c in v[2].items()) for gid, v in self._group_views.items()}
        )

    @cached_property
    def replaced_by(self) -> Mapping[str, tuple[str, ...]]:
        """The journeys that replace each journey (its future states), in handbook order."""
        out: dict[str, list[str]] = {jid: [] for jid in self.book.journeys}
        for jid, journey in self.book.journeys.items():
            if journey.replaces in out:
                out[journey.replaces].append(jid)
        return MappingProxyType({jid: tuple(ids) for jid, ids in out.items()})

    @cached_property
    def step_index(self) -> Mapping[tuple[str, str], Step]:
        """Every step by (journey id, step id)."""
        return MappingProxyType({(j.id, s.id): s for j in self.book.journeys.values() for _, s in journey_steps(j)})

    @cached_property
    def evidence_share(self) -> Mapping[str, tuple[int, int]]:
        """(pain points backed by an observed insight, all pain points) per journey.

        The observed insights' references are gathered once for all journeys, so
        each pain point is one set lookup instead of a scan of every insight.
        """
        observed = analysis.observed_refs(self.book)
        out = {jid: analysis.evidence_share(self.book, j, observed) for jid, j in self.book.journeys.items()}
        return MappingProxyType(out)

    # --- gaps, teams, comparisons ----------------------------------------------------

    @property
    def gaps(self) -> Gaps:
        """The traceability gaps, found when the handbook was loaded (core.gaps)."""
        return self.book.gaps

    @cached_property
    def journey_gaps(self) -> Mapping[str, Gaps]:
        """Each journey's pain-point gaps (an item's gaps belong to no journey)."""
        causes: dict[str, list[PainAt]] = {jid: [] for jid in self.book.journeys}
        backlog: dict[str, list[PainAt]] = {jid: [] for jid in self.book.journeys}
        for row in self.gaps.pains_without_cause:
            causes[row[0].id].append(row)
        for row in self.gaps.pains_without_backlog:
            backlog[row[0].id].append(row)
        return MappingProxyType({jid: Gaps(tuple(causes[jid]), tuple(backlog[jid])) for jid in self.book.journeys})

    @cached_property
    def team_views(self) -> Mapping[str, TeamView]:
        """Per team: the steps it owns, and the handoffs it receives and makes."""
        return MappingProxyType(analysis.team_views(self.book))

    @cached_property
    def comparisons(self) -> Mapping[str, Comparison]:
        """Current against future state, keyed by the future journey's id."""
        book = self.book
        return MappingProxyType(
            {
                jid: analysis.compare(book.journeys[j.replaces], j)
                for jid, j in book.journeys.items()
                if j.replaces is not None and j.replaces in book.journeys
            }
        )


def _by_journey(journeys: Iterable[str], pairs: Iterable[tuple[T, Sequence[str]]]) -> dict[str, tuple[T, ...]]:
    """Entities by the journeys their references point into, each entity once per journey, in the given order."""
    out: dict[str, list[T]] = {jid: [] for jid in journeys}
    for entity, refs in pairs:
        for jid in dict.fromkeys(split_ref(r)[0] for r in refs):
            if jid in out:
                out[jid].append(entity)
    return {jid: tuple(found) for jid, found in out.items()}


_CACHE: weakref.WeakKeyDictionary[Handbook, Figures] = weakref.WeakKeyDictionary()


def figures_of(book: Handbook) -> Figures:
    """The one Figures of this handbook: made on first call, then the same object while the handbook lives."""
    figures = _CACHE.get(book)
    if figures is None:
        figures = _CACHE[book] = Figures(book)
    return figures
