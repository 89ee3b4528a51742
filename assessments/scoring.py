"""Scoring a self-assessment: item → indicator → sub-dimension → dimension. Pure Python.

Rules (documented in docs/scoring.md and tested in tests/assessments/test_scoring.py):

1. Every answered item gives a score in [0, 1]:
   - ladder: the chosen level L of 1–6 gives (L − 1) / 5;
   - Likert: the value V of 1–5 gives (V − 1) / 4, or 1 − that when the item is reverse-scored;
   - scenario: 1 for the correct option, 0 otherwise;
   - reflection: not scored.
2. A skipped item (no answer, or an item not shown to the teacher's stage) is left out; it never
   counts as zero.
3. An indicator's score is the weighted mean of its answered items, ladder items weighing 2 and
   the others 1: the ladder is the teacher's own reading of their practice, the others check it.
   An indicator with no answered item is "not assessed" (None).
4. A sub-dimension's score is the plain mean of its assessed indicators; a dimension's is the
   plain mean of its assessed sub-dimensions (or of its indicators, in two-level frameworks).
   Nodes with nothing assessed are None. ``coverage`` says what share of indicators was assessed.
5. Scores are shown on the 1–6 proficiency scale as 1 + 5 × score; the level is that value
   rounded half up, so a score of 0.5 (3.5 on the scale) reads as level 4.
6. An attempt is scored against the instrument version it was taken on. Comparisons across
   attempts (growth) are made by indicator code, so they survive new instrument versions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import median
from typing import Any

LADDER_WEIGHT = 2.0
OTHER_WEIGHT = 1.0
LEVELS = 6
LIKERT_POINTS = 5


@dataclass(frozen=True)
class ItemSpec:
    key: str
    indicator: str
    type: str  # ladder | likert | scenario | reflection
    reverse: bool = False
    #: option id → ladder level / Likert value / correctness
    option_levels: Mapping[int, int] = field(default_factory=dict)
    correct_options: frozenset[int] = frozenset()


@dataclass(frozen=True)
class FrameworkTree:
    """indicator code → (sub-dimension code or None, dimension code), in framework order."""

    indicators: Mapping[str, tuple[str | None, str]]


@dataclass(frozen=True)
class Profile:
    indicators: dict[str, float | None]
    sub_dimensions: dict[str, float | None]
    dimensions: dict[str, float | None]
    coverage: float
    answered_items: int

    def to_dict(self) -> dict[str, object]:
        return {
            "indicators": self.indicators,
            "sub_dimensions": self.sub_dimensions,
            "dimensions": self.dimensions,
            "coverage": self.coverage,
            "answered_items": self.answered_items,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        """The inverse of :meth:`to_dict`, for a profile stored as JSON."""
        return cls(
            indicators=dict(data["indicators"]),
            sub_dimensions=dict(data["sub_dimensions"]),
            dimensions=dict(data["dimensions"]),
            coverage=float(data["coverage"]),
            answered_items=int(data["answered_items"]),
        )


def item_score(item: ItemSpec, option_id: int | None) -> float | None:
    """Rule 1 and 2: the item's score in [0, 1], or None when it does not count."""
    if option_id is None or item.type == "reflection":
        return None
    if item.type == "scenario":
        return 1.0 if option_id in item.correct_options else 0.0
    value = item.option_levels.get(option_id)
    if value is None:
        return None
    if item.type == "ladder":
        return _clamp((value - 1) / (LEVELS - 1))
    if item.type == "likert":
        score = _clamp((value - 1) / (LIKERT_POINTS - 1))
        return 1.0 - score if item.reverse else score
    raise ValueError(f"unknown item type {item.type!r}")


