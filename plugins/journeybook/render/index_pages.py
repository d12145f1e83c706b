"""Overview pages: journeys, need groups, teams, insights and the glossary."""

from __future__ import annotations

from collections.abc import Callable

from ..core.analysis import TeamView, handoffs, waiting_hours
from ..core.handbook import journey_pain_points, journey_steps
from ..core.kinds import Kind
from ..core.models import Insight, JourneyFile
from .context import Context, Page, Unit, journey_state_label, page, render_units
from .label_keys import BACKLOG_STATUS, INSIGHT_STATUS, INSIGHT_TYPE
from .text import block, bullets, inline, link, rel, table


def journey_cards(ctx: Context, here: str, journeys: list[JourneyFile]) -> str:
    """The landscape of a life event: a card per journey with its state and key figures.

    Kept to a few lines of markup per journey so that the index stays small
    in a handbook with hundreds of journeys.
    """
    L = ctx.L
    cards: list[dict[str, object]] = []
    for j in journeys:
        cost = ctx.figures.demand_cost(j.id)
        figures = [
            f"{L['steps']}: {L.number(sum(1 for _ in journey_steps(j)))}",
            f"{L['total_waiting']}: {L.duration(waiting_hours(j))}",
            f"{L['pain_points']}: {L.number(sum(1 for _ in journey_pain_points(j)))}",
        ]
        if cost:
            figures.append(f"{L['failure_cost']}: {L.money(cost, ctx.book.currency)}")
        cards.append(
            {
                "title": j.title,
                "href": ctx.href(here, ctx.journey_path(j.id)),
                "state": journey_state_label(ctx, j),
                "state_css": "jb-state-future" if j.state == "future" else "jb-state-current",
                "owner": ctx.team_a(here, j.owner),
                "summary": j.summary,
                "figures": figures,
            }
        )
    return ctx.render("journey_cards.html", cards=cards)


def journey_rows(ctx: Context, here: str, journeys: list[JourneyFile]) -> str:
    """A row per journey (a third of a card's markup), for a life event with many journeys."""
    L = ctx.L
    rows = [
        [ctx.journey_a(here, j.id), journey_state_label(ctx, j), ctx.team_a(here, j.owner), j.summary] for j in journeys
    ]
    return ctx.render("table.html", headers=[L["journey"], L["state"], L["owner"], ""], rows=rows)


def render_journeys_index(ctx: Context) -> Page:
    """Journeys by life event as cards; in a large handbook, a line per life event linking to its page."""
    L = ctx.L
    here = ctx.JOURNEYS_INDEX
    book = ctx.book
    out = [f"# {L['journeys']}", L["all_journeys_intro"], f"## {L['by_life_event']}"]
    groups: list[tuple[str, str, str, list[JourneyFile]]] = [
        (event.name, event.description, ctx.life_event_path(event.id), []) for event in book.life_events.values()
    ]
    groups.append((L["other_journeys"], "", ctx.LOOSE_JOURNEYS, []))
    by_event = {event_id: groups[i][3] for i, event_id in enumerate(book.life_events)}
    for journey in book.journeys.values():
        by_event.get(journey.life_event or "", groups[-1][3]).append(journey)
    for name, description, path, journeys in groups:
        if not journeys:
            continue
        if ctx.journeys_split:
            out.append(f"- {link(name, rel(here, path))} ({ctx.L.number(len(journeys))})")
            continue
        out.append(f"### {link(name, rel(here, path))}")
        if description:
            out.append(block(description))
        out.append(journey_cards(ctx, here, journeys))
    out.append(f"## {L['by_team']}")
    owned: dict[str, list[JourneyFile]] = {}
    for journey in book.journeys.values():
        if journey.owner:
            owned.setdefault(journey.owner, []).append(journey)
    for tid, team in book.teams.items():
        journeys = owned.get(tid, [])
        if not journeys:
            continue
        if ctx.journeys_split:
            out.append(f"- {ctx.team_link(here, tid)} ({ctx.L.number(len(journeys))})")
        else:
            out.append(f"### {inline(team.name)}\n\n" + journey_rows(ctx, here, journeys))
    # Journeys no team owns yet close the section (without them a handbook with no owners showed an empty one).
    unowned = [j for j in book.journeys.values() if not j.owner]
    if unowned and ctx.journeys_split:
        out.append(f"- *{inline(L['unowned'])}* ({ctx.L.number(len(unowned))})")
    elif unowned:
        name = L["unowned"]
        out.append(f"### {inline(name[:1].upper() + name[1:])}\n\n" + journey_rows(ctx, here, unowned))
    return page(here, L["journeys"], "\n\n".join(out))


