"""The journey page: the map, the emotion curve, need-group views and every step.

A reader should be able to answer "what does need group X go through in this
journey, and where does it hurt?" without leaving the page, so the page holds
the grid staff know from journey-mapping workshops, the curve, a tab per
need group, and the detail of each step with everything that refers to it.
"""

from __future__ import annotations

from markupsafe import Markup

from ..core.analysis import (
    applies,
    channel_switches,
    groups_of,
    handoffs,
    lead_time_hours,
    waiting_hours,
)
from ..core.handbook import journey_pain_points, journey_steps
from ..core.kinds import Kind
from ..core.models import EMOTION_MAX, EMOTION_MIN, GainPoint, JourneyFile, PainPoint, Step
from . import emotion_lane, step_lanes
from .context import Context, Page, journey_state_label, page
from .escape import quoted_title
from .i18n import Labels
from .label_keys import BACKLOG_STATUS, EMOTION, INSIGHT_STATUS, INSIGHT_TYPE, SEVERITY
from .map_grid import Row, cards, cells_row, grid, lane_row
from .markup import BR, LINE_BREAK, join, strong
from .metric_blocks import metric_summary
from .review_pages import review_notice
from .text import attr, block, bullets, details, indent, inline, link, rel, table
from .trace_blocks import journey_trace

#: The map needs the full width: no navigation or table of contents beside it (mkdocs-material `hide`).
MAP_PAGE_HIDES = ["navigation", "toc"]


def emotion_text(value: int | None, L: Labels) -> str:
    """The value and its word, e.g. "−1 (negative)": words read the same in every font and screen reader."""
    if value is None:
        return f"*{L['no_emotion']}*"
    return emotion_word(value, L)


def emotion_word(value: int, L: Labels) -> str:
    """ "−1 (negative)" as plain text."""
    sign = f"+{value}" if value > 0 else str(value).replace("-", "−")
    return f"{sign} ({L[EMOTION[value]]})"


def render_journey(ctx: Context, journey: JourneyFile) -> Page:
    here = ctx.journey_path(journey.id)
    L = ctx.L
    parts = [f"# {inline(journey.title)}", review_notice(ctx, Kind.JOURNEY, journey.id), inline(journey.summary)]
    if journey.description:
        parts.append(block(journey.description))
    parts.append(_facts(ctx, journey, here))
    parts.append(f"## {L['key_figures']}\n\n{_key_figures(ctx, journey)}")
    channels = [ctx.book.channels[c] for _, s in journey_steps(journey) for c in s.channels]
    sprite = step_lanes.icon_sprite(channels)
    parts.append(f"## {L['journey_map']}\n\n" + (f"{sprite}\n\n" if sprite else "") + journey_grid(ctx, journey, here))
    parts.append(_emotion_section(ctx, journey))
    parts.append(step_cards(ctx, journey, here))
    parts.append(_group_tabs(ctx, journey, here))
    parts.append(_steps_section(ctx, journey, here))
    if journey.root_causes:
        parts.append(_root_causes(ctx, journey, here))
    demand = _failure_demand(ctx, journey, here)
    if demand:
        parts.append(demand)
    about = ctx.figures.about_journey[journey.id]
    metrics = about.metrics
    if metrics:
        parts.append(f"## {L['metrics']}\n\n" + "\n\n".join(metric_summary(ctx, here, m.id, level=3) for m in metrics))
    insights = about.insights
    if insights:
        rows = [
            [
                ctx.insight_link(here, i.id),
                L[INSIGHT_TYPE[i.type]],
                L[INSIGHT_STATUS[i.status]],
                ", ".join(ctx.ref_link(here, r) for r in i.about),
            ]
            for i in insights
        ]
        parts.append(f"## {L['insights']}\n\n" + table([L["insights"], L["type"], L["status"], L["about"]], rows))
    items = about.backlog
    if items:
        rows = [
            [ctx.backlog_link(here, e.item.id), ctx.team_link(here, e.item.owner), L[BACKLOG_STATUS[e.item.status]]]
            for e in items
        ]
        parts.append(f"## {L['backlog_items']}\n\n" + table([L["backlog_item"], L["owner"], L["status"]], rows))
    trace = journey_trace(ctx, journey, here)
    if trace:
        parts.append(trace)
    tags = [*ctx.tags_of(journey.tags), L["journey"]]
    origin = ctx.book.origin(Kind.JOURNEY, journey.id)
    return page(
        here,
        journey.title,
        "\n\n".join(p for p in parts if p),
        origin.path if origin else None,
        tags,
        2,
        hide=MAP_PAGE_HIDES,
    )


