"""Overview pages: journeys, need groups, teams, insights and the glossary."""

from __future__ import annotations

from ..core.analysis import TeamView, failure_demand, handoffs, team_views, waiting_hours
from ..core.handbook import journey_pain_points, journey_steps
from ..core.models import JourneyFile
from .context import Context, journey_state_label
from .text import block, bullets, hours_text, inline, link, number, rel, table


def _journey_cards(ctx: Context, here: str, journeys: list[JourneyFile]) -> str:
    """The landscape of a life event: a card per journey with its state and key figures.

    Kept to a few lines of markup per journey so that the index stays small
    in a handbook with hundreds of journeys.
    """
    L = ctx.L
    cards = []
    for j in journeys:
        cost = sum(r.monthly_cost or 0.0 for r in failure_demand(ctx.book, [j]))
        figures = [
            f"{L['steps']}: {sum(1 for _ in journey_steps(j))}",
            f"{L['total_waiting']}: {hours_text(waiting_hours(j), L)}",
            f"{L['pain_points']}: {sum(1 for _ in journey_pain_points(j))}",
        ]
        if cost:
            figures.append(f"{L['failure_cost']}: {number(cost)} {inline(ctx.book.currency)}")
        state = "jb-state-future" if j.state == "future" else "jb-state-current"
        cards.append(
            f'<section class="jb-journey-card {state}" markdown="1">\n'
            f'<p class="jb-card-step" markdown="span">{ctx.journey_link(here, j.id)}</p>\n'
            f'<p markdown="span">**{journey_state_label(ctx, j)}** · {ctx.team_link(here, j.owner)}</p>\n'
            f'<p markdown="span">{inline(j.summary)}</p>\n'
            f'<p class="jb-figures" markdown="span">{" · ".join(figures)}</p>\n</section>'
        )
    return '<div class="jb-overview" markdown="1">\n' + "\n".join(cards) + "\n</div>"


def _journey_rows(ctx: Context, here: str, journeys: list[JourneyFile]) -> str:
    L = ctx.L
    rows = [
        [ctx.journey_link(here, j.id), journey_state_label(ctx, j), ctx.team_link(here, j.owner), inline(j.summary)]
        for j in journeys
    ]
    return table([L["journey"], L["state"], L["owner"], ""], rows)


def render_journeys_index(ctx: Context) -> None:
    L = ctx.L
    here = ctx.JOURNEYS_INDEX
    book = ctx.book
    out = [f"# {L['journeys']}", L["all_journeys_intro"], f"## {L['by_life_event']}"]
    for event in book.life_events.values():
        journeys = [j for j in book.journeys.values() if j.life_event == event.id]
        if not journeys:
            continue
        out.append(f"### {inline(event.name)}")
        if event.description:
            out.append(block(event.description))
        out.append(_journey_cards(ctx, here, journeys))
    loose = [j for j in book.journeys.values() if j.life_event is None]
    if loose:
        out.append(f"### {L['other_journeys']}\n\n" + _journey_cards(ctx, here, loose))
    out.append(f"## {L['by_team']}")
    for tid, team in book.teams.items():
        journeys = [j for j in book.journeys.values() if j.owner == tid]
        if journeys:
            out.append(f"### {inline(team.name)}\n\n" + _journey_rows(ctx, here, journeys))
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
                str(len(view.steps)),
                ", ".join(ctx.journey_link(here, j) for j in journeys) or "–",
            ]
        )
    counts = [[ctx.journey_link(here, j.id), str(len(handoffs(j)))] for j in book.journeys.values()]
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
    if view.steps:
        rows = [
            [ctx.step_link(here, s.journey.id, s.step.id), ctx.journey_link(here, s.journey.id), inline(s.step.does)]
            for s in view.steps
        ]
        out.append(f"## {L['owned_steps']}\n\n" + table([L["step"], L["journey"], L["customer_does"]], rows))
    for title, pairs, other in (
        (L["receives_from"], view.receives_from, "from_team"),
        (L["hands_to"], view.hands_to, "to_team"),
    ):
        if pairs:
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
    if items:
        out.append(
            f"## {L['backlog_items']}\n\n"
            + bullets([f"{ctx.backlog_link(here, e.item.id)} ({L['status_' + e.item.status]})" for e in items])
        )
    if view.receives_from or view.hands_to:
        out.append(L["handoff_rule"])
    origin = ctx.book.origin("team", tid)
    ctx.add(here, team.name, "\n\n".join(out), origin.path if origin else None, [L["team"]])


def render_insights(ctx: Context) -> None:
    L = ctx.L
    here = ctx.INSIGHTS_INDEX
    out = [f"# {L['insights']}", L["insights_intro"]]
    for insight in ctx.book.insights.values():
        facts = [
            f"**{L['type']}:** {L['insight_' + insight.type]}",
            f"**{L['status']}:** {L['status_' + insight.status]}",
            f"**{L['source']}:** {inline(insight.source)}",
        ]
        if insight.date:
            facts.append(f"**{L['date']}:** {insight.date.isoformat()}")
        facts.append(f"**{L['about']}:** " + ", ".join(ctx.ref_link(here, r) for r in insight.about))
        if insight.need_groups:
            facts.append(f"**{L['need_groups']}:** {ctx.group_names(here, insight.need_groups)}")
        quote = f"> {inline(insight.text)}" if insight.type == "quote" else inline(insight.text)
        out.append(f'<span id="insight-{insight.id}"></span>\n\n{quote}\n\n' + bullets(facts))
    first = next(iter(ctx.book.insights), None)
    origin = ctx.book.origin("insight", first) if first else None
    body = "\n\n".join(out[:2]) + "\n\n" + "\n\n---\n\n".join(out[2:])
    ctx.add(here, L["insights"], body, origin.path if origin else None)


def render_glossary(ctx: Context) -> None:
    L = ctx.L
    here = ctx.GLOSSARY
    out = [f"# {L['glossary']}", L["glossary_intro"]]
    for term in sorted(ctx.book.terms.values(), key=lambda t: t.term.lower()):
        lines = [f"### {inline(term.term)} {{ #term-{term.id} }}", inline(term.definition)]
        facts = []
        if term.sv:
            facts.append(f"**{L['swedish']}:** {inline(term.sv)}")
        if term.fi:
            facts.append(f"**{L['finnish']}:** {inline(term.fi)}")
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
