"""One small pattern for announcing achievements across apps.

The app that owns an achievement (a task approved, a course completed, a self-assessment submitted)
keeps an :class:`Announcer` in its ``events.py`` and exposes one function per event. Other apps
(badges) subscribe; the announcing app imports none of them (docs/architecture.md).

A subscriber is a callable taking keyword arguments, the first of which is ``event`` (its name). It
must be idempotent, because an event may be announced again after a retry. A subscriber that fails
is logged and skipped: it must never undo the achievement that was announced.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)


class Announcer:
    def __init__(self, owner: str) -> None:
        self.owner = owner
        self._subscribers: list[Callable[..., Any]] = []

    def subscribe(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        if callback not in self._subscribers:
            self._subscribers.append(callback)
        return callback

    def unsubscribe(self, callback: Callable[..., Any]) -> None:
        if callback in self._subscribers:
            self._subscribers.remove(callback)

    def announce(self, event: str, **payload: Any) -> None:
        for callback in list(self._subscribers):
            try:
                callback(event=event, **payload)
            except Exception:
                logger.exception("%s: subscriber %r failed on %s", self.owner, callback, event)
