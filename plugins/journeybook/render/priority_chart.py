"""The backlog's value-against-effort chart, drawn as SVG so that no label sits on a point.

Mermaid's quadrantChart puts each quadrant's name at a fixed place, where a
point may lie (the example's item 4 covered "Fill-ins"), and draws a point's
name beside it, where another point may lie. Here every point is a numbered
disc (the number is the item's rank in the table above), discs that would
overlap are moved apart within their quadrant, and each quadrant's name goes to the first of its
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
    """Each disc at its values, or, when that spot is taken, at the nearest free spot around it.

    The free spots are those of a hexagonal lattice centred on the disc's own
    spot, nearest first, and only on the same side of each divider as that
    spot (either side when it lies on the divider): a heap of items with equal
    values packs tightly and never spills into a quadrant that would class
    them otherwise. When the quadrant is full, the disc stays on its spot.
    """
    left, top, right, bottom = _plot()
    mid_x, mid_y = (left + right) / 2, (top + bottom) / 2
    gap = 2 * RADIUS + 2
    taken: dict[tuple[int, int], list[tuple[float, float]]] = {}

    def free(x: float, y: float) -> bool:
        cx, cy = int(x // gap), int(y // gap)
        near = (p for i in (-1, 0, 1) for j in (-1, 0, 1) for p in taken.get((cx + i, cy + j), ()))
        return all(math.hypot(x - px, y - py) >= gap - 0.01 for px, py in near)  # lattice neighbours: gap apart

    def side(v: float, mid: float, low: float, high: float) -> tuple[float, float]:
        lo, hi = low + RADIUS, high - RADIUS
        if v < mid:
            return lo, mid - RADIUS - 1
        if v > mid:
            return mid + RADIUS + 1, hi
        return lo, hi

    placed: list[Placed] = []
    reach = int(max(right - left, bottom - top) / gap) + 1
    rows = int(max(right - left, bottom - top) / (gap * 0.866)) + 1
    around: dict[tuple[float, float], list[tuple[float, float]]] = {}  # few distinct values: one lattice each

    def spots(x0: float, y0: float) -> list[tuple[float, float]]:
        x_lo, x_hi = side(x0, mid_x, left, right)
        y_lo, y_hi = side(y0, mid_y, top, bottom)
        lattice = (
            (x0 + (i + (j % 2) / 2) * gap, y0 + j * gap * 0.866)
            for j in range(-rows, rows + 1)
            for i in range(-reach, reach + 1)
        )
        inside = [(x, y) for x, y in lattice if x_lo <= x <= x_hi and y_lo <= y <= y_hi]
        return sorted(inside, key=lambda s: math.hypot(s[0] - x0, s[1] - y0))

    for item in items:
        home = _position(item.effort, item.value)
        if home not in around:
            around[home] = spots(*home)
        x, y = next((s for s in around[home] if free(*s)), home)
        taken.setdefault((int(x // gap), int(y // gap)), []).append((x, y))
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
