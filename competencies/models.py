"""Competency frameworks: framework → dimension → sub-dimension → indicator, proficiency levels
with a behavioural descriptor per indicator and level, and crosswalks between frameworks.

Codes are stable identifiers: everything else in the portal points at an indicator by its row, and
the row is found again by (framework, code) on every re-import, so correcting a name or a
description never breaks a result.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Revision, RevisionMixin


class Verification(models.TextChoices):
    VERIFIED_TEXT = "verified_text", _("Checked against the official text")
    VERIFIED_PARTIAL = "verified_partial", _("Partly checked")
    RECALLED = "recalled", _("Not yet checked against the official text")


def pick_language(en: str, zh_hant: str, zh_hans: str, language: str | None = None) -> str:
    """The text in the active language, falling back to Traditional Chinese, then English."""
    language = (language or get_language() or "en").lower()
    if language.startswith("zh-hans") or language in ("zh-cn", "zh-sg"):
        return zh_hans or zh_hant or en
    if language.startswith("zh"):
        return zh_hant or zh_hans or en
    return en or zh_hant or zh_hans


class Framework(models.Model):
    slug = models.SlugField(_("slug"), max_length=50)
    code = models.CharField(_("code"), max_length=50, help_text=_("E.g. JY/T 0646-2022."))
    version = models.CharField(_("version"), max_length=20, default="1")
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=200, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    issued = models.CharField(_("issued"), max_length=20, blank=True)
    official_url = models.URLField(_("official text"), blank=True)
    note = models.TextField(_("note"), blank=True)
    is_default = models.BooleanField(
        _("default framework"),
        default=False,
        help_text=_("The framework that self-assessments and evidence are mapped to."),
    )

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = ["-is_default", "slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="framework_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code} v{self.version})"

    @property
    def name(self) -> str:
        return pick_language(self.name_en, self.name_zh_hant, self.name_zh_hans)


class RevisedSnippet(RevisionMixin):
    """A snippet whose edits are kept as revisions, deleted with it (the relation Wagtail asks for)."""

    _revisions = GenericRelation(Revision, related_query_name="%(class)s")

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


class NamedNode(models.Model):
    code = models.CharField(_("code"), max_length=20)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=300, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh_hant = models.TextField(_("description (Traditional Chinese)"), blank=True)
    description_zh_hans = models.TextField(_("description (Simplified Chinese)"), blank=True)
    verification = models.CharField(
        _("verification"),
        max_length=20,
        choices=Verification.choices,
        default=Verification.RECALLED,
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("code", read_only=True),
        MultiFieldPanel(
            [FieldPanel("name_en"), FieldPanel("name_zh_hant"), FieldPanel("name_zh_hans")],
            _("Name"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("description_en"),
                FieldPanel("description_zh_hant"),
                FieldPanel("description_zh_hans"),
            ],
            _("Description"),
        ),
        FieldPanel("verification"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return pick_language(self.name_en, self.name_zh_hant, self.name_zh_hans)

    @property
    def description(self) -> str:
        return pick_language(
            self.description_en, self.description_zh_hant, self.description_zh_hans
        )


class Dimension(RevisedSnippet, NamedNode):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions")

    class Meta(NamedNode.Meta):
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="dimension_unique_code")
        ]


class SubDimension(RevisedSnippet, NamedNode):
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="sub_dimensions"
    )

    class Meta(NamedNode.Meta):
        verbose_name = _("sub-dimension")
        verbose_name_plural = _("sub-dimensions")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="subdimension_unique_code")
        ]


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def of_framework(self, framework: Framework) -> IndicatorQuerySet:
        return self.filter(framework=framework)

    def with_tree(self) -> IndicatorQuerySet:
        return self.select_related("dimension", "sub_dimension", "framework")


class Indicator(RevisedSnippet, NamedNode):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="indicators")
    sub_dimension = models.ForeignKey(
        SubDimension,
        on_delete=models.CASCADE,
        related_name="indicators",
        null=True,
        blank=True,
        help_text=_("Empty in frameworks with two levels, such as DigCompEdu."),
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta(NamedNode.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="indicator_unique_code")
        ]


class ProficiencyLevel(models.Model):
    """One step of the six-level progression, from aware (A1) to leading innovation (C2)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    rank = models.PositiveSmallIntegerField(_("rank"))
    code = models.CharField(_("code"), max_length=5)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=100, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=100, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh_hant = models.TextField(_("summary (Traditional Chinese)"), blank=True)
    summary_zh_hans = models.TextField(_("summary (Simplified Chinese)"), blank=True)

    class Meta:
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        ordering = ["framework", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "rank"], name="level_unique_rank"),
            models.CheckConstraint(
                condition=models.Q(rank__gte=1, rank__lte=6), name="level_rank_1_to_6"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return pick_language(self.name_en, self.name_zh_hant, self.name_zh_hans)

    @property
    def summary(self) -> str:
        return pick_language(self.summary_en, self.summary_zh_hant, self.summary_zh_hans)


class LevelDescriptor(RevisedSnippet):
    """What a teacher at one level does, for one indicator."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="descriptors")
    level = models.ForeignKey(
        ProficiencyLevel, on_delete=models.CASCADE, related_name="descriptors"
    )
    text_en = models.TextField(_("descriptor (English)"))
    text_zh_hant = models.TextField(_("descriptor (Traditional Chinese)"), blank=True)
    text_zh_hans = models.TextField(_("descriptor (Simplified Chinese)"), blank=True)

    panels = [FieldPanel("text_en"), FieldPanel("text_zh_hant"), FieldPanel("text_zh_hans")]

    class Meta:
        verbose_name = _("level descriptor")
        verbose_name_plural = _("level descriptors")
        ordering = ["indicator__sort_order", "level__rank"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "level"], name="descriptor_unique_level")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.level.code}"

    @property
    def text(self) -> str:
        return pick_language(self.text_en, self.text_zh_hant, self.text_zh_hans)


class CrosswalkLink(models.Model):
    """An indicator of one framework read as (part of) a competence of another."""

    class Strength(models.TextChoices):
        FULL = "full", _("Full")
        PARTIAL = "partial", _("Partial")

    source = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="crosswalk_out")
    target = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="crosswalk_in")
    strength = models.CharField(
        _("strength"), max_length=10, choices=Strength.choices, default=Strength.PARTIAL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [
        FieldPanel("source"),
        FieldPanel("target"),
        FieldPanel("strength"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("crosswalk link")
        verbose_name_plural = _("crosswalk links")
        ordering = ["source__sort_order", "target__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="crosswalk_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.source.code} → {self.target.code} ({self.strength})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (
            self.source_id
            and self.target_id
            and self.source.framework_id == self.target.framework_id
        ):
            raise ValidationError(_("A crosswalk links indicators of two different frameworks."))
