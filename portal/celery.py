"""The Celery application. With no CELERY_BROKER_URL the settings make every task run in-process,
so the embedded runtime needs no worker; with Redis the same tasks run on workers."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="portal.ping")
def ping() -> str:
    """A no-op used by readiness checks and tests to see that a worker answers."""
    return "pong"
