"""The traceability page and the gaps report, on one page each for a small handbook, split for a large one.

One page holds the chain diagram of every journey while there are at most
`ONE_PAGE_MAX_DIAGRAMS` of them and at most `ONE_PAGE_MAX_GAPS` gaps: a
diagram costs the reader's browser about 0.1 s to draw, and each gap is a
line. Beyond that both pages become summaries, one table row per journey
(the journeys with most gaps first), and each journey gets a page of its own
with its diagram and its gaps, so no page grows with the whole handbook.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..core.gaps import Gaps, PainAt
from ..core.handbook import journey_pain_points
from ..core.kinds import Kind
from ..core.models import JourneyFile
from .context import Context, Page, Unit, page, render_units
from .text import bullets, inline, rel, table
from .trace_blocks import journey_trace

ONE_PAGE_MAX_DIAGRAMS = 10
ONE_PAGE_MAX_GAPS = 200


def journey_trace_path(journey_id: str) -> str:
    return f"journeys/{journey_id}/traceability.md"


def _traced(ctx: Context) -> list[JourneyFile]:
    """The journeys whose chain is drawn: current ones with pain points."""
    return [j for j in ctx.book.journeys.values() if j.state != "future" and any(journey_pain_points(j))]


def render_trace_pages(ctx: Context) -> list[Page]:
    return render_units(ctx, trace_units(ctx))


def trace_units(ctx: Context) -> list[Unit]:
    """Gaps and traceability on two pages; in a large handbook two summaries and a page per journey."""
    traced = _traced(ctx)
    if len(traced) <= ONE_PAGE_MAX_DIAGRAMS and ctx.figures.gaps.count <= ONE_PAGE_MAX_GAPS:
        return [(("trace",), lambda c: [_gaps_page(c, c.figures.gaps), _traceability_page(c, _traced(c))])]
    return [
        (("trace-summaries",), _summaries),
        *((("trace", j.id), _trace_of(j.id)) for j in traced),
    ]


def _trace_of(journey_id: str) -> Callable[[Context], list[Page]]:
    return lambda c: [_journey_page(c, c.book.journeys[journey_id])]


def _summaries(ctx: Context) -> list[Page]:
    found = ctx.figures.gaps
    rows = _summary_rows(ctx, _traced(ctx), found)
    return [_gaps_summary(ctx, found, rows), _traceability_summary(ctx, rows)]


def _pain_list(ctx: Context, here: str, rows: Sequence[PainAt]) -> str:
    return bullets([ctx.ref_link(here, f"{j.id}/{p.id}") + f" – {ctx.step_link(here, j.id, s.id)}" for j, s, p in rows])


def _gap_sections(ctx: Context, here: str, found: Gaps, out: list[str]) -> None:
    L = ctx.L
    for title, rows in (
        (L["pains_without_cause"], found.pains_without_cause),
        (L["pains_without_backlog"], found.pains_without_backlog),
    ):
        if rows:
            out.append(f"## {title} ({L.number(len(rows))})\n\n" + _pain_list(ctx, here, rows))


def _item_gaps(ctx: Context, here: str, found: Gaps, out: list[str]) -> None:
    L = ctx.L
    for title, items in (
        (L["items_without_metric"], found.items_without_metric),
        (L["items_without_owner"], found.items_without_owner),
    ):
        if items:
            links = [ctx.backlog_link(here, e.item.id) for e in items]
            out.append(f"## {title} ({L.number(len(items))})\n\n" + bullets(links))
    accepted = [
        f"{ctx.ref_link(here, f'{j.id}/{p.id}')}: {inline(p.gap_accepted or '')}" for j, p in found.accepted_pains
    ] + [f"{ctx.backlog_link(here, e.item.id)}: {inline(e.item.gap_accepted or '')}" for e in found.accepted_items]
    if accepted:
        out.append(f"## {L['gaps_accepted']} ({L.number(len(accepted))})\n\n" + bullets(accepted))


def _gaps_page(ctx: Context, found: Gaps) -> Page:
    L = ctx.L
    here = ctx.GAPS
    out = [f"# {L['gaps']}", L["gaps_intro"]]
    if not found.count:
        out.append(f'!!! success "{L["gaps"]}: 0"\n\n    {L["no_gaps"]}')
    _gap_sections(ctx, here, found, out)
    _item_gaps(ctx, here, found, out)
    return page(here, L["gaps"], "\n\n".join(out))


def _traceability_page(ctx: Context, traced: list[JourneyFile]) -> Page:
    L = ctx.L
    here = ctx.TRACE
    out = [f"# {L['trace']}", L["trace_intro"]]
    for journey in traced:
        out.append(f"## {ctx.journey_link(here, journey.id)}\n\n{journey_trace(ctx, journey, here, heading=False)}")
    return page(here, L["trace"], "\n\n".join(out))


def _summary_rows(ctx: Context, traced: list[JourneyFile], found: Gaps) -> list[tuple[JourneyFile, int, int, int]]:
    """(journey, pain points, without root cause, without backlog item), most gaps first."""
    no_cause: dict[str, int] = {}
    no_item: dict[str, int] = {}
    for j, _, _ in found.pains_without_cause:
        no_cause[j.id] = no_cause.get(j.id, 0) + 1
    for j, _, _ in found.pains_without_backlog:
        no_item[j.id] = no_item.get(j.id, 0) + 1
    rows = [(j, len(list(journey_pain_points(j))), no_cause.get(j.id, 0), no_item.get(j.id, 0)) for j in traced]
    return sorted(rows, key=lambda r: -(r[2] + r[3]))


def _summary_table(ctx: Context, here: str, rows: list[tuple[JourneyFile, int, int, int]]) -> str:
    L = ctx.L
    return table(
        [L["journey"], L["pain_points"], L["pains_without_cause"], L["pains_without_backlog"], ""],
        [
            [
                ctx.journey_link(here, j.id),
                ctx.L.number(pains),
                ctx.L.number(no_cause),
                ctx.L.number(no_item),
                _trace_link(ctx, here, j),
            ]
            for j, pains, no_cause, no_item in rows
        ],
    )


def _trace_link(ctx: Context, here: str, journey: JourneyFile) -> str:
    """The link to a journey's chain page; its accessible name also says which journey, since a screen
    reader listing the page's links would otherwise hear the same words once per row."""
    hidden = f'<span class="jb-visually-hidden">: {inline(journey.title)}</span>'
    return f"[{inline(ctx.L['trace'])}{hidden}]({rel(here, journey_trace_path(journey.id))})"


