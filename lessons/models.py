"""Recorded lessons, their (redacted) transcripts, analysis results and sharing."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, School


def media_path(instance: Lesson, filename: str) -> str:
    # A random name: the original file name may carry a student's or a class's name.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"lessons/{uuid.uuid4().hex}{suffix}"


def _shared_with(user) -> Q:
    return Q(
        shares__mentor=user,
        shares__revoked_at__isnull=True,
        school__memberships__user=user,
        school__memberships__role=Role.MENTOR,
        school__memberships__is_active=True,
        school__is_active=True,
    )


class LessonQuerySet(models.QuerySet["Lesson"]):
    def owned_by(self, user) -> LessonQuerySet:
        return self.filter(teacher=user)

    def shared_with(self, user) -> LessonQuerySet:
        """Lessons shared with ``user`` while they mentor at the lesson's school: nothing once
        they have left it."""
        return self.filter(_shared_with(user)).distinct()

    def visible_to(self, user) -> LessonQuerySet:
        """The teacher's own lessons and those shared with them as a mentor."""
        return self.filter(Q(teacher=user) | _shared_with(user)).distinct()


class Lesson(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        TRANSCRIBING = "transcribing", _("Transcribing")
        AWAITING_SPEAKERS = "awaiting_speakers", _("Waiting for you to confirm the speakers")
        ANALYSING = "analysing", _("Analysing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Source(models.TextChoices):
        TRANSCRIPT = "transcript", _("Transcript")
        RECORDING = "recording", _("Recording")

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons"
    )
    school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    title = models.CharField(_("title"), max_length=200)
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    class_level = models.CharField(
        _("class"), max_length=50, blank=True, help_text=_("E.g. P4 or S2.")
    )
    taught_on = models.DateField(_("date taught"), null=True, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.UPLOADED)
    progress = models.PositiveSmallIntegerField(default=0)
    failure_code = models.CharField(max_length=50, blank=True)
    failure_message = models.TextField(blank=True)
    consent_at = models.DateTimeField(_("consent declared at"))
    media = models.FileField(upload_to=media_path, blank=True)
    media_name = models.CharField(
        max_length=200, blank=True, help_text=_("Original file name, shown to the teacher.")
    )
    media_deleted_at = models.DateTimeField(null=True, blank=True)
    transcript_format = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="lesson_progress_max_100"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY


class Speaker(models.Model):
    """A speaker label in the transcript and the role the teacher confirmed for it."""

    class Role(models.TextChoices):
        TEACHER = "teacher", _("Teacher")
        STUDENT = "student", _("A student")
        STUDENTS = "students", _("Whole class / several students")
        OTHER = "other", _("Other (e.g. a teaching assistant or a video)")

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="speakers")
    label = models.CharField(max_length=100)
    proposed_role = models.CharField(max_length=20, choices=Role.choices)
    role = models.CharField(max_length=20, choices=Role.choices)
    confirmed = models.BooleanField(default=False)
    utterances = models.PositiveIntegerField(default=0)
    words = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-words"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "label"], name="speaker_unique_label")
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.role})"


class Utterance(models.Model):
    """One turn of talk, redacted before it is stored, with the codes the engine gave it."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="utterances")
    index = models.PositiveIntegerField()
    speaker = models.CharField(max_length=100)
    role = models.CharField(max_length=20, default="other")
    start = models.FloatField(null=True, blank=True)
    end = models.FloatField(null=True, blank=True)
    text = models.TextField()
    language = models.CharField(max_length=10, blank=True)
    is_question = models.BooleanField(default=False)
    question_type = models.CharField(max_length=10, blank=True)
    cognitive_level = models.CharField(max_length=12, blank=True)
    teacher_move = models.CharField(max_length=40, blank=True)
    student_move = models.CharField(max_length=40, blank=True)
    feedback = models.CharField(max_length=12, blank=True)
    uptake = models.FloatField(null=True, blank=True)
    teacher_act = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["lesson", "index"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "index"], name="utterance_unique_index")
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:40]}"


class Analysis(models.Model):
    lesson = models.OneToOneField(Lesson, on_delete=models.CASCADE, related_name="analysis")
    metrics = models.JSONField()
    engine_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lesson analysis")
        verbose_name_plural = _("lesson analyses")

    def __str__(self) -> str:
        return f"Analysis of {self.lesson}"


class ShareQuerySet(models.QuerySet["LessonShare"]):
    def active(self) -> ShareQuerySet:
        return self.filter(revoked_at__isnull=True)


class LessonShare(models.Model):
    """A teacher's choice to let a mentor see one lesson's transcript and report."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="shares")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons_shared_with_me"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "mentor"],
                condition=Q(revoked_at__isnull=True),
                name="share_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.lesson} → {self.mentor}"
