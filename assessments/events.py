"""Achievements announced by this app. Other apps (badges) subscribe; this app imports none of them.

A subscriber is a callable taking keyword arguments; it must be idempotent, because an event may be
announced again after a retry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

_subscribers: list[Callable[..., Any]] = []


def subscribe(callback: Callable[..., Any]) -> Callable[..., Any]:
    if callback not in _subscribers:
        _subscribers.append(callback)
    return callback


def self_assessment_completed(*, attempt) -> None:
    """A teacher submitted a self-assessment; ``attempt.result`` holds the scored profile."""
    for callback in list(_subscribers):
        try:
            callback(event="self_assessment_completed", attempt=attempt)
        except Exception:  # a subscriber's failure must not undo the teacher's submission
            logger.exception("subscriber %r failed on self_assessment_completed", callback)
