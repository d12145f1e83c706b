"""The entities of a handbook as read from its files, and where each was written.

The loader collects every file's entities into :class:`Collected` tables; the
reference checks and the gap checks work on those tables, and only then is the
finished, read-only `Handbook` made from them. Keeping the tables here, below
both the checks and the handbook, is what lets the import graph run one way:
handbook -> crossref/gaps -> entities -> models.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .kinds import Kind
from .models import (
    BacklogItem,
    Channel,
    DevelopmentArea,
    Insight,
    JourneyFile,
    LifeEvent,
    Metric,
    MetricValue,
    NeedGroupFile,
    OrganisationFile,
    PainPoint,
    Phase,
    ProblemArea,
    Step,
    Team,
    Term,
)
from .problems import FieldPath, Problem
from .yamlsource import SourceFile


@dataclass(frozen=True)
class Origin:
    """Where an entity was written, for 'Edit this page' links and messages."""

    path: Path
    display: str
    line: int


@dataclass(frozen=True)
class BacklogEntry:
    item: BacklogItem
    problem_area: ProblemArea
    development_area: DevelopmentArea


def journey_steps(journey: JourneyFile) -> Iterator[tuple[Phase, Step]]:
    for phase in journey.phases:
        for step in phase.steps:
            yield phase, step


def journey_pain_points(journey: JourneyFile) -> Iterator[tuple[Step, PainPoint]]:
    for _, step in journey_steps(journey):
        for pain in step.pain_points:
            yield step, pain


@dataclass(frozen=True, eq=False)
class Locator:
    """Turns '(kind, id) + a field below it' into a located message, after loading too.

    Findings made once the handbook is finished (a page due for review) are
    reported at the entity's own line; the parsed files stay here, private to
    the core, instead of being read back from the handbook by other modules.
    """

    origins: Mapping[tuple[Kind, str], Origin]
    sources: Mapping[Path, SourceFile]
    paths: Mapping[tuple[Kind, str], FieldPath]

    def source_of(self, kind: Kind, ident: str) -> tuple[SourceFile, FieldPath]:
        """The file an entity is in, and the field path of the entity in it."""
        return self.sources[self.origins[(kind, ident)].path], self.paths[(kind, ident)]

    def problem(
        self,
        kind: Kind,
        ident: str,
        below: FieldPath,
        message: str,
        *,
        expected: str = "",
        found: str = "",
        hint: str = "",
        severity: str = "error",
    ) -> Problem:
        """A problem at the field `below` the entity (() for the entity itself)."""
        source, base = self.source_of(kind, ident)
        return source.problem((*base, *below), message, expected=expected, found=found, hint=hint, severity=severity)


@dataclass
class Collected:
    """Every entity read from the files, keyed by id: what the checks work on before the handbook is made."""

    root: Path
    organisation: OrganisationFile
    teams: dict[str, Team] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    life_events: dict[str, LifeEvent] = field(default_factory=dict)
    need_groups: dict[str, NeedGroupFile] = field(default_factory=dict)
    journeys: dict[str, JourneyFile] = field(default_factory=dict)
    insights: dict[str, Insight] = field(default_factory=dict)
    backlog: dict[str, BacklogEntry] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    metric_values: dict[str, list[MetricValue]] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    problem_areas: list[ProblemArea] = field(default_factory=list)
    origins: dict[tuple[Kind, str], Origin] = field(default_factory=dict)
    sources: dict[Path, SourceFile] = field(default_factory=dict, repr=False)
    paths: dict[tuple[Kind, str], FieldPath] = field(default_factory=dict, repr=False)

    @property
    def locator(self) -> Locator:
        return Locator(self.origins, self.sources, self.paths)
