"""Gate: every model holding personal data is registered for export and erasure."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import Invitation, Membership, User
from accounts.personal_data import (
    erase_personal_data,
    export_personal_data,
    registry,
    uncovered_models,
)
from tests.factories import InvitationFactory, member


def test_every_model_with_personal_data_is_registered():
    uncovered = uncovered_models(apps.get_models())
    assert not uncovered, (
        "Register these models in their app's privacy.py (accounts.personal_data.registry):\n"
        + "\n".join(uncovered)
    )


def test_the_user_model_itself_is_registered():
    assert registry.is_covered(User)


@pytest.mark.django_db
def test_export_contains_the_persons_own_rows_and_no_secrets(school):
    teacher = member("teacher", school, name_zh="陳大文")
    data = export_personal_data(teacher)
    assert data["accounts.User"]["rows"][0]["email"] == teacher.email
    assert data["accounts.User"]["rows"][0]["name_zh"] == "陳大文"
    assert "password" not in data["accounts.User"]["rows"][0]
    assert data["accounts.Membership"]["rows"][0]["school"] == school.pk
    json.dumps(data)  # JSON-ready


@pytest.mark.django_db
def test_export_leaves_out_other_peoples_rows(school):
    teacher = member("teacher", school)
    member("teacher", school)
    assert len(export_personal_data(teacher)["accounts.Membership"]["rows"]) == 1


@pytest.mark.django_db
def test_erasure_deletes_the_account_and_anonymises_what_the_school_keeps(school):
    principal = member("principal", school)
    invitation = InvitationFactory(school=school, invited_by=principal)
    colleague = member("teacher", school)
    counts = erase_personal_data(principal)
    assert not User.objects.filter(pk=principal.pk).exists()
    assert not Membership.objects.filter(user_id=principal.pk).exists()
    invitation.refresh_from_db()
    assert invitation.invited_by is None
    assert counts["accounts.Invitation"] == 1
    assert User.objects.filter(pk=colleague.pk).exists()


@pytest.mark.django_db
def test_export_and_erase_commands(school, tmp_path, capsys):
    teacher = member("teacher", school)
    out = tmp_path / "export.json"
    call_command("export_personal_data", teacher.email, "--output", str(out))
    assert json.loads(out.read_text())["accounts.User"]["rows"][0]["email"] == teacher.email
    call_command("erase_personal_data", teacher.email, "--yes")
    assert not User.objects.filter(email=teacher.email).exists()
    assert Invitation.objects.count() == 0
