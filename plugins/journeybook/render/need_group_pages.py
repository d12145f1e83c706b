"""Need-group pages: who they are, and every step where they hurt or gain."""

from __future__ import annotations

from ..core.analysis import applies
from ..core.kinds import Kind
from ..core.models import JourneyState, NeedGroupFile
from .context import Context, Page, page
from .journey_page import emotion_text
from .label_keys import JOURNEY_STATE
from .markup import LINE_BREAK
from .review_pages import review_notice
from .text import block, bullets, inline, table

NEED_GROUP_MAX_ROWS = 200
"""Steps a need-group page lists one by one; beyond it, one row per journey."""


def render_need_group(ctx: Context, group: NeedGroupFile) -> Page:
    L = ctx.L
    here = ctx.need_group_path(group.id)
    title = group.name
    out = [f"# {inline(title)}"]
    notice = review_notice(ctx, Kind.NEED_GROUP, group.id)
    if notice:
        out.append(notice)
    if group.local_name:
        out.append(f"*{inline(group.local_name)}*")
    out.append(inline(group.summary))
    if group.portrait:
        out.append(f"## {L['portrait']}\n\n{block(group.portrait)}")
    if group.needs:
        out.append(f"## {L['needs']}\n\n" + bullets([inline(n) for n in group.needs]))
    if group.behaviours:
        out.append(f"## {L['behaviours']}\n\n" + bullets([inline(b) for b in group.behaviours]))
    if group.preferred_channels:
        out.append(f"## {L['preferred_channels']}\n\n{ctx.channel_names(group.preferred_channels)}")
    if group.quotes:
        out.append(f"## {L['quotes']}\n\n" + "\n\n".join(f"> {inline(q)}" for q in group.quotes))
    figures = ctx.figures
    if figures.group_step_count[group.id] > NEED_GROUP_MAX_ROWS:
        # Many journeys: one row per journey, whose page shows each step for this group.
        summary = [
            [ctx.journey_link(here, jid), L.number(hurt), L.number(gained)]
            for jid, hurt, gained in figures.group_tally[group.id]
        ]
        out.append(f"## {L['where_it_hurts']}\n\n" + table([L["journey"], L["pain_points"], L["gain_points"]], summary))
    else:
        journeys = figures.group_journeys[group.id]
        if journeys:
            out.append(f"## {L['journeys_with_group']}\n\n" + bullets([ctx.journey_link(here, j) for j in journeys]))
        # Today's journeys apart from the planned ones: a future state's steps are not where it hurts now.
        rows: dict[JourneyState, list[list[str]]] = {"current": [], "future": []}
        for jid, step in figures.group_steps[group.id]:
            pains = [f"⚠ {inline(p.text)}" for p in step.pain_points if applies(p.need_groups, group.id)]
            gains = [f"✔ {inline(g.text)}" for g in step.gain_points if applies(g.need_groups, group.id)]
            rows[ctx.book.journeys[jid].state].append(
                [
                    ctx.step_link(here, jid, step.id),
                    ctx.journey_link(here, jid),
                    emotion_text(step.emotion.get(group.id), L),
                    LINE_BREAK.join(pains) or "–",
                    LINE_BREAK.join(gains) or "–",
                ]
            )
        head = [L["step"], L["journey"], L["emotion"], L["pain_points"], L["gain_points"]]
        states = [(state, state_rows) for state, state_rows in rows.items() if state_rows]
        if len(states) == 1:
            out.append(f"## {L['where_it_hurts']}\n\n" + table(head, states[0][1]))
        elif states:
            out.append(f"## {L['where_it_hurts']}")
            out += [f"### {L[JOURNEY_STATE[state]]}\n\n" + table(head, state_rows) for state, state_rows in states]
    origin = ctx.book.origin(Kind.NEED_GROUP, group.id)
    return page(here, title, "\n\n".join(out), origin.path if origin else None, [L["need_group"]], 2)
