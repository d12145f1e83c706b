"""Review dates: what is due for review, where it shows, and how validate reports it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import edit
from journeybook.cli import main
from journeybook.core import load_handbook
from journeybook.core.freshness import add_months, due_for_review
from journeybook.core.kinds import Kind
from journeybook.render import render_site

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def reviewed(mini: Path) -> Path:
    """The mini handbook with move-now reviewed long ago, move-future recently, the need group never."""
    edit(mini / "now.yml", "id: move-now\n", "id: move-now\nreviewed: 2020-01-01\n")
    edit(mini / "future.yml", "id: move-future\n", "id: move-future\nreviewed: 2026-03-01\n")
    return mini


def test_due_is_a_review_interval_after_the_review() -> None:
    assert add_months(dt.date(2025, 6, 1), 12) == dt.date(2026, 6, 1)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)


def test_overdue_and_never_reviewed_are_due(reviewed: Path) -> None:
    due = due_for_review(load_handbook(reviewed), TODAY)
    assert [(d.kind, d.ident, d.reviewed, d.due, d.owner) for d in due] == [
        (Kind.NEED_GROUP, "hurried", None, None, None),
        ("journey", "move-now", dt.date(2020, 1, 1), dt.date(2021, 1, 1), "front"),
    ]


def test_interval_is_set_in_the_organisation_file(reviewed: Path) -> None:
    edit(reviewed / "organisation.yml", "currency: EUR\n", "currency: EUR\nreview_interval_months: 2\n")
    due = {d.ident for d in due_for_review(load_handbook(reviewed), TODAY)}
    assert due == {"hurried", "move-now", "move-future"}  # reviewed 2026-03-01, due 2026-05-01


def test_due_for_review_page_lists_owner_and_date(reviewed: Path) -> None:
    pages = {p.path: p.content for p in render_site(load_handbook(reviewed), "en", today=TODAY)}
    page = pages["backlog/due-for-review.md"]
    assert (
        "| [Moving – today](../journeys/move-now/index.md) | Journey | [Front desk](../teams/front.md) "
        "| 2020-01-01 | 2021-01-01 |" in page
    )
    assert "move-future" not in page
    notice = pages["journeys/move-now/index.md"]
    expected = "Last reviewed January 1, 2020: due for review since January 1, 2021."
    assert f'!!! warning "Due for review"\n\n    {expected}' in notice
    assert "!!! warning" not in pages["journeys/move-future/index.md"]
    assert "This page has never been reviewed" in pages["need-groups/hurried.md"]


def test_validate_warns_and_exits_0(
    reviewed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(reviewed.parent)
    monkeypatch.setenv("JOURNEYBOOK_TODAY", TODAY.isoformat())
    assert main(["validate", "journeys"]) == 0
    err = capsys.readouterr().err
    assert "journeys/now.yml:3:11: warning: journey 'move-now' is due for review since 2021-01-01" in err
    assert "warning: need group 'hurried' has never been reviewed" in err
    assert main(["validate", "journeys", "--format", "github"]) == 0
    assert "::warning file=journeys/now.yml,line=3," in capsys.readouterr().out


def test_validate_strict_fails(
    reviewed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(reviewed.parent)
    monkeypatch.setenv("JOURNEYBOOK_TODAY", TODAY.isoformat())
    assert main(["validate", "journeys", "--strict"]) == 1
    assert "error: journey 'move-now' is due for review since 2021-01-01" in capsys.readouterr().err


def test_a_review_day_still_to_come_is_said_where_it_is_written(
    reviewed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'reviewed: 2062-03-01' for 2026: the page would never be due; validate warns (and fails under --strict)."""
    edit(reviewed / "future.yml", "reviewed: 2026-03-01\n", "reviewed: 2062-03-01\n")
    monkeypatch.chdir(reviewed.parent)
    monkeypatch.setenv("JOURNEYBOOK_TODAY", TODAY.isoformat())
    assert main(["validate", "journeys"]) == 0
    err = capsys.readouterr().err
    assert (
        "journeys/future.yml:3:11: warning: journey 'move-future' says it was reviewed on 2062-03-01, "
        "a day still to come" in err
    )
    assert "expected: the day of the last review: 2026-06-01 or earlier" in err
    assert main(["validate", "journeys", "--strict"]) == 1
    assert "error: journey 'move-future' says it was reviewed on 2062-03-01" in capsys.readouterr().err
    edit(reviewed / "future.yml", "reviewed: 2062-03-01\n", f"reviewed: {TODAY.isoformat()}\n")
    assert main(["validate", "journeys", "--strict"]) == 1  # move-now is still overdue; today itself is fine
    assert "move-future" not in capsys.readouterr().err
