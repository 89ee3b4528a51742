"""Reads for lessons. A lesson exists only for its teacher and the mentors it is shared with."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.selectors import mentors_at
from lessons.models import Lesson, LessonShare


def lessons_of(user: User) -> QuerySet[Lesson]:
    return Lesson.objects.owned_by(user).select_related("analysis").order_by("-created_at")


def shared_with(user: User) -> QuerySet[Lesson]:
    return (
        Lesson.objects.shared_with(user)
        .select_related("teacher", "analysis")
        .order_by("-created_at")
    )


def own_lesson_or_404(user: User, lesson_id: int) -> Lesson:
    lesson = Lesson.objects.owned_by(user).filter(pk=lesson_id).first()
    if lesson is None:
        raise Http404
    return lesson


def visible_lesson_or_404(user: User, lesson_id: int) -> Lesson:
    lesson = (
        Lesson.objects.visible_to(user)
        .select_related("teacher", "analysis")
        .filter(pk=lesson_id)
        .first()
    )
    if lesson is None:
        raise Http404
    return lesson


def mentors_for(lesson: Lesson) -> QuerySet[User]:
    """Whom the teacher may share a lesson with: the mentors at the lesson's school, the only
    ones who can then see it."""
    if lesson.school is None:
        return User.objects.none()
    return mentors_at(lesson.school).exclude(pk=lesson.teacher_id).distinct()


def active_shares(lesson: Lesson) -> QuerySet[LessonShare]:
    return LessonShare.objects.active().filter(lesson=lesson).select_related("mentor")


def speaker_samples(lesson: Lesson, per_speaker: int = 2) -> dict[str, list[str]]:
    """The first few things each speaker said, in one query, so the teacher can tell who is who."""
    samples: dict[str, list[str]] = {}
    for speaker, text in lesson.utterances.order_by("index").values_list("speaker", "text"):
        bucket = samples.setdefault(speaker, [])
        if len(bucket) < per_speaker:
            bucket.append(text)
    return samples
