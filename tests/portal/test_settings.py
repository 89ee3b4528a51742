"""Settings: embedded defaults, production refuses to start unsafely, check --deploy passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "R4nd0m-But-Long-Enough-For-Production-Use-0123456789"


def run_manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "REDIS_"))
    }
    clean.update({"PORTAL_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_embedded_defaults_need_no_services():
    assert settings.CELERY_TASK_ALWAYS_EAGER is (not settings.CELERY_BROKER_URL)
    if not os.environ.get("DATABASE_URL"):
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


def test_local_runs_generate_and_keep_a_secret_key(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_manage(
        "shell",
        "-c",
        code,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
        tmp_path=tmp_path,
    )
    second = run_manage(
        "shell",
        "-c",
        code,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
        tmp_path=tmp_path,
    )
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50 and key == second.stdout.strip()
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage(
        "check",
        env={
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_ALLOWED_HOSTS": "tdl.example.hk",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_production_settings_pass_check_deploy(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_SECRET_KEY": STRONG_KEY,
            "DJANGO_ALLOWED_HOSTS": "tdl.example.hk",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variable", "provider"), [("GOOGLE_CLIENT_ID", "google"), ("MICROSOFT_CLIENT_ID", "microsoft")]
)
def test_school_sign_in_providers_switch_on_with_their_client_id(tmp_path, variable, provider):
    code = (
        "from django.conf import settings; "
        "print(sorted(p for p, c in settings.SOCIALACCOUNT_PROVIDERS.items() if c.get('APPS')))"
    )
    off = run_manage(
        "shell",
        "-c",
        code,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
        tmp_path=tmp_path,
    )
    on = run_manage(
        "shell",
        "-c",
        code,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.dev", variable: "client-123"},
        tmp_path=tmp_path,
    )
    assert off.returncode == 0 and on.returncode == 0, off.stderr + on.stderr
    assert provider not in off.stdout
    assert provider in on.stdout
