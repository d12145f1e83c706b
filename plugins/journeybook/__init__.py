"""journeybook: customer journeys, blueprints and need groups as a static handbook."""

from __future__ import annotations

__version__ = "0.1.0"
