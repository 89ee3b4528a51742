"""Performance tasks: authoring, the submission state machine, mentor review, and their pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import events, selectors, services, task_rules
from assessments.models import (
    MentorAssignment,
    PerformanceTask,
    SubmissionVersion,
    TaskReview,
    TaskSubmission,
)
from competencies.services import load_bundled
from lessons.models import Lesson
from tests import builders
from tests.factories import member

pytestmark = pytest.mark.django_db

GOOD_ANSWER = " ".join(["Students explained why their fractions were equivalent."] * 20)


def analysed_lesson(teacher, *, title="Fractions", open_share=0.3, higher=0.25, student=0.2, day=1):
    return builders.analysed_lesson(
        teacher,
        title=title,
        taught_on=timezone.now().date().replace(day=day),
        metrics={
            "questions": {"open_share": open_share, "higher_order_share": higher},
            "talk": {"time_share": {"student": student}},
            "irf": {"chains": 10, "irf_uptake": 4},
        },
    )


@pytest.fixture
def tasks(db):
    load_bundled()
    return {t.slug: t for t in services.load_default_tasks()}


@pytest.fixture
def teacher(school):
    return member("teacher", school, full_name="Lee Ka Yan")


@pytest.fixture
def mentor(school):
    return member("mentor", school, full_name="Wong Mei Ling")


def fill(submission, teacher, mentor, lessons):
    answers = {p.pk: GOOD_ANSWER for p in submission.task.prompts.all()}
    return services.save_draft(
        submission=submission,
        by=teacher,
        lesson_ids=[lesson.pk for lesson in lessons],
        answers=answers,
        mentor=mentor,
    )


def send(task, teacher, mentor):
    """The teacher's submission of one analysed lesson, sent to ``mentor``."""
    submission = services.start_submission(task=task, teacher=teacher)
    fill(submission, teacher, mentor, [analysed_lesson(teacher)])
    return services.submit_submission(submission=submission, by=teacher)


def full_scores(task, score=3):
    return {c.pk: score for c in task.criteria.all()}


# --- authoring -------------------------------------------------------------------------------


def test_the_three_default_tasks_load_with_prompts_rubric_and_indicators(tasks):
    assert set(tasks) == {
        "higher-order-questioning",
        "more-student-talk",
        "building-on-student-ideas",
    }
    for task in PerformanceTask.objects.filter(pk__in=[t.pk for t in tasks.values()]):
        assert task.is_published and task.title_zh_hant and task.instructions_zh_hant
        assert task.indicators.count() >= 2  # read back from the database
        assert task.prompts.count() >= 3
        assert all(p.text_zh_hant for p in task.prompts.all())
        for criterion in task.criteria.all():
            assert sorted(level.score for level in criterion.levels.all()) == [1, 2, 3, 4]
    assert tasks["more-student-talk"].lessons_required == 2
    assert tasks["more-student-talk"].conditions.get().comparison == task_rules.INCREASE


def test_loading_the_tasks_twice_changes_nothing(tasks):
    counts = (PerformanceTask.objects.count(), sum(t.criteria.count() for t in tasks.values()))
    services.load_default_tasks()
    assert (
        PerformanceTask.objects.count(),
        sum(t.criteria.count() for t in tasks.values()),
    ) == counts


def test_a_reloaded_file_never_changes_the_rubric_of_a_submitted_task(tasks, teacher, mentor):
    task = tasks["higher-order-questioning"]
    send(task, teacher, mentor)
    criteria = list(task.criteria.values_list("pk", flat=True))
    services.load_default_tasks()
    assert list(task.criteria.values_list("pk", flat=True)) == criteria


