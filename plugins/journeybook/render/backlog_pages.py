"""The improvement backlog, its traceability, and the report of gaps in it.

A small backlog is one page: the ranked table, the value/effort chart and
every item's details. Beyond `ONE_PAGE_MAX_ITEMS` items the page keeps the
ranked table and the chart of the top `TABLE_LIMIT`, lists the problem and
development areas, and the items' details go on a page per development area
(in parts of at most `ONE_PAGE_MAX_ITEMS`), so that no page grows with the
whole backlog. `item_page` says where an item's details are; every link to an
item goes there.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..core.analysis import priority_score
from ..core.handbook import BacklogEntry
from ..core.kinds import Kind
from ..core.models import ProblemArea
from . import backlog_paths, priority_chart, table_filters
from .backlog_paths import area_page_path, backlog_split
from .context import Context, Page, Unit, data_page, page, render_units
from .escape import csv_cell
from .label_keys import BACKLOG_STATUS
from .text import block, bullets, inline, link, rel, table
from .trace_pages import trace_units

CSV_PATH = "backlog/backlog.csv"
JSON_PATH = "backlog/backlog.json"


def backlog_records(ctx: Context) -> list[dict[str, object]]:
    """The backlog as plain records, the same for the CSV and the JSON file."""
    records: list[dict[str, object]] = []
    for entry in ctx.figures.ranked_backlog:
        item = entry.item
        records.append(
            {
                "id": item.id,
                "solution_concept": item.title,
                "development_area": entry.development_area.name,
                "problem_area": entry.problem_area.name,
                "owner": ctx.book.teams[item.owner].name if item.owner else "",
                "status": item.status,
                "customer_value": item.priority.customer_value,
                "organisation_value": item.priority.organisation_value,
                "effort": item.priority.effort,
                "priority": round(priority_score(item), 2),
                "addresses": list(item.addresses),
                "root_causes": list(item.root_causes),
                "metrics": list(item.metrics),
            }
        )
    return records


def _csv(records: list[dict[str, object]]) -> str:
    out = io.StringIO()
    if not records:
        return ""
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: csv_cell(" ".join(v) if isinstance(v, list) else v) for k, v in record.items()})
    return out.getvalue()


#: The ranked table shows at most this many items: a page stays small in a large handbook,
#: and the downloads hold the whole backlog.
TABLE_LIMIT = 50


def _item_table(ctx: Context, here: str, ranked: Sequence[BacklogEntry]) -> str:
    """One ranked table, the deciding columns (priority, status, owner) first after the name.

    Owner and journeys are columns rather than repeated tables per owner and
    per journey: one row per item, whatever the size of the backlog.
    """
    L = ctx.L
    rank = ctx.figures.backlog_rank
    rows = []
    for e in ranked[:TABLE_LIMIT]:
        journeys = table_filters.journeys_of(e)
        rows.append(
            [
                L.number(rank[e.item.id]),
                ctx.backlog_link(here, e.item.id),
                L.number(priority_score(e.item), 1),
                L[BACKLOG_STATUS[e.item.status]],
                ctx.team_link(here, e.item.owner),
                ", ".join(ctx.journey_link(here, j) for j in journeys if j in ctx.book.journeys) or "–",
                inline(e.problem_area.name) + table_filters.backlog_mark(e),
            ]
        )
    controls = table_filters.backlog_controls(ctx, ranked[:TABLE_LIMIT])
    out = (controls + "\n\n" if controls else "") + table(
        ["#", L["solution_concept"], L["priority"], L["status"], L["owner"], L["journeys"], L["problem_area"]],
        rows,
    )
    if len(ranked) > TABLE_LIMIT:
        out += "\n\n" + L["top_items_shown"].format(shown=L.number(TABLE_LIMIT), total=L.number(len(ranked)))
    return out


class _AreaPart(NamedTuple):
    """One page of a development area's items: where it is, its title, and the ids it shows."""

    area: ProblemArea
    path: str
    title: str
    short: str
    description: str
    items: tuple[str, ...]


def _area_parts(ctx: Context) -> list[_AreaPart]:
    """The pages of a split backlog: a page (or several) per development area."""
    parts: list[_AreaPart] = []
    for area in ctx.book.problem_areas:
        for dev in area.development_areas:
            size = backlog_paths.ONE_PAGE_MAX_ITEMS
            chunks = [dev.items[n : n + size] for n in range(0, len(dev.items), size)]
            for part_no, chunk in enumerate(chunks, start=1):
                short = dev.name + (f" ({part_no})" if len(chunks) > 1 else "")
                parts.append(
                    _AreaPart(
                        area,
                        area_page_path(area.id, dev.id, part_no),
                        f"{area.name} → {short}",
                        short,
                        dev.description if part_no == 1 else "",
                        tuple(i.id for i in chunk),
                    )
                )
    return parts


def _area_list(ctx: Context, out: list[str], parts: list[_AreaPart]) -> None:
    """The backlog page's list of the area pages, under each problem area's heading."""
    L = ctx.L
    here = ctx.BACKLOG_INDEX
    for area in ctx.book.problem_areas:
        out.append(f"### {inline(area.name)}")
        if area.description:
            out.append(inline(area.description))
        mine = [p for p in parts if p.area is area]
        out.append(bullets([f"{link(p.short, rel(here, p.path))} ({L.number(len(p.items))})" for p in mine]))


