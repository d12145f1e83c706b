"""A metric's values over time as SVG: the axis from the scale's minimum, the target a labelled line.

Mermaid's xychart cannot name a line, so the target used to be a second,
unlabelled line explained by a sentence under the chart. Here the target is a
dashed line carrying its own label ("Target 80"), placed where it covers no
measured point, and the latest value carries its number and, in the legend
under the chart, its status against the target. The value axis starts at
zero (or below, for scales that go negative such as NPS): starting it near
the data makes a small change look large. Colours come from the palette's
custom properties; every label passes through ``html_text``/``attr``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from ..core.models import Metric, MetricValue
from .context import Context
from .escape import attr, html_text
from .figure_box import figure_box
from .i18n import Labels

LEFT = 56
RIGHT = 16
TOP = 28
BOTTOM = 34
PLOT_HEIGHT = 180
#: Horizontal distance between two measurements; the plot is never narrower than MIN_PLOT.
STEP = 48
MIN_PLOT = 264
#: A date label (yyyy-mm-dd at 12 px) needs about this much room; labels are thinned to fit.
DATE_WIDTH = 76
CHAR_WIDTH = 7.6
FONT = 12


def value_text(L: Labels, value: float) -> str:
    return L.decimal(value)


def nice_step(span: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving four or five gridlines over ``span``."""
    raw = span / 4 if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))


def scale(values: Sequence[float]) -> tuple[float, float, float]:
    """Bottom, top and gridline step of the value axis: from zero (or the lowest negative value), round."""
    low, high = min(values), max(values)
    bottom = 0.0 if low >= 0 else low
    step = nice_step(max(high, 0.0) - bottom)
    bottom = math.floor(bottom / step) * step
    top = math.ceil(high / step) * step
    if top <= max(high, bottom):
        top += step
    return bottom, top, step


def chart(ctx: Context, metric: Metric, values: Sequence[MetricValue]) -> str:
    """The chart and its legend as raw HTML; ``values`` sorted by date, at least two."""
    L = ctx.L
    numbers = [v.value for v in values]
    bottom, top, step = scale([*numbers, *([metric.target] if metric.target is not None else [])])
    plot_width = max(MIN_PLOT, STEP * (len(values) - 1) + STEP)
    width = LEFT + plot_width + RIGHT
    height = TOP + PLOT_HEIGHT + BOTTOM

    def x(i: int) -> float:
        return LEFT + STEP / 2 + i * (plot_width - STEP) / max(1, len(values) - 1)

    def y(v: float) -> float:
        return TOP + PLOT_HEIGHT - (v - bottom) / (top - bottom) * PLOT_HEIGHT

    description = f"{L['chart_metric_desc']} {L['chart_metric_legend']}"
    title = f"{metric.name}" + (f" ({metric.unit})" if metric.unit else "")
    out = [
        f'<svg class="jb-metric-chart" width="{width:g}" height="{height}" viewBox="0 0 {width:g} {height}" '
        f'role="img" aria-label="{attr(title)}"><desc>{html_text(description)}</desc>'
    ]
    if metric.unit:
        out.append(f'<text class="jb-axis-name" x="{LEFT - 8}" y="{TOP - 12}">{html_text(metric.unit)}</text>')
    ticks = round((top - bottom) / step)
    for k in range(ticks + 1):
        tick = bottom + k * step
        out.append(
            f'<line class="{"jb-axis" if tick == 0 or k == 0 else "jb-grid-line"}" x1="{LEFT}" y1="{y(tick):.1f}" '
            f'x2="{LEFT + plot_width}" y2="{y(tick):.1f}"/>'
            f'<text x="{LEFT - 8}" y="{y(tick) + 4:.1f}" text-anchor="end">{value_text(L, tick)}</text>'
        )
    every = max(1, math.ceil(DATE_WIDTH / ((plot_width - STEP) / max(1, len(values) - 1))))
    for i, v in enumerate(values):
        if i % every == 0 or i == len(values) - 1:
            if i != len(values) - 1 and len(values) - 1 - i < every:
                continue  # the last date is always shown; a label just before it would touch it
            out.append(
                f'<text x="{x(i):.1f}" y="{TOP + PLOT_HEIGHT + 20}" text-anchor="middle">{v.date.isoformat()}</text>'
            )
    points = [(x(i), y(v.value)) for i, v in enumerate(values)]
    latest = values[-1].value
    latest_box = _label_box(points[-1][0], points[-1][1] - 10, value_text(L, latest), "middle")
    if metric.target is not None:
        out.append(
            f'<line class="jb-target" x1="{LEFT}" y1="{y(metric.target):.1f}" x2="{LEFT + plot_width}" '
            f'y2="{y(metric.target):.1f}"/>'
        )
        label = f"{L['target']} {value_text(L, metric.target)}"
        lx, ly, anchor = _target_place(label, y(metric.target), LEFT, LEFT + plot_width, _along(points), latest_box)
        out.append(
            f'<text class="jb-target-label" x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{html_text(label)}</text>'
        )
    out.append(
        '<g class="jb-series jb-series-0"><polyline fill="none" stroke-width="2.5" points="'
        + " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        + '"/>'
    )
    for (px, py), v in zip(points, values, strict=True):
        out.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" data-value="{v.value:g}">'
            f"<title>{v.date.isoformat()}: {value_text(L, v.value)}</title></circle>"
        )
    out.append("</g>")
    out.append(
        f'<text class="jb-latest" x="{points[-1][0]:.1f}" y="{points[-1][1] - 10:.1f}" text-anchor="middle">'
        f"{value_text(L, latest)}</text>"
    )
    out.append("</svg>")
    return figure_box(title, "".join(out)) + _legend(ctx, metric.target is not None)


