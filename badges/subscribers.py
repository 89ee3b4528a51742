"""Achievement events the badges app listens to (docs/architecture.md: the owner announces,
badges subscribes; the owners import nothing from here)."""

from __future__ import annotations

import importlib
import logging
from typing import Any

logger = logging.getLogger(__name__)


def on_assessment_event(*, event: str, **payload: Any) -> None:
    from badges import services

    if event == "task_approved":
        services.award_for_task(submission=payload["submission"])
    elif event == "self_assessment_completed":
        services.award_for_self_assessment(attempt=payload["attempt"])


def on_course_event(*, event: str, **payload: Any) -> None:
    from badges import services

    if event == "course_completed":
        services.award_for_course(enrolment=payload["enrolment"])


def connect() -> None:
    from assessments import events as assessment_events

    assessment_events.subscribe(on_assessment_event)
    try:
        course_events = importlib.import_module("courses.events")
    except ImportError:
        return
    subscribe = getattr(course_events, "subscribe", None)
    if subscribe is not None:
        subscribe(on_course_event)