def _gaps_summary(ctx: Context, found: Gaps, rows: list[tuple[JourneyFile, int, int, int]]) -> Page:
    L = ctx.L
    here = ctx.GAPS
    out = [f"# {L['gaps']}", L["gaps_intro"]]
    with_gaps = [r for r in rows if r[2] or r[3]]
    if with_gaps:
        out.append(_summary_table(ctx, here, with_gaps))
    _item_gaps(ctx, here, found, out)
    return page(here, L["gaps"], "\n\n".join(out))


def _traceability_summary(ctx: Context, rows: list[tuple[JourneyFile, int, int, int]]) -> Page:
    L = ctx.L
    here = ctx.TRACE
    out = [f"# {L['trace']}", L["trace_intro"], _summary_table(ctx, here, rows)]
    return page(here, L["trace"], "\n\n".join(out))


def _journey_page(ctx: Context, journey: JourneyFile) -> Page:
    L = ctx.L
    here = journey_trace_path(journey.id)
    mine = ctx.figures.journey_gaps[journey.id]
    out = [
        f"# {L['trace']}: {ctx.journey_link(here, journey.id)}",
        L["trace_intro"],
        journey_trace(ctx, journey, here, heading=False),
    ]
    _gap_sections(ctx, here, mine, out)
    origin = ctx.book.origin(Kind.JOURNEY, journey.id)
    return page(here, f"{L['trace']}: {journey.title}", "\n\n".join(out), origin.path if origin else None)
