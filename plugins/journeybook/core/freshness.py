"""Which journeys and need groups nobody has checked against reality for too long.

Journey maps go stale unless someone is asked to look at them. Each journey
and need group records the day it was last reviewed (`reviewed:`); the
organisation file sets how long a review holds (`review_interval_months`,
12 by default). "Today" is a parameter everywhere, so tests (and the
`JOURNEYBOOK_TODAY` environment variable) can fix it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass

from .handbook import Handbook
from .kinds import Kind
from .problems import Problem

TODAY_VARIABLE = "JOURNEYBOOK_TODAY"


class TodayError(ValueError):
    """JOURNEYBOOK_TODAY holds no date: said in one line, as the command and the build report it."""


def today() -> dt.date:
    """The date reviews are judged against: JOURNEYBOOK_TODAY (YYYY-MM-DD) when set, else the clock's."""
    fixed = os.environ.get(TODAY_VARIABLE, "").strip()
    if not fixed:
        return dt.date.today()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", fixed):
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            pass
    raise TodayError(
        f"the environment variable {TODAY_VARIABLE} is {fixed!r}, which is not a date: "
        f"write it YYYY-MM-DD (e.g. {TODAY_VARIABLE}=2026-11-01), or unset it to use today's date"
    )


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month, months later; the month's last day when it has no such day.

    A review that would fall due after the calendar's last year (reviewed: 9999-12-31) never falls due.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DueReview:
    """A page due for review: never reviewed (reviewed is None) or reviewed before the interval."""

    kind: Kind  # a journey or a need group
    ident: str
    name: str
    owner: str | None
    reviewed: dt.date | None
    due: dt.date | None


def due_for_review(book: Handbook, on: dt.date) -> list[DueReview]:
    """Overdue and never-reviewed journeys and need groups, the longest overdue first."""
    months = book.organisation.review_interval_months
    out: list[DueReview] = []
    items: list[tuple[Kind, str, str, str | None, dt.date | None]] = [
        (Kind.JOURNEY, j.id, j.title, j.owner, j.reviewed) for j in book.journeys.values()
    ]
    items += [(Kind.NEED_GROUP, g.id, g.name, None, g.reviewed) for g in book.need_groups.values()]
    for kind, ident, name, owner, reviewed in items:
        due = add_months(reviewed, months) if reviewed else None
        if due is None or due <= on:
            out.append(DueReview(kind, ident, name, owner, reviewed, due))
    out.sort(key=lambda d: (d.reviewed is not None, d.reviewed or dt.date.min, d.kind, d.ident))
    return out


def review_problems(book: Handbook, on: dt.date, severity: str = "warning") -> list[Problem]:
    """The pages due for review as located messages: warnings, or errors under --strict."""
    months = book.organisation.review_interval_months
    problems: list[Problem] = []
    for due in due_for_review(book, on):
        if due.reviewed is None:
            message = f"{due.kind} '{due.ident}' has never been reviewed"
            found = "no 'reviewed:' date"
        else:
            message = f"{due.kind} '{due.ident}' is due for review since {due.due}"
            found = f"reviewed: {due.reviewed}"
        problems.append(
            book.locator.problem(
                due.kind,
                due.ident,
                ("reviewed",) if due.reviewed else ("id",),
                message,
                expected=f"a 'reviewed:' date within the last {months} months",
                found=found,
                hint="check the page against reality with the owner team, then set 'reviewed:' to today's date",
                severity=severity,
            )
        )
    problems += _reviewed_later(book, on, severity)
    return problems


def _reviewed_later(book: Handbook, on: dt.date, severity: str) -> list[Problem]:
    """A 'reviewed:' date still to come is a slip of the keys (2062 for 2026): the page would never be due."""
    items: list[tuple[Kind, str, dt.date | None]] = [(Kind.JOURNEY, j.id, j.reviewed) for j in book.journeys.values()]
    items += [(Kind.NEED_GROUP, g.id, g.reviewed) for g in book.need_groups.values()]
    return [
        book.locator.problem(
            kind,
            ident,
            ("reviewed",),
            f"{kind} '{ident}' says it was reviewed on {reviewed}, a day still to come",
            expected=f"the day of the last review: {on} or earlier",
            found=f"reviewed: {reviewed}",
            hint="write the day the page was checked against reality (YYYY-MM-DD); "
            "a day still to come keeps the page from ever being due for review",
            severity=severity,
        )
        for kind, ident, reviewed in items
        if reviewed is not None and reviewed > on
    ]