# --- conditions (pure) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "comparison", "value", "lessons", "met", "observed"),
    [
        ("open_question_share", "at_least", 25, [{"questions": {"open_share": 0.3}}], True, 30.0),
        ("open_question_share", "at_least", 25, [{"questions": {"open_share": 0.2}}], False, 20.0),
        (
            "participation_gini",
            "at_most",
            0.3,
            [{"participation": {"gini_turns": 0.5}}],
            False,
            0.5,
        ),
        (
            "student_talk_share",
            "increase",
            10,
            [
                {"talk": {"time_share": {"student": 0.15}}},
                {"talk": {"time_share": {"student": 0.3}}},
            ],
            True,
            15.0,
        ),
        (
            "student_talk_share",
            "increase",
            10,
            [
                {"talk": {"time_share": {"student": 0.15}}},
                {"talk": {"time_share": {"student": 0.2}}},
            ],
            False,
            5.0,
        ),
        (
            "student_talk_share",  # falls back to the share by words when there are no times
            "at_least",
            30,
            [{"talk": {"time_share": {"student": None}, "word_share": {"student": 0.4}}}],
            True,
            40.0,
        ),
        (
            "questions_per_10_min",
            "decrease",
            5,
            [{"questions": {"per_10_min": 30}}, {"questions": {"per_10_min": 20}}],
            True,
            -10.0,
        ),
        ("uptake_share", "at_least", 30, [{"irf": {"chains": 10, "irf_uptake": 4}}], True, 40.0),
        ("uptake_share", "at_least", 30, [{"irf": {"chains": 0, "irf_uptake": 0}}], False, None),
        ("wait_time_seconds", "at_least", 3, [{}], False, None),
        (
            "student_talk_share",
            "increase",
            10,
            [{"talk": {"time_share": {"student": 0.5}}}],
            False,
            None,
        ),
    ],
)
def test_conditions_compare_the_latest_lesson_or_the_change_from_the_baseline(
    metric, comparison, value, lessons, met, observed
):
    (result,) = task_rules.evaluate([(metric, comparison, value)], lessons)
    assert result.met is met
    assert result.observed == observed


def test_every_measure_has_a_label_in_the_admin():
    from assessments.models import Measure

    assert set(Measure.values) == set(task_rules.MEASURES)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Students don't wait long enough.", 5),
        ("學生解釋了原因", 7),
        ("我問了 open questions 三次", 7),
        ("well-known idea, 2 times", 4),
    ],
)
def test_reflection_length_counts_words_and_chinese_characters(text, words):
    assert task_rules.word_count(text) == words


# --- the teacher's side ----------------------------------------------------------------------


def test_starting_twice_continues_the_same_draft(tasks, teacher):
    task = tasks["higher-order-questioning"]
    first = services.start_submission(task=task, teacher=teacher)
    assert services.start_submission(task=task, teacher=teacher) == first
    assert TaskSubmission.objects.count() == 1


def test_a_teacher_without_a_school_cannot_start(tasks):
    from tests.factories import UserFactory

    with pytest.raises(services.AssessmentError, match="join a school"):
        services.start_submission(task=tasks["higher-order-questioning"], teacher=UserFactory())


def test_only_own_analysed_lessons_and_a_mentor_of_ones_school_can_be_chosen(
    tasks, school, other_school, teacher, mentor
):
    submission = services.start_submission(task=tasks["higher-order-questioning"], teacher=teacher)
    someone_elses = analysed_lesson(member("teacher", school))
    unfinished = analysed_lesson(teacher)
    unfinished.status = Lesson.Status.ANALYSING
    unfinished.save()
    for lessons in ([someone_elses], [unfinished]):
        with pytest.raises(services.AssessmentError, match="own lessons"):
            fill(submission, teacher, mentor, lessons)
    with pytest.raises(services.AssessmentError, match="mentor at your school"):
        fill(submission, teacher, member("mentor", other_school), [analysed_lesson(teacher)])
    submission.refresh_from_db()
    assert submission.lesson_ids == [] and submission.mentor is None


def test_the_schools_assigned_mentor_is_used_and_cannot_be_swapped(tasks, school, teacher, mentor):
    principal = member("principal", school)
    services.assign_mentor(school=school, teacher=teacher, mentor=mentor, by=principal)
    submission = services.start_submission(task=tasks["higher-order-questioning"], teacher=teacher)
    assert submission.mentor == mentor
    with pytest.raises(services.AssessmentError, match="assigned"):
        fill(submission, teacher, member("mentor", school), [analysed_lesson(teacher)])


def test_only_a_leader_of_the_school_assigns_mentors(school, other_school, teacher, mentor):
    from django.http import Http404

    with pytest.raises(Http404):
        services.assign_mentor(
            school=school, teacher=teacher, mentor=mentor, by=member("principal", other_school)
        )
    assert not MentorAssignment.objects.exists()


