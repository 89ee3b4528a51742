"""Which rules an achievement satisfies. Pure: no Django import."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from assessments.scoring import to_level


def dimension_levels(result: Mapping[str, Any] | None) -> dict[str, int]:
    """Proficiency level (1–6) per assessed dimension of a scored self-assessment profile."""
    dimensions = (result or {}).get("dimensions") or {}
    levels: dict[str, int] = {}
    for code, score in dimensions.items():
        level = to_level(score) if isinstance(score, int | float) else None
        if level is not None:
            levels[str(code)] = level
    return levels


def reaches_level(levels: Mapping[str, int], *, dimension_code: str, minimum_level: int) -> bool:
    return levels.get(dimension_code, 0) >= minimum_level


def pathway_complete(required: Collection[int], held: Collection[int]) -> bool:
    """A pathway with nothing required is never complete: it would award itself to everyone."""
    return bool(required) and set(required) <= set(held)
