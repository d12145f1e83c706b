"""Need-group pages: who they are, and every step where they hurt or gain."""

from __future__ import annotations

from ..core.handbook import journey_steps
from ..core.kinds import Kind
from ..core.models import NeedGroupFile
from .context import Context, Page, page
from .journey_page import applies, emotion_text, groups_of
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
    rows = []
    tally: list[tuple[str, bool, bool]] = []
    journeys = []
    for journey in ctx.book.journeys.values():
        if group.id not in groups_of(ctx, journey):
            continue
        journeys.append(journey)
        for _, step in journey_steps(journey):
            pains = [f"⚠ {inline(p.text)}" for p in step.pain_points if applies(p.need_groups, group.id)]
            gains = [f"✔ {inline(g.text)}" for g in step.gain_points if applies(g.need_groups, group.id)]
            if pains or gains:
                tally.append((journey.id, bool(pains), bool(gains)))
                rows.append(
                    [
                        ctx.step_link(here, journey.id, step.id),
                        ctx.journey_link(here, journey.id),
                        emotion_text(step.emotion.get(group.id), L),
                        "<br>".join(pains) or "–",
                        "<br>".join(gains) or "–",
                    ]
                )
    if len(rows) > NEED_GROUP_MAX_ROWS:
        # Many journeys: one row per journey, whose page shows each step for this group.
        counts: dict[str, list[int]] = {}
        for journey_id, hurt, gained in tally:
            c = counts.setdefault(journey_id, [0, 0])
            c[0] += hurt
            c[1] += gained
        summary = [[ctx.journey_link(here, j), ctx.L.number(c[0]), ctx.L.number(c[1])] for j, c in counts.items()]
        out.append(f"## {L['where_it_hurts']}\n\n" + table([L["journey"], L["pain_points"], L["gain_points"]], summary))
        rows = []
    elif journeys:
        out.append(f"## {L['journeys_with_group']}\n\n" + bullets([ctx.journey_link(here, j.id) for j in journeys]))
    if rows:
        out.append(
            f"## {L['where_it_hurts']}\n\n"
            + table([L["step"], L["journey"], L["emotion"], L["pain_points"], L["gain_points"]], rows)
        )
    origin = ctx.book.origin(Kind.NEED_GROUP, group.id)
    return page(here, title, "\n\n".join(out), origin.path if origin else None, [L["need_group"]], 2)
