"""The service blueprint: the journey extended with staff and systems, per step.

Shown twice, as a grid for reading and printing, and as a Mermaid flowchart
of stacked lanes with the line of visibility between frontstage and
backstage.
"""

from __future__ import annotations

from ..core.handbook import journey_steps
from ..core.models import JourneyFile
from . import mermaid
from .context import Context
from .text import inline, link, rel


def render_blueprint(ctx: Context, journey: JourneyFile) -> None:
    L = ctx.L
    here = ctx.blueprint_path(journey.id)
    steps = [s for _, s in journey_steps(journey)]
    lanes = [
        (L["customer_actions"], [[s.does] for s in steps]),
        (L["frontstage"], [list(s.blueprint.frontstage) for s in steps]),
        (L["backstage"], [list(s.blueprint.backstage) for s in steps]),
        (L["support"], [list(s.blueprint.support) for s in steps]),
    ]
    phase_row = "".join(
        f'<th scope="colgroup" colspan="{len(p.steps)}" markdown="span">{inline(p.name)}</th>' for p in journey.phases
    )
    step_row = "".join(
        f'<th scope="col" markdown="span">{link(s.name, rel(here, ctx.journey_path(journey.id), "step-" + s.id))}</th>'
        for s in steps
    )
    rows = []
    for index, (title, cells) in enumerate(lanes):
        tds = "".join(f'<td markdown="span">{"<br>".join(inline(c) for c in cell) or "&nbsp;"}</td>' for cell in cells)
        rows.append(f'<tr markdown="1" class="jb-lane-{index}"><th scope="row">{title}</th>{tds}</tr>')
        if index == 1:
            rows.append(
                f'<tr class="jb-visibility"><th scope="row">{L["line_of_visibility"]}</th>'
                f'<td colspan="{len(steps)}"><span class="jb-visibility-line"></span></td></tr>'
            )
    owners = "".join(f'<td markdown="span">{ctx.team_link(here, s.owner)}</td>' for s in steps)
    rows.append(f'<tr markdown="1"><th scope="row">{L["owner"]}</th>{owners}</tr>')
    grid = (
        f'<div class="jb-map jb-blueprint" markdown="1" role="region" aria-label="{L["blueprint"]}" tabindex="0">\n'
        f'<table class="jb-grid" markdown="1">\n'
        f'<thead markdown="1"><tr markdown="1"><th scope="col">{L["phase"]}</th>{phase_row}</tr>'
        f'<tr markdown="1"><th scope="col">{L["step"]}</th>{step_row}</tr></thead>\n'
        f'<tbody markdown="1">{"".join(rows)}</tbody>\n</table>\n</div>'
    )
    diagram = mermaid.blueprint(
        f"{L['blueprint']}: {journey.title}",
        L["chart_blueprint_desc"],
        [s.name for s in steps],
        [mermaid.Lane(title, cells) for title, cells in lanes],
        1,
        L["line_of_visibility"],
    )
    body = "\n\n".join(
        [
            f"# {L['blueprint']}: {inline(journey.title)}",
            f"{L['journey']}: {ctx.journey_link(here, journey.id)}",
            grid,
            f"## {L['blueprint']}",
            mermaid.fence(diagram),
        ]
    )
    origin = ctx.book.origin("journey", journey.id)
    ctx.add(
        here,
        f"{L['blueprint']}: {journey.title}",
        body,
        origin.path if origin else None,
        [*journey.tags, L["blueprint"]],
    )
