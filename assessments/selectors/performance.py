"""Reads for performance tasks. A submission exists only for its teacher and, once submitted, for the
mentor it was submitted to; everyone else gets a 404 that reveals nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, School, User
from accounts.selectors import mentors_at, staff_of
from assessments import task_rules
from assessments.models import (
    Comparison,
    Measure,
    MentorAssignment,
    PerformanceTask,
    RubricCriterion,
    SubmissionVersion,
    TaskReview,
    TaskSubmission,
    TranscriptComment,
)
from lessons.models import Lesson

#: Roles whose holders do performance tasks (mentors are teachers too).
TEACHING_ROLES = (Role.TEACHER, Role.MENTOR)


def published_tasks() -> QuerySet[PerformanceTask]:
    return PerformanceTask.objects.published().prefetch_related("indicators")


def task_or_404(slug: str) -> PerformanceTask:
    task = (
        PerformanceTask.objects.published()
        .prefetch_related(
            "indicators",
            "conditions",
            "prompts",
            Prefetch("criteria", queryset=RubricCriterion.objects.prefetch_related("levels")),
        )
        .filter(slug=slug)
        .first()
    )
    if task is None:
        raise Http404
    return task


def school_of_teacher(user: User) -> School | None:
    membership = (
        Membership.objects.active()
        .filter(user=user, role__in=TEACHING_ROLES)
        .select_related("school")
        .order_by("created_at")
        .first()
    )
    return membership.school if membership else None


def mentors_for(submission: TaskSubmission) -> QuerySet[User]:
    """Mentors the teacher may submit to: active mentors at the submission's school, not themself."""
    return mentors_at(submission.school).exclude(pk=submission.teacher_id).distinct()


def keeps_its_mentor(submission: TaskSubmission) -> bool:
    """Whether a reviewed submission stays with its mentor: yes, while they mentor at the school."""
    return (
        submission.mentor_id is not None
        and mentors_for(submission).filter(pk=submission.mentor_id).exists()
    )


@dataclass(frozen=True)
class FixedMentor:
    """A mentor the teacher cannot change, and why."""

    mentor_id: int
    reason: str  # "reviewed": stays with who reviewed it; "assigned": the school's choice


def fixed_mentor(submission: TaskSubmission) -> FixedMentor | None:
    """The one rule for who may choose the mentor, used by the page and by the service.

    After a review the work stays with the mentor who reviewed it (a new mentor would see the
    earlier review, and the first would lose it), while they still mentor at the school. Otherwise
    the school's assignment decides, while that mentor is still there; else the teacher chooses.
    """
    if submission.status != TaskSubmission.Status.DRAFT and keeps_its_mentor(submission):
        assert submission.mentor_id is not None
        return FixedMentor(submission.mentor_id, "reviewed")
    assignment = MentorAssignment.objects.filter(
        school=submission.school_id,
        teacher=submission.teacher_id,
        mentor__in=mentors_for(submission),  # an assigned mentor who has left no longer binds
    ).first()
    return FixedMentor(assignment.mentor_id, "assigned") if assignment else None


def waiting_for(user: User) -> QuerySet[TaskSubmission]:
    """Submissions waiting for this mentor's review."""
    return review_queue(user).filter(status=TaskSubmission.Status.SUBMITTED)


