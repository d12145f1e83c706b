"""The service blueprint: the journey extended with staff and systems, per step.

One grid of aligned lanes (customer actions, frontstage, backstage, support)
under the journey's phases and steps, with the line of interaction, the line
of visibility and the line of internal interaction drawn across, as service
designers draw it. The same canvas as the journey map, so the columns line up
with what a reader has just seen there.
"""

from __future__ import annotations

from markupsafe import Markup

from ..core.handbook import journey_steps
from ..core.kinds import Kind
from ..core.models import JourneyFile, Step
from .context import Context, Page, page
from .journey_page import MAP_PAGE_HIDES
from .map_grid import cards, cells_row, grid, line_row
from .markup import BR, join, strong
from .text import inline


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
        rows.append(cells_row(title, [join(BR, cell) for cell in cells], f"jb-lane-{index}"))
        if index in drawn:
            rows.append(line_row(*drawn[index]))
    rows.append(cells_row(L["owner"], [ctx.team_a(here, s.owner) for s in steps]))
    journey_page = ctx.journey_path(journey.id)

    def target(step: Step) -> str:
        return ctx.href(here, journey_page, "step-" + step.id)

    grid_html = grid(ctx, L["blueprint"], journey, target, rows, "jb-blueprint")
    by_step = {s.id: i for i, s in enumerate(steps)}

    def lines(step: Step) -> list[Markup]:
        lane_lines = [
            strong(f"{title}:") + " " + join("; ", cells[by_step[step.id]])
            for title, cells in lanes
            if any(cells[by_step[step.id]])
        ]
        return [*lane_lines, strong(f"{L['owner']}:") + " " + ctx.team_a(here, step.owner)]

    phone = cards(ctx, journey, target, lines)
    body = "\n\n".join(
        [
            f"# {L['blueprint']}: {inline(journey.title)}",
            f"{L['journey']}: {ctx.journey_link(here, journey.id)}",
            grid_html,
            phone,
        ]
    )
    origin = ctx.book.origin(Kind.JOURNEY, journey.id)
    return page(
        here,
        f"{L['blueprint']}: {journey.title}",
        body,
        origin.path if origin else None,
        [*ctx.tags_of(journey.tags), L["blueprint"]],
        hide=MAP_PAGE_HIDES,
    )
