"""The box around each of journeybook's own charts (value/effort, metric, current vs future).

The chart keeps its natural size, so its text stays legible on a phone, and
the box scrolls sideways when the chart is wider than the page (with the
same right-edge shadow as the map). The box takes the keyboard focus so it
can be scrolled without a mouse, is named for screen readers, and is kept
out of the search index: a chart's ticks and dates are not what a reader
searches for, and its figures are on the page as text too.
"""

from __future__ import annotations

from .escape import attr


def figure_box(title: str, svg: str) -> str:
    """``svg`` (markup already escaped) in its scrolling, focusable, named box; raw HTML on one line."""
    return (
        f'<div class="jb-diagram jb-figure" data-search-exclude="" tabindex="0" role="group" '
        f'aria-label="{attr(title)}">{svg}</div>'
    )
