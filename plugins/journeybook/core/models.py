"""The journey-playbook format, version 1, as typed models.

One model per file kind (the ``kind:`` key chooses it). Every model forbids
unknown keys, so a misspelt field is an error with a suggestion rather than a
value that silently disappears. The models also produce the JSON Schema that
editors' YAML plugins use for completion, so field descriptions here are
written for editors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
REF_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?$"
DURATION_PATTERN = (
    r"^\s*\d+(?:\.\d+)?\s*(?:min|mins|minute|minutes|h|hour|hours|d|day|days|w|week|weeks"
    r"|month|months)\s*$"
)
EMOTION_MIN = -2
EMOTION_MAX = 2
FORMAT_VERSION: Final = 1


def _number_to_text(value: Any) -> Any:
    """Let `name: 2024` be text: editors should not need quotes around numbers."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_number_to_text), StringConstraints(strip_whitespace=True)]
NonEmptyText = Annotated[str, BeforeValidator(_number_to_text), StringConstraints(strip_whitespace=True, min_length=1)]
Markdown = Annotated[
    str,
    BeforeValidator(_number_to_text),
    Field(description="Text that may use Markdown formatting (emphasis, lists, links)."),
]
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN),
    Field(description="A stable id: lower-case letters, digits and single hyphens, e.g. 'book-visit'."),
]
Ref = Annotated[
    str,
    StringConstraints(pattern=REF_PATTERN),
    Field(
        description="A reference: a journey id, or 'journey-id/item-id' for a step, pain point, "
        "gain point or root cause in that journey."
    ),
]
Duration = Annotated[
    str,
    StringConstraints(pattern=DURATION_PATTERN),
    Field(description="A duration such as '30 minutes', '4 hours', '3 days', '2 weeks', '1 month'."),
]
Emotion = Annotated[
    int,
    Field(
        ge=EMOTION_MIN,
        le=EMOTION_MAX,
        description="How the customer feels: -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive.",
    ),
]
Score = Annotated[int, Field(ge=1, le=5, description="1 (lowest) to 5 (highest).")]
Reviewed = Annotated[
    dt.date | None,
    Field(
        description="The day someone last checked this page against reality (YYYY-MM-DD). Pages not "
        "reviewed within the handbook's review interval are listed as due for review."
    ),
]
GapAccepted = Annotated[
    str | None,
    BeforeValidator(_number_to_text),
    StringConstraints(strip_whitespace=True, min_length=1),
    Field(
        description="Why a traceability gap here (no root cause, backlog item, metric or owner) is "
        "left alone on purpose; shown on the gaps page, and 'validate --strict' accepts it."
    ),
]

_UNIT_HOURS = {
    "min": 1 / 60,
    "mins": 1 / 60,
    "minute": 1 / 60,
    "minutes": 1 / 60,
    "h": 1.0,
    "hour": 1.0,
    "hours": 1.0,
    "d": 24.0,
    "day": 24.0,
    "days": 24.0,
    "w": 168.0,
    "week": 168.0,
    "weeks": 168.0,
    "month": 720.0,
    "months": 720.0,
}