def _clamp(x: float) -> float:
    return min(1.0, max(0.0, x))


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def score(
    tree: FrameworkTree, items: Iterable[ItemSpec], answers: Mapping[str, int | None]
) -> Profile:
    """Score one attempt. ``answers`` maps item key → chosen option id (None or absent: skipped)."""
    weighted: dict[str, list[tuple[float, float]]] = {}
    answered = 0
    for item in items:
        s = item_score(item, answers.get(item.key))
        if s is None:
            continue
        answered += 1
        weight = LADDER_WEIGHT if item.type == "ladder" else OTHER_WEIGHT
        weighted.setdefault(item.indicator, []).append((s, weight))

    indicators: dict[str, float | None] = {}
    for code in tree.indicators:
        pairs = weighted.get(code)
        indicators[code] = (
            (sum(s * w for s, w in pairs) / sum(w for _, w in pairs)) if pairs else None
        )

    by_sub: dict[str, list[float | None]] = {}
    by_dim_direct: dict[str, list[float | None]] = {}
    sub_parent: dict[str, str] = {}
    for code, (sub, dim) in tree.indicators.items():
        if sub is None:
            by_dim_direct.setdefault(dim, []).append(indicators[code])
        else:
            by_sub.setdefault(sub, []).append(indicators[code])
            sub_parent[sub] = dim
    sub_dimensions = {sub: _mean(vals) for sub, vals in by_sub.items()}
    dims_order = list(dict.fromkeys(dim for _, dim in tree.indicators.values()))
    dimensions: dict[str, float | None] = {}
    for dim in dims_order:
        subs = [sub_dimensions[s] for s, d in sub_parent.items() if d == dim]
        dimensions[dim] = _mean(subs + by_dim_direct.get(dim, []))
    assessed = sum(1 for v in indicators.values() if v is not None)
    coverage = assessed / len(indicators) if indicators else 0.0
    return Profile(indicators, sub_dimensions, dimensions, coverage, answered)


def to_scale(score_: float | None) -> float | None:
    """Rule 5: a score in [0, 1] on the 1–6 proficiency scale."""
    return None if score_ is None else 1 + (LEVELS - 1) * score_


def to_level(score_: float | None) -> int | None:
    """Rule 5: the proficiency level (1–6), rounding half up."""
    scaled = to_scale(score_)
    return None if scaled is None else min(LEVELS, int(math.floor(scaled + 0.5)))


def weakest(scores: Mapping[str, float | None], n: int = 3) -> list[str]:
    """The ``n`` lowest assessed codes, ties broken by framework order."""
    order = {code: i for i, code in enumerate(scores)}
    assessed = [(s, order[c], c) for c, s in scores.items() if s is not None]
    return [c for _, _, c in sorted(assessed)[:n]]


def strongest(scores: Mapping[str, float | None], n: int = 3) -> list[str]:
    order = {code: i for i, code in enumerate(scores)}
    assessed = [(-s, order[c], c) for c, s in scores.items() if s is not None]
    return [c for _, _, c in sorted(assessed)[:n]]


def growth(
    current: Mapping[str, float | None], earlier: Mapping[str, float | None]
) -> dict[str, float | None]:
    """Change per code on the 1–6 scale; None where either attempt did not assess it."""
    out: dict[str, float | None] = {}
    for code, now in current.items():
        before = earlier.get(code)
        out[code] = None if now is None or before is None else (now - before) * (LEVELS - 1)
    return out


#: The fewest colleagues whose results may be summarised; below it nothing is shown.
MIN_COHORT = 5


def cohort_median(values: Iterable[float | None], *, minimum: int = MIN_COHORT) -> float | None:
    """The median of colleagues' scores, or None when fewer than ``minimum`` have one."""
    present = [v for v in values if v is not None]
    if len(present) < minimum:
        return None
    return float(median(present))


#: How much a crosswalk link counts when a profile is read in another framework.
CROSSWALK_WEIGHTS = {"full": 2.0, "partial": 1.0}


def crosswalk(
    scores: Mapping[str, float | None], links: Iterable[tuple[str, str, str]]
) -> dict[str, float | None]:
    """Read indicator scores in another framework: each target competence gets the weighted mean of
    the assessed source indicators linked to it (a full link weighs 2, a partial one 1); a target
    with no assessed source is None."""
    sums: dict[str, list[float]] = {}
    for source, target, strength in links:
        bucket = sums.setdefault(target, [0.0, 0.0])
        value = scores.get(source)
        if value is None:
            continue
        weight = CROSSWALK_WEIGHTS.get(strength, 1.0)
        bucket[0] += value * weight
        bucket[1] += weight
    return {
        target: (total / weight if weight else None) for target, (total, weight) in sums.items()
    }