def _facts(ctx: Context, journey: JourneyFile, here: str) -> str:
    L = ctx.L
    book = ctx.book
    facts = [f"**{L['state']}:** {journey_state_label(ctx, journey)}"]
    if journey.replaces:
        compare = link(L["comparison"], rel(here, ctx.compare_path(journey.id)))
        facts.append(f"**{L['replaces']}:** {ctx.journey_link(here, journey.replaces)} ({compare})")
    for other in ctx.figures.replaced_by[journey.id]:
        compare = link(L["comparison"], rel(here, ctx.compare_path(other)))
        facts.append(f"**{L['replaced_by']}:** {ctx.journey_link(here, other)} ({compare})")
    if journey.life_event:
        facts.append(f"**{L['life_event']}:** {inline(book.life_events[journey.life_event].name)}")
    facts.append(f"**{L['owner']}:** {ctx.team_link(here, journey.owner)}")
    facts.append(f"**{L['need_groups']}:** {ctx.group_names(here, groups_of(journey))}")
    facts.append(f"**{L['blueprint']}:** {link(L['blueprint'], rel(here, ctx.blueprint_path(journey.id)))}")
    return bullets(facts)


def _key_figures(ctx: Context, journey: JourneyFile) -> str:
    L = ctx.L
    steps = list(journey_steps(journey))
    backed, total = ctx.figures.evidence_share[journey.id]
    share = f"{L.number(backed)} / {L.number(total)} ({L.percent(backed / total)})" if total else L["none"]
    rows = ctx.figures.demand_by_journey[journey.id]
    contacts = sum(r.monthly_volume for r in rows)
    cost = sum(r.monthly_cost or 0.0 for r in rows)
    figures = [
        f"**{L['steps']}:** " + L.plural("steps_in_phases", len(journey.phases), steps=L.number(len(steps))),
        f"**{L['total_waiting']}:** {L.duration(waiting_hours(journey))}",
        f"**{L['lead_time']}:** {L.duration(lead_time_hours(journey))}",
        f"**{L['handoffs']}:** {L.number(len(handoffs(journey)))}",
        f"**{L['channel_switches']}:** {L.number(channel_switches(journey))}",
        f"**{L['evidence_backed']}:** {share}",
    ]
    if rows:
        figures.append(f"**{L['failure_contacts']}:** {L.number(contacts)}")
        figures.append(f"**{L['failure_cost']}:** {L.money(cost, inline(ctx.book.currency))}")
    return bullets(figures)


