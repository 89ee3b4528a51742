"""A person edits their names, language and teaching profile in one form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import TeacherProfile
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_profile_saves_names_language_and_teaching_details_together(client, school):
    teacher = member("teacher", school, full_name="Old Name")
    client.force_login(teacher)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Chan Siu Ming",
            "name_zh": "陳小明",
            "preferred_language": "zh-hant",
            "stage": "in_service",
            "subjects": "Mathematics",
            "years_of_experience": "6",
            "rank": "",
            "institution": "",
        },
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert (teacher.full_name, teacher.name_zh, teacher.preferred_language) == (
        "Chan Siu Ming",
        "陳小明",
        "zh-hant",
    )
    profile = TeacherProfile.objects.get(user=teacher)
    assert (profile.subjects, profile.years_of_experience) == ("Mathematics", 6)


def test_a_profile_without_any_name_is_refused_and_nothing_changes(client, school):
    teacher = member("teacher", school, full_name="Kept Name")
    client.force_login(teacher)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "", "name_zh": "", "preferred_language": "en", "stage": "in_service"},
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.full_name == "Kept Name"
