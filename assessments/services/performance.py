"""Writes for performance tasks: authoring from YAML, the submission state machine, mentor review.

draft ──submit──▶ submitted ──review(approve)──▶ approved
  ▲                  │
  └──── edit ◀── changes_requested ◀──review(changes)

Each transition is one service that locks the submission row and checks the current state, so a
double click or two mentors' tabs cannot apply a transition twice.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import yaml
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import School, User
from accounts.selectors import mentors_at, school_led_by_or_404
from assessments import selectors, task_rules
from assessments.models import (
    MentorAssignment,
    PerformanceTask,
    ReflectionPrompt,
    RubricCriterion,
    RubricLevel,
    SubmissionVersion,
    TaskCondition,
    TaskReview,
    TaskSubmission,
    TranscriptComment,
)
from assessments.services.instruments import DATA_DIR, AssessmentError
from competencies.models import Framework
from lessons.models import Utterance

MAX_ANSWER = 5000
MAX_COMMENT = 2000
DEFAULT_TASKS = DATA_DIR / "default-tasks.yaml"


# --- authoring -------------------------------------------------------------------------------


def _text(data: dict[str, Any], prefix: str) -> dict[str, str]:
    return {
        f"{prefix}_en": str(data.get(f"{prefix}_en", "")).strip(),
        f"{prefix}_zh_hant": str(data.get(f"{prefix}_zh_hant", "")).strip(),
        f"{prefix}_zh_hans": str(data.get(f"{prefix}_zh_hans", "")).strip(),
    }


@transaction.atomic
def load_tasks(*, path: Path | str, publish: bool = True) -> list[PerformanceTask]:
    """Create or update the tasks described by a YAML file, keyed by slug; idempotent.

    Conditions, prompts and the rubric are replaced only while nobody has submitted the task, so a
    mentor never reviews against a rubric that changed under them.
    """
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if not isinstance(data, dict) or not isinstance(data.get("tasks"), list):
        raise AssessmentError(_("The task file must hold a list under “tasks”."))
    framework = (
        Framework.objects.filter(slug=data.get("framework", "jyt-0646-2022"))
        .order_by("-version")
        .first()
    )
    if framework is None:
        raise AssessmentError(_("Load the framework before the tasks (manage.py load_framework)."))
    tasks = []
    for spec in data["tasks"]:
        codes = list(spec.get("indicators") or [])
        indicators = list(framework.indicators.filter(code__in=codes))
        missing = set(codes) - {i.code for i in indicators}
        if missing:
            raise AssessmentError(
                _(
                    "Unknown indicator codes in task “%(slug)s”: %(codes)s. Load the framework first."
                )
                % {"slug": spec.get("slug"), "codes": ", ".join(sorted(missing))}
            )
        fields = {
            **_text(spec, "title"),
            **_text(spec, "summary"),
            **_text(spec, "instructions"),
            "lessons_required": int(spec.get("lessons_required", 1)),
            "reflection_min_words": int(spec.get("reflection_min_words", 80)),
        }
        task = PerformanceTask.objects.filter(slug=spec["slug"]).first()
        if task is None:
            task = PerformanceTask(slug=spec["slug"], is_published=publish)
        for name, value in fields.items():
            setattr(task, name, value)
        task.full_clean(exclude=["indicators"])
        # A ParentalManyToManyField keeps .set() in memory until the next save().
        task.indicators.set(indicators)
        task.save()
        if not task.submissions.exclude(status=TaskSubmission.Status.DRAFT).exists():
            _replace_parts(task, spec)
        tasks.append(task)
    return tasks


def _replace_parts(task: PerformanceTask, spec: dict[str, Any]) -> None:
    task.conditions.all().delete()
    task.prompts.all().delete()
    task.criteria.all().delete()
    for order, condition in enumerate(spec.get("conditions") or []):
        item = TaskCondition(
            task=task,
            sort_order=order,
            metric=condition["metric"],
            comparison=condition["comparison"],
            value=float(condition["value"]),
        )
        item.full_clean()
        item.save()
    for order, prompt in enumerate(spec.get("prompts") or []):
        ReflectionPrompt.objects.create(
            task=task,
            sort_order=order,
            text_en=prompt["en"].strip(),
            text_zh_hant=str(prompt.get("zh_hant", "")).strip(),
            text_zh_hans=str(prompt.get("zh_hans", "")).strip(),
        )
    for order, criterion_spec in enumerate(spec.get("rubric") or []):
        criterion = RubricCriterion.objects.create(
            task=task,
            sort_order=order,
            name_en=criterion_spec["en"].strip(),
            name_zh_hant=str(criterion_spec.get("zh_hant", "")).strip(),
            name_zh_hans=str(criterion_spec.get("zh_hans", "")).strip(),
        )
        for level_order, level in enumerate(criterion_spec["levels"]):
            RubricLevel.objects.create(
                criterion=criterion,
                sort_order=level_order,
                score=int(level["score"]),
                **_text(level, "label"),
                **_text(level, "descriptor"),
            )


def load_default_tasks() -> list[PerformanceTask]:
    return load_tasks(path=DEFAULT_TASKS)


def _notify(version: SubmissionVersion, kind: str) -> None:
    from assessments.tasks import notify_submission

    transaction.on_commit(partial(notify_submission.delay, version.pk, kind))


# --- the teacher's side ----------------------------------------------------------------------


@transaction.atomic
def start_submission(*, task: PerformanceTask, teacher: User) -> TaskSubmission:
    """Open the teacher's submission for the task, or return the one in progress. Safe to repeat."""
    if not task.is_published:
        raise AssessmentError(_("This task is not open."))
    existing = (
        TaskSubmission.objects.of_teacher(teacher)
        .filter(task=task)
        .exclude(status=TaskSubmission.Status.APPROVED)
        .first()
    )
    if existing:
        return existing
    school = selectors.school_of_teacher(teacher)
    if school is None:
        raise AssessmentError(
            _(
                "Performance tasks are reviewed by a mentor at your school: join a school first"
                " (pre-service teachers: ask your placement school to invite you)."
            )
        )
    submission = TaskSubmission(task=task, teacher=teacher, school=school)
    fixed = selectors.fixed_mentor(submission)
    submission.mentor_id = fixed.mentor_id if fixed else None
    submission.full_clean()
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        # A second request opened it between our look-up and insert: continue with that one.
        return (
            TaskSubmission.objects.of_teacher(teacher)
            .filter(task=task)
            .exclude(status=TaskSubmission.Status.APPROVED)
            .get()
        )
    return submission


