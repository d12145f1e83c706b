"""The improvement backlog, its traceability, and the report of gaps in it."""

from __future__ import annotations

import csv
import io
import json

from ..core.analysis import priority_score, ranked_backlog
from ..core.handbook import BacklogEntry
from . import priority_chart, table_filters
from .context import Context
from .escape import csv_cell
from .text import block, bullets, inline, link, number, rel, table
from .trace_pages import render_trace_pages

CSV_PATH = "backlog/backlog.csv"
JSON_PATH = "backlog/backlog.json"


def _score(value: float) -> str:
    return f"{value:.1f}"


def backlog_records(ctx: Context) -> list[dict[str, object]]:
    """The backlog as plain records, the same for the CSV and the JSON file."""
    records: list[dict[str, object]] = []
    for entry in ranked_backlog(ctx.book.backlog.values()):
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


def _rank(ctx: Context) -> dict[str, int]:
    """Each item's place in the whole backlog; the quadrant chart labels its points with it."""
    return {e.item.id: n for n, e in enumerate(ranked_backlog(ctx.book.backlog.values()), start=1)}


#: The ranked table shows at most this many items: a page stays small in a large handbook,
#: and the downloads hold the whole backlog.
TABLE_LIMIT = 50


def _item_table(ctx: Context, here: str, entries: list[BacklogEntry]) -> str:
    """One ranked table, the deciding columns (priority, status, owner) first after the name.

    Owner and journeys are columns rather than repeated tables per owner and
    per journey: one row per item, whatever the size of the backlog.
    """
    L = ctx.L
    rank = _rank(ctx)
    ranked = ranked_backlog(entries)
    rows = []
    for e in ranked[:TABLE_LIMIT]:
        journeys = table_filters.journeys_of(e)
        rows.append(
            [
                str(rank[e.item.id]),
                ctx.backlog_link(here, e.item.id),
                _score(priority_score(e.item)),
                L["status_" + e.item.status],
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
        out += "\n\n" + L["top_items_shown"].format(shown=TABLE_LIMIT, total=len(ranked))
    return out


def render_backlog(ctx: Context) -> None:
    L = ctx.L
    book = ctx.book
    here = ctx.BACKLOG_INDEX
    records = backlog_records(ctx)
    ctx.add_data(CSV_PATH, _csv(records))
    ctx.add_data(JSON_PATH, json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    entries = list(book.backlog.values())
    out = [
        f"# {L['backlog']}",
        L["priority_formula"],
        f"{L['download']}: {link('backlog.csv', rel(here, CSV_PATH))} · {link('backlog.json', rel(here, JSON_PATH))}",
        _item_table(ctx, here, entries),
    ]
    rank = _rank(ctx)
    items = [
        priority_chart.Item(
            rank[e.item.id],
            f"{rank[e.item.id]}. {e.item.title} ({L['priority']} {_score(priority_score(e.item))})",
            e.item.priority.effort,
            (2 * e.item.priority.customer_value + e.item.priority.organisation_value) / 3,
        )
        for e in ranked_backlog(entries)[:TABLE_LIMIT]
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
    for area in book.problem_areas:
        out.append(f"### {inline(area.name)}")
        if area.description:
            out.append(inline(area.description))
        for dev in area.development_areas:
            out.append(f"#### {inline(dev.name)}")
            for item in dev.items:
                out.append(_item_detail(ctx, here, book.backlog[item.id]))
    origin = book.origin("backlog item", next(iter(book.backlog))) if book.backlog else None
    ctx.add(here, L["backlog"], "\n\n".join(out), origin.path if origin else None, [L["backlog"]])
    render_trace_pages(ctx)


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
        f"**{L['status']}:** {L['status_' + item.status]}",
        f"**{L['priority']}:** {_score(priority_score(item))} ({L['customer_value']} {p.customer_value}, "
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


__all__ = ["backlog_records", "number", "render_backlog"]