def render_need_groups_index(ctx: Context) -> Page:
    L = ctx.L
    here = ctx.NEED_GROUPS_INDEX
    rows = [
        [ctx.group_link(here, g.id), inline(g.local_name), inline(g.summary)] for g in ctx.book.need_groups.values()
    ]
    body = f"# {L['need_groups']}\n\n{L['need_groups_intro']}\n\n" + table([L["need_group"], "", ""], rows)
    return page(here, L["need_groups"], body)


def render_teams(ctx: Context) -> list[Page]:
    """The teams page and a page per team."""
    L = ctx.L
    book = ctx.book
    views = ctx.figures.team_views
    here = ctx.TEAMS_INDEX
    rows = []
    for tid, team in book.teams.items():
        view = views[tid]
        journeys = sorted({s.journey.id for s in view.steps})
        rows.append(
            [
                ctx.team_link(here, tid),
                inline(team.organisation),
                ctx.L.number(len(view.steps)),
                _journey_list(ctx, here, tid, journeys),
            ]
        )
    counts = [[ctx.journey_link(here, j.id), ctx.L.number(len(handoffs(j)))] for j in book.journeys.values()]
    body = "\n\n".join(
        [
            f"# {L['teams']}",
            L["teams_intro"],
            table([L["team"], "", L["owned_steps"], L["in_journeys"]], rows),
            f"## {L['where_baton_drops']}",
            L["handoff_rule"],
            table([L["journey"], L["handoffs"]], counts),
        ]
    )
    return [page(here, L["teams"], body), *(_team_page(ctx, tid, views[tid]) for tid in book.teams)]


def _team_page(ctx: Context, tid: str, view: TeamView) -> Page:
    L = ctx.L
    team = ctx.book.teams[tid]
    here = ctx.team_path(tid)
    out = [f"# {inline(team.name)}"]
    if team.organisation:
        out.append(f"*{inline(team.organisation)}*")
    if team.description:
        out.append(block(team.description))
    if team.contact:
        out.append(inline(team.contact))
    large = len(view.steps) + len(view.receives_from) + len(view.hands_to) > TEAM_PAGE_MAX_ROWS
    if large:
        out.append(_team_summary(ctx, here, view))
    elif view.steps:
        rows = [
            [ctx.step_link(here, s.journey.id, s.step.id), ctx.journey_link(here, s.journey.id), inline(s.step.does)]
            for s in view.steps
        ]
        out.append(f"## {L['owned_steps']}\n\n" + table([L["step"], L["journey"], L["customer_does"]], rows))
    for title, pairs, other in (
        (L["receives_from"], view.receives_from, "from_team"),
        (L["hands_to"], view.hands_to, "to_team"),
    ):
        if pairs and not large:
            rows = [
                [
                    ctx.team_link(here, getattr(h, other)),
                    ctx.step_link(here, j.id, h.source.id),
                    ctx.step_link(here, j.id, h.target.id),
                    ctx.journey_link(here, j.id),
                ]
                for j, h in pairs
            ]
            out.append(f"## {title}\n\n" + table([L["team"], L["from"], L["to"], L["journey"]], rows))
    items = [e for e in ctx.book.backlog.values() if e.item.owner == tid]
    if len(items) > TEAM_PAGE_MAX_ROWS:
        backlog = link(f"{L['backlog']} ({L.number(len(items))})", rel(here, ctx.BACKLOG_INDEX))
        out.append(f"## {L['backlog_items']}\n\n{backlog}")
    elif items:
        out.append(
            f"## {L['backlog_items']}\n\n"
            + bullets([f"{ctx.backlog_link(here, e.item.id)} ({L[BACKLOG_STATUS[e.item.status]]})" for e in items])
        )
    if view.receives_from or view.hands_to:
        out.append(L["handoff_rule"])
    origin = ctx.book.origin(Kind.TEAM, tid)
    return page(here, team.name, "\n\n".join(out), origin.path if origin else None, [L["team"]])


