"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and serving requests; touches nothing else."""
    return JsonResponse({"status": "ok"})


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _check_cache() -> str:
    key = "readyz:probe"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("value written was not read back")
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def _check_broker() -> str:
    from portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "connected"


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Every backing service this process depends on answers: database, cache and, when one is
    configured, the task broker. 503 with the failing check named when any does not."""
    checks: dict[str, dict[str, object]] = {}
    probes = {"database": _check_database, "cache": _check_cache}
    if settings.CELERY_BROKER_URL:
        probes["broker"] = _check_broker
    for name, probe in probes.items():
        started = time.perf_counter()
        try:
            detail = probe()
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            checks[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
        else:
            checks[name] = {"ok": True, "detail": detail}
        checks[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    if not settings.CELERY_BROKER_URL:
        checks["broker"] = {"ok": True, "detail": "in-process (no broker configured)", "ms": 0.0}
    ready = all(c["ok"] for c in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )
