"""Builders for objects that take several steps: an analysed lesson, a task, a submitted task.

They go through the services where a state matters (submissions), and straight to the models where
only the stored result does (an analysed lesson: the parsers and the engine have their own tests).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from accounts.models import User
from assessments import services as task_services
from assessments.models import (
    PerformanceTask,
    ReflectionPrompt,
    RubricCriterion,
    RubricLevel,
    TaskSubmission,
)
from lessons.models import Analysis, Lesson, Utterance

ANSWER = "Students explained their reasoning."


def analysed_lesson(
    teacher: User,
    *,
    title: str = "Fractions",
    metrics: dict[str, Any] | None = None,
    taught_on: dt.date | None = None,
) -> Lesson:
    """A ready lesson: one teacher question, one student answer, and the given metrics."""
    lesson = Lesson.objects.create(
        teacher=teacher,
        title=title,
        source="transcript",
        status=Lesson.Status.READY,
        progress=100,
        consent_at=timezone.now(),
        taught_on=taught_on,
    )
    for index, (role, text) in enumerate(
        [("teacher", "Why is two thirds bigger than three fifths?"), ("student", "Because…")]
    ):
        Utterance.objects.create(
            lesson=lesson, index=index, speaker=role, role=role, text=text, start=index * 5.0
        )
    Analysis.objects.create(lesson=lesson, engine_version="test", metrics=metrics or {})
    return lesson


def small_task(*, slug: str = "small-task", title: str = "Small task") -> PerformanceTask:
    """A published task with one prompt (one word is enough) and one two-level criterion."""
    task = PerformanceTask.objects.create(
        slug=slug,
        title_en=title,
        instructions_en="Analyse a lesson.",
        reflection_min_words=1,
        is_published=True,
    )
    ReflectionPrompt.objects.create(task=task, text_en="What did you notice?")
    criterion = RubricCriterion.objects.create(task=task, name_en="Use of evidence")
    for score in (1, 2):
        RubricLevel.objects.create(
            criterion=criterion, score=score, label_en=str(score), descriptor_en="…"
        )
    return task


def submitted(
    task: PerformanceTask,
    teacher: User,
    mentor: User,
    lessons: list[Lesson],
    *,
    answer: str = ANSWER,
) -> TaskSubmission:
    """The teacher's submission of ``lessons`` to ``mentor``, through the services."""
    submission = task_services.start_submission(task=task, teacher=teacher)
    task_services.save_draft(
        submission=submission,
        by=teacher,
        lesson_ids=[lesson.pk for lesson in lessons],
        answers={p.pk: answer for p in task.prompts.all()},
        mentor=mentor,
    )
    return task_services.submit_submission(submission=submission, by=teacher)


def top_scores(task: PerformanceTask) -> dict[int, int]:
    return {c.pk: max(level.score for level in c.levels.all()) for c in task.criteria.all()}
