"""The backlog's value-against-effort chart, drawn as SVG so that no label sits on a point.

Mermaid's quadrantChart puts each quadrant's name at a fixed place, where a
point may lie (the example's item 4 covered "Fill-ins"), and draws a point's
name beside it, where another point may lie. Here every point is a numbered
disc (the number is the item's rank in the table above), discs that would
overlap are moved apart, and each quadrant's name goes to the first of its
corners where its box touches no disc. Colours come from the palette's custom
properties (journeybook.css), text is 13 px or more at any zoom of 100 %, and
every label passes through ``html_text``/``attr``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .escape import html_text
from .figure_box import figure_box

WIDTH = 480
HEIGHT = 400
LEFT = 40
RIGHT = 12
TOP = 12
BOTTOM = 44
RADIUS = 11
FONT = 13
#: Average advance of a bold 13 px character, for the width of a quadrant's name (generous, never too small).
CHAR_WIDTH = 8.2
PAD = 6

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Item:
    """One backlog item: its rank (the disc's number), a text for pointing at it, and its place on 1..5 scales."""

    rank: int
    title: str
    effort: float
    value: float


@dataclass(frozen=True)
class Placed:
    item: Item
    x: float
    y: float


def _plot() -> Box:
    return (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM)


def _position(effort: float, value: float) -> tuple[float, float]:
    left, top, right, bottom = _plot()
    inset = RADIUS + 4  # a disc at the scale's end stays inside the plot
    x = left + inset + (effort - 1) / 4 * (right - left - 2 * inset)
    y = bottom - inset - (value - 1) / 4 * (bottom - top - 2 * inset)
    return x, y


def place(items: Sequence[Item]) -> list[Placed]:
    """Each disc at its values, or, when that spot is taken, at the nearest free spot on a spiral around it."""
    placed: list[Placed] = []
    gap = 2 * RADIUS + 2
    for item in items:
        x0, y0 = _position(item.effort, item.value)
        x, y = x0, y0
        turn = 0
        while any(math.hypot(x - p.x, y - p.y) < gap for p in placed) and turn < 400:
            turn += 1
            angle = turn * 0.9
            distance = gap * (0.6 + turn / 12)
            x, y = x0 + distance * math.cos(angle), y0 + distance * math.sin(angle)
            left, top, right, bottom = _plot()
            x = min(max(x, left + RADIUS), right - RADIUS)
            y = min(max(y, top + RADIUS), bottom - RADIUS)
        placed.append(Placed(item, x, y))
    return placed


def _quadrants() -> list[Box]:
    """The four quadrants in Mermaid's order: 1 top right, 2 top left, 3 bottom left, 4 bottom right."""
    left, top, right, bottom = _plot()
    mid_x, mid_y = (left + right) / 2, (top + bottom) / 2
    return [
        (mid_x, top, right, mid_y),
        (left, top, mid_x, mid_y),
        (left, mid_y, mid_x, bottom),
        (mid_x, mid_y, right, bottom),
    ]


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def label_boxes(names: tuple[str, str, str, str], discs: Sequence[Placed]) -> list[tuple[Box, str]]:
    """Where each quadrant's name goes: the first corner (then edge middle) of its quadrant free of discs.

    Quadrants in Mermaid's order: 1 top right, 2 top left, 3 bottom left, 4 bottom right.
    When every place touches a disc, the one with the least overlap wins.
    """
    quadrants = _quadrants()
    disc_boxes = [(p.x - RADIUS - 2, p.y - RADIUS - 2, p.x + RADIUS + 2, p.y + RADIUS + 2) for p in discs]
    out: list[tuple[Box, str]] = []
    for (qx0, qy0, qx1, qy1), name in zip(quadrants, names, strict=True):
        w = min(len(name) * CHAR_WIDTH, qx1 - qx0 - 2 * PAD)
        h = FONT + 4
        xs = [qx0 + PAD, qx1 - PAD - w, (qx0 + qx1 - w) / 2]
        ys = [qy0 + PAD, qy1 - PAD - h]
        candidates: list[Box] = [(x, y, x + w, y + h) for y in ys for x in xs]
        best = min(candidates, key=lambda c: (sum(_overlap(c, d) for d in disc_boxes), candidates.index(c)))
        out.append((best, name))
    return out


def chart(
    title: str,
    description: str,
    x_axis: tuple[str, str],
    y_axis: tuple[str, str],
    quadrants: tuple[str, str, str, str],
    items: Sequence[Item],
) -> str:
    """The whole figure as raw HTML: a scrollable box holding the SVG."""
    left, top, right, bottom = _plot()
    mid_x, mid_y = (left + right) / 2, (top + bottom) / 2
    discs = place(items)
    out = [
        f'<svg class="jb-priority" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="jb-priority-title jb-priority-desc">'
        f'<title id="jb-priority-title">{html_text(title)}</title>'
        f'<desc id="jb-priority-desc">{html_text(description)}</desc>',
        *(
            f'<rect class="jb-quadrant jb-quadrant-{n}" x="{x0:g}" y="{y0:g}" '
            f'width="{x1 - x0:g}" height="{y1 - y0:g}"/>'
            for n, (x0, y0, x1, y1) in enumerate(_quadrants(), start=1)
        ),
        f'<line class="jb-divider" x1="{mid_x:g}" y1="{top:g}" x2="{mid_x:g}" y2="{bottom:g}"/>',
        f'<line class="jb-divider" x1="{left:g}" y1="{mid_y:g}" x2="{right:g}" y2="{mid_y:g}"/>',
    ]
    for (x0, y0, x1, _), name in label_boxes(quadrants, discs):
        # a name longer than its quadrant is narrowed to fit rather than cut or run into the next one
        fit = f' textLength="{x1 - x0:g}" lengthAdjust="spacingAndGlyphs"' if len(name) * CHAR_WIDTH > x1 - x0 else ""
        out.append(f'<text class="jb-quadrant-name" x="{x0:g}" y="{y0 + FONT:g}"{fit}>{html_text(name)}</text>')
    out.append(
        f'<text class="jb-axis-name" x="{left:g}" y="{HEIGHT - 14}">{html_text(x_axis[0])}</text>'
        f'<text class="jb-axis-name" x="{right:g}" y="{HEIGHT - 14}" text-anchor="end">{html_text(x_axis[1])}</text>'
        f'<text class="jb-axis-name" transform="translate({LEFT - 12} {bottom:g}) rotate(-90)">'
        f"{html_text(y_axis[0])}</text>"
        f'<text class="jb-axis-name" transform="translate({LEFT - 12} {top:g}) rotate(-90)" text-anchor="end">'
        f"{html_text(y_axis[1])}</text>"
    )
    for p in discs:
        out.append(
            f'<g class="jb-disc" data-rank="{p.item.rank}"><title>{html_text(p.item.title)}</title>'
            f'<circle cx="{p.x:.1f}" cy="{p.y:.1f}" r="{RADIUS}"/>'
            f'<text x="{p.x:.1f}" y="{p.y + 4.5:.1f}" text-anchor="middle">{p.item.rank}</text></g>'
        )
    out.append("</svg>")
    return figure_box(title, "".join(out))
