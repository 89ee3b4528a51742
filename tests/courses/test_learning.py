from __future__ import annotations

import json

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import Client, RequestFactory
from django.urls import reverse

from courses import selectors, services
from courses.models import CPDEntry, Enrolment, UnitCompletion, UnitPage, XBlockState
from tests.courses import builders
from tests.courses.builders import RIGHT_ANSWERS, WRONG_ANSWERS
from tests.factories import member

pytestmark = pytest.mark.django_db


def units(course) -> list[UnitPage]:
    return selectors.units_of(course)


def handler_url(unit: UnitPage, handler: str = "submit") -> str:
    block_id = unit.xblock_values()[0][0]
    return reverse(
        "courses:handler",
        kwargs={"usage_id": f"u{unit.pk}.{block_id}", "handler": handler, "suffix": ""},
    )


def submit(client: Client, unit: UnitPage, answers) -> dict:
    response = client.post(
        handler_url(unit), json.dumps({"answers": answers}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_enrolled_teacher_passes_a_quiz_and_completes_its_unit(course, school):
    teacher = member("teacher", school)
    enrolment = services.enrol(user=teacher, course=course)
    client = Client()
    client.force_login(teacher)
    first = units(course)[0]

    result = submit(client, first, WRONG_ANSWERS)
    assert result["score"] == 0 and not result["passed"]
    assert result["results"]["q1"]["feedback"] == ["Recall: one fact."]
    assert not UnitCompletion.objects.filter(enrolment=enrolment).exists()

    result = submit(client, first, RIGHT_ANSWERS)
    assert result["score"] == 2 and result["passed"]
    assert UnitCompletion.objects.filter(enrolment=enrolment, unit=first).exists()
    state = XBlockState.objects.get(user=teacher, unit=first)
    assert (state.score, state.max_score, state.state["attempts"]) == (2.0, 2.0, 2)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE


def test_completing_the_last_unit_completes_the_course_with_certificate_and_cpd_hours(
    course, school
):
    teacher = member("teacher", school, full_name="Chan Siu Ming", name_zh="陳小明")
    enrolment = services.enrol(user=teacher, course=course)
    client = Client()
    client.force_login(teacher)
    for unit in units(course):
        submit(client, unit, RIGHT_ANSWERS)
    enrolment.refresh_from_db()
    assert enrolment.is_completed
    assert enrolment.certificate.holder_name == "Chan Siu Ming"
    entry = CPDEntry.objects.get(user=teacher)
    assert entry.hours == course.cpd_hours and entry.enrolment == enrolment


def test_unit_page_renders_the_quiz_for_the_enrolled_teacher(course, school):
    teacher = member("teacher", school)
    services.enrol(user=teacher, course=course)
    client = Client()
    client.force_login(teacher)
    response = client.get(units(course)[0].url)
    assert response.status_code == 200
    assert b"Which question asks students to reason?" in response.content
    assert b"TdlQuiz" in response.content


def test_continue_takes_the_teacher_back_to_the_unit_they_last_opened(course, school):
    teacher = member("teacher", school)
    services.enrol(user=teacher, course=course)
    client = Client()
    client.force_login(teacher)
    second = units(course)[1]
    client.get(second.url)
    response = client.get(reverse("courses:resume", kwargs={"course_id": course.pk}))
    assert response.status_code == 302 and response["Location"] == second.url


def test_a_teacher_who_is_not_enrolled_is_sent_to_the_course_page(course, school):
    client = Client()
    client.force_login(member("teacher", school))
    response = client.get(units(course)[0].url)
    assert response.status_code == 302 and response["Location"] == course.url


def test_the_edb_admin_revokes_a_certificate_in_the_admin(course, school, people):
    teacher = member("teacher", school)
    enrolment = services.enrol(user=teacher, course=course)
    for unit in units(course):
        UnitCompletion.objects.create(enrolment=enrolment, unit=unit)
    certificate = services.complete_course_if_done(enrolment=enrolment).certificate
    client = Client()
    client.force_login(people["edb_admin"])
    response = client.post(
        reverse("admin:courses_certificate_changelist"),
        {"action": "revoke", "_selected_action": [certificate.pk]},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert not certificate.is_valid
    assert "admin" in certificate.revoked_reason


def test_an_editor_previews_a_draft_unit_with_its_xblocks(course, people):
    unit = units(course)[0]
    draft = unit.get_latest_revision_as_object()
    draft.body = [*unit.body.raw_data, builders.xblock("tdl_journal", builders.JOURNAL)]
    request = RequestFactory().get("/")
    request.user = people["edb_admin"]
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)
    response = draft.serve_preview(request, "")
    html = response.content.decode()
    assert response.status_code == 200
    assert "TdlJournal" in html and "TdlQuiz" in html
    assert "respond only on the published page" in html
    assert "new init(runtime, element)" not in html
    assert not XBlockState.objects.filter(user=people["edb_admin"]).exists()


def test_anyone_can_read_a_course_outline_but_units_need_an_enrolment(course):
    html = Client().get(course.url).content.decode()
    assert "Sign in to enrol" in html and "Unit 2" in html
    assert f'href="{units(course)[0].url}"' not in html
    assert Client().get(units(course)[0].url).status_code == 302


def test_my_courses_lists_progress_per_course(course, school):
    teacher = member("teacher", school)
    enrolment = services.enrol(user=teacher, course=course)
    UnitCompletion.objects.create(enrolment=enrolment, unit=units(course)[0])
    client = Client()
    client.force_login(teacher)
    html = client.get(reverse("courses:my_courses")).content.decode()
    assert "1 of 2 units" in html and f'href="{course.url}"' in html


@pytest.mark.parametrize("answer", [5, {"a": 1}, True])
def test_a_quiz_answer_of_the_wrong_shape_gets_the_usual_error(course, school, answer):
    teacher = member("teacher", school)
    services.enrol(user=teacher, course=course)
    client = Client()
    client.force_login(teacher)
    result = submit(client, units(course)[0], {"q1": answer, "q2": answer})
    assert result["error"] == "Choose an answer for every question."


def test_the_outline_knows_the_units_around_each_unit_and_the_progress_after_one_more(
    course, school
):
    teacher = member("teacher", school)
    enrolment = services.enrol(user=teacher, course=course)
    first, second = units(course)
    UnitCompletion.objects.create(enrolment=enrolment, unit=second)
    outline = selectors.course_outline(course, user=teacher)
    before, row, after = outline.around(first)
    assert before is None and row.unit == first and not row.done and after.unit == second
    before, row, after = outline.around(second)
    assert before.unit == first and row.done and after is None
    assert outline.percent_after_one_more == 100
    UnitCompletion.objects.create(enrolment=enrolment, unit=first)
    assert selectors.course_outline(course, user=teacher).percent_after_one_more == 100
    assert outline.around(course) == (None, None, None)
