"""Gaps in the chain pain point -> root cause -> backlog item -> metric, found while loading.

A gap is not a mistake in the data (the build does not fail on it), but
`journeybook validate --strict` reports each one at its place in the YAML.
They are found next to the reference checks, on the collected tables, with
the field path of each pain point at hand, so the finished handbook carries
the gaps the pages list and can locate each one's message when asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .entities import BacklogEntry, Collected, Locator
from .kinds import Kind
from .models import JourneyFile, PainPoint, Step
from .problems import FieldPath, Problem

PainAt = tuple[JourneyFile, Step, PainPoint]


@dataclass(frozen=True)
class Gaps:
    pains_without_cause: tuple[PainAt, ...] = ()
    pains_without_backlog: tuple[PainAt, ...] = ()
    items_without_metric: tuple[BacklogEntry, ...] = ()
    items_without_owner: tuple[BacklogEntry, ...] = ()
    #: Gaps an editor left alone on purpose with `gap_accepted: reason`, listed with the reason.
    accepted_pains: tuple[tuple[JourneyFile, PainPoint], ...] = ()
    accepted_items: tuple[BacklogEntry, ...] = ()
    #: The field path of each pain point with a gap, by (journey id, pain point id), to locate its message.
    pain_paths: Mapping[tuple[str, str], FieldPath] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )

    @property
    def count(self) -> int:
        return (
            len(self.pains_without_cause)
            + len(self.pains_without_backlog)
            + len(self.items_without_metric)
            + len(self.items_without_owner)
        )


def find_gaps(found: Collected) -> Gaps:
    """Where the chain is broken, with the field path of each pain point kept to locate messages later.

    Future journeys are left out of the pain-point checks: their pain points
    describe the target, not work to be done. A pain point or backlog item
    with `gap_accepted: reason` is not a gap: it is listed with its reason.
    """
    addressed = {ref for e in found.backlog.values() for ref in e.item.addresses}
    no_cause: list[PainAt] = []
    no_backlog: list[PainAt] = []
    accepted_pains: list[tuple[JourneyFile, PainPoint]] = []
    paths: dict[tuple[str, str], FieldPath] = {}
    for journey in found.journeys.values():
        if journey.state == "future":
            continue
        for p, phase in enumerate(journey.phases):
            for s, step in enumerate(phase.steps):
                for k, pain in enumerate(step.pain_points):
                    lacks_cause = not pain.root_causes
                    lacks_backlog = f"{journey.id}/{pain.id}" not in addressed
                    if pain.gap_accepted and (lacks_cause or lacks_backlog):
                        accepted_pains.append((journey, pain))
                        continue
                    if lacks_cause or lacks_backlog:
                        paths[(journey.id, pain.id)] = ("phases", p, "steps", s, "pain_points", k)
                    if lacks_cause:
                        no_cause.append((journey, step, pain))
                    if lacks_backlog:
                        no_backlog.append((journey, step, pain))
    no_metric: list[BacklogEntry] = []
    no_owner: list[BacklogEntry] = []
    accepted_items: list[BacklogEntry] = []
    for entry in found.backlog.values():
        lacks_metric = not entry.item.metrics
        lacks_owner = entry.item.owner is None
        if entry.item.gap_accepted and (lacks_metric or lacks_owner):
            accepted_items.append(entry)
            continue
        if lacks_metric:
            no_metric.append(entry)
        if lacks_owner:
            no_owner.append(entry)
    return Gaps(
        tuple(no_cause),
        tuple(no_backlog),
        tuple(no_metric),
        tuple(no_owner),
        tuple(accepted_pains),
        tuple(accepted_items),
        MappingProxyType(paths),
    )


def gap_problems(gaps: Gaps, locate: Locator) -> list[Problem]:
    """The gaps as located problems, for `journeybook validate --strict`.

    Locating is left until asked: a file parsed without mistakes keeps only the
    positions of its entities, and finding a field's line parses it again.
    """
    problems: list[Problem] = []
    for journey, _, pain in gaps.pains_without_cause:
        problems.append(
            locate.problem(
                Kind.JOURNEY,
                journey.id,
                (*gaps.pain_paths[(journey.id, pain.id)], "root_causes"),
                f"{Kind.PAIN_POINT} '{pain.id}' has no {Kind.ROOT_CAUSE}",
                expected="at least one id in 'root_causes'",
                hint="add the root cause to the journey's root_causes and refer to it here",
            )
        )
    for journey, _, pain in gaps.pains_without_backlog:
        problems.append(
            locate.problem(
                Kind.JOURNEY,
                journey.id,
                (*gaps.pain_paths[(journey.id, pain.id)], "id"),
                f"no {Kind.BACKLOG_ITEM} addresses {Kind.PAIN_POINT} '{pain.id}'",
                expected=f"a backlog item with '{journey.id}/{pain.id}' in 'addresses'",
                hint="add a backlog item, or record why it is left alone with 'gap_accepted: reason'",
            )
        )
    for entry in gaps.items_without_metric:
        problems.append(
            locate.problem(
                Kind.BACKLOG_ITEM,
                entry.item.id,
                ("metrics",),
                f"{Kind.BACKLOG_ITEM} '{entry.item.id}' has no {Kind.METRIC}",
                expected="at least one metric id in 'metrics'",
                hint="name the metric that will show whether the item worked",
            )
        )
    for entry in gaps.items_without_owner:
        problems.append(
            locate.problem(
                Kind.BACKLOG_ITEM,
                entry.item.id,
                ("id",),
                f"{Kind.BACKLOG_ITEM} '{entry.item.id}' has no owner",
                expected="an 'owner:' team id",
            )
        )
    return problems