def test_submitting_an_incomplete_draft_lists_what_is_missing_and_changes_nothing(tasks, teacher):
    submission = services.start_submission(task=tasks["higher-order-questioning"], teacher=teacher)
    services.save_draft(
        submission=submission,
        by=teacher,
        lesson_ids=[analysed_lesson(teacher, open_share=0.1).pk],
        answers={submission.task.prompts.first().pk: "Too short."},
        mentor=None,
    )
    with pytest.raises(services.AssessmentError) as error:
        services.submit_submission(submission=submission, by=teacher)
    message = str(error.value)
    assert "condition" in message and "80 words" in message and "mentor" in message
    submission.refresh_from_db()
    assert submission.status == TaskSubmission.Status.DRAFT
    assert not SubmissionVersion.objects.exists()


def test_a_baseline_and_a_later_lesson_are_compared_in_date_order(tasks, teacher, mentor):
    task = tasks["more-student-talk"]
    submission = services.start_submission(task=task, teacher=teacher)
    later = analysed_lesson(teacher, title="After", student=0.35, day=20)
    baseline = analysed_lesson(teacher, title="Before", student=0.15, day=2)
    submission = fill(submission, teacher, mentor, [baseline, later])
    readiness = selectors.readiness_of(submission)
    assert readiness.ready, readiness.problems
    (result,) = readiness.conditions
    assert (result.baseline, result.latest, result.observed) == (15.0, 35.0, 20.0)


def test_submitting_twice_keeps_one_version(tasks, teacher, mentor):
    submission = send(tasks["higher-order-questioning"], teacher, mentor)
    services.submit_submission(submission=submission, by=teacher)
    assert submission.versions.count() == 1


def test_only_a_never_submitted_draft_can_be_deleted(tasks, teacher, mentor):
    task = tasks["higher-order-questioning"]
    draft = services.start_submission(task=task, teacher=teacher)
    services.delete_draft(submission=draft, by=teacher)
    assert not TaskSubmission.objects.exists()
    submission = send(task, teacher, mentor)
    with pytest.raises(services.AssessmentError):
        services.delete_draft(submission=submission, by=teacher)
    assert TaskSubmission.objects.count() == 1


# --- the mentor's side and the whole loop ----------------------------------------------------


def test_changes_requested_then_resubmitted_then_approved_keeps_the_whole_history(
    tasks, teacher, mentor, django_capture_on_commit_callbacks
):
    announced = []

    def record(*, event, **payload):
        if event == "task_approved":
            announced.append(payload["submission"].pk)

    events.subscribe(record)
    try:
        task = tasks["higher-order-questioning"]
        lesson = analysed_lesson(teacher)
        submission = services.start_submission(task=task, teacher=teacher)
        fill(submission, teacher, mentor, [lesson])
        services.submit_submission(submission=submission, by=teacher)

        moment = lesson.utterances.get(index=0)
        services.pin_comment(
            submission=submission, by=mentor, utterance_id=moment.pk, text="Try waiting here."
        )
        # Before the review is posted the teacher does not see the pinned comment.
        (entry,) = selectors.submission_history(submission, for_teacher=True)
        assert entry.comments == []
        services.review_submission(
            submission=submission,
            by=mentor,
            decision=TaskReview.Decision.CHANGES,
            comment="Add how you will wait longer.",
            scores=full_scores(task, 2),
        )
        submission.refresh_from_db()
        assert submission.status == TaskSubmission.Status.CHANGES_REQUESTED
        (entry,) = selectors.submission_history(submission, for_teacher=True)
        assert [c.text for c in entry.comments] == ["Try waiting here."]

        fill(submission, teacher, mentor, [lesson])
        services.submit_submission(submission=submission, by=teacher)
        with django_capture_on_commit_callbacks(execute=True):
            services.review_submission(
                submission=submission,
                by=mentor,
                decision=TaskReview.Decision.APPROVE,
                comment="Well reasoned.",
                scores=full_scores(task, 3),
            )
    finally:
        events.unsubscribe(record)
    submission.refresh_from_db()
    assert submission.status == TaskSubmission.Status.APPROVED and submission.approved_at
    assert announced == [submission.pk]
    history = selectors.submission_history(submission, for_teacher=True)
    assert [e.version.number for e in history] == [2, 1]
    assert [e.review.decision for e in history] == ["approve", "changes"]
    assert submission.latest_review().comment == "Well reasoned."
    with pytest.raises(services.AssessmentError, match="not waiting"):
        services.review_submission(
            submission=submission,
            by=mentor,
            decision=TaskReview.Decision.APPROVE,
            comment="Again",
            scores=full_scores(task),
        )


