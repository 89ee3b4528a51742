"""Performance tasks: a teacher analyses their own lessons, reflects, and a mentor reviews.

A task is authored in the admin with its conditions, reflection prompts and rubric inline. A teacher's
:class:`TaskSubmission` is a small state machine (draft → submitted → changes requested → submitted
→ approved); every time it is submitted its content is frozen in a :class:`SubmissionVersion`, and
each mentor decision is a :class:`TaskReview` of one version, so the whole history is kept.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from assessments import task_rules
from competencies.models import Indicator, pick_language


class Measure(models.TextChoices):
    OPEN_QUESTION_SHARE = (
        "open_question_share",
        # xgettext:no-python-format
        _("Open questions (% of questions)"),
    )
    HIGHER_ORDER_SHARE = (
        "higher_order_share",
        # xgettext:no-python-format
        _("Higher-order questions (% of questions)"),
    )
    STUDENT_TALK_SHARE = (
        "student_talk_share",
        # xgettext:no-python-format
        _("Student talk (% of talk)"),
    )
    QUESTIONS_PER_10_MIN = "questions_per_10_min", _("Teacher questions per 10 minutes")
    WAIT_TIME_SECONDS = "wait_time_seconds", _("Wait time after questions (seconds)")
    UPTAKE_SHARE = (
        "uptake_share",
        # xgettext:no-python-format
        _("Responses that build on students' ideas (% of exchanges)"),
    )
    PARTICIPATION_GINI = "participation_gini", _("Participation equity (Gini, lower is more even)")


class Comparison(models.TextChoices):
    AT_LEAST = task_rules.AT_LEAST, _("at least (latest lesson)")
    AT_MOST = task_rules.AT_MOST, _("at most (latest lesson)")
    INCREASE = task_rules.INCREASE, _("up by at least (baseline → latest)")
    DECREASE = task_rules.DECREASE, _("down by at least (baseline → latest)")


class PerformanceTaskQuerySet(models.QuerySet["PerformanceTask"]):
    def published(self) -> PerformanceTaskQuerySet:
        return self.filter(is_published=True)


class PerformanceTask(ClusterableModel):
    """What a teacher must do with their own analysed lessons to earn recognition."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh_hant = models.CharField(_("title (Traditional Chinese)"), max_length=200, blank=True)
    title_zh_hans = models.CharField(_("title (Simplified Chinese)"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh_hant = models.TextField(_("summary (Traditional Chinese)"), blank=True)
    summary_zh_hans = models.TextField(_("summary (Simplified Chinese)"), blank=True)
    instructions_en = models.TextField(_("instructions (English)"))
    instructions_zh_hant = models.TextField(_("instructions (Traditional Chinese)"), blank=True)
    instructions_zh_hans = models.TextField(_("instructions (Simplified Chinese)"), blank=True)
    indicators = ParentalManyToManyField(
        Indicator, related_name="performance_tasks", verbose_name=_("indicators")
    )
    lessons_required = models.PositiveSmallIntegerField(
        _("analysed lessons required"),
        default=1,
        help_text=_(
            "With two or more, the first lesson is the baseline and the last the later one."
        ),
    )
    reflection_min_words = models.PositiveSmallIntegerField(
        _("minimum words per reflection answer"),
        default=80,
        help_text=_("A Chinese character counts as one word."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PerformanceTaskQuerySet.as_manager()

    panels = [
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("title_zh_hant"), FieldPanel("title_zh_hans")],
            _("Title"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("summary_en"),
                FieldPanel("summary_zh_hant"),
                FieldPanel("summary_zh_hans"),
            ],
            _("Summary"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("instructions_en"),
                FieldPanel("instructions_zh_hant"),
                FieldPanel("instructions_zh_hans"),
            ],
            _("Instructions"),
        ),
        FieldPanel("indicators"),
        FieldPanel("lessons_required"),
        InlinePanel("conditions", label=_("Metric conditions")),
        FieldPanel("reflection_min_words"),
        InlinePanel("prompts", label=_("Reflection prompts"), min_num=1),
        InlinePanel("criteria", label=_("Rubric criteria"), min_num=1),
        FieldPanel("is_published"),
    ]

    class Meta:
        verbose_name = _("performance task")
        verbose_name_plural = _("performance tasks")
        ordering = ["title_en"]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return pick_language(self.title_en, self.title_zh_hant, self.title_zh_hans)

    @property
    def summary(self) -> str:
        return pick_language(self.summary_en, self.summary_zh_hant, self.summary_zh_hans)

    @property
    def instructions(self) -> str:
        return pick_language(
            self.instructions_en, self.instructions_zh_hant, self.instructions_zh_hans
        )

    def clean(self) -> None:
        if self.lessons_required < 1:
            raise ValidationError({"lessons_required": _("A task needs at least one lesson.")})


class TaskCondition(Orderable):
    """A measurable condition on the submitted lessons' analyses."""

    task = ParentalKey(PerformanceTask, on_delete=models.CASCADE, related_name="conditions")
    metric = models.CharField(_("measure"), max_length=40, choices=Measure.choices)
    comparison = models.CharField(_("comparison"), max_length=20, choices=Comparison.choices)
    value = models.FloatField(
        _("value"), help_text=_("Percentages as 0–100; changes in percentage points.")
    )

    panels = [FieldPanel("metric"), FieldPanel("comparison"), FieldPanel("value")]

    class Meta(Orderable.Meta):
        verbose_name = _("metric condition")
        verbose_name_plural = _("metric conditions")

    def __str__(self) -> str:
        return f"{self.metric} {self.comparison} {self.value}"

    def clean(self) -> None:
        needs_two = self.comparison in (Comparison.INCREASE, Comparison.DECREASE)
        if needs_two and self.task_id and self.task.lessons_required < 2:
            raise ValidationError(
                {"comparison": _("A change between lessons needs a task with two or more lessons.")}
            )


class ReflectionPrompt(Orderable):
    task = ParentalKey(PerformanceTask, on_delete=models.CASCADE, related_name="prompts")
    text_en = models.TextField(_("prompt (English)"))
    text_zh_hant = models.TextField(_("prompt (Traditional Chinese)"), blank=True)
    text_zh_hans = models.TextField(_("prompt (Simplified Chinese)"), blank=True)

    panels = [FieldPanel("text_en"), FieldPanel("text_zh_hant"), FieldPanel("text_zh_hans")]

    class Meta(Orderable.Meta):
        verbose_name = _("reflection prompt")
        verbose_name_plural = _("reflection prompts")

    def __str__(self) -> str:
        return self.text_en[:60]

    @property
    def text(self) -> str:
        return pick_language(self.text_en, self.text_zh_hant, self.text_zh_hans)


class RubricCriterion(Orderable, ClusterableModel):
    task = ParentalKey(PerformanceTask, on_delete=models.CASCADE, related_name="criteria")
    name_en = models.CharField(_("criterion (English)"), max_length=200)
    name_zh_hant = models.CharField(
        _("criterion (Traditional Chinese)"), max_length=200, blank=True
    )
    name_zh_hans = models.CharField(_("criterion (Simplified Chinese)"), max_length=200, blank=True)

    panels = [
        FieldPanel("name_en"),
        FieldPanel("name_zh_hant"),
        FieldPanel("name_zh_hans"),
        InlinePanel("levels", label=_("Levels"), min_num=2),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return pick_language(self.name_en, self.name_zh_hant, self.name_zh_hans)


class RubricLevel(Orderable):
    criterion = ParentalKey(RubricCriterion, on_delete=models.CASCADE, related_name="levels")
    score = models.PositiveSmallIntegerField(_("score"))
    label_en = models.CharField(_("level (English)"), max_length=60)
    label_zh_hant = models.CharField(_("level (Traditional Chinese)"), max_length=60, blank=True)
    label_zh_hans = models.CharField(_("level (Simplified Chinese)"), max_length=60, blank=True)
    descriptor_en = models.TextField(_("descriptor (English)"))
    descriptor_zh_hant = models.TextField(_("descriptor (Traditional Chinese)"), blank=True)
    descriptor_zh_hans = models.TextField(_("descriptor (Simplified Chinese)"), blank=True)

    panels = [
        FieldPanel("score"),
        FieldPanel("label_en"),
        FieldPanel("label_zh_hant"),
        FieldPanel("label_zh_hans"),
        FieldPanel("descriptor_en"),
        FieldPanel("descriptor_zh_hant"),
        FieldPanel("descriptor_zh_hans"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")

    def __str__(self) -> str:
        return f"{self.score} {self.label_en}"

    @property
    def label(self) -> str:
        return pick_language(self.label_en, self.label_zh_hant, self.label_zh_hans)

    @property
    def descriptor(self) -> str:
        return pick_language(self.descriptor_en, self.descriptor_zh_hant, self.descriptor_zh_hans)


class MentorAssignment(models.Model):
    """A school's choice of mentor for one teacher: that teacher's submissions go to this mentor."""

    school = models.ForeignKey(
        "accounts.School", on_delete=models.CASCADE, related_name="mentor_assignments"
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assigned_mentors"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assigned_mentees"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        constraints = [
            models.UniqueConstraint(fields=["school", "teacher"], name="one_mentor_per_teacher")
        ]

    def __str__(self) -> str:
        return f"{self.teacher} → {self.mentor}"


class SubmissionQuerySet(models.QuerySet["TaskSubmission"]):
    def of_teacher(self, user) -> SubmissionQuerySet:
        return self.filter(teacher=user)

    def for_mentor(self, user) -> SubmissionQuerySet:
        """Only what was submitted to this mentor, while they are a mentor at that school: never
        drafts, never other mentors' work, nothing once they have left the school."""
        return self.filter(
            mentor=user,
            school__memberships__user=user,
            school__memberships__role="mentor",
            school__memberships__is_active=True,
            school__is_active=True,
        ).exclude(status=TaskSubmission.Status.DRAFT)


class TaskSubmission(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.ForeignKey(PerformanceTask, on_delete=models.PROTECT, related_name="submissions")
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_submissions"
    )
    school = models.ForeignKey(
        "accounts.School", on_delete=models.CASCADE, related_name="task_submissions"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="task_reviews_assigned",
        verbose_name=_("mentor"),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    #: The draft being edited: lesson ids in order (baseline first) and answers keyed by prompt id.
    lesson_ids = models.JSONField(default=list, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("task submission")
        verbose_name_plural = _("task submissions")
        ordering = ["-updated_at"]
        constraints = [
            # One submission in progress per teacher and task; an approved one may be followed by
            # another attempt later, which starts a new submission.
            models.UniqueConstraint(
                fields=["task", "teacher"],
                condition=~Q(status="approved"),
                name="one_open_submission_per_task",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.teacher}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    def latest_version(self) -> SubmissionVersion | None:
        return self.versions.order_by("-number").first()

    def latest_review(self) -> TaskReview | None:
        return (
            TaskReview.objects.filter(version__submission=self)
            .select_related("reviewer")
            .order_by("-created_at")
            .first()
        )


class SubmissionVersion(models.Model):
    """What was submitted, frozen: lessons with their measures, answers and condition results."""

    submission = models.ForeignKey(
        TaskSubmission, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField()
    lessons = models.ManyToManyField("lessons.Lesson", related_name="task_versions")
    #: [{"id", "title", "taught_on", "metrics": {key: value}}] in the submitted order.
    lesson_snapshot = models.JSONField(default=list)
    #: [{"prompt_id", "prompt", "answer"}]
    answers = models.JSONField(default=list)
    #: [{"metric", "comparison", "value", "observed", "met"}]
    condition_results = models.JSONField(default=list)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.submission} v{self.number}"


class TaskReview(models.Model):
    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        CHANGES = "changes", _("Request changes")

    version = models.OneToOneField(
        SubmissionVersion, on_delete=models.CASCADE, related_name="review"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="task_reviews"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("comment"), max_length=5000)
    #: {criterion_id: score}
    scores = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor review")
        verbose_name_plural = _("mentor reviews")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} — {self.version}"


class TranscriptComment(models.Model):
    """A mentor's comment pinned to one moment (utterance) of a submitted lesson's transcript."""

    version = models.ForeignKey(
        SubmissionVersion, on_delete=models.CASCADE, related_name="transcript_comments"
    )
    utterance = models.ForeignKey(
        "lessons.Utterance", on_delete=models.CASCADE, related_name="mentor_comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("transcript comment")
        verbose_name_plural = _("transcript comments")
        ordering = ["utterance__lesson_id", "utterance__index", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]
