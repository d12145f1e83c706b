"""Render the whole handbook: every generated page, in nav order.

The result is plain Markdown (and two data files), so it can be served by
the MkDocs plugin, written to disk for another engine by `journeybook
export`, or compared with golden files in tests.
"""

from __future__ import annotations

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
from .need_group_pages import render_need_group
from .steering_pages import render_comparison, render_failure_demand, render_metrics
from .text import attr


def render_site(book: Handbook, language: str = "en") -> list[Page]:
    ctx = Context(book, language)
    render_journeys_index(ctx)
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
    render_metrics(ctx)
    render_failure_demand(ctx)
    if book.insights:
        render_insights(ctx)
    if book.terms:
        render_glossary(ctx)
    return ctx.pages


def glossary_abbreviations(book: Handbook, language: str = "en") -> str:
    return abbreviations(Context(book, language))


def nav_sections(book: Handbook, language: str = "en") -> dict[str, list[object]]:
    """Nav entries for the generated pages, keyed by the section index page.

    Journeys are grouped by life event, as staff look them up; a journey's
    blueprint and comparison pages sit under it. The theme prints nav titles
    as they are (Jinja autoescape is off), so every title is HTML-escaped here.
    """
    ctx = Context(book, language)
    L = ctx.L

    def journey_entry(jid: str) -> object:
        journey = book.journeys[jid]
        children: list[object] = [Context.journey_path(jid), {attr(L["blueprint"]): Context.blueprint_path(jid)}]
        if journey.replaces:
            children.append({attr(L["comparison"]): Context.compare_path(jid)})
        return {attr(journey.title): children}

    journeys: list[object] = [Context.JOURNEYS_INDEX]
    for event in book.life_events.values():
        ids = [j for j, journey in book.journeys.items() if journey.life_event == event.id]
        if ids:
            journeys.append({attr(event.name): [journey_entry(j) for j in ids]})
    journeys += [journey_entry(j) for j, journey in book.journeys.items() if journey.life_event is None]
    groups: list[object] = [Context.NEED_GROUPS_INDEX, *(Context.need_group_path(g) for g in book.need_groups)]
    teams: list[object] = [Context.TEAMS_INDEX, *(Context.team_path(t) for t in book.teams)]
    backlog: list[object] = [Context.BACKLOG_INDEX, Context.TRACE, Context.GAPS]
    return {
        Context.JOURNEYS_INDEX: journeys,
        Context.NEED_GROUPS_INDEX: groups,
        Context.TEAMS_INDEX: teams,
        Context.BACKLOG_INDEX: backlog,
    }