def journey_grid(ctx: Context, journey: JourneyFile, here: str) -> str:
    """The journey map: steps as columns under their phases, lanes as rows, the emotion curve drawn across.

    An HTML table (templates/grid.html, shared with the blueprint) because
    Markdown tables cannot group columns under a phase. Every step column has
    the same width (journeybook.css), which is what lets the emotion lane's
    SVG put each point in its step's column.
    """
    L = ctx.L
    steps = [s for _, s in journey_steps(journey)]

    def points(items: list[PainPoint] | list[GainPoint], mark: str) -> Markup:
        out = []
        for item in items:
            names = ", ".join(ctx.book.need_groups[g].name for g in item.need_groups)
            out.append(f"{mark} {item.text}" + (f" ({names})" if names else ""))
        return join(BR, out)

    def opportunities(step: Step) -> Markup:
        """The backlog items that address the step or its pain points, with their status."""
        ids: dict[str, None] = {}
        for key in (step.id, *(p.id for p in step.pain_points)):
            refs = ctx.figures.backlinks.get(f"{journey.id}/{key}")
            ids |= dict.fromkeys(refs.backlog if refs else [])
        status = {b: L[BACKLOG_STATUS[ctx.book.backlog[b].item.status]] for b in ids}
        return join(BR, [ctx.backlog_a(here, b) + f" ({status[b]})" for b in ids])

    longest = step_lanes.longest_wait(journey)
    rows = [
        cells_row(L["customer_does"], [s.does for s in steps]),
        cells_row(
            L["touchpoints"] + " / " + L["channels"].lower(),
            [join(BR, [*s.touchpoints, *step_lanes.channels_cell(ctx, s)]) for s in steps],
        ),
        _emotion_row(ctx, journey, steps),
        cells_row(L["pain_points"], [points(s.pain_points, "⚠") for s in steps], "jb-pain"),
        cells_row(L["gain_points"], [points(s.gain_points, "✔") for s in steps], "jb-gain"),
        cells_row(L["opportunities"], [opportunities(s) for s in steps], "jb-opportunity"),
        *_metric_rows(ctx, journey, steps, here),
        cells_row(step_lanes.waiting_title(ctx, journey), [step_lanes.waiting_cell(ctx, s, longest) for s in steps]),
        cells_row(L["owner"], [ctx.team_a(here, s.owner) for s in steps]),
    ]
    return grid(ctx, L["journey_map"], journey, lambda s: "#step-" + s.id, rows)


def _metric_rows(ctx: Context, journey: JourneyFile, steps: list[Step], here: str) -> list[Row]:
    """The metrics lane, only when some metric measures a step of this journey."""
    cells = [step_lanes.metrics_cell(ctx, journey, s, here) for s in steps]
    return [cells_row(ctx.L["metrics"], [join(BR, c) for c in cells], "jb-metric")] if any(cells) else []


def _emotion_row(ctx: Context, journey: JourneyFile, steps: list[Step]) -> Row:
    """The emotion lane: the scale's words in the row title, the curve across every step column."""
    L = ctx.L
    words = {v: L[EMOTION[v]] for v in range(EMOTION_MIN, EMOTION_MAX + 1)}
    series = [
        emotion_lane.Series(ctx.book.need_groups[g].name, [s.emotion.get(g) for s in steps]) for g in groups_of(journey)
    ]
    svg = emotion_lane.lane(
        f"{L['emotion_curve']}: {journey.title}", [s.id for s in steps], [s.name for s in steps], series, words
    )
    head = Markup('<span class="jb-lane-title">{}</span>').format(L["emotion"]) + Markup(emotion_lane.axis(words))
    return lane_row("jb-emotion", head, Markup(svg))


def step_cards(ctx: Context, journey: JourneyFile, here: str) -> str:
    """The map on a phone: a card per step with its action, emotions, pain and gain points."""
    L = ctx.L
    groups = groups_of(journey)

    def lines(step: Step) -> list[Markup]:
        out = [Markup.escape(step.does)]
        feelings = [
            f"{ctx.book.need_groups[g].name} {emotion_word(step.emotion[g], L)}" for g in groups if g in step.emotion
        ]
        if feelings:
            out.append(strong(f"{L['emotion']}:") + " " + "; ".join(feelings))
        out += [Markup.escape(f"⚠ {p.text}") for p in step.pain_points]
        out += [Markup.escape(f"✔ {g.text}") for g in step.gain_points]
        if step.channels:
            out.append(join(" ", step_lanes.channels_cell(ctx, step)))
        if step.waiting:
            out.append(strong(f"{L['waiting']}:") + " " + step.waiting)
        out += [strong(f"{L['metric']}:") + " " + m for m in step_lanes.metrics_cell(ctx, journey, step, here)]
        out.append(strong(f"{L['owner']}:") + " " + ctx.team_a(here, step.owner))
        return out

    return cards(ctx, journey, lambda s: "#step-" + s.id, lines)


