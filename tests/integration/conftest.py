"""A real Celery worker, in its own process, on the broker from CELERY_BROKER_URL and on the
PostgreSQL test database that pytest-django created for this run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.app.backends import by_url
from celery.backends.base import Backend
from django.conf import settings
from django.db import connection

from portal.celery import app as celery_app

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKER_START_TIMEOUT = 90.0
WORKER_STOP_TIMEOUT = 15.0


@dataclass(frozen=True)
class RunningWorker:
    hostname: str
    result_backend: Backend
    log_path: Path


def _skip_without_services() -> None:
    if not settings.CELERY_BROKER_URL:
        pytest.skip("needs a real broker: set CELERY_BROKER_URL (as .ci/run does)")
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL, shared with the worker's process: set DATABASE_URL")


def _database_url(settings_dict: dict) -> str:
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or ""
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(settings_dict['NAME'], safe='')}"


def _log_tail(path: Path, lines: int = 40) -> str:
    text = path.read_text(errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    # A warm shutdown first, so that the worker closes its database connection cleanly before
    # pytest-django drops the test database.
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=WORKER_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=WORKER_STOP_TIMEOUT)


@pytest.fixture(scope="module")
def celery_worker(django_db_setup, tmp_path_factory) -> Iterator[RunningWorker]:
    _skip_without_services()
    # After django_db_setup the connection's NAME is the test database, e.g. test_tdl_ci.
    database_url = _database_url(connection.settings_dict)
    # Without a result backend configured, the broker (Redis) keeps the results as well.
    result_backend_url = os.environ.get("CELERY_RESULT_BACKEND") or settings.CELERY_BROKER_URL
    backend_cls, backend_url = by_url(result_backend_url, celery_app.loader)
    result_backend = backend_cls(app=celery_app, url=backend_url)

    hostname = f"integration-{uuid.uuid4().hex[:8]}@%h"
    log_path = tmp_path_factory.mktemp("celery") / "worker.log"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_RESULT_BACKEND": result_backend_url,
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "portal",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "--loglevel=INFO",
        f"--hostname={hostname}",
        # Tasks left in the queue by earlier runs or by tests that ran without a worker refer to
        # rows of other databases: drop them before this worker takes any.
        "--purge",
        # A lone worker has no peers to gossip with or sync from: it starts and stops faster.
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    node = hostname.replace("%h", os.uname().nodename)
    try:
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"the Celery worker exited with {process.returncode} before answering:\n"
                    + _log_tail(log_path)
                )
            if celery_app.control.ping(destination=[node], timeout=1.0):
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the Celery worker did not answer within {WORKER_START_TIMEOUT:.0f} s:\n"
                    + _log_tail(log_path)
                )
        yield RunningWorker(hostname=node, result_backend=result_backend, log_path=log_path)
    finally:
        _stop(process)
