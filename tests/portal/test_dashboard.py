"""Each role's dashboard, in English and Traditional Chinese."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PANELS = {
    "teacher": {"teacher"},
    "other_teacher": {"teacher"},
    "mentor": {"mentor"},
    "principal": {"school-leader"},
    "school_admin": {"school-leader"},
    "edb_admin": {"edb"},
}
ALL_PANELS = {"teacher", "mentor", "school-leader", "edb", "reviewer", "no-school"}


def dashboard_html(client, user, language="en") -> str:
    client.force_login(user)
    with translation.override(language):
        url = reverse("dashboard")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", list(PANELS))
def test_each_role_sees_its_own_panels_and_no_others(client, people, role):
    html = dashboard_html(client, people[role])
    for panel in ALL_PANELS:
        marker = f'data-panel="{panel}"'
        if panel in PANELS[role]:
            assert marker in html, f"{role} should see {panel}"
        else:
            assert marker not in html, f"{role} should not see {panel}"


def test_principal_sees_only_own_school_counts(client, people, school, other_school):
    html = dashboard_html(client, people["principal"])
    assert school.name_en in html
    assert other_school.name_en not in html


def test_a_person_without_a_school_is_told_what_to_do(client):
    from tests.factories import UserFactory

    html = dashboard_html(client, UserFactory())
    assert 'data-panel="no-school"' in html
    assert "invite you" in html


def test_reviewer_sees_the_empty_review_queue(client):
    from tests.factories import platform_user

    html = dashboard_html(client, platform_user("reviewer"))
    assert 'data-panel="reviewer"' in html


def test_dashboard_in_traditional_chinese(client, people, school):
    html = dashboard_html(client, people["principal"], "zh-hant")
    assert '<html lang="zh-hant">' in html
    assert "我的" in html  # "My dashboard" and other chrome are translated
    assert school.name_zh in html  # the school's Chinese name is used
    assert "Manage staff" not in html


def test_language_switcher_changes_the_language(client, people):
    client.force_login(people["teacher"])
    response = client.post(
        reverse("set_language"), {"language": "zh-hant", "next": "/en/dashboard/"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/zh-hant/")


def test_home_page_serves_in_both_languages(client, db):
    from django.core.management import call_command

    call_command("seed_demo", "--quiet")
    en = client.get("/en/")
    zh = client.get("/zh-hant/")
    assert en.status_code == zh.status_code == 200
    assert "Teacher Digital Literacy Portal" in en.content.decode()
    assert "教師數字素養平台" in zh.content.decode()


def test_mentor_dashboard_lists_task_submissions_waiting_for_review(client, school, db):
    from django.utils import timezone

    from assessments.models import PerformanceTask, SubmissionVersion, TaskSubmission
    from tests.factories import member

    teacher, mentor = member("teacher", school), member("mentor", school)
    task = PerformanceTask.objects.create(
        slug="t", title_en="Questioning for higher-order thinking", instructions_en="…"
    )
    submission = TaskSubmission.objects.create(
        task=task,
        teacher=teacher,
        school=school,
        mentor=mentor,
        status="submitted",
        submitted_at=timezone.now(),
    )
    SubmissionVersion.objects.create(submission=submission, number=1)
    client.force_login(mentor)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Questioning for higher-order thinking" in html
    assert reverse("tasks:review", kwargs={"submission_id": submission.pk}) in html
    client.force_login(member("mentor", school))  # a colleague it was not submitted to
    assert (
        "Questioning for higher-order thinking"
        not in client.get(reverse("dashboard")).content.decode()
    )
