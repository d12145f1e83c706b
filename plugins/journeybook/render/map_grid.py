"""The canvas shared by the journey map and the service blueprint.

Both are grids of steps under their phases with lanes as rows, so both are
drawn by one template (``templates/grid.html``): a keyboard-focusable
scrolling region named for what it holds, a column group giving every step
column the same width (the CSS sets it; the emotion lane's SVG relies on it),
sticky header rows. On a phone the same content is a card per step
(``templates/step_cards.html``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from markupsafe import Markup

from ..core.handbook import journey_steps
from ..core.models import JourneyFile, Step
from .context import Context


@dataclass(frozen=True)
class Row:
    """One row of the grid: a lane with a cell per step, a line drawn across, or a lane drawn across."""

    kind: Literal["cells", "line", "lane"]
    title: str = ""
    css: str = ""
    #: kind "cells": a cell per step; plain text is escaped, Markup is kept.
    cells: Sequence[str | Markup] = ()
    #: kind "lane": the row's title cell and the one cell spanning every step column.
    head: Markup = field(default_factory=Markup)
    cell: Markup = field(default_factory=Markup)


def cells_row(title: str, cells: Sequence[str | Markup], css: str = "") -> Row:
    return Row("cells", title, css, cells)


def line_row(title: str, css: str) -> Row:
    """A drawn line across every step column (the blueprint's lines of interaction and visibility)."""
    return Row("line", title, css)


def lane_row(css: str, head: Markup, cell: Markup) -> Row:
    """A lane drawn across every step column, such as the emotion curve."""
    return Row("lane", css=css, head=head, cell=cell)


def grid(
    ctx: Context, label: str, journey: JourneyFile, target: Callable[[Step], str], rows: list[Row], css: str = ""
) -> str:
    """The grid: the phases spanning their steps, each step linking to ``target(step)``, then the rows."""
    steps = [s for _, s in journey_steps(journey)]
    return ctx.render(
        "grid.html",
        label=label,
        columns=len(steps),
        css=css,
        head_phase=ctx.L["phase"],
        head_step=ctx.L["step"],
        phases=[{"name": p.name, "span": len(p.steps)} for p in journey.phases],
        steps=[{"name": s.name, "href": target(s)} for s in steps],
        rows=rows,
    )


def cards(
    ctx: Context, journey: JourneyFile, target: Callable[[Step], str], lines: Callable[[Step], list[Markup]]
) -> str:
    """The grid on a phone: one card per step, grouped by phase, shown only on narrow screens.

    ``lines`` gives a step's lanes as lines of HTML. The same text as the
    grid, so it is excluded from the search index (``data-search-exclude``)
    and carries no ids: a search hit or a link lands on the step's own
    section.
    """
    phases = [
        {
            "name": phase.name,
            "steps": [{"name": s.name, "href": target(s), "lines": lines(s)} for s in phase.steps],
        }
        for phase in journey.phases
    ]
    return ctx.render("step_cards.html", phases=phases)
