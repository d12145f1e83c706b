"""A page per life event with a card per journey, the landscape of what a customer goes through.

The nav lists it first under its life event, and alone once journeys are too
many to list (see `Context.journeys_split`); the journeys index links to it.
"""

from __future__ import annotations

from ..core.models import JourneyFile
from .context import Context, Page, page
from .index_pages import journey_cards, journey_rows
from .text import block, inline


def render_life_events(ctx: Context) -> list[Page]:
    book = ctx.book
    pages = []
    for event in book.life_events.values():
        journeys = [j for j in book.journeys.values() if j.life_event == event.id]
        if not journeys:
            continue
        here = ctx.life_event_path(event.id)
        out = [f"# {inline(event.name)}"]
        if event.description:
            out.append(block(event.description))
        out.append(_listing(ctx, here, journeys))
        pages.append(page(here, event.name, "\n\n".join(out)))
    loose = [j for j in book.journeys.values() if j.life_event is None]
    if loose:
        here = ctx.LOOSE_JOURNEYS
        title = ctx.L["other_journeys"]
        pages.append(page(here, title, f"# {title}\n\n" + _listing(ctx, here, loose)))
    return pages


def _listing(ctx: Context, here: str, journeys: list[JourneyFile]) -> str:
    """Cards while they fit on a page; a row per journey (a third of the markup) for a crowded life event."""
    if len(journeys) <= ctx.nav_max_entries:
        return journey_cards(ctx, here, journeys)
    return journey_rows(ctx, here, journeys)
