"""Filters above a long table (the backlog, failure demand): choose an owner, a journey, a status.

The page stays a plain table: each row carries a hidden marker whose
``data-*`` attributes hold the row's values (ids, space-separated when a row
has several), and ``assets/table-filter.js`` shows the controls and hides the
rows that do not match. Without JavaScript the controls stay hidden and the
whole table is shown; with it, they are native ``<select>`` elements, so the
keyboard and screen readers work as everywhere else, and a live line says how
many rows are shown.

Everything here is raw HTML: option texts go through ``html_text``, values
and labels through ``attr``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..core.analysis import DemandRow
from ..core.handbook import BacklogEntry
from ..core.kinds import split_ref
from .context import Context
from .escape import attr, html_text
from .label_keys import BACKLOG_STATUS

#: The value a row carries when it has none for a filter (a backlog item without owner).
NONE = "_none"


@dataclass(frozen=True)
class Filter:
    """One control: the ``data-*`` key it reads, its label, and its options as (value, text)."""

    key: str
    label: str
    options: tuple[tuple[str, str], ...]


def row_mark(table: str, values: Mapping[str, Iterable[str]]) -> str:
    """The hidden marker a table row carries in its last cell, for the script to read."""
    data = "".join(f' data-{key}="{attr(" ".join(v) or NONE)}"' for key, v in values.items())
    return f'<span class="jb-row" data-table="{attr(table)}"{data}></span>'


def options(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Distinct (value, text) pairs sorted by text, the order a reader scans a list in."""
    return tuple(sorted(dict(pairs).items(), key=lambda p: p[1].casefold()))


def controls(ctx: Context, table: str, filters: Iterable[Filter]) -> str:
    """The filter form for ``table``: hidden until the script shows it; one line of raw HTML."""
    L = ctx.L
    fields = []
    for f in filters:
        if len(f.options) < 2:
            continue  # nothing to choose between
        choices = "".join(f'<option value="{attr(v)}">{html_text(text)}</option>' for v, text in f.options)
        fields.append(
            f'<label><span>{html_text(f.label)}</span><select data-key="{attr(f.key)}">'
            f'<option value="">{html_text(L["filter_all"])}</option>{choices}</select></label>'
        )
    if not fields:
        return ""
    return (
        f'<form class="jb-filters" data-search-exclude="" data-table="{attr(table)}" '
        f'data-count="{attr(L["filter_count"])}" '
        f'aria-label="{attr(L["filter_rows"])}" hidden="">{"".join(fields)}'
        f'<button type="reset">{html_text(L["filter_reset"])}</button>'
        f'<output class="jb-filter-count" aria-live="polite"></output></form>'
    )


# --- the two filtered tables -------------------------------------------------------------

BACKLOG = "backlog"
FAILURE_DEMAND = "failure-demand"


def journeys_of(entry: BacklogEntry) -> list[str]:
    """The journeys a backlog item is about, by the references it addresses, in order."""
    return list(dict.fromkeys(split_ref(r)[0] for r in (*entry.item.addresses, *entry.item.root_causes)))


def backlog_mark(entry: BacklogEntry) -> str:
    item = entry.item
    return row_mark(
        BACKLOG,
        {
            "owner": [item.owner] if item.owner else [],
            "journey": journeys_of(entry),
            "status": [item.status],
            "area": [entry.problem_area.id],
        },
    )


def backlog_controls(ctx: Context, entries: Sequence[BacklogEntry]) -> str:
    L = ctx.L
    book = ctx.book
    owners = [(e.item.owner or NONE, book.teams[e.item.owner].name if e.item.owner else L["unowned"]) for e in entries]
    journeys = [(j, book.journeys[j].title) for e in entries for j in journeys_of(e) if j in book.journeys]
    return controls(
        ctx,
        BACKLOG,
        [
            Filter("owner", L["owner"], options(owners)),
            Filter("journey", L["journey"], options(journeys)),
            Filter("status", L["status"], options((e.item.status, L[BACKLOG_STATUS[e.item.status]]) for e in entries)),
            Filter("area", L["problem_area"], options((e.problem_area.id, e.problem_area.name) for e in entries)),
        ],
    )


def demand_mark(row: DemandRow) -> str:
    event = row.journey.life_event
    return row_mark(
        FAILURE_DEMAND,
        {
            "journey": [row.journey.id],
            "event": [event] if event else [],
            "channel": [row.demand.channel],
        },
    )


def demand_controls(ctx: Context, rows: Sequence[DemandRow]) -> str:
    L = ctx.L
    book = ctx.book
    events = [(e or NONE, book.life_events[e].name if e else L["none"]) for e in (r.journey.life_event for r in rows)]
    channels = [r.demand.channel for r in rows]
    return controls(
        ctx,
        FAILURE_DEMAND,
        [
            Filter("event", L["life_event"], options(events)),
            Filter("journey", L["journey"], options((r.journey.id, r.journey.title) for r in rows)),
            Filter("channel", L["channel"], options((c, book.channels[c].name) for c in channels)),
        ],
    )
