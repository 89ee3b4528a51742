"""Recorded lessons from upload to report: consent, parsing errors, redaction, roles, sharing, privacy."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lessons import selectors, services
from lessons.models import Lesson, LessonShare, Speaker, Utterance
from tests.factories import member

pytestmark = pytest.mark.django_db

TRANSCRIPT = """[00:00:01] Ms Lee: Good morning everyone. Today we compare fractions.
[00:00:06] Ms Lee: Which is bigger, one half or two thirds? Jason, what do you think?
[00:00:12] Jason: Two thirds is bigger because the pieces are bigger.
[00:00:17] Ms Lee: So you are saying two thirds is bigger because each third is bigger than a half? Mei Ling, do you agree with Jason?
[00:00:25] Mei Ling: I disagree. A third is smaller than a half, but there are two of them.
[00:00:33] Ms Lee: Why does having two of them matter? Explain your thinking.
[00:00:40] Mei Ling: Because two thirds is more than half of the whole.
[00:00:46] Ms Lee: Great thinking. Everyone, draw both fractions on your whiteboard.
[00:01:10] Class: Done!
[00:01:12] Ms Lee: How many of you found that two thirds covers more?
"""


def upload(client, text=TRANSCRIPT, name="lesson.txt", consent=True, title="Fractions P4"):
    data = {
        "title": title,
        "file": SimpleUploadedFile(name, text.encode(), content_type="text/plain"),
    }
    if consent:
        data["consent"] = "on"
    return client.post(reverse("lessons:upload"), data)


def confirm(client, lesson, overrides=None):
    from django.test import TestCase

    overrides = overrides or {}
    data = {f"speaker-{s.pk}": overrides.get(s.label, s.role) for s in lesson.speakers.all()}
    # Run the analysis task that confirming enqueues after commit (in-process in tests).
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("lessons:speakers", kwargs={"lesson_id": lesson.pk}), data)


@pytest.fixture
def teacher(school):
    return member("teacher", school, full_name="Lee Ka Yan")


def test_upload_without_consent_stores_nothing(client, teacher):
    client.force_login(teacher)
    response = upload(client, consent=False)
    assert response.status_code == 200
    assert "consent" in response.content.decode().lower()
    assert not Lesson.objects.exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"", "empty.txt"),
        (b"%PDF-1.4 binary", "report.pdf"),
        (b"\x00\x01\x02\x03" * 100, "x.vtt"),
        (b"just words", "x.txt"),
    ],
)
def test_unreadable_files_get_a_clear_error_and_nothing_is_stored(client, teacher, content, name):
    client.force_login(teacher)
    response = client.post(
        reverse("lessons:upload"),
        {"title": "x", "consent": "on", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Lesson.objects.exists() and not Utterance.objects.exists()


def test_transcript_to_report_with_names_redacted(client, teacher):
    client.force_login(teacher)
    response = upload(client)
    lesson = Lesson.objects.get()
    assert response["Location"] == reverse("lessons:detail", kwargs={"lesson_id": lesson.pk})
    assert lesson.status == Lesson.Status.AWAITING_SPEAKERS
    stored = " ".join(Utterance.objects.values_list("text", flat=True))
    speakers = set(Utterance.objects.values_list("speaker", flat=True))
    assert "Jason" not in stored and "Mei Ling" not in stored
    assert "Jason" not in speakers and "Mei Ling" not in speakers
    assert "Ms Lee" in speakers
    roles = dict(Speaker.objects.values_list("label", "proposed_role"))
    assert roles["Ms Lee"] == "teacher"
    assert roles["Class"] == "students"

    response = confirm(client, lesson)
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.READY  # tasks run in-process in tests
    report = client.get(reverse("lessons:report", kwargs={"lesson_id": lesson.pk}))
    assert report.status_code == 200
    html = report.content.decode()
    assert "Jason" not in html and "Mei Ling" not in html
    assert Utterance.objects.filter(lesson=lesson, is_question=True).exists()


def test_speaker_confirmation_needs_a_teacher(client, teacher):
    client.force_login(teacher)
    upload(client)
    lesson = Lesson.objects.get()
    response = confirm(client, lesson, {"Ms Lee": "student"})
    assert response.status_code == 200
    assert "teacher" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.AWAITING_SPEAKERS


def test_corrected_roles_reach_the_utterances(client, teacher):
    client.force_login(teacher)
    upload(client)
    lesson = Lesson.objects.get()
    confirm(client, lesson, {"Class": "student"})
    assert set(
        Utterance.objects.filter(lesson=lesson, speaker="Class").values_list("role", flat=True)
    ) == {"student"}


def ready_lesson(client, teacher):
    client.force_login(teacher)
    upload(client)
    lesson = Lesson.objects.get(teacher=teacher)
    confirm(client, lesson)
    lesson.refresh_from_db()
    return lesson


def test_other_people_get_404_until_the_teacher_shares(client, school, other_school, teacher):
    lesson = ready_lesson(client, teacher)
    mentor = member("mentor", school)
    outsiders = [
        member("teacher", school),
        member("principal", school),
        member("principal", other_school),
        mentor,
    ]
    urls = [
        reverse(f"lessons:{name}", kwargs={"lesson_id": lesson.pk})
        for name in ("report", "report_pdf", "export_csv", "detail", "speakers")
    ]
    for person in outsiders:
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
    client.force_login(teacher)
    client.post(reverse("lessons:share", kwargs={"lesson_id": lesson.pk}), {"mentor": mentor.pk})
    assert LessonShare.objects.active().filter(lesson=lesson, mentor=mentor).exists()
    client.force_login(mentor)
    assert client.get(urls[0]).status_code == 200
    assert (
        client.get(reverse("lessons:speakers", kwargs={"lesson_id": lesson.pk})).status_code == 404
    )
    client.force_login(teacher)
    share = LessonShare.objects.active().get()
    client.post(reverse("lessons:unshare", kwargs={"lesson_id": lesson.pk, "share_id": share.pk}))
    client.force_login(mentor)
    assert client.get(urls[0]).status_code == 404


def test_a_mentor_who_left_the_school_no_longer_sees_a_shared_lesson(client, school, teacher):
    lesson = ready_lesson(client, teacher)
    mentor = member("mentor", school)
    services.share_lesson(lesson=lesson, mentor=mentor, by=teacher)
    url = reverse("lessons:report", kwargs={"lesson_id": lesson.pk})
    client.force_login(mentor)
    assert client.get(url).status_code == 200
    mentor.memberships.update(is_active=False)
    assert client.get(url).status_code == 404
    assert lesson not in selectors.shared_with(mentor)


def test_report_headlines_show_the_engines_question_shares(client, teacher):
    from lessons.report import build_report

    lesson = ready_lesson(client, teacher)
    report = build_report(lesson)
    questions = lesson.analysis.metrics["questions"]
    for key, share in (
        ("open_share", questions["open_share"]),
        ("higher_order", questions["higher_order_share"]),
    ):
        expected = None if share is None else 100 * share
        assert report.headline(key).value == pytest.approx(expected), key


def test_sharing_only_with_a_mentor_of_ones_school(client, school, other_school, teacher):
    lesson = ready_lesson(client, teacher)
    with pytest.raises(services.LessonError):
        services.share_lesson(lesson=lesson, mentor=member("mentor", other_school), by=teacher)
    with pytest.raises(services.LessonError):
        services.share_lesson(lesson=lesson, mentor=member("teacher", school), by=teacher)


def test_csv_export_has_every_coded_utterance(client, teacher):
    lesson = ready_lesson(client, teacher)
    text = client.get(
        reverse("lessons:export_csv", kwargs={"lesson_id": lesson.pk})
    ).content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("index,speaker,role")
    assert len(lines) == 1 + lesson.utterances.count()


def test_deleting_a_lesson_removes_everything(client, teacher):
    lesson = ready_lesson(client, teacher)
    url = reverse("lessons:delete", kwargs={"lesson_id": lesson.pk})
    assert client.get(url).status_code == 200
    client.post(url)
    assert not Lesson.objects.exists() and not Utterance.objects.exists()


def test_a_mentor_sees_shared_lessons_on_the_dashboard_and_the_teacher_sees_evidence(
    client, school, teacher
):
    lesson = ready_lesson(client, teacher)
    mentor = member("mentor", school)
    services.share_lesson(lesson=lesson, mentor=mentor, by=teacher)
    client.force_login(mentor)
    assert lesson.title in client.get(reverse("dashboard")).content.decode()
    from competencies.services import DATA_DIR, import_framework

    import_framework(path=DATA_DIR / "jyt-0646-2022.yaml", make_default=True)
    client.force_login(teacher)
    evidence = client.get(reverse("assessments:evidence")).content.decode()
    assert reverse("lessons:report", kwargs={"lesson_id": lesson.pk}) in evidence


def test_comparing_a_lesson_with_itself_asks_for_two_different_lessons(client, teacher):
    lesson = ready_lesson(client, teacher)
    response = client.get(reverse("lessons:compare"), {"before": lesson.pk, "after": lesson.pk})
    assert response.status_code == 200
    assert response.context["comparison"] is None
    assert response.context["form"].non_field_errors() == [
        "Choose two different lessons to compare."
    ]


def test_a_teacher_at_two_schools_shares_a_lesson_only_within_its_school(
    school, other_school, teacher
):
    from django.utils import timezone

    from tests.factories import MembershipFactory

    MembershipFactory(user=teacher, school=other_school, role="teacher")
    lesson = Lesson.objects.create(
        teacher=teacher,
        school=school,
        title="Fractions",
        source=Lesson.Source.TRANSCRIPT,
        consent_at=timezone.now(),
    )
    here, elsewhere = member("mentor", school), member("mentor", other_school)
    assert list(selectors.mentors_for(lesson)) == [here]
    with pytest.raises(services.LessonError):
        services.share_lesson(lesson=lesson, mentor=elsewhere, by=teacher)
    assert services.share_lesson(lesson=lesson, mentor=here, by=teacher).mentor == here
