"""Overview pages: journeys, need groups, teams, insights and the glossary."""

from __future__ import annotations

from ..core.analysis import TeamView, failure_demand, handoffs, team_views, waiting_hours
from ..core.handbook import journey_pain_points, journey_steps
from ..core.models import Insight, JourneyFile
from .context import Context, journey_state_label
from .label_keys import BACKLOG_STATUS, INSIGHT_STATUS, INSIGHT_TYPE
from .text import block, bullets, inline, link, rel, table


def journey_cards(ctx: Context, here: str, journeys: list[JourneyFile]) -> str:
    """The landscape of a life event: a card per journey with its state and key figures.

    Kept to a few lines of markup per journey so that the index stays small
    in a handbook with hundreds of journeys.
    """
    L = ctx.L
    cards = []
    for j in journeys:
        cost = sum(r.monthly_cost or 0.0 for r in failure_demand(ctx.book, [j]))
        figures = [
            f"{L['steps']}: {L.number(sum(1 for _ in journey_steps(j)))}",
            f"{L['total_waiting']}: {L.duration(waiting_hours(j))}",
            f"{L['pain_points']}: {L.number(sum(1 for _ in journey_pain_points(j)))}",
        ]
        if cost:
            figures.append(f"{L['failure_cost']}: {L.money(cost, inline(ctx.book.currency))}")
        state = "jb-state-future" if j.state == "future" else "jb-state-current"
        cards.append(
            f'<section class="jb-journey-card {state}" markdown="1">\n'
            f'<p class="jb-card-step" markdown="span">{ctx.journey_link(here, j.id)}</p>\n'
            f'<p markdown="span">**{journey_state_label(ctx, j)}** · {ctx.team_link(here, j.owner)}</p>\n'
            f'<p markdown="span">{inline(j.summary)}</p>\n'
            f'<p class="jb-figures" markdown="span">{" · ".join(figures)}</p>\n</section>'
        )
    return '<div class="jb-overview" markdown="1">\n' + "\n".join(cards) + "\n</div>"


def journey_rows(ctx: Context, here: str, journeys: list[JourneyFile]) -> str:
    L = ctx.L
    rows = [
        [ctx.journey_link(here, j.id), journey_state_label(ctx, j), ctx.team_link(here, j.owner), inline(j.summary)]
        for j in journeys
    ]
    return table([L["journey"], L["state"], L["owner"], ""], rows)


def render_journeys_index(ctx: Context) -> None:
    """Journeys by life event as cards; in a large handbook, a line per life event linking to its page."""
    L = ctx.L
    here = ctx.JOURNEYS_INDEX
    book = ctx.book
    out = [f"# {L['journeys']}", L["all_journeys_intro"], f"## {L['by_life_event']}"]
    groups: list[tuple[str, str, str, list[JourneyFile]]] = [
        (event.name, event.description, ctx.life_event_path(event.id), [])
        for event in book.life_events.values()
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
    ctx.add(here, L["journeys"], "\n\n".join(out))


def render_need_groups_index(ctx: Context) -> None:
    L = ctx.L
    here = ctx.NEED_GROUPS_INDEX
    rows = [
        [ctx.group_link(here, g.id), inline(g.local_name), inline(g.summary)] for g in ctx.book.need_groups.values()
    ]
    body = f"# {L['need_groups']}\n\n{L['need_groups_intro']}\n\n" + table([L["need_group"], "", ""], rows)
    ctx.add(here, L["need_groups"], body)


def render_teams(ctx: Context) -> None:
    L = ctx.L
    book = ctx.book
    views = team_views(book)
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
    ctx.add(here, L["teams"], body)
    for tid in book.teams:
        _team_page(ctx, tid, views[tid])


def _team_page(ctx: Context, tid: str, view: TeamView) -> None:
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
    origin = ctx.book.origin("team", tid)
    ctx.add(here, team.name, "\n\n".join(out), origin.path if origin else None, [L["team"]])


def _insight_entry(ctx: Context, here: str, insight: Insight) -> str:
    L = ctx.L
    facts = [
        f"**{L['type']}:** {L[INSIGHT_TYPE[insight.type]]}",
        f"**{L['status']}:** {L[INSIGHT_STATUS[insight.status]]}",
        f"**{L['source']}:** {inline(insight.source)}",
    ]
    if insight.date:
        facts.append(f"**{L['date']}:** {insight.date.isoformat()}")
    facts.append(f"**{L['about']}:** " + ", ".join(ctx.ref_link(here, r) for r in insight.about))
    if insight.need_groups:
        facts.append(f"**{L['need_groups']}:** {ctx.group_names(here, insight.need_groups)}")
    quote = f"> {inline(insight.text)}" if insight.type == "quote" else inline(insight.text)
    return f'<span id="insight-{insight.id}"></span>\n\n{quote}\n\n' + bullets(facts)


def _insights_page(ctx: Context, here: str, title: str, heading: str, insights: list[Insight]) -> None:
    out = [f"# {heading}", ctx.L["insights_intro"]]
    body = "\n\n".join(out) + "\n\n" + "\n\n---\n\n".join(_insight_entry(ctx, here, i) for i in insights)
    origin = ctx.book.origin("insight", insights[0].id) if insights else None
    ctx.add(here, title, body, origin.path if origin else None)


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


def render_insights(ctx: Context) -> None:
    """All insights on one page; for many, a summary and a page per journey (`Context.insights_split`)."""
    L = ctx.L
    if not ctx.insights_split:
        _insights_page(ctx, ctx.INSIGHTS_INDEX, L["insights"], L["insights"], list(ctx.book.insights.values()))
        return
    by_page: dict[str, list[Insight]] = {}
    for insight in ctx.book.insights.values():
        by_page.setdefault(ctx.insight_page(insight.id), []).append(insight)
    here = ctx.INSIGHTS_INDEX
    rows = []
    for journey in ctx.book.journeys.values():
        page = ctx.journey_insights_path(journey.id)
        if page in by_page:
            title = f"{L['insights']}: {journey.title}"
            _insights_page(ctx, page, title, f"{L['insights']}: {ctx.journey_link(page, journey.id)}", by_page[page])
            rows.append(
                (
                    len(by_page[page]),
                    [ctx.journey_link(here, journey.id), link(ctx.L.number(len(by_page[page])), rel(here, page))],
                )
            )
    rows.sort(key=lambda r: -r[0])
    body = f"# {L['insights']}\n\n{L['insights_intro']}\n\n" + table(
        [L["journey"], L["insights"]], [r[1] for r in rows]
    )
    ctx.add(here, L["insights"], body)


def render_glossary(ctx: Context) -> None:
    L = ctx.L
    here = ctx.GLOSSARY
    out = [f"# {L['glossary']}", L["glossary_intro"]]
    for term in sorted(ctx.book.terms.values(), key=lambda t: t.term.lower()):
        lines = [f"### {inline(term.term)} {{ #term-{term.id} }}", inline(term.definition)]
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
    origin = ctx.book.origin("term", first) if first else None
    ctx.add(here, L["glossary"], "\n\n".join(out), origin.path if origin else None)


def abbreviations(ctx: Context) -> str:
    """Markdown abbreviation definitions, so every glossary term is a tooltip wherever it appears."""
    lines = []
    for term in ctx.book.terms.values():
        title = " ".join(term.definition.split())
        for word in {term.term, term.term.lower(), *term.aliases, *(a.lower() for a in term.aliases)}:
            if word and not any(c in word for c in "[]\\\n"):
                lines.append(f"*[{word}]: {title}")
    return "\n".join(sorted(lines))
