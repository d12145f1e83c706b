"""A page per life event, listing its journeys: what the nav shows once journeys are too many to list.

Generated only for large handbooks (see `render_site`); the journeys index
still lists every journey, so a reader reaches each journey either way.
"""

from __future__ import annotations

from .context import Context
from .index_pages import _journey_rows
from .text import block, inline


def life_event_path(event_id: str) -> str:
    return f"life-events/{event_id}.md"


def loose_journeys_path() -> str:
    """Journeys without a life event; `_` keeps the name apart from every life event id (a slug)."""
    return "life-events/_other.md"


def render_life_events(ctx: Context) -> None:
    book = ctx.book
    for event in book.life_events.values():
        journeys = [j for j in book.journeys.values() if j.life_event == event.id]
        if not journeys:
            continue
        here = life_event_path(event.id)
        out = [f"# {inline(event.name)}"]
        if event.description:
            out.append(block(event.description))
        out.append(_journey_rows(ctx, here, journeys))
        ctx.add(here, event.name, "\n\n".join(out))
    loose = [j for j in book.journeys.values() if j.life_event is None]
    if loose:
        here = loose_journeys_path()
        title = ctx.L["other_journeys"]
        ctx.add(here, title, f"# {title}\n\n" + _journey_rows(ctx, here, loose))