def _insight_entry(ctx: Context, here: str, insight: Insight) -> str:
    L = ctx.L
    facts = [
        f"**{L['type']}:** {L[INSIGHT_TYPE[insight.type]]}",
        f"**{L['status']}:** {L[INSIGHT_STATUS[insight.status]]}",
        f"**{L['source']}:** {inline(insight.source)}",
    ]
    if insight.date:
        facts.append(f"**{L['date']}:** {L.date(insight.date)}")
    facts.append(f"**{L['about']}:** " + ", ".join(ctx.ref_link(here, r) for r in insight.about))
    if insight.need_groups:
        facts.append(f"**{L['need_groups']}:** {ctx.group_names(here, insight.need_groups)}")
    quote = f"> {inline(insight.text)}" if insight.type == "quote" else inline(insight.text)
    return f'<span id="insight-{insight.id}"></span>\n\n{quote}\n\n' + bullets(facts)


def _insights_page(ctx: Context, here: str, title: str, heading: str, insights: list[Insight]) -> Page:
    out = [f"# {heading}", ctx.L["insights_intro"] if insights else ctx.L["no_insights"]]
    body = "\n\n".join(out) + "\n\n" + "\n\n---\n\n".join(_insight_entry(ctx, here, i) for i in insights)
    origin = ctx.book.origin(Kind.INSIGHT, insights[0].id) if insights else None
    return page(here, title, body, origin.path if origin else None)


TEAM_PAGE_MAX_ROWS = 200
"""Rows a team page lists step by step; beyond it, one row per journey (and the backlog by link)."""


def _journey_list(ctx: Context, here: str, tid: str, journeys: list[str]) -> str:
    """The journeys a team works in; their number, linked to the team page, once there are many."""
    if len(journeys) > 10:
        return link(ctx.L.number(len(journeys)), rel(here, ctx.team_path(tid)))
    return ", ".join(ctx.journey_link(here, j) for j in journeys) or "–"


def _team_summary(ctx: Context, here: str, view: TeamView) -> str:
    """A team's work per journey: owned steps, handoffs received and given; the journey page has each step."""
    L = ctx.L
    counts: dict[str, list[int]] = {}
    for s in view.steps:
        counts.setdefault(s.journey.id, [0, 0, 0])[0] += 1
    for column, pairs in ((1, view.receives_from), (2, view.hands_to)):
        for journey, _ in pairs:
            counts.setdefault(journey.id, [0, 0, 0])[column] += 1
    rows = [[ctx.journey_link(here, j), *(ctx.L.number(n) for n in c)] for j, c in counts.items()]
    return f"## {L['owned_steps']}\n\n" + table(
        [L["journey"], L["owned_steps"], L["receives_from"], L["hands_to"]], rows
    )


def render_insights(ctx: Context) -> list[Page]:
    """All insights on one page; for many, a summary and a page per journey (`Context.insights_split`)."""
    return render_units(ctx, insight_units(ctx))


