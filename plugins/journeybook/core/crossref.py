"""Cross-reference checks: every id that is referred to must exist, in the right kind.

References are by id, so a typo in one breaks a link on a page far away from
the file that holds it. Each dangling reference is reported at the reference
itself, with the closest existing id as a suggestion.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from .entities import Collected, journey_steps
from .kinds import Kind, split_ref
from .models import JourneyFile
from .problems import FieldPath, Problem, did_you_mean
from .yamlsource import SourceFile


def local_ids(journey: JourneyFile) -> dict[str, Kind]:
    """Every id inside one journey that can be referred to as 'journey/id', with its kind."""
    out: dict[str, Kind] = {}
    for _, step in journey_steps(journey):
        out.setdefault(step.id, Kind.STEP)
        for pain in step.pain_points:
            out.setdefault(pain.id, Kind.PAIN_POINT)
        for gain in step.gain_points:
            out.setdefault(gain.id, Kind.GAIN_POINT)
        for demand in step.failure_demand:
            out.setdefault(demand.id, Kind.FAILURE_DEMAND)
    for cause in journey.root_causes:
        out.setdefault(cause.id, Kind.ROOT_CAUSE)
    return out


class JourneyMemo:
    """Each journey's reference problems from the last check, kept across `mkdocs serve` rebuilds.

    A journey's own references are checked against the tables of the whole
    handbook (teams, life events, need groups, channels, the journeys it may
    replace); re-checking 200 unchanged journeys was most of the load time of a
    one-file edit. The parse cache hands back the same journey object for an
    unchanged file, so a journey whose object is the one checked last time,
    against the same tables, has the same problems.
    """

    def __init__(self) -> None:
        self.tables: tuple[object, ...] = ()
        self.journeys: dict[str, tuple[JourneyFile, list[Problem]]] = {}

    def start(self, tables: tuple[object, ...]) -> None:
        if tables != self.tables:
            self.tables, self.journeys = tables, {}


class _Checker:
    def __init__(
        self,
        book: Collected,
        broken_ids: set[str],
        unknown_ids: bool = False,
        empty_files: Sequence[str] = (),
        local_kinds: Mapping[str, Mapping[str, Kind]] | None = None,
        memo: JourneyMemo | None = None,
    ) -> None:
        self.memo = memo or JourneyMemo()
        self.empty_files = list(empty_files)
        self.book = book
        self.broken_ids = broken_ids
        self.unknown_ids = unknown_ids
        self.source_of = book.locator.source_of
        self.problems: list[Problem] = []
        if local_kinds is None:
            local_kinds = {jid: local_ids(j) for jid, j in book.journeys.items()}
        self.locals = local_kinds

    def ref(
        self,
        source: SourceFile,
        path: FieldPath,
        value: str | None,
        kind: Kind,
        table: Collection[str],
        scope: str = "",
    ) -> bool:
        """Whether value names an entry of table; else one located problem. scope narrows the kind's name
        in the message ('root cause' + ' in this journey')."""
        if value is None or value in table:  # a dict or a short list: no copy of it per reference
            return True
        if value in self.broken_ids or self.unknown_ids:
            return False
        names = list(table)
        hint = did_you_mean(value, names)
        what = f"{kind}{scope}"
        self.problems.append(
            source.problem(
                path,
                f"no {what} with id '{value}'",
                expected=f"the id of a {what}" + (f" ({_few(names)})" if names else ""),
                found=f"'{value}'",
                hint=hint or f"check the spelling, or add the {what}" + self.maybe_in_empty_file(),
            )
        )
        return False

    def maybe_in_empty_file(self) -> str:
        if not self.empty_files:
            return ""
        return f"; it may have been in {', '.join(self.empty_files)}, which is empty"

    def qualified(
        self, source: SourceFile, path: FieldPath, value: str, allowed: tuple[Kind, ...], allow_journey: bool
    ) -> None:
        journey_id, local = split_ref(value)
        if not self.ref(source, path, journey_id, Kind.JOURNEY, self.book.journeys):
            return
        if not local:
            if not allow_journey:
                self.problems.append(
                    source.problem(
                        path,
                        f"'{value}' names a whole journey",
                        expected=f"'journey-id/{allowed[0].slug}-id' naming a {' or '.join(allowed)}",
                        found=f"'{value}'",
                    )
                )
            return
        items = self.locals.get(journey_id, {})
        kind = items.get(local)
        if kind is None and (local in self.broken_ids or self.unknown_ids):
            return  # left out of a file that has its own mistakes reported
        if kind is None:
            matching = [k for k, v in items.items() if v in allowed]
            hint = did_you_mean(local, matching)
            self.problems.append(
                source.problem(
                    path,
                    f"journey '{journey_id}' has no {' or '.join(allowed)} with id '{local}'",
                    expected=f"one of: {_few(matching)}" if matching else f"a {' or '.join(allowed)} id",
                    found=f"'{value}'",
                    hint=hint.replace("'", f"'{journey_id}/", 1) if hint else "",
                )
            )
        elif kind not in allowed:
            self.problems.append(
                source.problem(path, f"'{value}' is a {kind}", expected=f"a {' or '.join(allowed)}", found=f"a {kind}")
            )

    def run(self) -> list[Problem]:
        book = self.book
        for gid, group in book.need_groups.items():
            source, base = self.source_of(Kind.NEED_GROUP, gid)
            for i, channel in enumerate(group.preferred_channels):
                self.ref(source, (*base, "preferred_channels", i), channel, Kind.CHANNEL, book.channels)
        memo = self.memo
        memo.start(
            (
                tuple(book.life_events),
                tuple(book.teams),
                tuple(book.need_groups),
                tuple(book.channels),
                tuple((jid, journey.state) for jid, journey in book.journeys.items()),
                frozenset(self.broken_ids),
                self.unknown_ids,
                tuple(self.empty_files),
            )
        )
        for jid, journey in book.journeys.items():
            known = memo.journeys.get(jid)
            if known is not None and known[0] is journey:
                self.problems += known[1]
                continue
            first = len(self.problems)
            self.journey(jid, journey)
            memo.journeys[jid] = (journey, self.problems[first:])
        for iid, insight in book.insights.items():
            source, base = self.source_of(Kind.INSIGHT, iid)
            about = (Kind.STEP, Kind.PAIN_POINT, Kind.GAIN_POINT)
            for i, ref in enumerate(insight.about):
                self.qualified(source, (*base, "about", i), ref, about, True)
            for i, gid in enumerate(insight.need_groups):
                self.ref(source, (*base, "need_groups", i), gid, Kind.NEED_GROUP, book.need_groups)
        for bid, entry in book.backlog.items():
            source, base = self.source_of(Kind.BACKLOG_ITEM, bid)
            item = entry.item
            self.ref(source, (*base, "owner"), item.owner, Kind.TEAM, book.teams)
            for i, ref in enumerate(item.addresses):
                self.qualified(source, (*base, "addresses", i), ref, (Kind.PAIN_POINT,), False)
            for i, ref in enumerate(item.root_causes):
                self.qualified(source, (*base, "root_causes", i), ref, (Kind.ROOT_CAUSE,), False)
            for i, mid in enumerate(item.metrics):
                self.ref(source, (*base, "metrics", i), mid, Kind.METRIC, book.metrics)
        for mid, metric in book.metrics.items():
            source, base = self.source_of(Kind.METRIC, mid)
            for i, ref in enumerate(metric.about):
                self.qualified(source, (*base, "about", i), ref, (Kind.STEP,), True)
            self.ref(source, (*base, "need_group"), metric.need_group, Kind.NEED_GROUP, book.need_groups)
        for tid, term in book.terms.items():
            source, base = self.source_of(Kind.TERM, tid)
            for i, other in enumerate(term.see_also):
                self.ref(source, (*base, "see_also", i), other, Kind.TERM, book.terms)
        return self.problems

    def journey(self, jid: str, journey: JourneyFile) -> None:
        book = self.book
        source, _ = self.source_of(Kind.JOURNEY, jid)
        self.ref(source, ("life_event",), journey.life_event, Kind.LIFE_EVENT, book.life_events)
        self.ref(source, ("owner",), journey.owner, Kind.TEAM, book.teams)
        for i, gid in enumerate(journey.need_groups):
            self.ref(source, ("need_groups", i), gid, Kind.NEED_GROUP, book.need_groups)
        if journey.state == "future":
            if journey.replaces is None:
                self.problems.append(
                    source.problem(
                        ("state",),
                        "a future journey must name the current journey it replaces",
                        expected="'replaces: <id of the current journey>'",
                        found="state: future with no 'replaces'",
                        hint="add 'replaces:', or set 'state: current' if this is how things work today",
                    )
                )
            elif self.ref(source, ("replaces",), journey.replaces, Kind.JOURNEY, book.journeys):
                target = book.journeys[journey.replaces]
                if target.state != "current":
                    self.problems.append(
                        source.problem(
                            ("replaces",),
                            f"'{journey.replaces}' is not a current journey",
                            expected="the id of a journey with 'state: current'",
                            found=f"state: {target.state}",
                        )
                    )
        elif journey.replaces is not None:
            self.problems.append(
                source.problem(
                    ("replaces",),
                    "only a future journey replaces another",
                    expected="'state: future' together with 'replaces'",
                    found="state: current",
                    hint="set 'state: future' or remove 'replaces'",
                )
            )
        self.local_duplicates(source, journey)
        cause_ids = [c.id for c in journey.root_causes]
        allowed_groups = journey.need_groups or list(book.need_groups)
        for p, phase in enumerate(journey.phases):
            for s, step in enumerate(phase.steps):
                base: FieldPath = ("phases", p, "steps", s)
                self.ref(source, (*base, "owner"), step.owner, Kind.TEAM, book.teams)
                for i, channel in enumerate(step.channels):
                    self.ref(source, (*base, "channels", i), channel, Kind.CHANNEL, book.channels)
                for gid in step.emotion:
                    path = (*base, "emotion", gid)
                    if self.ref(source, path, gid, Kind.NEED_GROUP, book.need_groups) and gid not in allowed_groups:
                        self.problems.append(
                            source.problem(
                                path,
                                f"need group '{gid}' is not one of this journey's need groups",
                                expected=f"one of: {', '.join(allowed_groups)}",
                                found=f"'{gid}'",
                                hint=f"add '{gid}' to the journey's need_groups",
                                key=True,
                            )
                        )
                pain_ids = [pain.id for pain in step.pain_points]
                for k, pain in enumerate(step.pain_points):
                    for i, gid in enumerate(pain.need_groups):
                        self.ref(
                            source, (*base, "pain_points", k, "need_groups", i), gid, Kind.NEED_GROUP, allowed_groups
                        )
                    for i, cid in enumerate(pain.root_causes):
                        self.ref(
                            source,
                            (*base, "pain_points", k, "root_causes", i),
                            cid,
                            Kind.ROOT_CAUSE,
                            cause_ids,
                            " in this journey",
                        )
                for k, gain in enumerate(step.gain_points):
                    for i, gid in enumerate(gain.need_groups):
                        self.ref(
                            source, (*base, "gain_points", k, "need_groups", i), gid, Kind.NEED_GROUP, allowed_groups
                        )
                for k, demand in enumerate(step.failure_demand):
                    self.ref(
                        source, (*base, "failure_demand", k, "channel"), demand.channel, Kind.CHANNEL, book.channels
                    )
                    self.ref(
                        source,
                        (*base, "failure_demand", k, "pain_point"),
                        demand.pain_point,
                        Kind.PAIN_POINT,
                        pain_ids,
                        " in this step",
                    )

    def local_duplicates(self, source: SourceFile, journey: JourneyFile) -> None:
        seen: dict[str, Kind] = {}
        phase_ids: set[str] = set()

        def check(path: FieldPath, ident: str, kind: Kind) -> None:
            if ident in seen:
                self.problems.append(
                    source.problem(
                        path,
                        f"duplicate id '{ident}' in this journey",
                        expected="ids unique within the journey (steps, pain points, gain points, "
                        "root causes and failure demand share one set)",
                        found=f"'{ident}' used for a {seen[ident]} and a {kind}",
                        hint="rename one; references such as 'journey/id' must name one thing",
                    )
                )
            else:
                seen[ident] = kind

        for p, phase in enumerate(journey.phases):
            if phase.id in phase_ids:
                self.problems.append(
                    source.problem(
                        ("phases", p, "id"),
                        f"duplicate phase id '{phase.id}'",
                        expected="each phase id once per journey",
                        found=f"'{phase.id}'",
                    )
                )
            phase_ids.add(phase.id)
            for s, step in enumerate(phase.steps):
                base: FieldPath = ("phases", p, "steps", s)
                check((*base, "id"), step.id, Kind.STEP)
                for k, pain in enumerate(step.pain_points):
                    check((*base, "pain_points", k, "id"), pain.id, Kind.PAIN_POINT)
                for k, gain in enumerate(step.gain_points):
                    check((*base, "gain_points", k, "id"), gain.id, Kind.GAIN_POINT)
                for k, demand in enumerate(step.failure_demand):
                    check((*base, "failure_demand", k, "id"), demand.id, Kind.FAILURE_DEMAND)
        for c, cause in enumerate(journey.root_causes):
            check(("root_causes", c, "id"), cause.id, Kind.ROOT_CAUSE)


def _few(names: list[str], limit: int = 6) -> str:
    shown = ", ".join(names[:limit])
    return shown + (", ..." if len(names) > limit else "")


def check_references(
    book: Collected,
    broken_ids: set[str],
    unknown_ids: bool = False,
    empty_files: Sequence[str] = (),
    local_kinds: Mapping[str, Mapping[str, Kind]] | None = None,
    memo: JourneyMemo | None = None,
) -> list[Problem]:
    """Dangling references, except to ids of broken files (or to any id, when a file was unreadable).

    local_kinds: each journey's `local_ids`, when the caller has them (the handbook keeps them too).
    memo: the problems of the last check, for journeys that did not change (see JourneyMemo).
    """
    return _Checker(book, broken_ids, unknown_ids, empty_files, local_kinds, memo).run()