def duration_hours(text: str | None) -> float:
    """Hours in a duration; a month counts as 30 days, documented in the reference."""
    if not text:
        return 0.0
    match = re.match(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$", text)
    if not match:
        return 0.0
    return float(match.group(1)) * _UNIT_HOURS[match.group(2)]


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# --- organisation -----------------------------------------------------------------


class Team(Base):
    """An organisation unit that owns steps and backlog items."""

    id: Slug
    name: NonEmptyText
    organisation: Text = Field("", description="The organisation the unit belongs to, when several take part.")
    description: Markdown = ""
    contact: Text = ""


ChannelKind = Literal["web", "app", "phone", "letter", "email", "desk", "chat", "product", "other"]


class Channel(Base):
    """A way the customer meets the organisation, with what one contact costs."""

    id: Slug
    name: NonEmptyText
    type: ChannelKind = "other"
    cost_per_contact: float | None = Field(None, ge=0, description="Average cost of one contact.")


class LifeEvent(Base):
    """What the customer is going through; journeys of several units belong to one."""

    id: Slug
    name: NonEmptyText
    description: Markdown = ""


class OrganisationFile(Base):
    kind: Literal["organisation"]
    version: Literal[1] = FORMAT_VERSION
    name: NonEmptyText
    currency: NonEmptyText = Field("SEK", description="Currency of every cost, e.g. SEK or EUR.")
    teams: list[Team] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    life_events: list[LifeEvent] = Field(default_factory=list)
    review_interval_months: int = Field(
        12, ge=1, description="How many months after its 'reviewed' date a journey or need group is due for review."
    )


# --- need groups ------------------------------------------------------------------


class NeedGroupFile(Base):
    """A behaviour-based segment, not a demographic."""

    kind: Literal["need-group"]
    version: Literal[1] = FORMAT_VERSION
    id: Slug
    name: NonEmptyText
    local_name: Text = Field("", description="The group's name in the organisation's own language.")
    summary: NonEmptyText
    portrait: Markdown = ""
    needs: list[NonEmptyText] = Field(default_factory=list)
    behaviours: list[NonEmptyText] = Field(default_factory=list)
    preferred_channels: list[Slug] = Field(default_factory=list)
    quotes: list[NonEmptyText] = Field(default_factory=list)
    reviewed: Reviewed = None


# --- journeys ---------------------------------------------------------------------


class PainPoint(Base):
    id: Slug
    text: NonEmptyText
    need_groups: list[Slug] = Field(
        default_factory=list, description="Need groups it applies to; empty means every group."
    )
    root_causes: list[Slug] = Field(default_factory=list, description="Ids of this journey's root causes.")
    severity: Literal["low", "medium", "high"] = "medium"
    gap_accepted: GapAccepted = None


class GainPoint(Base):
    id: Slug
    text: NonEmptyText
    need_groups: list[Slug] = Field(default_factory=list)


class FailureDemand(Base):
    """Contacts that exist only because something upstream failed."""

    id: Slug
    reason: NonEmptyText
    channel: Slug
    volume: float = Field(ge=0, description="Number of contacts per period.")
    per: Literal["day", "week", "month", "year"] = "month"
    pain_point: Slug | None = Field(None, description="The pain point in this journey that causes it.")


class Blueprint(Base):
    """What happens behind the step, split by the line of visibility."""

    frontstage: list[NonEmptyText] = Field(default_factory=list, description="Staff actions the customer sees.")
    backstage: list[NonEmptyText] = Field(default_factory=list, description="Staff actions the customer does not see.")
    support: list[NonEmptyText] = Field(default_factory=list, description="Support processes and systems.")


class Step(Base):
    id: Slug
    name: NonEmptyText
    does: NonEmptyText = Field(description="What the customer does in this step.")
    description: Markdown = ""
    touchpoints: list[NonEmptyText] = Field(default_factory=list)
    channels: list[Slug] = Field(default_factory=list)
    emotion: dict[Slug, Emotion] = Field(default_factory=dict, description="Emotion per need group id.")
    pain_points: list[PainPoint] = Field(default_factory=list)
    gain_points: list[GainPoint] = Field(default_factory=list)
    waiting: Duration | None = Field(None, description="How long the customer waits before this step.")
    duration: Duration | None = Field(None, description="How long the step itself takes.")
    owner: Slug | None = Field(None, description="Id of the team that owns the step.")
    blueprint: Blueprint = Field(default_factory=Blueprint)
    failure_demand: list[FailureDemand] = Field(default_factory=list)


class Phase(Base):
    id: Slug
    name: NonEmptyText
    description: Text = ""
    steps: list[Step] = Field(min_length=1)


class RootCause(Base):
    id: Slug
    text: NonEmptyText
    consequence: Text = ""


class JourneyFile(Base):
    kind: Literal["journey"]
    version: Literal[1] = FORMAT_VERSION
    id: Slug
    title: NonEmptyText
    summary: NonEmptyText
    description: Markdown = ""
    state: Literal["current", "future"] = "current"
    replaces: Slug | None = Field(None, description="For a future journey: the id of the current one.")
    life_event: Slug | None = None
    owner: Slug | None = None
    need_groups: list[Slug] = Field(default_factory=list)
    tags: list[NonEmptyText] = Field(default_factory=list)
    phases: list[Phase] = Field(min_length=1)
    root_causes: list[RootCause] = Field(default_factory=list)
    reviewed: Reviewed = None


# --- insights, backlog, metrics, glossary -------------------------------------------


class Insight(Base):
    id: Slug
    type: Literal["quote", "finding", "feedback", "analytics"]
    text: NonEmptyText
    status: Literal["observed", "assumed", "proposed"]
    source: NonEmptyText
    date: dt.date | None = None
    about: list[Ref] = Field(min_length=1)
    need_groups: list[Slug] = Field(default_factory=list)


class InsightsFile(Base):
    kind: Literal["insights"]
    version: Literal[1] = FORMAT_VERSION
    insights: list[Insight] = Field(min_length=1)


class Priority(Base):
    customer_value: Score
    organisation_value: Score
    effort: Score


class BacklogItem(Base):
    """A solution concept: the unit of improvement work."""

    id: Slug
    title: NonEmptyText
    description: Markdown = ""
    owner: Slug | None = None
    status: Literal["idea", "planned", "in-progress", "done", "dropped"] = "idea"
    priority: Priority
    addresses: list[Ref] = Field(default_factory=list, description="Pain points: 'journey-id/pain-point-id'.")
    root_causes: list[Ref] = Field(default_factory=list, description="Root causes: 'journey-id/root-cause-id'.")
    metrics: list[Slug] = Field(default_factory=list, description="Ids of metrics that show whether it worked.")
    gap_accepted: GapAccepted = None


class DevelopmentArea(Base):
    id: Slug
    name: NonEmptyText
    description: Text = ""
    items: list[BacklogItem] = Field(min_length=1)


class ProblemArea(Base):
    id: Slug
    name: NonEmptyText
    description: Text = ""
    development_areas: list[DevelopmentArea] = Field(min_length=1)


class BacklogFile(Base):
    kind: Literal["backlog"]
    version: Literal[1] = FORMAT_VERSION
    problem_areas: list[ProblemArea] = Field(min_length=1)


class MetricValue(Base):
    date: dt.date
    value: float


MetricType = Literal["nki", "csi", "nps", "ces", "contacts"]


class Metric(Base):
    id: Slug
    name: NonEmptyText
    type: MetricType
    about: list[Ref] = Field(min_length=1)
    need_group: Slug | None = None
    unit: Text = ""
    target: float | None = None
    better: Literal["higher", "lower"] | None = Field(
        None, description="Which direction is better; contacts default to lower, the rest to higher."
    )
    values: list[MetricValue] = Field(default_factory=list)
    values_csv: Text | None = Field(None, description="A CSV file with 'date,value' rows, relative to this YAML file.")

    @property
    def better_direction(self) -> str:
        return self.better or ("lower" if self.type == "contacts" else "higher")


class MetricsFile(Base):
    kind: Literal["metrics"]
    version: Literal[1] = FORMAT_VERSION
    metrics: list[Metric] = Field(min_length=1)


class Term(Base):
    id: Slug
    term: NonEmptyText
    definition: NonEmptyText
    sv: Text = Field("", description="The Swedish term.")
    fi: Text = Field("", description="The Finnish term.")
    aliases: list[NonEmptyText] = Field(default_factory=list)
    see_also: list[Slug] = Field(default_factory=list)


class GlossaryFile(Base):
    kind: Literal["glossary"]
    version: Literal[1] = FORMAT_VERSION
    terms: list[Term] = Field(min_length=1)


FILE_KINDS: dict[str, type[Base]] = {
    "organisation": OrganisationFile,
    "need-group": NeedGroupFile,
    "journey": JourneyFile,
    "insights": InsightsFile,
    "backlog": BacklogFile,
    "metrics": MetricsFile,
    "glossary": GlossaryFile,
}
