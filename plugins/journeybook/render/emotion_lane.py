"""The emotion lane of the journey map: one SVG drawn across the step columns.

Designers read the curve against the steps above it, so it is not a separate
chart: the SVG sits in one table row spanning every step column, one
``STEP_WIDTH`` unit per step, and the map's CSS gives each step column the
same width in pixels. A point is therefore centred in its step's column at any
zoom. Each need group gets a colour and also a dash pattern and a marker
shape, so the lines tell apart without colour. Colours come from CSS classes
(``jb-series-N``) whose custom properties follow the light and dark palettes;
text uses ``currentColor``. Every editor string is HTML-escaped here: this
markup is raw HTML that Markdown does not touch.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.models import EMOTION_MAX, EMOTION_MIN

#: Width of one step column in CSS pixels; journeybook.css uses the same value (--jb-col).
STEP_WIDTH = 132
#: Vertical distance between two levels of the scale, and the margin above and below.
LEVEL_HEIGHT = 26
MARGIN = 14
#: Width of the row-title column holding the scale's words (--jb-head in the CSS).
AXIS_WIDTH = 112
SERIES = 6
DASHES = ["", "6 4", "2 3", "10 3 2 3", "4 2", "1 2"]


@dataclass
class Series:
    """One need group's line: its name and a value (or nothing) per step."""

    name: str
    values: list[int | None]


def height() -> int:
    return 2 * MARGIN + (EMOTION_MAX - EMOTION_MIN) * LEVEL_HEIGHT


def _y(value: float) -> float:
    return MARGIN + (EMOTION_MAX - value) * LEVEL_HEIGHT


def _marker(kind: int, x: float, y: float) -> str:
    """A marker shape centred on (x, y): circle, square, triangle, diamond, bar, ring."""
    r = 4.5
    if kind == 0:
        return f'<circle cx="{x:g}" cy="{y:g}" r="{r}"'
    if kind == 1:
        return f'<rect x="{x - r:g}" y="{y - r:g}" width="{2 * r:g}" height="{2 * r:g}"'
    if kind == 2:
        return f'<path d="M{x:g} {y - r - 1:g}L{x + r + 1:g} {y + r:g}L{x - r - 1:g} {y + r:g}Z"'
    if kind == 3:
        return f'<path d="M{x:g} {y - r - 1:g}L{x + r + 1:g} {y:g}L{x:g} {y + r + 1:g}L{x - r - 1:g} {y:g}Z"'
    if kind == 4:
        return f'<rect x="{x - r - 1:g}" y="{y - 2:g}" width="{2 * r + 2:g}" height="4"'
    return f'<circle cx="{x:g}" cy="{y:g}" r="{r}" fill="none" stroke-width="2.5"'


def legend_sample(index: int) -> str:
    """A short line with the series' dash and marker, for the legend next to the group's name."""
    kind = index % SERIES
    dash = DASHES[kind]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg class="jb-legend-sample jb-series-{kind}" width="36" height="14" viewBox="0 0 36 14" aria-hidden="true">'
        f'<line x1="0" y1="7" x2="36" y2="7" stroke-width="2"{dash_attr}/>{_marker(kind, 18, 7)}/></svg>'
    )


def axis(words: dict[int, str]) -> str:
    """The scale's words, right-aligned at the heights of their levels (sits in the sticky row title)."""
    h = height()
    texts = "".join(
        f'<text x="{AXIS_WIDTH - 8}" y="{_y(v) + 4:g}" text-anchor="end">{html.escape(words[v])}</text>'
        for v in range(EMOTION_MIN, EMOTION_MAX + 1)
    )
    return (
        f'<svg class="jb-emotion-axis" width="{AXIS_WIDTH}" height="{h}" viewBox="0 0 {AXIS_WIDTH} {h}" '
        f'aria-hidden="true">{texts}</svg>'
    )


def lane(
    title: str,
    step_ids: Sequence[str],
    step_names: Sequence[str],
    series: Sequence[Series],
    words: dict[int, str],
) -> str:
    """The curve: grid lines at each level, one polyline and markers per series, a point per step.

    Every marker carries ``data-step`` (the step id) and a ``<title>`` with
    group, step and value, so pointing at it says what it is. A step without
    a value for a group leaves a gap in that group's line rather than an
    invented neutral.
    """
    n = len(step_ids)
    w = n * STEP_WIDTH
    h = height()
    out = [
        f'<svg class="jb-emotion-lane" width="{w}" height="{h}" viewBox="0 0 {w} {h}" preserveAspectRatio="none" '
        'role="img" '
        f'aria-label="{html.escape(title)}">'
    ]
    for v in range(EMOTION_MIN, EMOTION_MAX + 1):
        klass = "jb-level jb-level-0" if v == 0 else "jb-level"
        out.append(f'<line class="{klass}" x1="0" y1="{_y(v):g}" x2="{w}" y2="{_y(v):g}"/>')
    spread = 5.0
    for index, s in enumerate(series):
        kind = index % SERIES
        dx = (index - (len(series) - 1) / 2) * spread
        dash = DASHES[kind]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="jb-series jb-series-{kind}">')
        run: list[str] = []
        runs: list[list[str]] = []
        for i, value in enumerate(s.values):
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{(i + 0.5) * STEP_WIDTH + dx:g},{_y(value):g}")
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                out.append(f'<polyline points="{" ".join(points)}" fill="none" stroke-width="2.5"{dash_attr}/>')
        for i, value in enumerate(s.values):
            if value is None:
                continue
            x = (i + 0.5) * STEP_WIDTH + dx
            sign = f"+{value}" if value > 0 else str(value).replace("-", "\u2212")
            tip = html.escape(f"{s.name}, {step_names[i]}: {sign} ({words[value]})")
            out.append(
                f'{_marker(kind, x, _y(value))} class="jb-point" data-step="{html.escape(step_ids[i])}">'
                f"<title>{tip}</title></{_tag(kind)}>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _tag(kind: int) -> str:
    return {0: "circle", 1: "rect", 2: "path", 3: "path", 4: "rect"}.get(kind, "circle")