def _locked(submission: TaskSubmission) -> TaskSubmission:
    return TaskSubmission.objects.select_for_update().select_related("task").get(pk=submission.pk)


@transaction.atomic
def save_draft(
    *,
    submission: TaskSubmission,
    by: User,
    lesson_ids: list[int],
    answers: dict[int, str],
    mentor: User | None,
) -> TaskSubmission:
    """Store the teacher's choices; anything not theirs to choose is refused whole."""
    submission = _locked(submission)
    if submission.teacher_id != by.pk:
        raise AssessmentError(_("Only the teacher who started this submission can edit it."))
    if not submission.is_editable:
        raise AssessmentError(
            _("This submission is with your mentor; you can edit it if they request changes.")
        )
    eligible = set(selectors.eligible_lessons(submission).values_list("pk", flat=True))
    if any(i not in eligible for i in lesson_ids):
        raise AssessmentError(_("Choose only your own lessons whose analysis is ready."))
    if len(set(lesson_ids)) != len(lesson_ids):
        raise AssessmentError(_("Choose each lesson once."))
    prompts = set(submission.task.prompts.values_list("pk", flat=True))
    if any(p not in prompts for p in answers):
        raise AssessmentError(_("The form does not match this task. Reload the page."))
    if any(len(text) > MAX_ANSWER for text in answers.values()):
        raise AssessmentError(_("An answer can be at most %(n)d characters.") % {"n": MAX_ANSWER})
    fixed = selectors.fixed_mentor(submission)
    if fixed is not None:
        if fixed.reason == "assigned" and mentor is not None and mentor.pk != fixed.mentor_id:
            raise AssessmentError(
                _("Your school has assigned your mentor; ask a school leader to change it.")
            )
        submission.mentor_id = fixed.mentor_id
    elif mentor is not None:
        if not selectors.mentors_for(submission).filter(pk=mentor.pk).exists():
            raise AssessmentError(_("Choose a mentor at your school."))
        submission.mentor = mentor
    submission.lesson_ids = list(lesson_ids)
    submission.answers = {str(k): v.strip() for k, v in answers.items()}
    submission.full_clean()
    submission.save()
    return submission


