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
from collections.abc import Sequence

from ..core.analysis import priority_score
from ..core.handbook import BacklogEntry
from ..core.kinds import Kind
from . import backlog_paths, priority_chart, table_filters
from .backlog_paths import area_page_path, backlog_split
from .context import Context, Page, data_page, page
from .escape import csv_cell
from .label_keys import BACKLOG_STATUS
from .text import block, bullets, inline, link, rel, table
from .trace_pages import render_trace_pages

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


def _area_pages(ctx: Context, out: list[str]) -> list[Page]:
    """A page (or several) per development area; the backlog page lists them."""
    L = ctx.L
    book = ctx.book
    here = ctx.BACKLOG_INDEX
    pages: list[Page] = []
    for area in book.problem_areas:
        out.append(f"### {inline(area.name)}")
        if area.description:
            out.append(inline(area.description))
        links = []
        for dev in area.development_areas:
            size = backlog_paths.ONE_PAGE_MAX_ITEMS
            parts = [dev.items[n : n + size] for n in range(0, len(dev.items), size)]
            for part_no, part in enumerate(parts, start=1):
                path = area_page_path(area.id, dev.id, part_no)
                title = f"{area.name} → {dev.name}" + (f" ({part_no})" if len(parts) > 1 else "")
                body = [f"# {inline(title)}", link(L["backlog"], rel(path, here))]
                if part_no == 1 and dev.description:
                    body.append(inline(dev.description))
                # An id repeated in another area (refused by validation) keeps the page of its first.
                body += [_item_detail(ctx, path, book.backlog[i.id]) for i in part if ctx.backlog_page(i.id) == path]
                origin = book.origin(Kind.BACKLOG_ITEM, part[0].id)
                pages.append(page(path, title, "\n\n".join(body), origin.path if origin else None, [L["backlog"]]))
                links.append(f"{link(title.removeprefix(f'{area.name} → '), rel(here, path))} ({L.number(len(part))})")
        out.append(bullets(links))
    return pages


def render_backlog(ctx: Context) -> list[Page]:
    """The backlog page, its CSV and JSON downloads, the area pages of a large backlog, traceability and gaps."""
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
    area_pages = _area_pages(ctx, out) if split else []
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
        *area_pages,
        *render_trace_pages(ctx),
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


__all__ = ["backlog_records", "render_backlog"]
