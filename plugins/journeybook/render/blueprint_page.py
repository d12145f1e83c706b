"""The service blueprint: the journey extended with staff and systems, per step.

One grid of aligned lanes (customer actions, frontstage, backstage, support)
under the journey's phases and steps, with the line of interaction, the line
of visibility and the line of internal interaction drawn across, as service
designers draw it. The same canvas as the journey map, so the columns line up
with what a reader has just seen there.
"""

from __future__ import annotations

from ..core.handbook import journey_steps
from ..core.models import JourneyFile, Step
from .context import Context, Page, page
from .journey_page import MAP_PAGE_HIDES
from .map_grid import canvas, cards, header, line_row
from .text import inline, rel


def render_blueprint(ctx: Context, journey: JourneyFile) -> Page:
    L = ctx.L
    here = ctx.blueprint_path(journey.id)
    steps = [s for _, s in journey_steps(journey)]
    lanes = [
        (L["customer_actions"], [[s.does] for s in steps]),
        (L["frontstage"], [list(s.blueprint.frontstage) for s in steps]),
        (L["backstage"], [list(s.blueprint.backstage) for s in steps]),
        (L["support"], [list(s.blueprint.support) for s in steps]),
    ]
    # The line drawn below each lane, between it and the next.
    drawn = {
        0: (L["line_of_interaction"], "jb-interaction"),
        1: (L["line_of_visibility"], "jb-visibility"),
        2: (L["line_of_internal_interaction"], "jb-internal"),
    }
    rows = []
    for index, (title, cells) in enumerate(lanes):
        tds = "".join(f'<td markdown="span">{"<br>".join(inline(c) for c in cell) or "&nbsp;"}</td>' for cell in cells)
        rows.append(f'<tr markdown="1" class="jb-lane-{index}"><th scope="row">{title}</th>{tds}</tr>')
        if index in drawn:
            rows.append(line_row(drawn[index][0], len(steps), drawn[index][1]))
    owners = "".join(f'<td markdown="span">{ctx.team_link(here, s.owner)}</td>' for s in steps)
    rows.append(f'<tr markdown="1"><th scope="row">{L["owner"]}</th>{owners}</tr>')
    journey_page = ctx.journey_path(journey.id)
    grid = canvas(
        L["blueprint"],
        len(steps),
        header(ctx, journey, lambda s: rel(here, journey_page, "step-" + s.id)),
        rows,
        "jb-blueprint",
    )
    by_step = {s.id: i for i, s in enumerate(steps)}

    def lines(step: Step) -> list[str]:
        lane_lines = [
            f"**{title}:** " + "; ".join(inline(c) for c in cells[by_step[step.id]]) for title, cells in lanes
        ]
        return [line for line in lane_lines if not line.endswith(":** ")] + [
            f"**{L['owner']}:** {ctx.team_link(here, step.owner)}"
        ]

    phone = cards(journey, lambda s: rel(here, journey_page, "step-" + s.id), lines)
    body = "\n\n".join(
        [
            f"# {L['blueprint']}: {inline(journey.title)}",
            f"{L['journey']}: {ctx.journey_link(here, journey.id)}",
            grid,
            phone,
        ]
    )
    origin = ctx.book.origin("journey", journey.id)
    return page(
        here,
        f"{L['blueprint']}: {journey.title}",
        body,
        origin.path if origin else None,
        [*journey.tags, L["blueprint"]],
        hide=MAP_PAGE_HIDES,
    )
