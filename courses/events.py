"""Achievements announced by this app. Other apps (badges) subscribe; this app imports none of them.

Subscribers receive ``event`` and the keyword arguments below and must be idempotent
(see :mod:`portal.events`).
"""

from __future__ import annotations

from portal.events import Announcer

_announcer = Announcer(__name__)
subscribe = _announcer.subscribe
unsubscribe = _announcer.unsubscribe


def course_completed(*, enrolment) -> None:
    """A teacher completed every unit of a course (``enrolment.user``, ``enrolment.course.slug``;
    ``enrolment.certificate`` and the CPD entry exist by then)."""
    _announcer.announce("course_completed", enrolment=enrolment)
