"""The canvas shared by the journey map and the service blueprint.

Both are grids of steps under their phases with lanes as rows, so both are
built here the same way: a keyboard-focusable scrolling region named for what
it holds, a column group giving every step column the same width (the CSS
sets it; the emotion lane's SVG relies on it), sticky header rows.
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.handbook import journey_steps
from ..core.models import JourneyFile, Step
from .context import Context
from .text import attr, inline, link


def header(ctx: Context, journey: JourneyFile, target: Callable[[Step], str]) -> str:
    """The two header rows: phases spanning their steps, then each step linking to its section."""
    L = ctx.L
    phases = "".join(
        f'<th scope="colgroup" colspan="{len(p.steps)}" markdown="span">{inline(p.name)}</th>' for p in journey.phases
    )
    steps = "".join(
        f'<th scope="col" markdown="span">{link(s.name, target(s))}</th>' for _, s in journey_steps(journey)
    )
    return (
        f'<thead markdown="1"><tr markdown="1"><th scope="col">{L["phase"]}</th>{phases}</tr>'
        f'<tr markdown="1"><th scope="col">{L["step"]}</th>{steps}</tr></thead>'
    )


def line_row(title: str, columns: int, css: str) -> str:
    """A drawn line across every step column (the blueprint's lines of interaction and visibility)."""
    return (
        f'<tr class="jb-line {css}"><th scope="row">{title}</th>'
        f'<td colspan="{columns}"><span class="jb-line-mark"></span></td></tr>'
    )


def canvas(label: str, columns: int, head: str, rows: list[str], css: str = "") -> str:
    """The scrolling, keyboard-focusable region that holds a map or blueprint grid."""
    return (
        f'<div class="jb-canvas{" " + css if css else ""}" style="--jb-steps: {columns}" markdown="1">\n'
        f'<div class="jb-map" markdown="1" role="region" aria-label="{attr(label)}" tabindex="0">\n'
        f'<table class="jb-grid" markdown="1">\n'
        f'<colgroup><col class="jb-col-head"><col class="jb-col-step" span="{columns}"></colgroup>\n'
        f'{head}\n<tbody markdown="1">{"".join(rows)}</tbody>\n</table>\n</div>\n</div>'
    )


def cards(journey: JourneyFile, target: Callable[[Step], str], lines: Callable[[Step], list[str]]) -> str:
    """The grid on a phone: one card per step, grouped by phase, shown only on narrow screens.

    ``lines`` gives a step's lanes as Markdown lines. The same text as the
    grid, so it is excluded from the search index (``data-search-exclude``)
    and carries no ids: a search hit or a link lands on the step's own
    section.
    """
    out = ['<div class="jb-cards" data-search-exclude markdown="1">']
    for phase in journey.phases:
        out.append(f'<p class="jb-card-phase" markdown="span">{inline(phase.name)}</p>')
        for step in phase.steps:
            body = [f'<p class="jb-card-step" markdown="span">{link(step.name, target(step))}</p>']
            body += [f'<p markdown="span">{line}</p>' for line in lines(step)]
            # a section, not a div: the search plugin's exclusion ends at the first closing tag of its own kind
            out.append('<section class="jb-card" markdown="1">\n' + "\n".join(body) + "\n</section>")
    out.append("</div>")
    return "\n".join(out)
