"""Metric conditions of performance tasks, evaluated on lesson analyses. Pure: no Django.

A condition names a measure of one analysed lesson (see ``lessons/analysis/metrics.py`` for the keys
it reads), a comparison and a value. ``at_least``/``at_most`` look at the latest lesson;
``increase``/``decrease`` compare the latest lesson with the first (the baseline), in the measure's
own unit (percentage points for shares).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

AT_LEAST = "at_least"
AT_MOST = "at_most"
INCREASE = "increase"
DECREASE = "decrease"
COMPARISONS = (AT_LEAST, AT_MOST, INCREASE, DECREASE)


@dataclass(frozen=True)
class Measure:
    key: str
    unit: str  # "%" for shares shown as percentages, "s" for seconds, "" for counts and ratios
    paths: tuple[tuple[str, ...], ...]  # tried in order; the first that has a value wins
    percent: bool = False  # stored as a fraction 0–1, shown and compared as 0–100


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure("open_question_share", "%", (("questions", "open_share"),), percent=True),
        Measure("higher_order_share", "%", (("questions", "higher_order_share"),), percent=True),
        Measure(
            "student_talk_share",
            "%",
            (("talk", "time_share", "student"), ("talk", "word_share", "student")),
            percent=True,
        ),
        Measure("questions_per_10_min", "", (("questions", "per_10_min"),)),
        Measure("wait_time_seconds", "s", (("wait_time", "mean_seconds"),)),
        Measure("uptake_share", "%", (), percent=True),  # IRF chains closed with uptake
        Measure("participation_gini", "", (("participation", "gini_turns"),)),
    )
}


def _lookup(metrics: Mapping[str, Any], path: Sequence[str]) -> Any:
    node: Any = metrics
    for part in path:
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def measure(metrics: Mapping[str, Any], key: str) -> float | None:
    """The value of one measure in one lesson's metrics, in its display unit, or None if unknown."""
    spec = MEASURES[key]
    value: Any = None
    if key == "uptake_share":
        chains = _lookup(metrics, ("irf", "chains"))
        uptake = _lookup(metrics, ("irf", "irf_uptake"))
        if isinstance(chains, int | float) and chains and isinstance(uptake, int | float):
            value = uptake / chains
    else:
        for path in spec.paths:
            value = _lookup(metrics, path)
            if value is not None:
                break
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    number = float(value)
    return round(100 * number, 1) if spec.percent else round(number, 2)


@dataclass(frozen=True)
class ConditionResult:
    metric: str
    comparison: str
    value: float
    observed: float | None  # the measure (or the change) that was compared
    baseline: float | None
    latest: float | None
    met: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "comparison": self.comparison,
            "value": self.value,
            "observed": self.observed,
            "baseline": self.baseline,
            "latest": self.latest,
            "met": self.met,
        }


def evaluate(
    conditions: Sequence[tuple[str, str, float]], lessons: Sequence[Mapping[str, Any]]
) -> list[ConditionResult]:
    """Evaluate ``(metric, comparison, value)`` conditions on lessons' metrics, baseline first.

    A condition whose measure is unknown in a lesson (an untimed transcript has no wait time) is not
    met, and says so by ``observed`` being None.
    """
    results = []
    for metric, comparison, value in conditions:
        if metric not in MEASURES or comparison not in COMPARISONS:
            raise ValueError(f"unknown condition {metric!r} {comparison!r}")
        latest = measure(lessons[-1], metric) if lessons else None
        baseline = measure(lessons[0], metric) if len(lessons) >= 2 else None
        if comparison in (AT_LEAST, AT_MOST):
            observed = latest
        elif latest is not None and baseline is not None:
            observed = round(latest - baseline, 2)
        else:
            observed = None
        if observed is None:
            met = False
        elif comparison == AT_LEAST:
            met = observed >= value
        elif comparison == AT_MOST:
            met = observed <= value
        elif comparison == INCREASE:
            met = observed >= value
        else:
            met = -observed >= value
        results.append(ConditionResult(metric, comparison, value, observed, baseline, latest, met))
    return results


def word_count(text: str) -> int:
    """Words in a reflection: Latin-script words, plus each CJK character as one word."""
    count = 0
    in_word = False
    for ch in text:
        if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000":
            count += 1
            in_word = False
        elif ch.isalnum():
            if not in_word:
                count += 1
                in_word = True
        elif ch in "'’-" and in_word:
            continue
        else:
            in_word = False
    return count
