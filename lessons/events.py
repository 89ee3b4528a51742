"""Achievements this app announces (a lesson analysed). Subscribers must be idempotent
(see :mod:`portal.events`)."""

from __future__ import annotations

from portal.events import Announcer

_announcer = Announcer(__name__)
subscribe = _announcer.subscribe
unsubscribe = _announcer.unsubscribe


def lesson_analysed(*, lesson) -> None:
    _announcer.announce("lesson_analysed", lesson=lesson)
