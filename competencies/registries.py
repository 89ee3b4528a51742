"""Two small interfaces other apps register with, so that this app never imports them.

- Evidence: what a person has done towards an indicator (a completed course, a badge, a finding
  from an analysed lesson). The self-assessment's evidence page shows it beside the self-rating.
- Recommendations: what a person could do next for an indicator (a course, a task). The
  self-assessment report asks for the weakest indicators.

A provider is a function taking ``user`` and a list of indicators and returning a list of items;
it must return only what that user may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceItem:
    indicator_code: str
    kind: str  # e.g. "course", "badge", "lesson"
    title: str
    url: str = ""
    date: dt.date | None = None
    detail: str = ""


@dataclass(frozen=True)
class Recommendation:
    indicator_code: str
    kind: str
    title: str
    url: str
    detail: str = ""


EvidenceProvider = Callable[..., Iterable[EvidenceItem]]
RecommendationProvider = Callable[..., Iterable[Recommendation]]

_evidence: dict[str, EvidenceProvider] = {}
_recommendations: dict[str, RecommendationProvider] = {}


def register_evidence(name: str, provider: EvidenceProvider) -> None:
    _evidence[name] = provider


def register_recommendations(name: str, provider: RecommendationProvider) -> None:
    _recommendations[name] = provider


def unregister(name: str) -> None:
    _evidence.pop(name, None)
    _recommendations.pop(name, None)


def evidence_for(user, indicators) -> dict[str, list[EvidenceItem]]:
    indicators = list(indicators)
    out: dict[str, list[EvidenceItem]] = {i.code: [] for i in indicators}
    for provider in _evidence.values():
        for item in provider(user=user, indicators=indicators):
            out.setdefault(item.indicator_code, []).append(item)
    return out


def recommendations_for(
    user, indicators, *, per_indicator: int = 3
) -> dict[str, list[Recommendation]]:
    indicators = list(indicators)
    out: dict[str, list[Recommendation]] = {i.code: [] for i in indicators}
    for provider in _recommendations.values():
        for item in provider(user=user, indicators=indicators):
            bucket = out.setdefault(item.indicator_code, [])
            if len(bucket) < per_indicator:
                bucket.append(item)
    return out
