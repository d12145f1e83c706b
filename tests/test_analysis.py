"""Computed figures checked against hand calculation (the arithmetic is in the comments)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLE, MINI
from journeybook.core import load_handbook
from journeybook.core.analysis import (
    channel_switches,
    compare,
    evidence_share,
    failure_demand,
    handoffs,
    lead_time_hours,
    priority_score,
    ranked_backlog,
    team_views,
    waiting_hours,
)


@pytest.fixture(scope="module")
def example_book():  # type: ignore[no-untyped-def]
    return load_handbook(EXAMPLE)


@pytest.fixture(scope="module")
def mini_book():  # type: ignore[no-untyped-def]
    return load_handbook(MINI)


def test_breast_cancer_current_waiting_and_lead_time(example_book) -> None:  # type: ignore[no-untyped-def]
    current = example_book.journeys["breast-cancer-current"]
    # waits: 3 d + 1 d + 1 w + 2 w + 10 d + 3 d + 1 w + 3 w + 6 w
    #      = 3 + 1 + 7 + 14 + 10 + 3 + 7 + 21 + 42 = 108 days = 2592 h
    assert waiting_hours(current) == 2592
    # durations: 1 h + 2 h + 30 min + 1 d + 1 h = 28.5 h
    assert lead_time_hours(current) == 2592 + 28.5


def test_breast_cancer_future_waiting_and_lead_time(example_book) -> None:  # type: ignore[no-untyped-def]
    future = example_book.journeys["breast-cancer-future"]
    # waits: 3 d + 2 d + 1 h + 2 h + 1 w + 6 w = 72 + 48 + 1 + 2 + 168 + 1008 = 1299 h
    assert waiting_hours(future) == 1299
    # durations: 1 h + 15 min + 1 h + 1 h + 30 min + 45 min + 1 d + 1 h = 29.5 h
    assert lead_time_hours(future) == 1299 + 29.5


def test_breast_cancer_handoffs(example_book) -> None:  # type: ignore[no-untyped-def]
    # owners today: primary-care, primary-care, referral-office, breast-imaging, breast-surgery,
    # breast-surgery, referral-office, breast-surgery, breast-surgery -> 5 changes
    current = handoffs(example_book.journeys["breast-cancer-current"])
    assert [(h.from_team, h.to_team) for h in current] == [
        ("primary-care", "referral-office"),
        ("referral-office", "breast-imaging"),
        ("breast-imaging", "breast-surgery"),
        ("breast-surgery", "referral-office"),
        ("referral-office", "breast-surgery"),
    ]
    # future: primary-care, breast-centre x4, patient-counselling, breast-centre x2 -> 3 changes
    assert len(handoffs(example_book.journeys["breast-cancer-future"])) == 3


def test_breast_cancer_comparison(example_book) -> None:  # type: ignore[no-untyped-def]
    c = compare(example_book.journeys["breast-cancer-current"], example_book.journeys["breast-cancer-future"])
    assert (c.waiting_before, c.waiting_after) == (2592, 1299)
    assert (c.lead_before, c.lead_after) == (2620.5, 1328.5)
    assert (c.handoffs_before, c.handoffs_after) == (5, 3)
    assert (c.steps_before, c.steps_after) == (9, 8)
    assert [s.id for s in c.removed] == [
        "referral-sent",
        "appointment-letter",
        "treatment-referral",
        "treatment-letter",
    ]
    assert [s.id for s in c.added] == ["reception", "specialist-exam", "counsellor"]
    assert [(ch.step_id, ch.changes) for ch in c.changed] == [
        ("mammography", ("name", "does", "owner", "waiting", "duration")),
        ("diagnosis-answer", ("name", "does", "owner", "channels", "waiting")),
        ("treatment", ("does", "owner", "waiting")),
        ("evaluation", ("does", "owner")),
    ]
    assert [s.id for s in c.unchanged] == ["gp-visit"]
    # all five pain points of today are gone; 180 + 60 + 4 failure contacts a month removed
    assert len(c.pains_removed) == 5
    assert (c.demand_before, c.demand_after) == (244, 0)
    # channels today: desk | phone | letter | desk | desk+phone | phone | letter | desk | desk
    # no channel in common: desk->phone, phone->letter, letter->desk, (desk+phone)->phone shares,
    # phone->letter, letter->desk = 5 switches; future is desk throughout (counsellor desk+phone) = 0
    assert (c.switches_before, c.switches_after) == (5, 0)


def test_failure_demand_cost_is_volume_times_channel_cost(example_book) -> None:  # type: ignore[no-untyped-def]
    rows = failure_demand(example_book, [example_book.journeys["breast-cancer-current"]])
    # 4 emergency visits x 3000 = 12000; 180 calls x 70 = 12600; 60 calls x 70 = 4200
    assert [(r.demand.id, r.monthly_cost) for r in rows] == [
        ("calls-referral-status", 12600),
        ("worried-emergency-visits", 12000),
        ("calls-letter-missing", 4200),
    ]
    assert sum(r.monthly_cost or 0 for r in rows) == 28800


def test_failure_demand_converts_weeks_to_months(mini_book) -> None:  # type: ignore[no-untyped-def]
    (row,) = failure_demand(mini_book)
    # 10 calls a week = 10 x 52 / 12 = 43.33 a month, at 10 EUR each
    assert row.monthly_volume == pytest.approx(43.3333, rel=1e-4)
    assert row.monthly_cost == pytest.approx(433.333, rel=1e-4)


def test_channel_without_cost_gives_no_cost(mini: Path) -> None:
    text = (mini / "now.yml").read_text(encoding="utf-8").replace("channel: phone", "channel: post")
    (mini / "now.yml").write_text(text, encoding="utf-8")
    (row,) = failure_demand(load_handbook(mini))
    assert row.unit_cost is None and row.monthly_cost is None


def test_mini_comparison(mini_book) -> None:  # type: ignore[no-untyped-def]
    c = compare(mini_book.journeys["move-now"], mini_book.journeys["move-future"])
    # today: waits 2 d + 1 w + 3 d = 12 d = 288 h; durations 0.5 h + 1 h
    assert (c.waiting_before, c.lead_before) == (288, 289.5)
    assert (c.waiting_after, c.lead_after) == (48, 49.5)
    # front -> back -> front = 2 handoffs; web -> post -> phone = 2 channel switches
    assert (c.handoffs_before, c.handoffs_after, c.switches_before, c.switches_after) == (2, 0, 2, 0)
    assert [s.id for s in c.removed] == ["letter"]
    assert [(ch.step_id, ch.changes) for ch in c.changed] == [("fill", ("does",)), ("confirm", ("channels", "waiting"))]
    assert [p.id for p in c.pains_removed] == ["no-receipt"]
    assert c.demand_before == pytest.approx(10 * 52 / 12)


def test_durations_compare_by_length_not_by_wording(mini: Path) -> None:
    text = (mini / "future.yml").read_text(encoding="utf-8").replace("waiting: 2 days", "waiting: 48 hours")
    (mini / "future.yml").write_text(text, encoding="utf-8")
    book = load_handbook(mini)
    c = compare(book.journeys["move-now"], book.journeys["move-future"])
    assert ("fill", ("does",)) in [(ch.step_id, ch.changes) for ch in c.changed]


def test_priority_formula(mini_book, example_book) -> None:  # type: ignore[no-untyped-def]
    # (2 x 4 + 2) / 2 = 5; (2 x 1 + 1) / 5 = 0.6
    assert priority_score(mini_book.backlog["send-receipt"].item) == 5
    assert priority_score(mini_book.backlog["unowned"].item) == pytest.approx(0.6)
    # receipt: (10 + 5) / 1 = 15 is first; breast-centre: (10 + 4) / 5 = 2.8 is last
    ranked = [e.item.id for e in ranked_backlog(example_book.backlog.values())]
    assert ranked[0] == "receipt" and ranked[-1] == "breast-centre"


def test_evidence_share(example_book) -> None:  # type: ignore[no-untyped-def]
    # parental benefit: 4 pain points, each with an observed insight -> 4 of 4
    assert evidence_share(example_book, example_book.journeys["parental-benefit"]) == (4, 4)
    # breast cancer today: 5 pain points; observed insights on referral-status-unknown,
    # ten-days-of-worry and alone-with-news; letter-slow only assumed -> 3 of 5
    assert evidence_share(example_book, example_book.journeys["breast-cancer-current"]) == (3, 5)
    # job seeker: the only insights are assumed or proposed -> 0 of 4
    assert evidence_share(example_book, example_book.journeys["job-seeker"]) == (0, 4)


def test_gaps(example_book, mini_book) -> None:  # type: ignore[no-untyped-def]
    g = example_book.gaps
    assert [p.id for _, _, p in g.pains_without_cause] == ["wait-for-meeting"]
    assert sorted(p.id for _, _, p in g.pains_without_backlog) == [
        "no-plan-given",
        "report-rules-unclear",
        "wait-for-meeting",
    ]
    assert [e.item.id for e in g.items_without_metric] == ["life-event-start-page", "register-once"]
    assert [e.item.id for e in g.items_without_owner] == ["plain-language-form"]
    m = mini_book.gaps
    assert (len(m.pains_without_cause), len(m.pains_without_backlog)) == (0, 0)
    assert [e.item.id for e in m.items_without_metric] == ["unowned"]


def test_gap_problems_are_located(example_book) -> None:  # type: ignore[no-untyped-def]
    found = example_book.gap_problems
    assert len(found) == example_book.gaps.count == 7
    wait = next(p for p in found if "wait-for-meeting' has no root cause" in p.message)
    assert wait.file.endswith("job-seeking/current.yml")
    assert wait.field == "phases[1].steps[0].pain_points[0].root_causes"


def test_team_views(example_book) -> None:  # type: ignore[no-untyped-def]
    views = team_views(example_book)
    referral = views["referral-office"]
    assert sorted(s.step.id for s in referral.steps) == ["appointment-letter", "treatment-letter"]
    assert sorted(h.from_team for _, h in referral.receives_from) == ["breast-surgery", "primary-care"]
    assert sorted(h.to_team for _, h in referral.hands_to) == ["breast-imaging", "breast-surgery"]
    assert views["contact-centre"].steps == []


def test_channel_switch_rule(mini_book) -> None:  # type: ignore[no-untyped-def]
    assert channel_switches(mini_book.journeys["move-now"]) == 2
