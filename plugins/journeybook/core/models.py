"""The journey-playbook format, version 1, as typed models.

One model per file kind (the ``kind:`` key chooses it). Every model forbids
unknown keys, so a misspelt field is an error with a suggestion rather than a
value that silently disappears. The models also produce the JSON Schema that
editors' YAML plugins use for completion, so field descriptions here are
written for editors.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .yamlsource import YamlFloat, YamlInt, written

SLUG_MAX_LENGTH = 64
#: Need group and team ids that would name a generated section page (need-groups/index.md).
RESERVED_PAGE_IDS = frozenset({"index"})
MARKDOWN_MAX_CHARS = 5000
MARKDOWN_MAX_NESTING = 8
MARKDOWN_MAX_LINKS = 100
MARKDOWN_MAX_UNCLOSED = 10
#: A journey map past these reads as a list, not a map; and one 5 MB file of 10 000 steps took 80 s
#: of CPU to render into a 49 MB page whose chain diagram no browser draws.
JOURNEY_MAX_STEPS = 300
JOURNEY_MAX_PAIN_POINTS = 600
#: Glossary terms and aliases: each is a tooltip looked for on every page; 2 000 add some 3 ms of CPU a page.
GLOSSARY_MAX_WORDS = 2000
#: Different tags of all journeys: mkdocs-material's tags plugin compares each with each (3 000 took 80 s).
HANDBOOK_MAX_TAGS = 500
#: Daily values for over ten years; 45 000 values made a 7.5 MB metrics page (a chart and a table of each).
METRIC_MAX_VALUES = 5000
#: Larger numbers cannot be a handbook's counts, costs or scores, and would overflow in figures.
NUMBER_MAX = 1e12
DURATION_MAX_HOURS = 10 * 365 * 24
#: A review that holds longer than a century is no review; larger values overflowed the calendar.
REVIEW_INTERVAL_MAX_MONTHS = 1200
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
REF_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?$"
DURATION_PATTERN = (
    r"^\s*\d+(?:\.\d+)?\s*(?:min|mins|minute|minutes|h|hour|hours|d|day|days|w|week|weeks"
    r"|month|months)\s*$"
)
EMOTION_MIN = -2
EMOTION_MAX = 2
FORMAT_VERSION: Final = 1


def meant_id(text: str) -> str:
    """An id as its editor meant it: lower case, hyphens for spaces and underscores, no invisible characters."""
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return "-".join(visible.strip().lower().replace("_", " ").split())


def _number_to_text(value: Any) -> Any:
    """Let `name: 2024` be text: editors should not need quotes around numbers."""
    if type(value) is str:  # nearly every value: the cheapest test first
        return value
    if isinstance(value, YamlInt | YamlFloat):
        return written(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


_NUMBER_TEXT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def to_number(value: Any) -> Any:
    """A finite, sane number from YAML's number text; yes/no values, .inf and .nan are refused.

    Pydantic's lax mode would take ``true`` as 1 and ``'inf'`` as infinity;
    neither can be a volume, a cost or a score.
    """
    if isinstance(value, bool):
        raise PydanticCustomError("not_finite", "a yes/no value is not a number")
    if isinstance(value, str):
        text = value.strip()
        if not _NUMBER_TEXT.match(text):
            if text.lower().lstrip("+-.") in ("inf", "nan", "infinity"):
                raise PydanticCustomError("not_finite", "not a finite number")
            raise PydanticCustomError("float_parsing", "not a number")
        try:
            value = int(text) if re.fullmatch(r"[-+]?[0-9]+", text) else float(text)
        except ValueError:  # more digits than Python converts
            raise PydanticCustomError("too_large", "too large") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("not_finite", "not a finite number")
    if isinstance(value, int | float) and abs(value) > NUMBER_MAX:
        raise PydanticCustomError("too_large", "too large")
    if isinstance(value, YamlInt):
        return int(value)
    if isinstance(value, YamlFloat):
        return float(value)
    return value


_DATE_TEXT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def to_date(value: Any) -> Any:
    """A calendar date written YYYY-MM-DD; 2026-02-30 is 'no such date', not a wrong type."""
    if isinstance(value, dt.date):
        return value
    match = _DATE_TEXT.match(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        raise PydanticCustomError("date_parsing", "not a date")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise PydanticCustomError("no_such_date", "no such date") from None


def _markdown_limits(text: str) -> str:
    """Bound what Python-Markdown is given: its block and link parsing slow down badly on deep nesting."""
    if len(text) > MARKDOWN_MAX_CHARS:
        raise PydanticCustomError("markdown_too_long", "too long", {"length": len(text)})
    for number, line in enumerate(text.splitlines(), start=1):
        prefix = _MARKDOWN_PREFIX.match(line)
        if prefix is None:
            continue
        spaces = prefix.group().expandtabs(4)
        depth = len(_MARKDOWN_MARKER.findall(spaces)) + (len(spaces) - len(spaces.lstrip(" "))) // 4
        if depth > MARKDOWN_MAX_NESTING:
            raise PydanticCustomError("markdown_too_deep", "nested too deep", {"line": number, "depth": depth})
    if text.count("[") > MARKDOWN_MAX_LINKS:
        raise PydanticCustomError("markdown_too_many_links", "too many links", {"count": text.count("[")})
    unclosed = _unclosed(text, "[", "]") + _unclosed(text, "(", ")")
    if unclosed > MARKDOWN_MAX_UNCLOSED:
        # Each one sends Python-Markdown's link search to the end of the text.
        raise PydanticCustomError("markdown_unclosed", "unclosed brackets", {"count": unclosed})
    return text


def _unclosed(text: str, opening: str, closing: str) -> int:
    depth = 0
    for char in text:
        if char == opening:
            depth += 1
        elif char == closing and depth:
            depth -= 1
    return depth


_MARKDOWN_PREFIX = re.compile(r"^(?:[ \t]|>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))+")
_MARKDOWN_MARKER = re.compile(r">|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)")


def _not_reserved(value: str) -> str:
    if value in RESERVED_PAGE_IDS:
        raise PydanticCustomError("reserved_id", "reserved", {"id": value})
    return value


def _duration_bound(value: str) -> str:
    if duration_hours(value) > DURATION_MAX_HOURS:
        raise PydanticCustomError("duration_too_long", "too long")
    return value


# Before-validators come last in each Annotated: they then run first, and the
# constraints to their left still reach the JSON Schema.
Text = Annotated[str, StringConstraints(strip_whitespace=True), BeforeValidator(_number_to_text)]
LanguageCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"),
    Field(description="A language code such as sv, fi, en or pt-BR."),
]
NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), BeforeValidator(_number_to_text)]
Markdown = Annotated[
    str,
    Field(
        description="Text that may use Markdown formatting (emphasis, lists, links), "
        f"at most {MARKDOWN_MAX_CHARS} characters.",
        max_length=MARKDOWN_MAX_CHARS,
    ),
    AfterValidator(_markdown_limits),
    BeforeValidator(_number_to_text),
]
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH),
    Field(
        description="A stable id: lower-case letters, digits and single hyphens, e.g. 'book-visit', "
        f"at most {SLUG_MAX_LENGTH} characters."
    ),
    BeforeValidator(_number_to_text),
]
PageSlug = Annotated[Slug, AfterValidator(_not_reserved)]
Date = Annotated[dt.date, BeforeValidator(to_date)]
Ref = Annotated[
    str,
    StringConstraints(pattern=REF_PATTERN, max_length=2 * SLUG_MAX_LENGTH + 1),
    Field(
        description="A reference: a journey id, or 'journey-id/item-id' for a step, pain point, "
        "gain point or root cause in that journey."
    ),
    BeforeValidator(_number_to_text),
]
Duration = Annotated[
    str,
    StringConstraints(pattern=DURATION_PATTERN),
    AfterValidator(_duration_bound),
    Field(description="A duration such as '30 minutes', '4 hours', '3 days', '2 weeks', '1 month'."),
]
Emotion = Annotated[
    int,
    Field(
        ge=EMOTION_MIN,
        le=EMOTION_MAX,
        description="How the customer feels: -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive.",
    ),
    BeforeValidator(to_number),
]
Score = Annotated[int, Field(ge=1, le=5, description="1 (lowest) to 5 (highest)."), BeforeValidator(to_number)]
Number = Annotated[float, Field(allow_inf_nan=False), BeforeValidator(to_number)]
Amount = Annotated[float, Field(ge=0, allow_inf_nan=False), BeforeValidator(to_number)]
Reviewed = Annotated[
    Date | None,
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


Version = Annotated[Literal[1], BeforeValidator(to_number), Field(description="The format version: 1.")]


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# --- organisation -----------------------------------------------------------------


class Team(Base):
    """An organisation unit that owns steps and backlog items."""

    id: PageSlug
    name: NonEmptyText
    organisation: Text = Field("", description="The organisation the unit belongs to, when several take part.")
    description: Markdown = ""
    contact: Text = ""


ChannelKind = Literal["web", "app", "phone", "letter", "email", "desk", "chat", "product", "other"]
# The values pages print through a label (render/label_keys.py maps each to its key).
Severity = Literal["low", "medium", "high"]
JourneyState = Literal["current", "future"]
InsightType = Literal["quote", "finding", "feedback", "analytics"]
InsightStatus = Literal["observed", "assumed", "proposed"]
BacklogStatus = Literal["idea", "planned", "in-progress", "done", "dropped"]
BetterDirection = Literal["higher", "lower"]
DemandPeriod = Literal["day", "week", "month", "year"]


class Channel(Base):
    """A way the customer meets the organisation, with what one contact costs."""

    id: Slug
    name: NonEmptyText
    type: ChannelKind = "other"
    cost_per_contact: Amount | None = Field(None, description="Average cost of one contact.")


class LifeEvent(Base):
    """What the customer is going through; journeys of several units belong to one."""

    id: Slug
    name: NonEmptyText
    description: Markdown = ""


class OrganisationFile(Base):
    kind: Literal["organisation"]
    version: Version = FORMAT_VERSION
    name: NonEmptyText
    currency: NonEmptyText = Field("SEK", description="Currency of every cost, e.g. SEK or EUR.")
    teams: list[Team] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    life_events: list[LifeEvent] = Field(default_factory=list)
    review_interval_months: Annotated[int, BeforeValidator(to_number)] = Field(
        12,
        ge=1,
        le=REVIEW_INTERVAL_MAX_MONTHS,
        description="How many months after its 'reviewed' date a journey or need group is due for review.",
    )


# --- need groups ------------------------------------------------------------------


class NeedGroupFile(Base):
    """A behaviour-based segment, not a demographic."""

    kind: Literal["need-group"]
    version: Version = FORMAT_VERSION
    id: PageSlug
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
    severity: Severity = "medium"
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
    volume: Amount = Field(description="Number of contacts per period.")
    per: DemandPeriod = "month"
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


def _journey_bounds(phases: list[Phase]) -> list[Phase]:
    steps = [step for phase in phases for step in phase.steps]
    if len(steps) > JOURNEY_MAX_STEPS:
        raise PydanticCustomError("journey_too_many_steps", "too many steps", {"count": len(steps)})
    pains = sum(len(step.pain_points) for step in steps)
    if pains > JOURNEY_MAX_PAIN_POINTS:
        raise PydanticCustomError("journey_too_many_pain_points", "too many pain points", {"count": pains})
    return phases


class RootCause(Base):
    id: Slug
    text: NonEmptyText
    consequence: Text = ""


class JourneyFile(Base):
    kind: Literal["journey"]
    version: Version = FORMAT_VERSION
    id: Slug
    title: NonEmptyText
    summary: NonEmptyText
    description: Markdown = ""
    state: JourneyState = "current"
    replaces: Slug | None = Field(None, description="For a future journey: the id of the current one.")
    life_event: Slug | None = None
    owner: Slug | None = None
    need_groups: list[Slug] = Field(default_factory=list)
    tags: list[NonEmptyText] = Field(default_factory=list)
    phases: Annotated[list[Phase], AfterValidator(_journey_bounds)] = Field(min_length=1)
    root_causes: list[RootCause] = Field(default_factory=list)
    reviewed: Reviewed = None


# --- insights, backlog, metrics, glossary -------------------------------------------


class Insight(Base):
    id: Slug
    type: InsightType
    text: NonEmptyText
    status: InsightStatus
    source: NonEmptyText
    date: Date | None = None
    about: list[Ref] = Field(min_length=1)
    need_groups: list[Slug] = Field(default_factory=list)


class InsightsFile(Base):
    kind: Literal["insights"]
    version: Version = FORMAT_VERSION
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
    status: BacklogStatus = "idea"
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
    version: Version = FORMAT_VERSION
    problem_areas: list[ProblemArea] = Field(min_length=1)


class MetricValue(Base):
    date: Date
    value: Number


MetricType = Literal["nki", "csi", "nps", "ces", "contacts"]


class Metric(Base):
    id: Slug
    name: NonEmptyText
    type: MetricType
    about: list[Ref] = Field(min_length=1)
    need_group: Slug | None = None
    unit: Text = ""
    target: Number | None = None
    better: BetterDirection | None = Field(
        None, description="Which direction is better; contacts default to lower, the rest to higher."
    )
    values: list[MetricValue] = Field(default_factory=list)
    values_csv: Text | None = Field(None, description="A CSV file with 'date,value' rows, relative to this YAML file.")

    @property
    def better_direction(self) -> BetterDirection:
        return self.better or ("lower" if self.type == "contacts" else "higher")


class MetricsFile(Base):
    kind: Literal["metrics"]
    version: Version = FORMAT_VERSION
    metrics: list[Metric] = Field(min_length=1)


#: JSON Schema marks the field deprecated: editors' YAML plugins strike it through.
_DEPRECATED: Final[dict[str, Any]] = {"deprecated": True}


class Term(Base):
    id: Slug
    term: NonEmptyText
    definition: NonEmptyText
    translations: dict[LanguageCode, NonEmptyText] = Field(
        default_factory=dict,
        description="The term in other languages, by language code, e.g. {sv: behovsgrupp, fi: tarveryhmä}.",
        json_schema_extra={"additionalProperties": False},
    )
    sv: Text = Field("", description="Deprecated: write translations: {sv: ...}.", json_schema_extra=_DEPRECATED)
    fi: Text = Field("", description="Deprecated: write translations: {fi: ...}.", json_schema_extra=_DEPRECATED)
    aliases: list[NonEmptyText] = Field(default_factory=list)
    see_also: list[Slug] = Field(default_factory=list)

    @model_validator(mode="after")
    def _old_language_fields(self) -> Term:
        """`sv:` and `fi:` (format 1 as first published) are read into translations; the loader warns."""
        for code, text in (("sv", self.sv), ("fi", self.fi)):
            if text and code not in self.translations:
                self.translations[code] = text
        return self


#: Term fields replaced by `translations:`; still read, with a warning (core/deprecations.py).
DEPRECATED_TERM_FIELDS: Final = ("sv", "fi")


class GlossaryFile(Base):
    kind: Literal["glossary"]
    version: Version = FORMAT_VERSION
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
