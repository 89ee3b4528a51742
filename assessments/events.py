"""Achievements announced by this app. Other apps (badges) subscribe; this app imports none of them.

Subscribers receive ``event`` and the keyword arguments below and must be idempotent
(see :mod:`portal.events`).
"""

from __future__ import annotations

from portal.events import Announcer

_announcer = Announcer(__name__)
subscribe = _announcer.subscribe
unsubscribe = _announcer.unsubscribe


def self_assessment_completed(*, attempt) -> None:
    """A teacher submitted a self-assessment; ``attempt.result`` holds the scored profile."""
    _announcer.announce("self_assessment_completed", attempt=attempt)


def task_approved(*, submission) -> None:
    """A mentor approved a performance-task submission (``submission.task`` is the task)."""
    _announcer.announce("task_approved", submission=submission)