@transaction.atomic
def submit_submission(*, submission: TaskSubmission, by: User) -> TaskSubmission:
    """Freeze the draft as a new version and send it to the mentor. Submitting twice is a no-op."""
    submission = _locked(submission)
    if submission.teacher_id != by.pk:
        raise AssessmentError(_("Only the teacher who started this submission can submit it."))
    if submission.status == TaskSubmission.Status.SUBMITTED:
        return submission
    if not submission.is_editable:
        raise AssessmentError(_("This submission was already approved."))
    readiness = selectors.readiness_of(submission)
    if not readiness.ready:
        raise AssessmentError(" ".join(readiness.problems))
    prompts = list(submission.task.prompts.all())
    number = submission.versions.count() + 1
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=number,
        lesson_snapshot=[
            {
                "id": lesson.pk,
                "title": lesson.title,
                "taught_on": lesson.taught_on.isoformat() if lesson.taught_on else None,
                "measures": {
                    key: task_rules.measure(lesson.analysis.metrics, key)
                    for key in task_rules.MEASURES
                },
            }
            for lesson in readiness.lessons
        ],
        answers=[
            {"prompt_id": p.pk, "prompt": p.text, "answer": submission.answers.get(str(p.pk), "")}
            for p in prompts
        ],
        condition_results=[r.as_dict() for r in readiness.conditions],
    )
    version.lessons.set(readiness.lessons)
    submission.status = TaskSubmission.Status.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.save(update_fields=["status", "submitted_at", "updated_at"])
    _notify(version, "submitted")
    return submission


@transaction.atomic
def delete_draft(*, submission: TaskSubmission, by: User) -> None:
    submission = _locked(submission)
    if submission.teacher_id != by.pk:
        raise AssessmentError(_("You can delete only your own drafts."))
    if submission.status != TaskSubmission.Status.DRAFT or submission.versions.exists():
        raise AssessmentError(
            _("Only a draft that was never submitted can be deleted; its review history is kept.")
        )
    submission.delete()


@transaction.atomic
def withdraw_submission(*, submission: TaskSubmission, by: User) -> TaskSubmission:
    """Take a submission back before the mentor has reviewed it (sent too early, to the wrong
    mentor, or the mentor has left). It becomes a draft again; the version stays in the history."""
    submission = _locked(submission)
    if submission.teacher_id != by.pk:
        raise AssessmentError(_("Only the teacher who submitted this can withdraw it."))
    if submission.status != TaskSubmission.Status.SUBMITTED:
        raise AssessmentError(_("Only a submission waiting for review can be withdrawn."))
    version = submission.latest_version()
    if version is not None and hasattr(version, "review"):
        raise AssessmentError(_("Your mentor has already reviewed this version."))
    submission.status = TaskSubmission.Status.DRAFT
    submission.save(update_fields=["status", "updated_at"])
    return submission


# --- the mentor's side -----------------------------------------------------------------------