def _area_page(ctx: Context, part: _AreaPart) -> Page:
    L = ctx.L
    book = ctx.book
    path = part.path
    body = [f"# {inline(part.title)}", link(L["backlog"], rel(path, ctx.BACKLOG_INDEX))]
    if part.description:
        body.append(inline(part.description))
    # An id repeated in another area (refused by validation) keeps the page of its first.
    body += [_item_detail(ctx, path, book.backlog[i]) for i in part.items if ctx.backlog_page(i) == path]
    origin = book.origin(Kind.BACKLOG_ITEM, part.items[0])
    return page(path, part.title, "\n\n".join(body), origin.path if origin else None, [L["backlog"]])


def _area_of(part: _AreaPart) -> Callable[[Context], list[Page]]:
    return lambda c: [_area_page(c, part)]


def backlog_units(ctx: Context) -> list[Unit]:
    """The backlog page and its downloads; the area pages of a large backlog each a unit; traceability and gaps."""
    split = backlog_split(ctx.book)
    parts = _area_parts(ctx) if split else []
    # What a part holds (its title, its item ids) is in the unit's key: the unit reads the rest by id.
    areas: list[Unit] = [(("backlog-area", *p[1:5], *p.items), _area_of(p)) for p in parts]
    return [(("backlog",), _backlog_page), *areas, *trace_units(ctx)]


def render_backlog(ctx: Context) -> list[Page]:
    """The backlog page, its CSV and JSON downloads, the area pages of a large backlog, traceability and gaps."""
    return render_units(ctx, backlog_units(ctx))


def _backlog_page(ctx: Context) -> list[Page]:
    L = ctx.L
    book = ctx.book
    here = ctx.BACKLOG_INDEX
    records = backlog_records(ctx)
    ranked = ctx.figures.ranked_backlog
    out = [
        f"# {L['backlog']}",
        L["priority_formula"],
        f"{L['download']}: {link('backlog.csv', rel(here, CSV_PATH))} · {link('backlog.json', rel(here, JSON_PATH))}",
        _item_table(ctx, here, ranked),
    ]
    rank = ctx.figures.backlog_rank
    split = backlog_split(book)
    items = [
        priority_chart.Item(
            rank[e.item.id],
            f"{rank[e.item.id]}. {e.item.title} ({L['priority']} {L.number(priority_score(e.item), 1)})",
            e.item.priority.effort,
            (2 * e.item.priority.customer_value + e.item.priority.organisation_value) / 3,
        )
        for e in ranked[:TABLE_LIMIT]
    ]
    chart = priority_chart.chart(
        L["value_vs_effort"],
        L["chart_quadrant_desc"],
        (f"{L['low']} {L['effort_axis']}", f"{L['high']} {L['effort_axis']}"),
        (f"{L['low']} {L['value_axis']}", f"{L['high']} {L['value_axis']}"),
        (L["big_bets"], L["quick_wins"], L["fill_ins"], L["reconsider"]),
        items,
    )
    out += [f"## {L['value_vs_effort']}", L["value_formula"] + " " + L["points_numbered"], chart]
    out.append(f"## {L['backlog_items']}")
    if split:
        _area_list(ctx, out, _area_parts(ctx))
    for area in [] if split else book.problem_areas:
        out.append(f"### {inline(area.name)}")
        if area.description:
            out.append(inline(area.description))
        for dev in area.development_areas:
            out.append(f"#### {inline(dev.name)}")
            for item in dev.items:
                out.append(_item_detail(ctx, here, book.backlog[item.id]))
    origin = book.origin(Kind.BACKLOG_ITEM, next(iter(book.backlog))) if book.backlog else None
    return [
        data_page(CSV_PATH, _csv(records)),
        data_page(JSON_PATH, json.dumps(records, ensure_ascii=False, indent=2) + "\n"),
        page(here, L["backlog"], "\n\n".join(out), origin.path if origin else None, [L["backlog"]]),
    ]


def _item_detail(ctx: Context, here: str, entry: BacklogEntry) -> str:
    L = ctx.L
    item = entry.item
    p = item.priority
    out = [f'<span id="item-{item.id}"></span>**{inline(item.title)}**']
    if item.description:
        out.append(block(item.description))
    facts = [
        f"**{L['problem_area']}:** {inline(entry.problem_area.name)} → **{L['development_area']}:** "
        f"{inline(entry.development_area.name)}",
        f"**{L['owner']}:** {ctx.team_link(here, item.owner)}",
        f"**{L['status']}:** {L[BACKLOG_STATUS[item.status]]}",
        f"**{L['priority']}:** {L.number(priority_score(item), 1)} ({L['customer_value']} {p.customer_value}, "
        f"{L['organisation_value']} {p.organisation_value}, {L['effort']} {p.effort})",
    ]
    if item.addresses:
        facts.append(f"**{L['addresses']}:** " + ", ".join(ctx.ref_link(here, r) for r in item.addresses))
    if item.root_causes:
        facts.append(f"**{L['root_causes']}:** " + ", ".join(ctx.ref_link(here, r) for r in item.root_causes))
    facts.append(
        f"**{L['measured_by']}:** " + (", ".join(ctx.metric_link(here, m) for m in item.metrics) or f"*{L['none']}*")
    )
    out.append(bullets(facts))
    return "\n\n".join(out)


__all__ = ["backlog_records", "backlog_units", "render_backlog"]
