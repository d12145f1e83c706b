"""Figures computed from the handbook: waits, handoffs, failure-demand cost, priorities.

Every number a page shows comes from here, never from a value an editor
typed as a total: totals typed by hand drift from the steps they sum. The
rules (what counts as a handoff, how a week becomes a month) are stated in
the docstrings and repeated on the pages that show the figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, get_args

from .handbook import BacklogEntry, Handbook, journey_pain_points, journey_steps
from .models import BacklogItem, FailureDemand, JourneyFile, PainPoint, Step, duration_hours

#: Contacts per month for one contact per period. A month is a twelfth of a year.
PER_MONTH = {"day": 365 / 12, "week": 52 / 12, "month": 1.0, "year": 1 / 12}


def waiting_hours(journey: JourneyFile) -> float:
    """Total time the customer waits before steps."""
    return sum(duration_hours(step.waiting) for _, step in journey_steps(journey))


def lead_time_hours(journey: JourneyFile) -> float:
    """Waiting plus the time the steps themselves take: the customer's whole elapsed time."""
    return sum(duration_hours(step.waiting) + duration_hours(step.duration) for _, step in journey_steps(journey))


@dataclass(frozen=True)
class Handoff:
    source: Step
    target: Step
    from_team: str
    to_team: str


def handoffs(journey: JourneyFile) -> list[Handoff]:
    """Each time the customer passes from one owner team to another.

    Steps are taken in journey order; a step without an owner is skipped, so
    that the handoff is counted between the owned steps on either side of it.
    """
    out: list[Handoff] = []
    previous: Step | None = None
    for _, step in journey_steps(journey):
        if step.owner is None:
            continue
        if previous is not None and previous.owner != step.owner:
            assert previous.owner is not None
            out.append(Handoff(previous, step, previous.owner, step.owner))
        previous = step
    return out


def channel_switches(journey: JourneyFile) -> int:
    """Consecutive steps, both with channels, that have no channel in common."""
    count = 0
    previous: set[str] | None = None
    for _, step in journey_steps(journey):
        if not step.channels:
            continue
        current = set(step.channels)
        if previous is not None and not previous & current:
            count += 1
        previous = current
    return count


@dataclass(frozen=True)
class DemandRow:
    journey: JourneyFile
    step: Step
    demand: FailureDemand
    monthly_volume: float
    unit_cost: float | None
    monthly_cost: float | None


def failure_demand(book: Handbook, journeys: Iterable[JourneyFile] | None = None) -> list[DemandRow]:
    """Failure-demand contacts per month and their cost, most expensive first.

    Cost is the monthly volume times the channel's cost per contact; a
    channel without a cost gives no cost (not zero), and sorts last.
    """
    rows: list[DemandRow] = []
    for journey in journeys if journeys is not None else book.journeys.values():
        for _, step in journey_steps(journey):
            for demand in step.failure_demand:
                monthly = demand.volume * PER_MONTH[demand.per]
                unit = book.channels[demand.channel].cost_per_contact
                cost = monthly * unit if unit is not None else None
                rows.append(DemandRow(journey, step, demand, monthly, unit, cost))
    rows.sort(key=lambda r: (r.monthly_cost is None, -(r.monthly_cost or 0.0), -r.monthly_volume))
    return rows


def priority_score(item: BacklogItem) -> float:
    """(2 x customer value + organisation value) / effort.

    Customer value counts double because the backlog is prioritised from
    customer needs first (step 3 of the method). Range 0.6 to 15.
    """
    p = item.priority
    return (2 * p.customer_value + p.organisation_value) / p.effort


def ranked_backlog(entries: Iterable[BacklogEntry]) -> list[BacklogEntry]:
    return sorted(entries, key=lambda e: (-priority_score(e.item), e.item.title.lower()))


@dataclass
class Backlinks:
    """Everything that refers to one journey, step or pain point."""

    insights: list[str] = field(default_factory=list)
    backlog: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)


def backlinks(book: Handbook) -> dict[str, Backlinks]:
    """Keyed by reference: 'journey' or 'journey/item'."""
    out: dict[str, Backlinks] = {}

    def add(ref: str, kind: str, ident: str) -> None:
        links = out.setdefault(ref, Backlinks())
        bucket: list[str] = getattr(links, kind)
        if ident not in bucket:
            bucket.append(ident)

    for iid, insight in book.insights.items():
        for ref in insight.about:
            add(ref, "insights", iid)
    for bid, entry in book.backlog.items():
        for ref in (*entry.item.addresses, *entry.item.root_causes):
            add(ref, "backlog", bid)
    for mid, metric in book.metrics.items():
        for ref in metric.about:
            add(ref, "metrics", mid)
    return out


def observed_refs(book: Handbook) -> set[str]:
    """Every reference an observed insight is about: evidence, as opposed to assumptions."""
    return {ref for i in book.insights.values() if i.status == "observed" for ref in i.about}


