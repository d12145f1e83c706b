"""Render the whole handbook: every generated page, in nav order.

Each renderer is a function of one read-only `Context` that returns its
pages; `render_pages` collects them. The result is Markdown with the
repeated structures (grids, cards) as HTML that every Markdown engine passes
through (and two data files), so it can be served by the MkDocs plugin,
written to disk for another engine by `journeybook export`, or compared with
golden files in tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from ..core.freshness import today as current_day
from ..core.handbook import Handbook
from ..core.models import JourneyFile
from .backlog_pages import backlog_units
from .blueprint_page import render_blueprint
from .context import Context, Page, Unit
from .index_pages import (
    abbreviations,
    insight_units,
    render_glossary,
    render_journeys_index,
    render_need_groups_index,
    render_teams,
)
from .journey_page import render_journey
from .life_event_pages import render_life_events
from .need_group_pages import render_need_group
from .review_pages import render_review
from .steering_pages import metric_units, render_comparison, render_failure_demand
from .text import attr

DEFAULT_NAV_MAX_ENTRIES = 30
"""Above this many journeys (need groups, teams) the nav lists life events (the index page) instead."""


def site_context(
    book: Handbook,
    language: str = "en",
    *,
    nav_max_entries: int = DEFAULT_NAV_MAX_ENTRIES,
    today: dt.date | None = None,
    template_dirs: tuple[Path, ...] = (),
    use_directory_urls: bool = True,
    tooltips: bool = True,
) -> Context:
    """The one read-only context that the pages, the nav and the abbreviations of a build come from.

    today (default: core.freshness.today()) decides which pages are due for
    review; template_dirs are searched for journeybook templates before the
    packaged ones.
    """
    return Context(
        book,
        language,
        today=today or current_day(),
        nav_max_entries=nav_max_entries,
        template_dirs=template_dirs,
        use_directory_urls=use_directory_urls,
        tooltips=tooltips,
    )


def render_site(
    book: Handbook,
    language: str = "en",
    *,
    nav_max_entries: int = DEFAULT_NAV_MAX_ENTRIES,
    today: dt.date | None = None,
) -> list[Page]:
    """Every generated page: a page per life event once journeys outnumber `nav_max_entries`."""
    return render_pages(site_context(book, language, nav_max_entries=nav_max_entries, today=today))


def render_pages(ctx: Context) -> list[Page]:
    """Every generated page, in nav order: what each renderer returns, collected."""
    return [page for _, render in units(ctx) for page in render(ctx)]


def units(ctx: Context) -> list[Unit]:
    """The site as units of work, in nav order: each renders its pages from the context it is given.

    A unit fetches its entity from that context by id (not from a closure), so
    `render.incremental` sees the read and can tell when to render it again.
    """
    book = ctx.book
    found: list[Unit] = [
        (("journeys-index",), lambda c: [render_journeys_index(c)]),
        (("life-events",), lambda c: list(render_life_events(c))),
    ]
    for jid, journey in book.journeys.items():
        found.append((("journey", jid), _of_journey(render_journey, jid)))
        found.append((("blueprint", jid), _of_journey(render_blueprint, jid)))
        if journey.replaces:
            found.append((("comparison", jid), _of_journey(render_comparison, jid)))
    found.append((("need-groups-index",), lambda c: [render_need_groups_index(c)]))
    for gid in book.need_groups:
        found.append((("need-group", gid), _of_group(gid)))
    found += [
        (("teams",), lambda c: list(render_teams(c))),
        *backlog_units(ctx),
        (("review",), lambda c: [render_review(c)]),
        *metric_units(ctx),
        (("failure-demand",), lambda c: [render_failure_demand(c)]),
    ]
    # Always rendered, empty too: mkdocs.yml's nav and hand-written pages link to both section pages.
    found += insight_units(ctx)
    found.append((("glossary",), lambda c: [render_glossary(c)]))
    return found


def _of_journey(render: Callable[[Context, JourneyFile], Page], journey_id: str) -> Callable[[Context], list[Page]]:
    return lambda c: [render(c, c.book.journeys[journey_id])]


def _of_group(group_id: str) -> Callable[[Context], list[Page]]:
    return lambda c: [render_need_group(c, c.book.need_groups[group_id])]


def glossary_abbreviations(book: Handbook, language: str = "en") -> str:
    return abbreviations(site_context(book, language))


def nav_sections(
    book: Handbook, language: str = "en", nav_max_entries: int = DEFAULT_NAV_MAX_ENTRIES
) -> dict[str, list[object]]:
    """Nav entries for the generated pages (see `nav_of`)."""
    return nav_of(site_context(book, language, nav_max_entries=nav_max_entries))


def nav_of(ctx: Context) -> dict[str, list[object]]:
    """Nav entries for the generated pages, keyed by the section index page.

    Journeys are grouped by life event, as staff look them up. A journey's
    blueprint and comparison are linked from the journey page, not listed: the
    theme prints the whole nav into every page, so each entry costs every page.
    Once there are more than `nav_max_entries` journeys (need groups, teams),
    the nav lists only life events (the index page), whose pages list the
    journeys. The theme prints nav titles as they are (Jinja autoescape is
    off), so every title is HTML-escaped here.
    """
    book = ctx.book
    nav_max_entries = ctx.nav_max_entries
    L = ctx.L
    by_event = {
        event.id: [j for j, journey in book.journeys.items() if journey.life_event == event.id]
        for event in book.life_events.values()
    }
    loose = [j for j, journey in book.journeys.items() if journey.life_event is None]
    journeys: list[object] = [Context.JOURNEYS_INDEX]
    if len(book.journeys) > nav_max_entries:
        for event in book.life_events.values():
            if by_event[event.id]:
                journeys.append({attr(event.name): Context.life_event_path(event.id)})
        if loose:
            journeys.append({attr(L["other_journeys"]): Context.LOOSE_JOURNEYS})
    else:
        for event in book.life_events.values():
            if by_event[event.id]:
                # The life event's own page comes first: with the theme's navigation.indexes, the first
                # child named index.md is the section's page, and journey pages are index.md too.
                overview = {attr(L["life_event_overview"]): Context.life_event_path(event.id)}
                journeys.append({attr(event.name): [overview, *(_journey_entry(book, j) for j in by_event[event.id])]})
        journeys += [_journey_entry(book, j) for j in loose]
    groups: list[object] = [Context.NEED_GROUPS_INDEX]
    if len(book.need_groups) <= nav_max_entries:
        groups += [Context.need_group_path(g) for g in book.need_groups]
    teams: list[object] = [Context.TEAMS_INDEX]
    if len(book.teams) <= nav_max_entries:
        teams += [Context.team_path(t) for t in book.teams]
    backlog: list[object] = [Context.BACKLOG_INDEX, Context.TRACE, Context.GAPS, Context.REVIEW]
    return {
        Context.JOURNEYS_INDEX: journeys,
        Context.NEED_GROUPS_INDEX: groups,
        Context.TEAMS_INDEX: teams,
        Context.BACKLOG_INDEX: backlog,
    }


def _journey_entry(book: Handbook, journey_id: str) -> object:
    return {attr(book.journeys[journey_id].title): Context.journey_path(journey_id)}