def test_a_review_needs_a_level_on_every_criterion_and_a_comment(tasks, teacher, mentor):
    task = tasks["higher-order-questioning"]
    submission = send(task, teacher, mentor)
    scores = full_scores(task)
    scores.popitem()
    with pytest.raises(services.AssessmentError, match="every rubric criterion"):
        services.review_submission(
            submission=submission, by=mentor, decision="approve", comment="Good", scores=scores
        )
    with pytest.raises(services.AssessmentError, match="every rubric criterion"):
        services.review_submission(
            submission=submission,
            by=mentor,
            decision="approve",
            comment="Good",
            scores={c: 9 for c in full_scores(task)},
        )
    with pytest.raises(services.AssessmentError, match="comment"):
        services.review_submission(
            submission=submission,
            by=mentor,
            decision="approve",
            comment=" ",
            scores=full_scores(task),
        )
    assert not TaskReview.objects.exists()


def test_another_mentor_cannot_review_or_pin(tasks, school, teacher, mentor):
    task = tasks["higher-order-questioning"]
    lesson = analysed_lesson(teacher)
    submission = services.start_submission(task=task, teacher=teacher)
    fill(submission, teacher, mentor, [lesson])
    services.submit_submission(submission=submission, by=teacher)
    colleague = member("mentor", school)
    with pytest.raises(services.AssessmentError, match="Only the mentor"):
        services.review_submission(
            submission=submission,
            by=colleague,
            decision="approve",
            comment="ok",
            scores=full_scores(task),
        )
    with pytest.raises(services.AssessmentError, match="Only the mentor"):
        services.pin_comment(
            submission=submission, by=colleague, utterance_id=lesson.utterances.first().pk, text="x"
        )


def test_a_comment_can_be_pinned_only_to_a_submitted_lesson(tasks, teacher, mentor):
    submission = send(tasks["higher-order-questioning"], teacher, mentor)
    elsewhere = analysed_lesson(teacher, title="Not submitted").utterances.first()
    with pytest.raises(services.AssessmentError, match="not in the submitted lessons"):
        services.pin_comment(submission=submission, by=mentor, utterance_id=elsewhere.pk, text="x")


# --- pages -----------------------------------------------------------------------------------


def test_mentor_sees_nothing_of_a_draft_and_the_submission_once_submitted(
    client, tasks, teacher, mentor
):
    submission = services.start_submission(task=tasks["higher-order-questioning"], teacher=teacher)
    fill(submission, teacher, mentor, [analysed_lesson(teacher)])
    url = reverse("tasks:review", kwargs={"submission_id": submission.pk})
    client.force_login(mentor)
    assert client.get(url).status_code == 404
    services.submit_submission(submission=submission, by=teacher)
    page = client.get(url)
    assert page.status_code == 200
    assert GOOD_ANSWER[:40] in page.content.decode()
    assert "Why is two thirds bigger" in page.content.decode()


def test_teacher_submits_through_the_page_and_the_mentor_reviews_through_the_page(
    client, tasks, teacher, mentor
):
    task = tasks["higher-order-questioning"]
    lesson = analysed_lesson(teacher)
    client.force_login(teacher)
    response = client.post(reverse("tasks:start", kwargs={"slug": task.slug}))
    submission = TaskSubmission.objects.get()
    assert response["Location"] == reverse(
        "tasks:submission", kwargs={"submission_id": submission.pk}
    )
    form = {"lessons": [lesson.pk], "mentor": mentor.pk, "submit": "1"}
    form.update({f"answer_{p.pk}": GOOD_ANSWER for p in task.prompts.all()})
    response = client.post(response["Location"], form)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == TaskSubmission.Status.SUBMITTED

    client.force_login(mentor)
    review_url = reverse("tasks:review", kwargs={"submission_id": submission.pk})
    response = client.post(
        reverse("tasks:pin", kwargs={"submission_id": submission.pk}),
        {"utterance": lesson.utterances.first().pk, "text": "Lovely question."},
    )
    assert response.status_code == 302 and response["Location"].startswith(review_url)
    data = {"decision": "approve", "comment": "Well done."}
    data.update({f"criterion_{c.pk}": 4 for c in task.criteria.all()})
    assert client.post(review_url, data).status_code == 302
    submission.refresh_from_db()
    assert submission.status == TaskSubmission.Status.APPROVED

    client.force_login(teacher)
    page = client.get(reverse("tasks:submission", kwargs={"submission_id": submission.pk}))
    assert "Lovely question." in page.content.decode()
    assert "Well done." in page.content.decode()