def evidence_share(book: Handbook, journey: JourneyFile, observed: set[str] | None = None) -> tuple[int, int]:
    """(pain points backed by an observed insight, all pain points) of a journey.

    Pass `observed_refs(book)` when asking for many journeys: each pain point is
    then one set lookup, not a scan of every insight.
    """
    observed = observed_refs(book) if observed is None else observed
    refs = [f"{journey.id}/{pain.id}" for _, pain in journey_pain_points(journey)]
    return sum(ref in observed for ref in refs), len(refs)


ComparedField = Literal["name", "does", "owner", "channels", "waiting", "duration"]
"""The step fields a comparison of two journeys reports (pages name each through a label)."""


@dataclass(frozen=True)
class StepChange:
    step_id: str
    before: Step | None
    after: Step | None
    changes: tuple[ComparedField, ...]


@dataclass
class Comparison:
    current: JourneyFile
    future: JourneyFile
    removed: list[Step]
    added: list[Step]
    changed: list[StepChange]
    unchanged: list[Step]
    waiting_before: float
    waiting_after: float
    lead_before: float
    lead_after: float
    handoffs_before: int
    handoffs_after: int
    switches_before: int
    switches_after: int
    steps_before: int
    steps_after: int
    pains_before: int
    pains_after: int
    pains_removed: list[PainPoint]
    demand_before: float
    demand_after: float
    demand_removed: list[FailureDemand]


_COMPARED: tuple[ComparedField, ...] = get_args(ComparedField)


def compare(current: JourneyFile, future: JourneyFile) -> Comparison:
    """Current against future state, matching steps by id.

    A step whose id is only in the current journey is removed, only in the
    future one added; with the id in both, the step is changed when its name,
    action, owner, channels, waiting or duration differ.
    """
    before = {s.id: s for _, s in journey_steps(current)}
    after = {s.id: s for _, s in journey_steps(future)}
    changed: list[StepChange] = []
    unchanged: list[Step] = []
    for sid, old in before.items():
        new = after.get(sid)
        if new is None:
            continue
        diffs = tuple(f for f in _COMPARED if _norm(f, getattr(old, f)) != _norm(f, getattr(new, f)))
        if diffs:
            changed.append(StepChange(sid, old, new, diffs))
        else:
            unchanged.append(old)
    future_pains = {p.id for _, p in journey_pain_points(future)}
    current_pains = [p for _, p in journey_pain_points(current)]
    future_demand = {d.id for _, s in journey_steps(future) for d in s.failure_demand}
    current_demand = [d for _, s in journey_steps(current) for d in s.failure_demand]
    return Comparison(
        current=current,
        future=future,
        removed=[s for sid, s in before.items() if sid not in after],
        added=[s for sid, s in after.items() if sid not in before],
        changed=changed,
        unchanged=unchanged,
        waiting_before=waiting_hours(current),
        waiting_after=waiting_hours(future),
        lead_before=lead_time_hours(current),
        lead_after=lead_time_hours(future),
        handoffs_before=len(handoffs(current)),
        handoffs_after=len(handoffs(future)),
        switches_before=channel_switches(current),
        switches_after=channel_switches(future),
        steps_before=len(before),
        steps_after=len(after),
        pains_before=len(current_pains),
        pains_after=len(future_pains),
        pains_removed=[p for p in current_pains if p.id not in future_pains],
        demand_before=_monthly(current),
        demand_after=_monthly(future),
        demand_removed=[d for d in current_demand if d.id not in future_demand],
    )


def _monthly(journey: JourneyFile) -> float:
    return sum(d.volume * PER_MONTH[d.per] for _, s in journey_steps(journey) for d in s.failure_demand)


def _norm(name: str, value: object) -> object:
    """'1 week' and '7 days' are the same wait; channel order does not matter."""
    if name in ("waiting", "duration"):
        return duration_hours(value if isinstance(value, str) else None)
    if isinstance(value, list):
        return tuple(sorted(value))
    return value


@dataclass(frozen=True)
class TeamStep:
    journey: JourneyFile
    step: Step


@dataclass
class TeamView:
    steps: list[TeamStep] = field(default_factory=list)
    receives_from: list[tuple[JourneyFile, Handoff]] = field(default_factory=list)
    hands_to: list[tuple[JourneyFile, Handoff]] = field(default_factory=list)


def team_views(book: Handbook) -> dict[str, TeamView]:
    views = {tid: TeamView() for tid in book.teams}
    for journey in book.journeys.values():
        for _, step in journey_steps(journey):
            if step.owner in views:
                views[step.owner].steps.append(TeamStep(journey, step))
        for handoff in handoffs(journey):
            if handoff.to_team in views:
                views[handoff.to_team].receives_from.append((journey, handoff))
            if handoff.from_team in views:
                views[handoff.from_team].hands_to.append((journey, handoff))
    return views


def groups_of(journey: JourneyFile) -> list[str]:
    """The journey's need groups, or every group that has an emotion recorded in it."""
    if journey.need_groups:
        return list(journey.need_groups)
    seen: list[str] = []
    for _, step in journey_steps(journey):
        for gid in step.emotion:
            if gid not in seen:
                seen.append(gid)
    return seen


def applies(item_groups: list[str], group: str) -> bool:
    """Whether a pain or gain point concerns a need group: one that names no group concerns all."""
    return not item_groups or group in item_groups
