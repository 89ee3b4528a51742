"""Achievements this app announces (a lesson analysed). Subscribers must be idempotent."""

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


def lesson_analysed(*, lesson) -> None:
    for callback in list(_subscribers):
        try:
            callback(event="lesson_analysed", lesson=lesson)
        except Exception:  # a subscriber must not undo the teacher's analysis
            logger.exception("subscriber %r failed on lesson_analysed", callback)