def test_a_tampered_review_form_is_refused_with_a_message(client, tasks, teacher, mentor):
    task = tasks["higher-order-questioning"]
    submission = send(task, teacher, mentor)
    client.force_login(mentor)
    url = reverse("tasks:review", kwargs={"submission_id": submission.pk})
    response = client.post(url, {"decision": "approve", "comment": "ok"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == TaskSubmission.Status.SUBMITTED


def test_the_mentor_is_emailed_on_submission_and_the_teacher_on_review(
    tasks, teacher, mentor, mailoutbox, django_capture_on_commit_callbacks
):
    task = tasks["higher-order-questioning"]
    submission = services.start_submission(task=task, teacher=teacher)
    fill(submission, teacher, mentor, [analysed_lesson(teacher)])
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_submission(submission=submission, by=teacher)
    (to_mentor,) = mailoutbox
    assert to_mentor.to == [mentor.email]
    assert "Lee Ka Yan" in to_mentor.subject
    assert reverse("tasks:review", kwargs={"submission_id": submission.pk}) in to_mentor.body
    with django_capture_on_commit_callbacks(execute=True):
        services.review_submission(
            submission=submission,
            by=mentor,
            decision=TaskReview.Decision.CHANGES,
            comment="Say more.",
            scores=full_scores(task),
        )
    to_teacher = mailoutbox[1]
    assert to_teacher.to == [teacher.email]
    assert "asked for changes" in to_teacher.body


def test_a_notification_for_an_outdated_version_is_not_sent(tasks, teacher, mentor, mailoutbox):
    from assessments.tasks import notify_submission

    task = tasks["higher-order-questioning"]
    submission = send(task, teacher, mentor)
    first = submission.latest_version()
    services.review_submission(
        submission=submission,
        by=mentor,
        decision="changes",
        comment="More.",
        scores=full_scores(task),
    )
    fill(submission, teacher, mentor, [analysed_lesson(teacher, title="Second")])
    services.submit_submission(submission=submission, by=teacher)
    assert notify_submission.run(first.pk, "submitted") == "skipped"
    assert notify_submission.run(submission.latest_version().pk, "submitted") == "sent"
    assert len(mailoutbox) == 1


def test_an_approved_task_is_evidence_and_open_tasks_are_recommended(tasks, teacher, mentor):
    from competencies.models import Indicator
    from competencies.registries import evidence_for, recommendations_for

    task = tasks["higher-order-questioning"]
    indicators = list(task.indicators.all())
    unrelated = Indicator.objects.exclude(performance_tasks__isnull=False).first()
    recommended = recommendations_for(teacher, indicators + [unrelated], per_indicator=10)
    assert any(r.title == task.title for r in recommended[indicators[0].code])
    assert recommended[unrelated.code] == [] or all(
        r.kind != "lesson-analysis task" for r in recommended[unrelated.code]
    )

    submission = send(task, teacher, mentor)
    assert not any(
        e.kind == "approved task" for e in evidence_for(teacher, indicators)[indicators[0].code]
    )
    services.review_submission(
        submission=submission,
        by=mentor,
        decision="approve",
        comment="Yes.",
        scores=full_scores(task),
    )
    evidence = evidence_for(teacher, indicators)[indicators[0].code]
    assert [e.title for e in evidence if e.kind == "approved task"] == [task.title]
    assert not any(
        r.title == task.title for r in recommendations_for(teacher, indicators)[indicators[0].code]
    )


def _reviewed(tasks, teacher, mentor, decision="changes"):
    task = tasks["higher-order-questioning"]
    submission = send(task, teacher, mentor)
    services.review_submission(
        submission=submission,
        by=mentor,
        decision=decision,
        comment="Private feedback.",
        scores=full_scores(task),
    )
    submission.refresh_from_db()
    return submission


def test_a_mentor_who_left_the_school_can_no_longer_see_or_review(client, tasks, teacher, mentor):
    task = tasks["higher-order-questioning"]
    submission = send(task, teacher, mentor)
    mentor.memberships.update(is_active=False)
    client.force_login(mentor)
    assert (
        client.get(reverse("tasks:review", kwargs={"submission_id": submission.pk})).status_code
        == 404
    )
    with pytest.raises(services.AssessmentError, match="Only the mentor"):
        services.review_submission(
            submission=submission,
            by=mentor,
            decision="approve",
            comment="ok",
            scores=full_scores(task),
        )


def test_after_a_review_the_submission_stays_with_its_mentor(
    client, tasks, school, teacher, mentor
):
    submission = _reviewed(tasks, teacher, mentor)
    colleague = member("mentor", school)
    fill(submission, teacher, colleague, [analysed_lesson(teacher, title="Again")])
    submission.refresh_from_db()
    assert submission.mentor == mentor
    services.submit_submission(submission=submission, by=teacher)
    client.force_login(colleague)
    url = reverse("tasks:review", kwargs={"submission_id": submission.pk})
    assert client.get(url).status_code == 404
    client.force_login(mentor)
    assert client.get(url).status_code == 200


def test_a_mentor_assigned_after_a_review_does_not_lock_the_teacher_out(
    client, tasks, school, teacher, mentor
):
    submission = _reviewed(tasks, teacher, mentor)
    colleague = member("mentor", school)
    services.assign_mentor(
        school=school, teacher=teacher, mentor=colleague, by=member("principal", school)
    )
    client.force_login(teacher)
    form = {"lessons": submission.lesson_ids, "mentor": colleague.pk, "submit": "1"}
    form.update({f"answer_{p.pk}": GOOD_ANSWER for p in submission.task.prompts.all()})
    response = client.post(
        reverse("tasks:submission", kwargs={"submission_id": submission.pk}), form
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == TaskSubmission.Status.SUBMITTED and submission.mentor == mentor


def test_a_reviewed_submission_whose_mentor_left_can_go_to_another(tasks, school, teacher, mentor):
    submission = _reviewed(tasks, teacher, mentor)
    mentor.memberships.update(is_active=False)
    colleague = member("mentor", school)
    submission = fill(submission, teacher, colleague, [analysed_lesson(teacher, title="Again")])
    assert submission.mentor == colleague


def test_a_teacher_withdraws_before_review_and_sends_it_to_another_mentor(
    client, tasks, school, teacher, mentor
):
    task = tasks["higher-order-questioning"]
    submission = send(task, teacher, mentor)
    client.force_login(teacher)
    response = client.post(reverse("tasks:withdraw", kwargs={"submission_id": submission.pk}))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == TaskSubmission.Status.DRAFT
    client.force_login(mentor)
    assert (
        client.get(reverse("tasks:review", kwargs={"submission_id": submission.pk})).status_code
        == 404
    )
    with pytest.raises(services.AssessmentError):  # its history is kept
        services.delete_draft(submission=submission, by=teacher)
    colleague = member("mentor", school)
    fill(submission, teacher, colleague, [analysed_lesson(teacher, title="Better")])
    services.submit_submission(submission=submission, by=teacher)
    submission.refresh_from_db()
    assert (submission.mentor, submission.versions.count()) == (colleague, 2)
    client.force_login(teacher)
    page = client.get(reverse("tasks:submission", kwargs={"submission_id": submission.pk}))
    assert "Withdrawn before review." in page.content.decode()


def test_a_reviewed_version_cannot_be_withdrawn(tasks, teacher, mentor):
    task = tasks["higher-order-questioning"]
    submission = send(task, teacher, mentor)
    services.review_submission(
        submission=submission,
        by=mentor,
        decision="approve",
        comment="Yes.",
        scores=full_scores(task),
    )
    with pytest.raises(services.AssessmentError, match="waiting for review"):
        services.withdraw_submission(submission=submission, by=teacher)


def test_an_assigned_mentor_who_left_no_longer_binds_the_teacher(tasks, school, teacher, mentor):
    services.assign_mentor(
        school=school, teacher=teacher, mentor=mentor, by=member("principal", school)
    )
    mentor.memberships.update(is_active=False)
    submission = services.start_submission(task=tasks["higher-order-questioning"], teacher=teacher)
    assert submission.mentor is None
    colleague = member("mentor", school)
    submission = fill(submission, teacher, colleague, [analysed_lesson(teacher)])
    assert submission.mentor == colleague
