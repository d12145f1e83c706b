"""Render the whole handbook: every generated page, in nav order.

The result is plain Markdown (and two data files), so it can be served by
the MkDocs plugin, written to disk for another engine by `journeybook
export`, or compared with golden files in tests.
"""

from __future__ import annotations

import datetime as dt

from ..core.handbook import Handbook
from .backlog_pages import render_backlog
from .blueprint_page import render_blueprint
from .context import Context, Page
from .index_pages import (
    abbreviations,
    render_glossary,
    render_insights,
    render_journeys_index,
    render_need_groups_index,
    render_teams,
)
from .journey_page import render_journey
from .life_event_pages import render_life_events
from .need_group_pages import render_need_group
from .review_pages import render_review
from .steering_pages import render_comparison, render_failure_demand, render_metrics
from .text import attr

DEFAULT_NAV_MAX_ENTRIES = 30
"""Above this many journeys (need groups, teams) the nav lists life events (the index page) instead."""


def render_site(
    book: Handbook,
    language: str = "en",
    *,
    nav_max_entries: int = DEFAULT_NAV_MAX_ENTRIES,
    today: dt.date | None = None,
) -> list[Page]:
    """Every generated page: a page per life event once journeys outnumber `nav_max_entries`;
    today (default: core.freshness.today()) decides which pages are due for review."""
    ctx = Context(book, language, nav_max_entries=nav_max_entries)
    if today is not None:
        ctx.today = today
    render_journeys_index(ctx)
    render_life_events(ctx)
    for journey in book.journeys.values():
        render_journey(ctx, journey)
        render_blueprint(ctx, journey)
        if journey.replaces:
            render_comparison(ctx, journey)
    render_need_groups_index(ctx)
    for group in book.need_groups.values():
        render_need_group(ctx, group)
    render_teams(ctx)
    render_backlog(ctx)
    render_review(ctx)
    render_metrics(ctx)
    render_failure_demand(ctx)
    if book.insights:
        render_insights(ctx)
    if book.terms:
        render_glossary(ctx)
    return ctx.pages


def glossary_abbreviations(book: Handbook, language: str = "en") -> str:
    return abbreviations(Context(book, language))


def nav_sections(
    book: Handbook, language: str = "en", nav_max_entries: int = DEFAULT_NAV_MAX_ENTRIES
) -> dict[str, list[object]]:
    """Nav entries for the generated pages, keyed by the section index page.

    Journeys are grouped by life event, as staff look them up. A journey's
    blueprint and comparison are linked from the journey page, not listed: the
    theme prints the whole nav into every page, so each entry costs every page.
    Once there are more than `nav_max_entries` journeys (need groups, teams),
    the nav lists only life events (the index page), whose pages list the
    journeys. The theme prints nav titles as they are (Jinja autoescape is
    off), so every title is HTML-escaped here.
    """
    ctx = Context(book, language)
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
