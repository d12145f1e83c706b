"""The engine-independent core: YAML -> typed models -> validation -> cross-references -> gaps -> figures.

Nothing here imports MkDocs, so the same handbook data can feed another site
engine, the CLI, or a test, unchanged.
"""

from __future__ import annotations

from .handbook import BacklogEntry, Handbook, HandbookCache, Origin, journey_pain_points, journey_steps, load_handbook
from .kinds import Kind, Ref
from .problems import HandbookError, Problem, format_problems

__all__ = [
    "BacklogEntry",
    "Handbook",
    "HandbookCache",
    "HandbookError",
    "Kind",
    "Origin",
    "Problem",
    "Ref",
    "format_problems",
    "journey_pain_points",
    "journey_steps",
    "load_handbook",
]
