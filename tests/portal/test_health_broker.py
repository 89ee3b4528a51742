"""/readyz and the task broker, without any service running: a broker URL that points at a closed
local port stands for a broker that is down."""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest

from portal.celery import app as celery_app


def closed_local_port() -> int:
    """A loopback port that nothing listens on: bound once to learn a free number, then released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def point_broker_at(settings, monkeypatch) -> Callable[[str], None]:
    """Point both Django's settings and the Celery app at another broker for one test."""

    def point(url: str) -> None:
        settings.CELERY_BROKER_URL = url
        # Celery prefers the CELERY_BROKER_URL environment variable to its own configuration.
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        monkeypatch.setitem(celery_app.conf, "broker_url", url)

    return point


def failing_checks(payload: dict) -> list[str]:
    return sorted(name for name, check in payload["checks"].items() if not check["ok"])


@pytest.mark.django_db
def test_readyz_is_unavailable_and_names_the_broker_when_the_broker_is_down(
    client, point_broker_at
):
    port = closed_local_port()
    point_broker_at(f"redis://127.0.0.1:{port}/0")

    response = client.get("/readyz")

    assert response.status_code == 503
    payload = response.json()
    assert payload["status"] == "unavailable"
    assert failing_checks(payload) == ["broker"]
    assert str(port) in payload["checks"]["broker"]["error"]


@pytest.mark.django_db
def test_readyz_is_ready_with_tasks_in_process_when_no_broker_is_configured(
    client, point_broker_at
):
    point_broker_at("")

    response = client.get("/readyz")

    assert response.status_code == 200
    payload = response.json()
    assert failing_checks(payload) == []
    assert payload["checks"]["broker"]["detail"] == "in-process (no broker configured)"
