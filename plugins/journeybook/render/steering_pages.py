"""Pages that steer the work: metrics, failure demand, and current against future."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..core.analysis import DemandRow
from ..core.kinds import Kind
from ..core.models import JourneyFile, Step
from . import comparison_chart, table_filters
from .context import Context, Page, Unit, page, render_units
from .label_keys import BETTER, COMPARED_FIELD, DEMAND_PERIOD, METRIC_TYPE
from .metric_blocks import metric_summary, target_status
from .metric_pages import render_metric_page
from .text import attr, bullets, inline, link, rel, table


def render_metrics(ctx: Context) -> list[Page]:
    """The metrics page, and in a large handbook a page per metric."""
    return render_units(ctx, metric_units(ctx))


def metric_units(ctx: Context) -> list[Unit]:
    pages: list[Unit] = []
    if ctx.metrics_split:
        pages = [(("metric", mid), _metric_of(mid)) for mid in ctx.book.metrics]
    return [(("metrics",), _metrics_page), *pages]


def _metric_of(metric_id: str) -> Callable[[Context], list[Page]]:
    return lambda c: [render_metric_page(c, metric_id)]


def _metrics_page(ctx: Context) -> list[Page]:
    L = ctx.L
    here = ctx.METRICS_INDEX
    out = [f"# {L['metrics']}", L["metrics_intro"]]
    rows = []
    for metric in ctx.book.metrics.values():
        values = ctx.book.metric_values.get(metric.id, ())
        latest = L.decimal(values[-1].value) if values else L["no_values"]
        target = L.decimal(metric.target) if metric.target is not None else "–"
        status = "–"
        if values and metric.target is not None:
            status = target_status(ctx, metric, values[-1].value)
        rows.append(
            [
                ctx.metric_link(here, metric.id),
                L[METRIC_TYPE[metric.type]],
                latest,
                target,
                status,
                L[BETTER[metric.better_direction]],
            ]
        )
    out.append(table([L["metric"], L["type"], L["latest"], L["target"], L["status"], L["direction"]], rows))
    if not ctx.metrics_split:
        out += [metric_summary(ctx, here, mid, level=2) for mid in ctx.book.metrics]
    first = next(iter(ctx.book.metrics), None)
    origin = ctx.book.origin(Kind.METRIC, first) if first else None
    return [page(here, L["metrics"], "\n\n".join(out), origin.path if origin else None, [L["metrics"]])]


def render_failure_demand(ctx: Context) -> Page:
    L = ctx.L
    here = ctx.FAILURE_DEMAND
    book = ctx.book
    currency = inline(book.currency)
    rows = ctx.figures.failure_demand
    out = [f"# {L['failure_demand']}", L["failure_intro"]]
    if any(r.monthly_cost for r in rows):
        out.append(pareto(ctx, rows))
    body = []
    for rank, r in enumerate(rows[:FAILURE_TABLE_ROWS], start=1):
        pain = ctx.ref_link(here, f"{r.journey.id}/{r.demand.pain_point}") if r.demand.pain_point else "–"
        body.append(
            [
                L.number(rank),
                inline(r.demand.reason),
                L.money(r.monthly_cost, currency) if r.monthly_cost is not None else "–",
                L.number(r.monthly_volume),
                L.money(r.unit_cost, currency) if r.unit_cost is not None else L["no_cost"],
                ctx.step_link(here, r.journey.id, r.step.id, with_journey=True),
                pain,
                inline(book.channels[r.demand.channel].name) + table_filters.demand_mark(r),
            ]
        )
    if rows:
        body.append(
            [
                "",
                f"**{L['total']}**",
                f"**{L.money(sum(r.monthly_cost or 0 for r in rows), currency)}**",
                f"**{L.number(sum(r.monthly_volume for r in rows))}**",
                "",
                "",
                "",
                "",
            ]
        )
    head = [
        "#",
        L["reason"],
        L["cost_per_month"],
        L["volume"],
        L["cost_per_contact"],
        L["step"],
        L["pain_point"],
        L["channel"],
    ]
    out += [c for c in [table_filters.demand_controls(ctx, rows[:FAILURE_TABLE_ROWS])] if c]
    out.append(right_aligned(table(head, body), {0, 2, 3, 4}))
    if len(rows) > FAILURE_TABLE_ROWS:
        out.append(L["failure_top_shown"].format(shown=L.number(FAILURE_TABLE_ROWS), total=L.number(len(rows))))
    by_journey: dict[str, list[DemandRow]] = {}
    for r in rows:
        by_journey.setdefault(r.journey.id, []).append(r)
    per_journey = []
    for journey in book.journeys.values():
        mine = by_journey.get(journey.id, [])
        if mine:
            per_journey.append(
                [
                    ctx.journey_link(here, journey.id),
                    L.number(sum(r.monthly_volume for r in mine)),
                    L.money(sum(r.monthly_cost or 0 for r in mine), currency),
                ]
            )
    out.append(f"## {L['journeys']}\n\n" + table([L["journey"], L["volume"], L["cost_per_month"]], per_journey))
    channel_rows = [
        [inline(c.name), L.money(c.cost_per_contact, currency) if c.cost_per_contact is not None else L["no_cost"]]
        for c in book.channels.values()
    ]
    out.append(f"## {L['cost_per_contact']}\n\n" + table([L["channel"], L["cost_per_contact"]], channel_rows))
    origin = book.origin(Kind.CHANNEL, next(iter(book.channels))) if book.channels else None
    return page(here, L["failure_demand"], "\n\n".join(out), origin.path if origin else None, [L["failure_demand"]])


#: The Pareto chart shows the largest causes; the table below the costliest ones (and the total of all):
#: every journey page lists its own, so the handbook-wide page does not grow with every journey.
PARETO_BARS = 15
FAILURE_TABLE_ROWS = 50


def pareto(ctx: Context, rows: Sequence[DemandRow]) -> str:
    """Failure demand as a Pareto chart: a bar per reason, largest first, with the running share.

    HTML bars rather than a drawn chart: the reasons are editor sentences that
    must wrap on a phone, and bars sized in CSS follow the palette. Raw HTML,
    so every editor string is escaped here with ``attr``.
    """
    L = ctx.L
    costed = [r for r in rows if r.monthly_cost]
    total = sum(r.monthly_cost or 0.0 for r in costed)
    largest = max(r.monthly_cost or 0.0 for r in costed)
    currency = attr(ctx.book.currency)
    items = []
    running = 0.0
    for r in costed[:PARETO_BARS]:
        cost = r.monthly_cost or 0.0
        running += cost
        items.append(
            f'<li><span class="jb-bar-label">{attr(r.demand.reason)}</span>'
            f'<span class="jb-bar" style="width: {100 * cost / largest:.1f}%"></span>'
            f'<span class="jb-bar-value">{L.money(cost, currency)} · {L.percent(running / total)}</span></li>'
        )
    return (
        f'<figure class="jb-pareto"><figcaption>{attr(L["pareto_caption"])}</figcaption>'
        f"<ol>{''.join(items)}</ol></figure>"
    )


def right_aligned(markdown_table: str, columns: set[int]) -> str:
    """Right-align the numeric columns of a Markdown table, so digits line up."""
    lines = markdown_table.splitlines()
    if len(lines) < 2:
        return markdown_table
    cells = lines[1].strip("|").split("|")
    lines[1] = "|" + "|".join(" ---: " if i in columns else c for i, c in enumerate(cells)) + "|"
    return "\n".join(lines)


def _delta(before: float, after: float, fmt: Callable[[float], str]) -> str:
    diff = after - before
    if not diff:
        return "±0"
    return ("+" if diff > 0 else "−") + fmt(abs(diff))


def render_comparison(ctx: Context, future: JourneyFile) -> Page:
    L = ctx.L
    assert future.replaces is not None
    current = ctx.book.journeys[future.replaces]
    c = ctx.figures.comparisons[future.id]
    here = ctx.compare_path(future.id)

    hours = L.duration

    def row(label: str, before: float, after: float, fmt: Callable[[float], str] = L.number) -> list[str]:
        return [label, fmt(before), fmt(after), _delta(before, after, fmt)]

    figures = [
        row(L["number_of_steps"], c.steps_before, c.steps_after),
        row(L["total_waiting"], c.waiting_before, c.waiting_after, hours),
        row(L["lead_time"], c.lead_before, c.lead_after, hours),
        row(L["handoffs"], c.handoffs_before, c.handoffs_after),
        row(L["channel_switches"], c.switches_before, c.switches_after),
        row(L["number_of_pains"], c.pains_before, c.pains_after),
        row(L["failure_contacts"], c.demand_before, c.demand_after),
        row(
            f"{L['failure_cost']} ({inline(ctx.book.currency)})",
            ctx.figures.demand_cost(current.id),
            ctx.figures.demand_cost(future.id),
        ),
    ]
    out = [
        f"# {L['comparison']}: {inline(current.title)} → {inline(future.title)}",
        f"**{L['state_current']}:** {ctx.journey_link(here, current.id)} · "
        f"**{L['state_future']}:** {ctx.journey_link(here, future.id)}",
        L["compare_rules"],
        f"## {L['key_figures']}",
        table(["", L["before"], L["after"], L["change"]], figures),
        comparison_chart.section(ctx, c, here),
        f"## {L['what_changed']}",
    ]

    def steps_list(title: str, items: list[str]) -> None:
        out.append(f"### {title} ({L.number(len(items))})\n\n" + (bullets(items) if items else f"*{L['none']}*"))

    def value(step: Step | None, name: str) -> str:
        """A compared field of a step as a reader reads it."""
        raw = getattr(step, name, None) if step else None
        if name == "owner":
            return ctx.team_link(here, raw) if isinstance(raw, str) else "–"
        if name == "channels":
            return ctx.channel_names(list(raw)) if raw else "–"
        return inline(raw) if isinstance(raw, str) and raw else "–"

    steps_list(L["steps_removed"], [f"<del>{ctx.step_link(here, current.id, s.id)}</del>" for s in c.removed])
    steps_list(L["steps_added"], [f"**+** {ctx.step_link(here, future.id, s.id)}" for s in c.added])
    steps_list(
        L["steps_changed"],
        [
            f"{ctx.step_link(here, future.id, ch.step_id)}\n"
            + "\n".join(
                f"    - {L[COMPARED_FIELD[f]]}: {value(ch.before, f)} → {value(ch.after, f)}" for f in ch.changes
            )
            for ch in c.changed
        ],
    )
    steps_list(L["steps_unchanged"], [ctx.step_link(here, future.id, s.id) for s in c.unchanged])
    steps_list(L["pains_removed"], [ctx.ref_link(here, f"{current.id}/{p.id}") for p in c.pains_removed])
    steps_list(
        L["demand_removed"],
        [f"{inline(d.reason)} ({L.number(d.volume)} / {L[DEMAND_PERIOD[d.per]]})" for d in c.demand_removed],
    )
    out.append(f"**{L['blueprint']}:** {link(future.title, rel(here, ctx.blueprint_path(future.id)))}")
    origin = ctx.book.origin(Kind.JOURNEY, future.id)
    return page(
        here,
        f"{L['comparison']}: {future.title}",
        "\n\n".join(out),
        origin.path if origin else None,
        [*ctx.tags_of(future.tags), L["comparison"]],
        hide=comparison_chart.PAGE_HIDES,
    )