def _emotion_section(ctx: Context, journey: JourneyFile) -> str:
    """The lane's legend and, for screen readers and for copying, its values as a table."""
    L = ctx.L
    groups = groups_of(journey)
    if not groups:
        return ""
    steps = [s for _, s in journey_steps(journey)]
    names = [ctx.book.need_groups[g].name for g in groups]
    legend = "".join(f"<li>{emotion_lane.legend_sample(i)} {attr(name)}</li>" for i, name in enumerate(names))
    out = [f'<ul class="jb-legend" aria-label="{attr(L["legend"])}">{legend}</ul>']
    if any(g not in s.emotion for s in steps for g in groups):
        out.append(L["missing_emotion_gap"])
    rows = [[link(s.name, f"#step-{s.id}")] + [emotion_text(s.emotion.get(g), L) for g in groups] for s in steps]
    equivalent = table([L["step"], *[inline(n) for n in names]], rows)
    out.append(details(f"{L['emotion_curve']}: {L['table_equivalent'].lower()}", equivalent))
    return "\n\n".join(out)


def _group_tabs(ctx: Context, journey: JourneyFile, here: str) -> str:
    """A content tab per need group: its emotion, pain and gain points, step by step."""
    L = ctx.L
    groups = groups_of(journey)
    if not groups:
        return ""
    tabs = [f"## {L['by_need_group']}"]
    for gid in groups:
        group = ctx.book.need_groups[gid]
        rows = []
        for _, step in journey_steps(journey):
            pains = [f"⚠ {inline(p.text)}" for p in step.pain_points if applies(p.need_groups, gid)]
            gains = [f"✔ {inline(g.text)}" for g in step.gain_points if applies(g.need_groups, gid)]
            rows.append(
                [
                    link(step.name, f"#step-{step.id}"),
                    emotion_text(step.emotion.get(gid), L),
                    LINE_BREAK.join(pains) or "–",
                    LINE_BREAK.join(gains) or "–",
                ]
            )
        body = f"{ctx.group_link(here, gid)}: {inline(group.summary)}\n\n" + table(
            [L["step"], L["emotion"], L["pain_points"], L["gain_points"]], rows
        )
        tabs.append(f'=== "{quoted_title(group.name)}"\n\n{indent(body)}')
    return "\n\n".join(tabs)


def _steps_section(ctx: Context, journey: JourneyFile, here: str) -> str:
    L = ctx.L
    out = [f"## {L['steps']}"]
    for phase in journey.phases:
        out.append(f"### {inline(phase.name)}")
        if phase.description:
            out.append(inline(phase.description))
        for step in phase.steps:
            out.append(_step(ctx, journey, step, here))
    return "\n\n".join(out)


def _step(ctx: Context, journey: JourneyFile, step: Step, here: str) -> str:
    L = ctx.L
    out = [f"#### {inline(step.name)} {{ #step-{step.id} }}", inline(step.does)]
    if step.description:
        out.append(block(step.description))
    facts = []
    if step.touchpoints:
        facts.append(f"**{L['touchpoints']}:** " + ", ".join(inline(t) for t in step.touchpoints))
    if step.channels:
        facts.append(f"**{L['channels']}:** {ctx.channel_names(step.channels)}")
    if step.waiting:
        facts.append(f"**{L['waiting']}:** {inline(step.waiting)}")
    if step.duration:
        facts.append(f"**{L['duration']}:** {inline(step.duration)}")
    facts.append(f"**{L['owner']}:** {ctx.team_link(here, step.owner)}")
    if step.emotion:
        facts.append(
            f"**{L['emotion']}:** "
            + ", ".join(f"{inline(ctx.book.need_groups[g].name)} {emotion_text(v, L)}" for g, v in step.emotion.items())
        )
    out.append(bullets(facts))
    if step.pain_points:
        out.append(f"**{L['pain_points']}**\n\n" + bullets([_pain(ctx, journey, p, here) for p in step.pain_points]))
    if step.gain_points:
        items = [
            f'<span id="gain-{g.id}"></span>✔ {inline(g.text)} ({L["applies_to"].lower()}: '
            f"{ctx.group_names(here, g.need_groups)})"
            for g in step.gain_points
        ]
        out.append(f"**{L['gain_points']}**\n\n" + bullets(items))
    refs = ctx.figures.backlinks.get(f"{journey.id}/{step.id}")
    if refs and (refs.insights or refs.metrics or refs.backlog):
        lines = [ctx.insight_link(here, i) for i in refs.insights]
        lines += [ctx.metric_link(here, m) for m in refs.metrics]
        lines += [ctx.backlog_link(here, b) for b in refs.backlog]
        out.append(f"**{L['referenced_by']}**\n\n" + bullets(lines))
    return "\n\n".join(out)


