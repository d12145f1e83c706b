"""The "Due for review" page, and the notice on a journey or need group that is due.

A stale journey map is worse than none: readers trust it. So a page not
reviewed within the handbook's interval says so at its top, and one page
lists them all with the owner team to ask.
"""

from __future__ import annotations

from ..core.kinds import Kind
from .context import Context, Page, page
from .text import inline, rel, table


def review_notice(ctx: Context, kind: Kind, ident: str) -> str:
    """An admonition for the top of a page that is due for review, or ''."""
    due = ctx.due_reviews.get((kind, ident))
    if due is None:
        return ""
    L = ctx.L
    if due.reviewed is None or due.due is None:
        text = L["review_notice_never"]
    else:
        text = L["review_notice_overdue"].format(reviewed=L.date(due.reviewed), due=L.date(due.due))
    return f'!!! warning "{L["due_review"]}"\n\n    {text} [{L["due_review"]}]({_rel(ctx, kind, ident)})'


def _rel(ctx: Context, kind: Kind, ident: str) -> str:
    here = ctx.journey_path(ident) if kind is Kind.JOURNEY else ctx.need_group_path(ident)
    return rel(here, ctx.REVIEW)


def render_review(ctx: Context) -> Page:
    L = ctx.L
    here = ctx.REVIEW
    months = ctx.book.organisation.review_interval_months
    out = [f"# {L['due_review']}", L.plural("due_review_intro", months)]
    rows = []
    for due in ctx.due_reviews.values():
        entry = ctx.journey_link(here, due.ident) if due.kind is Kind.JOURNEY else ctx.group_link(here, due.ident)
        kind = L["journey"] if due.kind is Kind.JOURNEY else L["need_group"]
        reviewed = due.reviewed.isoformat() if due.reviewed else f"*{L['never_reviewed']}*"
        since = due.due.isoformat() if due.due else "–"
        rows.append([entry, kind, ctx.team_link(here, due.owner), reviewed, since])
    if rows:
        out.append(table([L["page"], L["kind"], L["owner"], L["reviewed"], L["due_since"]], rows))
    else:
        out.append(f'!!! success "{L["due_review"]}: 0"\n\n    {inline(L.plural("no_due_reviews", months))}')
    return page(here, L["due_review"], "\n\n".join(out))