def condition_rows(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Condition results (or bare conditions) with the measure's name, comparison and unit."""
    labels = dict(Measure.choices)
    comparisons = dict(Comparison.choices)
    return [
        {
            **r,
            "label": labels.get(r["metric"], r["metric"]),
            "comparison_label": comparisons.get(r["comparison"], r["comparison"]),
            "unit": task_rules.MEASURES[r["metric"]].unit,
        }
        for r in results
    ]


def task_condition_rows(task: PerformanceTask) -> list[dict[str, Any]]:
    return condition_rows(
        [
            {"metric": c.metric, "comparison": c.comparison, "value": c.value}
            for c in task.conditions.all()
        ]
    )


def mentor_assignments(school: School) -> list[tuple[Membership, int | None]]:
    """The school's active staff, each with the mentor assigned to them (or None)."""
    assigned = dict(
        MentorAssignment.objects.filter(school=school).values_list("teacher_id", "mentor_id")
    )
    return [(m, assigned.get(m.user_id)) for m in staff_of(school).filter(is_active=True)]


def submissions_of(user: User) -> QuerySet[TaskSubmission]:
    return TaskSubmission.objects.of_teacher(user).select_related("task", "mentor")


def review_queue(user: User) -> QuerySet[TaskSubmission]:
    return (
        TaskSubmission.objects.for_mentor(user)
        .select_related("task", "teacher")
        .order_by("status", "-submitted_at")
    )


def own_submission_or_404(user: User, submission_id: int) -> TaskSubmission:
    submission = (
        TaskSubmission.objects.of_teacher(user)
        .select_related("task", "mentor", "school")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        raise Http404
    return submission


def reviewable_submission_or_404(user: User, submission_id: int) -> TaskSubmission:
    submission = (
        TaskSubmission.objects.for_mentor(user)
        .select_related("task", "teacher", "school")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        raise Http404
    return submission


def eligible_lessons(submission: TaskSubmission) -> QuerySet[Lesson]:
    """The teacher's own analysed lessons, oldest first (the baseline usually comes first)."""
    return (
        Lesson.objects.owned_by(submission.teacher)
        .filter(status=Lesson.Status.READY, analysis__isnull=False)
        .select_related("analysis")
        .order_by("taught_on", "created_at")
    )


@dataclass
class Readiness:
    lessons: list[Lesson]
    conditions: list[task_rules.ConditionResult]
    words: dict[int, int]  # prompt id → words written
    problems: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.problems


def readiness_of(submission: TaskSubmission) -> Readiness:
    """What the draft still lacks before it can be submitted, in words the teacher can act on."""
    task = submission.task
    by_id = {lesson.pk: lesson for lesson in eligible_lessons(submission)}
    lessons = [by_id[i] for i in submission.lesson_ids if i in by_id]
    conditions = task_rules.evaluate(
        [(c.metric, c.comparison, c.value) for c in task.conditions.all()],
        [lesson.analysis.metrics for lesson in lessons],
    )
    prompts = list(task.prompts.all())
    words = {
        p.pk: task_rules.word_count(str(submission.answers.get(str(p.pk), ""))) for p in prompts
    }
    problems = []
    if len(lessons) < task.lessons_required:
        problems.append(
            _("Choose %(n)s analysed lesson(s); %(chosen)s chosen.")
            % {"n": task.lessons_required, "chosen": len(lessons)}
        )
    if not all(result.met for result in conditions):
        problems.append(_("A condition on your lessons is not met yet (see the table)."))
    short = [p for p in prompts if words[p.pk] < task.reflection_min_words]
    if short:
        problems.append(
            _("Each reflection answer needs at least %(n)s words; %(count)s answer(s) are shorter.")
            % {"n": task.reflection_min_words, "count": len(short)}
        )
    if submission.mentor_id is None:
        problems.append(_("Choose the mentor who will review your submission."))
    return Readiness(lessons=lessons, conditions=conditions, words=words, problems=problems)


@dataclass
class HistoryEntry:
    version: SubmissionVersion
    review: TaskReview | None
    comments: list[TranscriptComment]
    scores: list[tuple[Any, Any]]  # (criterion, level) pairs


def submission_history(submission: TaskSubmission, *, for_teacher: bool) -> list[HistoryEntry]:
    """Every submitted version with its review, newest first. A teacher sees a mentor's pinned
    comments only once the mentor has posted the review they belong to."""
    versions = list(
        submission.versions.select_related("review__reviewer").prefetch_related(
            Prefetch(
                "transcript_comments",
                queryset=TranscriptComment.objects.select_related("utterance", "author"),
            )
        )
    )
    criteria = list(submission.task.criteria.prefetch_related("levels"))
    entries = []
    for version in reversed(versions):
        review = getattr(version, "review", None)
        comments = list(version.transcript_comments.all())
        if for_teacher and review is None:
            comments = []
        scores = []
        if review is not None:
            for criterion in criteria:
                score = review.scores.get(str(criterion.pk))
                level = next((lv for lv in criterion.levels.all() if lv.score == score), None)
                scores.append((criterion, level))
        entries.append(HistoryEntry(version, review, comments, scores))
    return entries


def version_lessons(version: SubmissionVersion) -> list[Lesson]:
    """The lessons of a submitted version in the order submitted, with their coded transcripts."""
    order = [item["id"] for item in version.lesson_snapshot]
    lessons = {
        lesson.pk: lesson
        for lesson in version.lessons.select_related("analysis").prefetch_related("utterances")
    }
    return [lessons[i] for i in order if i in lessons]