def _pain(ctx: Context, journey: JourneyFile, pain: PainPoint, here: str) -> str:
    L = ctx.L
    text = (
        f'<span id="pain-{pain.id}"></span>⚠ {inline(pain.text)} ({L["applies_to"].lower()}: '
        f"{ctx.group_names(here, pain.need_groups)}; {L['severity'].lower()}: {L[SEVERITY[pain.severity]]})"
    )
    details = []
    causes = {c.id: c for c in journey.root_causes}
    for cid in pain.root_causes:
        details.append(f"{L['root_cause']}: {link(causes[cid].text, '#cause-' + cid)}")
    refs = ctx.figures.backlinks.get(f"{journey.id}/{pain.id}")
    if refs:
        for iid in refs.insights:
            insight = ctx.book.insights[iid]
            details.append(f"{L['evidence']} ({L[INSIGHT_STATUS[insight.status]]}): {ctx.insight_link(here, iid)}")
        for bid in refs.backlog:
            entry = ctx.book.backlog[bid]
            details.append(
                f"{L['backlog_item']} ({L[BACKLOG_STATUS[entry.item.status]]}): "
                f"{ctx.backlog_link(here, bid)}, {ctx.team_link(here, entry.item.owner)}"
            )
    if details:
        text += "\n" + "\n".join(f"    - {d}" for d in details)
    return text


def _root_causes(ctx: Context, journey: JourneyFile, here: str) -> str:
    L = ctx.L
    items = []
    for cause in journey.root_causes:
        pains = [p for _, p in journey_pain_points(journey) if cause.id in p.root_causes]
        line = f'<span id="cause-{cause.id}"></span>**{inline(cause.text)}**'
        if cause.consequence:
            line += f" {L['consequence']}: {inline(cause.consequence)}"
        if pains:
            line += "\n" + "\n".join(f"    - {link(p.text, '#pain-' + p.id)}" for p in pains)
        items.append(line)
    return f"## {L['root_causes']}\n\n" + bullets(items)


def _failure_demand(ctx: Context, journey: JourneyFile, here: str) -> str:
    L = ctx.L
    rows = ctx.figures.demand_by_journey[journey.id]
    if not rows:
        return ""
    currency = inline(ctx.book.currency)
    body = [
        [
            link(r.step.name, f"#step-{r.step.id}"),
            inline(r.demand.reason),
            inline(ctx.book.channels[r.demand.channel].name),
            L.number(r.monthly_volume),
            L.money(r.unit_cost, currency) if r.unit_cost is not None else L["no_cost"],
            L.money(r.monthly_cost, currency) if r.monthly_cost is not None else "–",
        ]
        for r in rows
    ]
    total = sum(r.monthly_cost or 0.0 for r in rows)
    body.append(
        [
            f"**{L['total']}**",
            "",
            "",
            f"**{L.number(sum(r.monthly_volume for r in rows))}**",
            "",
            f"**{L.money(total, currency)}**",
        ]
    )
    head = [L["step"], L["reason"], L["channel"], L["volume"], L["cost_per_contact"], L["cost_per_month"]]
    more = link(L["failure_demand"], rel(here, ctx.FAILURE_DEMAND))
    return f"## {L['failure_demand']}\n\n{table(head, body)}\n\n→ {more}"
