"""What kind of thing an id names, and references to things by id.

One value per entity kind, written as an editor reads it ("need group",
"backlog item"): the same value keys the handbook's tables and appears in
every message, so a message can never name a kind differently from another.
References are written in YAML as 'journey' or 'journey/item'; :func:`split_ref`
is the one place that text form is taken apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """Every kind of entity a handbook holds, as named in messages."""

    ORGANISATION = "organisation"
    TEAM = "team"
    CHANNEL = "channel"
    LIFE_EVENT = "life event"
    NEED_GROUP = "need group"
    JOURNEY = "journey"
    PHASE = "phase"
    STEP = "step"
    PAIN_POINT = "pain point"
    GAIN_POINT = "gain point"
    ROOT_CAUSE = "root cause"
    FAILURE_DEMAND = "failure demand"
    INSIGHT = "insight"
    BACKLOG_ITEM = "backlog item"
    METRIC = "metric"
    TERM = "term"

    @property
    def slug(self) -> str:
        """The kind as written in ids and placeholders: 'need-group', 'pain-point'."""
        return self.value.replace(" ", "-")

    @property
    def journey_local(self) -> bool:
        """Whether ids of this kind live inside one journey and are referred to as 'journey/id'."""
        return self in LOCAL_KINDS


#: Kinds whose ids are unique within a journey only (steps, pain points, ...), not across the handbook.
LOCAL_KINDS = frozenset({Kind.STEP, Kind.PAIN_POINT, Kind.GAIN_POINT, Kind.ROOT_CAUSE, Kind.FAILURE_DEMAND})


def split_ref(text: str) -> tuple[str, str | None]:
    """'journey/item' -> ('journey', 'item'); 'journey' -> ('journey', None).

    Only the first slash separates: ids cannot hold one, so anything after it
    is the (possibly misspelt) local id, reported as written.
    """
    journey, _, local = text.partition("/")
    return journey, local or None


@dataclass(frozen=True, order=True)
class Ref:
    """A resolved reference: a kind, an id, and the journey for an id inside a journey."""

    kind: Kind
    id: str
    journey: str | None = None

    def __post_init__(self) -> None:
        if self.kind.journey_local != (self.journey is not None):
            raise ValueError(f"a {self.kind} reference {'needs' if self.kind.journey_local else 'takes no'} journey")

    @classmethod
    def parse(cls, text: str, local_kind: Kind | None = None) -> Ref:
        """A reference from its text form; local_kind says what the part after the slash names.

        'journey-id' is a journey; 'journey-id/item-id' needs local_kind (one of
        :data:`LOCAL_KINDS`), which the handbook knows once it has read the journey
        (see `Handbook.resolve`).
        """
        journey, local = split_ref(text)
        if local is None:
            return cls(Kind.JOURNEY, journey)
        if local_kind is None:
            raise ValueError(f"'{text}' names an item in a journey: its kind must be given")
        return cls(local_kind, local, journey)

    def __str__(self) -> str:
        return f"{self.journey}/{self.id}" if self.journey is not None else self.id
