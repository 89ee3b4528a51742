"""Enrolments, per-unit progress, XBlock state, certificates and the CPD ledger."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def completed(self) -> EnrolmentQuerySet:
        return self.filter(status=Enrolment.Status.COMPLETED)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    #: Where the person was last, so that "Continue" takes them back there.
    last_unit = models.ForeignKey(
        "courses.UnitPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrolment_once_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.course_id}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class UnitCompletion(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="completions")
    unit = models.ForeignKey("courses.UnitPage", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "unit"], name="unit_completed_once")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · unit {self.unit_id}"


class XBlockState(models.Model):
    """One person's state of one XBlock (Scope.user_state), or of every block of a type
    (Scope.preferences, ``usage_id`` "type:<block_type>"), as one JSON document."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xblock_states"
    )
    usage_id = models.CharField(max_length=120)
    block_type = models.CharField(max_length=60)
    unit = models.ForeignKey(
        "courses.UnitPage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    state = models.JSONField(default=dict, blank=True)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "usage_id"], name="xblock_state_per_user")
        ]
        indexes = [models.Index(fields=["user", "unit"])]

    def __str__(self) -> str:
        return f"{self.usage_id} for user {self.user_id}"


class Certificate(models.Model):
    """Issued when a course is completed; anyone holding the link can check it is genuine."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate"
    )
    # What the certificate said when it was issued, kept even if the course is renamed later.
    #: Blank when the person has given no name: the e-mail is never printed (the page is public).
    holder_name = models.CharField(max_length=150, blank=True)
    holder_name_zh = models.CharField(max_length=50, blank=True)
    course_title_en = models.CharField(max_length=255)
    course_title_zh_hant = models.CharField(max_length=255, blank=True)
    cpd_hours = models.DecimalField(max_digits=4, decimal_places=1)
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("certificate")

    def __str__(self) -> str:
        return f"{self.course_title_en} · {self.holder_name}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


def evidence_path(instance: CPDEntry, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cpd-evidence/{instance.user_id}/{uuid.uuid4().hex}.{suffix}"


class CPDEntry(models.Model):
    """A line in a teacher's CPD ledger: hours from a course here or from an outside activity."""

    class Source(models.TextChoices):
        COURSE = "course", _("Course on this portal")
        EXTERNAL = "external", _("Outside activity")

    class Category(models.TextChoices):
        # The two modes of CPD the Education Bureau's guidelines count.
        STRUCTURED = "structured", _("Structured learning")
        OTHER = "other", _("Other CPD activities")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_entries"
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.STRUCTURED
    )
    title = models.CharField(_("activity"), max_length=255)
    provider = models.CharField(_("provider"), max_length=255, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    date = models.DateField(_("date"))
    enrolment = models.OneToOneField(
        Enrolment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cpd_entry",
    )
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("CPD entry")
        verbose_name_plural = _("CPD entries")
        ordering = ["-date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=200),
                name="cpd_hours_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.hours} h)"
