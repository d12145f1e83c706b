"""A page per metric, for handbooks with more metrics than one page should chart (`Context.metrics_split`)."""

from __future__ import annotations

from ..core.kinds import Kind
from .context import Context, Page, page
from .metric_blocks import metric_summary
from .text import link, rel


def render_metric_page(ctx: Context, metric_id: str) -> Page:
    L = ctx.L
    here = ctx.metric_path(metric_id)
    metric = ctx.book.metrics[metric_id]
    back = link(L["metrics"], rel(here, ctx.METRICS_INDEX))
    origin = ctx.book.origin(Kind.METRIC, metric_id)
    body = f"{back}\n\n{metric_summary(ctx, here, metric_id, level=1)}"
    return page(here, metric.name, body, origin.path if origin else None, [L["metrics"]])