def _check_reviewer(submission: TaskSubmission, by: User) -> None:
    if submission.mentor_id != by.pk or not mentors_at(submission.school).filter(pk=by.pk).exists():
        raise AssessmentError(_("Only the mentor this was submitted to can review it."))
    if submission.status != TaskSubmission.Status.SUBMITTED:
        raise AssessmentError(_("This submission is not waiting for review."))


@transaction.atomic
def pin_comment(
    *, submission: TaskSubmission, by: User, utterance_id: int, text: str
) -> TranscriptComment:
    """Pin a comment to a moment of a submitted lesson. The teacher sees it with the review."""
    submission = _locked(submission)
    _check_reviewer(submission, by)
    text = text.strip()
    if not text:
        raise AssessmentError(_("Write a comment before pinning it."))
    if len(text) > MAX_COMMENT:
        raise AssessmentError(_("A comment can be at most %(n)d characters.") % {"n": MAX_COMMENT})
    version = submission.latest_version()
    assert version is not None  # a submitted submission has a version
    utterance = Utterance.objects.filter(pk=utterance_id, lesson__in=version.lessons.all()).first()
    if utterance is None:
        raise AssessmentError(_("That moment is not in the submitted lessons."))
    comment = TranscriptComment(version=version, utterance=utterance, author=by, text=text)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def review_submission(
    *,
    submission: TaskSubmission,
    by: User,
    decision: str,
    comment: str,
    scores: dict[int, int],
) -> TaskReview:
    """Approve, or request changes, with a score on every rubric criterion and a comment."""
    submission = _locked(submission)
    _check_reviewer(submission, by)
    if decision not in TaskReview.Decision.values:
        raise AssessmentError(_("Choose whether to approve or to request changes."))
    comment = comment.strip()
    if not comment:
        raise AssessmentError(_("Write a comment for the teacher."))
    criteria = {c.pk: {lv.score for lv in c.levels.all()} for c in submission.task.criteria.all()}
    if set(scores) != set(criteria) or any(scores[c] not in criteria[c] for c in criteria):
        raise AssessmentError(_("Give a level on every rubric criterion."))
    version = submission.latest_version()
    assert version is not None
    review = TaskReview(
        version=version,
        reviewer=by,
        decision=decision,
        comment=comment,
        scores={str(k): v for k, v in scores.items()},
    )
    review.full_clean()
    review.save()
    if decision == TaskReview.Decision.APPROVE:
        submission.status = TaskSubmission.Status.APPROVED
        submission.approved_at = timezone.now()
        from assessments.events import task_approved

        transaction.on_commit(lambda: task_approved(submission=submission))
    else:
        submission.status = TaskSubmission.Status.CHANGES_REQUESTED
    submission.save(update_fields=["status", "approved_at", "updated_at"])
    _notify(version, "reviewed")
    return review


# --- the school's side -----------------------------------------------------------------------


@transaction.atomic
def assign_mentor(
    *, school: School, teacher: User, mentor: User | None, by: User
) -> MentorAssignment | None:
    """A school leader assigns (or, with ``mentor=None``, clears) a teacher's mentor.

    Submissions still being prepared follow the assignment; one already with a mentor stays there.
    """
    school_led_by_or_404(by, school.pk)
    if not school.memberships.active().filter(user=teacher).exists():
        raise AssessmentError(_("This person is not on your school's staff."))
    TaskSubmission.objects.filter(
        school=school, teacher=teacher, status=TaskSubmission.Status.DRAFT
    ).update(mentor=mentor)
    if mentor is None:
        MentorAssignment.objects.filter(school=school, teacher=teacher).delete()
        return None
    if mentor.pk == teacher.pk or not mentors_at(school).filter(pk=mentor.pk).exists():
        raise AssessmentError(_("Choose a mentor at this school, other than the teacher."))
    assignment, _created = MentorAssignment.objects.update_or_create(
        school=school, teacher=teacher, defaults={"mentor": mentor, "assigned_by": by}
    )
    return assignment