def _legend(ctx: Context, target: bool) -> str:
    """What the two lines are, with samples drawn like them (the chart reads without colour)."""

    def sample(css: str) -> str:
        return (
            f'<svg class="jb-legend-sample" width="36" height="14" viewBox="0 0 36 14" aria-hidden="true">'
            f'<line class="{css}" x1="0" y1="7" x2="36" y2="7" stroke-width="2.5"/></svg>'
        )

    items = [f'<li><span class="jb-series-0">{sample("")}</span>{html_text(ctx.L["values"])}</li>']
    if target:
        items.append(f"<li>{sample('jb-target')}{html_text(ctx.L['target'])}</li>")
    return f'<ul class="jb-figure-legend">{"".join(items)}</ul>'


def _along(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The measured line as points every few pixels, so a label can keep clear of the line, not only its points."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) // 6))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(1, n + 1)]
    return out


def _label_box(x: float, baseline: float, text: str, anchor: str) -> tuple[float, float, float, float]:
    w = len(text) * CHAR_WIDTH
    left = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
    return (left, baseline - FONT, left + w, baseline + 3)


def _target_place(
    label: str,
    line_y: float,
    left: float,
    right: float,
    points: Sequence[tuple[float, float]],
    avoid: tuple[float, float, float, float],
) -> tuple[float, float, str]:
    """Where the target's label goes: above or below its line, at the right or left end, clear of every point."""
    candidates = [
        (right - 4, line_y - 6, "end"),
        (right - 4, line_y + FONT + 4, "end"),
        (left + 4, line_y - 6, "start"),
        (left + 4, line_y + FONT + 4, "start"),
    ]

    def clash(c: tuple[float, float, str]) -> float:
        x0, y0, x1, y1 = _label_box(c[0], c[1], label, c[2])
        hits = sum(1 for px, py in points if x0 - 6 <= px <= x1 + 6 and y0 - 6 <= py <= y1 + 6)
        ax0, ay0, ax1, ay1 = avoid
        return hits + (1 if x0 < ax1 and ax0 < x1 and y0 < ay1 and ay0 < y1 else 0)

    return min(candidates, key=lambda c: (clash(c), candidates.index(c)))