def insight_units(ctx: Context) -> list[Unit]:
    if not ctx.insights_split:
        return [(("insights",), _all_insights)]
    by_page = _insights_by_page(ctx)
    units: list[Unit] = [(("insights",), _insights_summary)]
    for jid in ctx.book.journeys:
        ids = tuple(i.id for i in by_page.get(ctx.journey_insights_path(jid), ()))
        if ids:
            units.append((("insights-journey", jid, *ids), _insights_of(jid, ids)))
    return units


def _insights_of(journey_id: str, ids: tuple[str, ...]) -> Callable[[Context], list[Page]]:
    return lambda c: [_journey_insights(c, journey_id, ids)]


def _all_insights(ctx: Context) -> list[Page]:
    L = ctx.L
    return [_insights_page(ctx, ctx.INSIGHTS_INDEX, L["insights"], L["insights"], list(ctx.book.insights.values()))]


def _insights_by_page(ctx: Context) -> dict[str, list[Insight]]:
    by_page: dict[str, list[Insight]] = {}
    for insight in ctx.book.insights.values():
        by_page.setdefault(ctx.insight_page(insight.id), []).append(insight)
    return by_page


def _journey_insights(ctx: Context, journey_id: str, ids: tuple[str, ...]) -> Page:
    L = ctx.L
    there = ctx.journey_insights_path(journey_id)
    title = f"{L['insights']}: {ctx.book.journeys[journey_id].title}"
    heading = f"{L['insights']}: {ctx.journey_link(there, journey_id)}"
    return _insights_page(ctx, there, title, heading, [ctx.book.insights[i] for i in ids])


def _insights_summary(ctx: Context) -> list[Page]:
    L = ctx.L
    by_page = _insights_by_page(ctx)
    here = ctx.INSIGHTS_INDEX
    rows = []
    for journey in ctx.book.journeys.values():
        there = ctx.journey_insights_path(journey.id)
        if there in by_page:
            count = len(by_page[there])
            rows.append((count, [ctx.journey_link(here, journey.id), link(L.number(count), rel(here, there))]))
    rows.sort(key=lambda r: -r[0])
    body = f"# {L['insights']}\n\n{L['insights_intro']}\n\n" + table(
        [L["journey"], L["insights"]], [r[1] for r in rows]
    )
    return [page(here, L["insights"], body)]


def render_glossary(ctx: Context) -> Page:
    L = ctx.L
    here = ctx.GLOSSARY
    out = [f"# {L['glossary']}", L["glossary_intro"] if ctx.book.terms else L["no_terms"]]
    for term in sorted(ctx.book.terms.values(), key=lambda t: t.term.lower()):
        lines = [f"## {inline(term.term)} {{ #term-{term.id} }}", inline(term.definition)]
        # Any language code: its name in the page language (Swedish, svenska, ruotsi) from Babel's CLDR data.
        facts = [f"**{inline(L.language_name(code))}:** {inline(text)}" for code, text in term.translations.items()]
        if term.see_also:
            facts.append(
                f"**{L['see_also']}:** "
                + ", ".join(link(ctx.book.terms[t].term, rel(here, here, "term-" + t)) for t in term.see_also)
            )
        if facts:
            lines.append(bullets(facts))
        out.append("\n\n".join(lines))
    first = next(iter(ctx.book.terms), None)
    origin = ctx.book.origin(Kind.TERM, first) if first else None
    return page(here, L["glossary"], "\n\n".join(out), origin.path if origin else None)


def abbreviations(ctx: Context) -> str:
    """Markdown abbreviation definitions, so every glossary term is a tooltip wherever it appears.

    Python-Markdown writes a title's '&' as it is when an entity name follows ('&amp;', '&nbsp;'),
    so the tooltip showed '&' where the editor wrote '&amp;'; written as '&#38;', it shows as typed.
    One definition a paragraph: in one paragraph of N lines Python-Markdown tests the rest of the
    paragraph after each definition it takes, N times over, and 2 000 terms took minutes a page.
    """
    return "\n\n".join(
        sorted(f"*[{word}]: {title.replace('&', '&#38;')}" for word, title in ctx.glossary_titles.items())
    )
