"""The label key of every model value a page prints: one typed table per Literal.

Keys were once built at runtime (``L[f"status_{item.status}"]``), which mypy
cannot check and a test could only exempt. Here each Literal of the models maps
to its key, so a new value without a label is a type error (mypy checks that
each table is indexed with its Literal) and a test checks that every value has
a key that every catalog holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ..core.analysis import ComparedField
from ..core.models import (
    BacklogStatus,
    BetterDirection,
    DemandPeriod,
    InsightStatus,
    InsightType,
    JourneyState,
    MetricType,
    Severity,
)

BACKLOG_STATUS: Final[Mapping[BacklogStatus, str]] = {
    "idea": "status_idea",
    "planned": "status_planned",
    "in-progress": "status_in-progress",
    "done": "status_done",
    "dropped": "status_dropped",
}
INSIGHT_STATUS: Final[Mapping[InsightStatus, str]] = {
    "observed": "status_observed",
    "assumed": "status_assumed",
    "proposed": "status_proposed",
}
INSIGHT_TYPE: Final[Mapping[InsightType, str]] = {
    "quote": "insight_quote",
    "finding": "insight_finding",
    "feedback": "insight_feedback",
    "analytics": "insight_analytics",
}
SEVERITY: Final[Mapping[Severity, str]] = {
    "low": "severity_low",
    "medium": "severity_medium",
    "high": "severity_high",
}
JOURNEY_STATE: Final[Mapping[JourneyState, str]] = {
    "current": "state_current",
    "future": "state_future",
}
METRIC_TYPE: Final[Mapping[MetricType, str]] = {
    "nki": "metric_nki",
    "csi": "metric_csi",
    "nps": "metric_nps",
    "ces": "metric_ces",
    "contacts": "metric_contacts",
}
BETTER: Final[Mapping[BetterDirection, str]] = {
    "higher": "better_higher",
    "lower": "better_lower",
}
DEMAND_PERIOD: Final[Mapping[DemandPeriod, str]] = {
    "day": "per_day",
    "week": "per_week",
    "month": "per_month",
    "year": "per_year",
}
COMPARED_FIELD: Final[Mapping[ComparedField, str]] = {
    "name": "field_name",
    "does": "field_does",
    "owner": "field_owner",
    "channels": "field_channels",
    "waiting": "field_waiting",
    "duration": "field_duration",
}
#: Emotion is a score from EMOTION_MIN to EMOTION_MAX (core.models); a test checks every score has a key.
EMOTION: Final[Mapping[int, str]] = {
    -2: "emotion_-2",
    -1: "emotion_-1",
    0: "emotion_0",
    1: "emotion_1",
    2: "emotion_2",
}
