"""Tasks cross a real broker to a worker in another process, which works on the same database."""

from __future__ import annotations

import time

import pytest
from celery.result import AsyncResult
from django.conf import settings
from django.core import mail

from accounts.models import Invitation, Role
from accounts.services import invite_staff
from portal.celery import app as celery_app
from portal.celery import ping
from tests.factories import SchoolFactory, member
from tests.portal.test_health_broker import closed_local_port, failing_checks

pytestmark = [
    pytest.mark.integration,
    # Checked before any fixture, so that a run without services skips without building a database.
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL,
        reason="needs a real broker: set CELERY_BROKER_URL (as .ci/run does)",
    ),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs PostgreSQL, shared with the worker's process: set DATABASE_URL",
    ),
]

TASK_TIMEOUT = 30.0


def test_worker_runs_ping_task(celery_worker, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False

    sent = ping.delay()
    result = AsyncResult(sent.id, app=celery_app, backend=celery_worker.result_backend)

    assert result.get(timeout=TASK_TIMEOUT) == "pong"
    assert result.state == "SUCCESS"


def test_worker_sends_invitation_email_and_marks_it_sent(celery_worker, transactional_db):
    school = SchoolFactory()
    principal = member(Role.PRINCIPAL, school)

    # invite_staff commits its own transaction; its on_commit hook publishes to the broker.
    invitation = invite_staff(
        school=school, email="new.teacher@school.example", role=Role.TEACHER, by=principal
    )

    deadline = time.monotonic() + TASK_TIMEOUT
    while Invitation.objects.get(pk=invitation.pk).sent_at is None:
        if time.monotonic() > deadline:
            pytest.fail(
                f"the worker did not mark the invitation sent within {TASK_TIMEOUT:.0f} s; "
                f"its log is at {celery_worker.log_path}"
            )
        time.sleep(0.2)
    # The e-mail went out from the worker's process, not from this one.
    assert mail.outbox == []


@pytest.mark.django_db
def test_readyz_reports_a_stopped_broker(client, settings, monkeypatch):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["broker"]["detail"] == "connected"

    stopped = f"redis://127.0.0.1:{closed_local_port()}/0"
    settings.CELERY_BROKER_URL = stopped
    # Celery prefers the CELERY_BROKER_URL environment variable to its own configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", stopped)
    monkeypatch.setitem(celery_app.conf, "broker_url", stopped)

    response = client.get("/readyz")
    assert response.status_code == 503
    assert failing_checks(response.json()) == ["broker"]
