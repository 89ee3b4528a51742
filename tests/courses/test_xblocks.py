"""Each block's completion rule, and the journal's sharing with a mentor at the same school."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from webob import Request

from courses import selectors, services
from courses.models import UnitCompletion
from courses.runtime import PortalRuntime
from courses.runtime import services as runtime_services
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(mixed_course, school):
    teacher = member("teacher", school, full_name="Chan Siu Ming")
    enrolment = services.enrol(user=teacher, course=mixed_course)
    unit = selectors.units_of(mixed_course)[0]
    ids = PortalRuntime(user=teacher, unit=unit).usage_ids()
    journal, transcript_video, file_video, task = ids
    return {
        "teacher": teacher,
        "enrolment": enrolment,
        "unit": unit,
        "journal": journal,
        "transcript_video": transcript_video,
        "file_video": file_video,
        "task": task,
    }


def call(learner, block: str, handler: str, data: dict) -> dict:
    request = Request.blank(
        "/", method="POST", body=json.dumps(data).encode(), content_type="application/json"
    )
    response = services.run_handler(
        enrolment=learner["enrolment"],
        unit=learner["unit"],
        usage_id=learner[block],
        handler=handler,
        request=request,
    )
    return json.loads(response.body)


def complete(learner, block: str) -> bool:
    runtime = PortalRuntime(user=learner["teacher"], unit=learner["unit"])
    runtime.preload()
    return runtime.is_complete(learner[block])


def unit_done(learner) -> bool:
    return UnitCompletion.objects.filter(
        enrolment=learner["enrolment"], unit=learner["unit"]
    ).exists()


def test_a_journal_is_complete_once_a_long_enough_reflection_is_submitted(learner):
    assert "error" in call(learner, "journal", "save_entry", {"entry": "Too short", "submit": True})
    draft = "Next week I will wait five seconds after each question."
    assert call(learner, "journal", "save_entry", {"entry": draft})["complete"] is False
    assert not complete(learner, "journal")
    assert call(learner, "journal", "save_entry", {"entry": draft, "submit": True})["complete"]
    assert complete(learner, "journal")


def test_a_reflection_is_shared_only_with_a_mentor_at_the_writers_school(
    learner, school, other_school
):
    mentor = member("mentor", school)
    elsewhere = member("mentor", other_school)
    entry = "I asked more why-questions and three quiet students answered."
    call(learner, "journal", "save_entry", {"entry": entry, "submit": True})

    refused = call(learner, "journal", "share", {"mentor": elsewhere.pk})
    assert "error" in refused
    assert list(selectors.shared_reflections(elsewhere)) == []

    assert call(learner, "journal", "share", {"mentor": mentor.pk})["shared_with"] == mentor.pk
    shared = list(selectors.shared_reflections(mentor))
    assert [r.state["entry"] for r in shared] == [entry]
    client = Client()
    client.force_login(mentor)
    assert entry in client.get(reverse("courses:shared_reflections")).content.decode()

    call(learner, "journal", "share", {"mentor": ""})
    assert list(selectors.shared_reflections(mentor)) == []


def test_a_colleague_who_is_not_a_mentor_never_sees_a_reflection(learner, school):
    colleague = member("teacher", school)
    call(learner, "journal", "save_entry", {"entry": "A private thought " * 6, "submit": True})
    assert "error" in call(learner, "journal", "share", {"mentor": colleague.pk})
    assert list(selectors.shared_reflections(colleague)) == []


def test_a_transcript_video_needs_the_transcript_read_and_its_questions_answered(learner):
    wrong = call(learner, "transcript_video", "answer", {"question": "v1", "choice": "b"})
    assert wrong["correct"] is False and wrong["feedback"] == "No."
    assert not complete(learner, "transcript_video")
    assert call(learner, "transcript_video", "read_transcript", {})["complete"]


def test_a_video_file_counts_once_nine_tenths_are_watched(learner):
    call(learner, "file_video", "answer", {"question": "v1", "choice": "a"})
    assert not call(learner, "file_video", "progress", {"position": 50, "duration": 100})[
        "complete"
    ]
    assert call(learner, "file_video", "progress", {"position": 95, "duration": 100})["complete"]
    # Seeking back does not undo what was watched.
    assert call(learner, "file_video", "progress", {"position": 10, "duration": 100})[
        "furthest"
    ] == pytest.approx(95)


def test_the_classroom_task_starts_the_lesson_analysis_task_after_a_plan(learner):
    assert "error" in call(learner, "task", "start", {"plan": "Try"})
    result = call(learner, "task", "start", {"plan": "Ask three why-questions and wait."})
    assert result["complete"]
    try:
        expected = reverse("tasks:detail", kwargs={"slug": "higher-order-questioning"})
    except NoReverseMatch:
        expected = reverse("lessons:upload")
    assert result["url"] == expected


def test_without_the_tasks_app_the_classroom_task_sends_teachers_to_upload_a_lesson(
    learner, monkeypatch
):
    def no_tasks(name, *args, **kwargs):
        if name.startswith("tasks:"):
            raise NoReverseMatch(name)
        return reverse(name, *args, **kwargs)

    monkeypatch.setattr(runtime_services, "reverse", no_tasks)
    result = call(learner, "task", "start", {"plan": "Ask three why-questions and wait."})
    assert result["url"] == reverse("lessons:upload")


def test_the_unit_is_completed_only_when_every_block_meets_its_rule(learner):
    call(
        learner,
        "journal",
        "save_entry",
        {"entry": "Wait time gave everyone a turn.", "submit": True},
    )
    call(learner, "transcript_video", "answer", {"question": "v1", "choice": "a"})
    call(learner, "transcript_video", "read_transcript", {})
    call(learner, "task", "start", {"plan": "Ask three why-questions and wait."})
    assert not unit_done(learner)
    call(learner, "file_video", "answer", {"question": "v1", "choice": "a"})
    call(learner, "file_video", "progress", {"position": 100, "duration": 100})
    assert unit_done(learner)
    learner["enrolment"].refresh_from_db()
    assert learner["enrolment"].is_completed


@pytest.mark.parametrize(
    "data", [{"position": "NaN", "duration": 100}, {"position": 5, "duration": "Infinity"}]
)
def test_video_progress_that_is_not_a_finite_number_is_refused(learner, data):
    assert "error" in call(learner, "file_video", "progress", data)
    assert not complete(learner, "file_video")
