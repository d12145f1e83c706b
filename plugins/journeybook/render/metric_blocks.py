"""A metric as shown on the journey page and the metrics overview: latest value, target, chart."""

from __future__ import annotations

from ..core.models import Metric
from . import metric_chart
from .context import Context
from .label_keys import BETTER, METRIC_TYPE
from .text import details, inline, table


def target_status(ctx: Context, metric: Metric, value: float) -> str:
    """ "on target" or "not yet on target", in the metric's better direction."""
    assert metric.target is not None
    good = value >= metric.target if metric.better_direction == "higher" else value <= metric.target
    return ctx.L["on_target"] if good else ctx.L["off_target"]


def metric_summary(ctx: Context, here: str, metric_id: str, level: int = 2) -> str:
    L = ctx.L
    metric = ctx.book.metrics[metric_id]
    values = ctx.book.metric_values.get(metric_id, ())
    heading = "#" * level
    out = [f"{heading} {inline(metric.name)} {{ #metric-{metric.id} }}"]
    facts = [f"**{L['type']}:** {L[METRIC_TYPE[metric.type]]}"]
    if metric.unit:
        facts.append(f"**{L['value']}:** {inline(metric.unit)}, {L[BETTER[metric.better_direction]]}")
    facts.append(f"**{L['about']}:** " + ", ".join(ctx.ref_link(here, r) for r in metric.about))
    if metric.need_group:
        facts.append(f"**{L['need_group']}:** {ctx.group_link(here, metric.need_group)}")
    if values:
        latest = values[-1]
        status = ""
        if metric.target is not None:
            status = f" – **{target_status(ctx, metric, latest.value)}**"
        facts.append(f"**{L['latest']}:** {L.decimal(latest.value)} ({L.date(latest.date)}){status}")
    else:
        facts.append(f"**{L['latest']}:** {L['no_values']}")
    if metric.target is not None:
        facts.append(f"**{L['target']}:** {L.decimal(metric.target)}")
    out.append("\n".join(f"- {f}" for f in facts))
    if len(values) >= 2:
        out.append(metric_chart.chart(ctx, metric, values))
    if values:
        rows = [[v.date.isoformat(), L.decimal(v.value)] for v in values]
        out.append(details(L["values"], table([L["date"], L["value"]], rows)))
    return "\n\n".join(out)

