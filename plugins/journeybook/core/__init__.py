"""The engine-independent core: YAML -> typed models -> validation -> cross-references.

Nothing here imports MkDocs, so the same handbook data can feed another site
engine, the CLI, or a test, unchanged.
"""

from __future__ import annotations

from .handbook import BacklogEntry, Handbook, HandbookCache, Origin, journey_pain_points, journey_steps, load_handbook
from .problems import HandbookError, Problem, format_problems

__all__ = [
    "BacklogEntry",
    "Handbook",
    "HandbookCache",
    "HandbookError",
    "Origin",
    "Problem",
    "format_problems",
    "journey_pain_points",
    "journey_steps",
    "load_handbook",
]
