"""Self-assessment instruments, attempts and responses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from competencies.models import Framework, Indicator, pick_language


class Audience(models.TextChoices):
    ALL = "all", _("All teachers")
    PRE_SERVICE = "pre_service", _("Pre-service teachers")
    IN_SERVICE = "in_service", _("In-service teachers")


class InstrumentQuerySet(models.QuerySet["Instrument"]):
    def published(self) -> InstrumentQuerySet:
        return self.filter(is_published=True)


class Instrument(ClusterableModel):
    """A self-assessment, authored in the admin. Attempts are scored against the version taken."""

    slug = models.SlugField(_("slug"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="instruments")
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh_hant = models.CharField(_("title (Traditional Chinese)"), max_length=200, blank=True)
    title_zh_hans = models.CharField(_("title (Simplified Chinese)"), max_length=200, blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    intro_zh_hant = models.TextField(_("introduction (Traditional Chinese)"), blank=True)
    intro_zh_hans = models.TextField(_("introduction (Simplified Chinese)"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes to complete"), default=20)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InstrumentQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("version", read_only=True), FieldPanel("framework")],
            _("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("title_zh_hant"), FieldPanel("title_zh_hans")],
            _("Title"),
        ),
        MultiFieldPanel(
            [FieldPanel("intro_en"), FieldPanel("intro_zh_hant"), FieldPanel("intro_zh_hans")],
            _("Introduction"),
        ),
        FieldPanel("minutes"),
        FieldPanel("is_published"),
        InlinePanel("items", label=_("Items")),
    ]

    class Meta:
        verbose_name = _("self-assessment instrument")
        verbose_name_plural = _("self-assessment instruments")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="instrument_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def title(self) -> str:
        return pick_language(self.title_en, self.title_zh_hant, self.title_zh_hans)

    @property
    def intro(self) -> str:
        return pick_language(self.intro_en, self.intro_zh_hant, self.intro_zh_hans)


class Item(Orderable, ClusterableModel):
    class Type(models.TextChoices):
        LADDER = "ladder", _("Level ladder")
        LIKERT = "likert", _("Likert scale")
        SCENARIO = "scenario", _("Scenario (multiple choice)")
        REFLECTION = "reflection", _("Reflection")

    instrument = ParentalKey(Instrument, on_delete=models.CASCADE, related_name="items")
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("Stable identifier within the instrument.")
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="items")
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    stem_en = models.TextField(_("question (English)"))
    stem_zh_hant = models.TextField(_("question (Traditional Chinese)"), blank=True)
    stem_zh_hans = models.TextField(_("question (Simplified Chinese)"), blank=True)
    reverse = models.BooleanField(
        _("reverse-scored"), default=False, help_text=_("Likert items where agreeing means less.")
    )
    optional = models.BooleanField(_("optional"), default=False)

    panels = [
        FieldPanel("key"),
        FieldPanel("indicator"),
        FieldPanel("type"),
        FieldPanel("audience"),
        FieldPanel("stem_en"),
        FieldPanel("stem_zh_hant"),
        FieldPanel("stem_zh_hans"),
        FieldPanel("reverse"),
        FieldPanel("optional"),
        InlinePanel("options", label=_("Options")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "key"], name="item_unique_key")
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def stem(self) -> str:
        return pick_language(self.stem_en, self.stem_zh_hant, self.stem_zh_hans)

    def applies_to(self, stage: str) -> bool:
        return self.audience in (Audience.ALL, stage)


class Option(Orderable):
    item = ParentalKey(Item, on_delete=models.CASCADE, related_name="options")
    text_en = models.TextField(_("text (English)"))
    text_zh_hant = models.TextField(_("text (Traditional Chinese)"), blank=True)
    text_zh_hans = models.TextField(_("text (Simplified Chinese)"), blank=True)
    level = models.PositiveSmallIntegerField(
        _("level"), null=True, blank=True, help_text=_("Ladder: 1–6. Likert: the scale value.")
    )
    is_correct = models.BooleanField(_("correct answer"), default=False)
    feedback_en = models.TextField(_("feedback (English)"), blank=True)
    feedback_zh_hant = models.TextField(_("feedback (Traditional Chinese)"), blank=True)
    feedback_zh_hans = models.TextField(_("feedback (Simplified Chinese)"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text_en[:60]

    @property
    def text(self) -> str:
        return pick_language(self.text_en, self.text_zh_hant, self.text_zh_hans)

    @property
    def feedback(self) -> str:
        return pick_language(self.feedback_en, self.feedback_zh_hant, self.feedback_zh_hans)


class AttemptQuerySet(models.QuerySet["Attempt"]):
    def submitted(self) -> AttemptQuerySet:
        return self.filter(status=Attempt.Status.SUBMITTED)

    def of(self, user) -> AttemptQuerySet:
        return self.filter(user=user)


class Attempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="attempts")
    stage = models.CharField(_("stage"), max_length=20, choices=Audience.choices[1:])
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    last_section = models.PositiveSmallIntegerField(default=0)
    #: The scored profile, computed once at submission (see assessments.scoring).
    result = models.JSONField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment attempt")
        verbose_name_plural = _("self-assessment attempts")
        ordering = ["-started_at"]
        constraints = [
            # At most one unfinished attempt per person and instrument: a double click on
            # "start" resumes instead of starting twice.
            models.UniqueConstraint(
                fields=["user", "instrument"],
                condition=models.Q(status="in_progress"),
                name="attempt_one_in_progress",
            ),
            models.CheckConstraint(
                condition=models.Q(status="in_progress") | models.Q(submitted_at__isnull=False),
                name="attempt_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.instrument} · {self.get_status_display()}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Response(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="responses")
    option = models.ForeignKey(
        Option, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.TextField(blank=True, max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "item"], name="response_one_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.item_id}"
