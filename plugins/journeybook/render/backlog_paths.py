"""Where backlog items are shown: on the backlog page, or once it would grow too large, on area pages.

Kept apart from the backlog renderer so that the link builders (render.context)
and the handbook diff can ask where an item lives without importing the page
renderers, and no import goes back from the context to a renderer.
"""

from __future__ import annotations

from ..core.handbook import Handbook

BACKLOG_INDEX = "backlog/index.md"

ONE_PAGE_MAX_ITEMS = 100
"""Beyond this many items, details move to a page per development area (of at most this many items)."""


def backlog_split(book: Handbook) -> bool:
    return len(book.backlog) > ONE_PAGE_MAX_ITEMS


def area_page_path(problem_area: str, development_area: str, part: int = 1) -> str:
    """The page of one development area's items; `backlog/areas/` keeps them apart from the other pages."""
    suffix = f"-{part}" if part > 1 else ""
    return f"backlog/areas/{problem_area}--{development_area}{suffix}.md"


def item_pages(book: Handbook) -> dict[str, str]:
    """The page that holds each item's details (the backlog page while it is one page)."""
    if not backlog_split(book):
        return dict.fromkeys(book.backlog, BACKLOG_INDEX)
    out: dict[str, str] = {}
    for area in book.problem_areas:
        for dev in area.development_areas:
            for n, item in enumerate(dev.items):
                out.setdefault(item.id, area_page_path(area.id, dev.id, n // ONE_PAGE_MAX_ITEMS + 1))
    return out
