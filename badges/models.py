"""Issuers, badge classes and their rules, credentials (awards) and revocation status lists."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from competencies.models import Indicator, pick_language

#: Bits per status list: the W3C minimum, so each list hides its population in a large set.
STATUS_LIST_SIZE = 131072


class Issuer(models.Model):
    """Who signs credentials: the Education Bureau or a school, each with its own Ed25519 key."""

    class Kind(models.TextChoices):
        EDB = "edb", _("Education Bureau")
        SCHOOL = "school", _("School")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EDB)
    school = models.OneToOneField(
        "accounts.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="badge_issuer",
        verbose_name=_("school"),
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=200, blank=True)
    url = models.URLField(_("website"))
    email = models.EmailField(_("contact e-mail"), blank=True)
    #: Ed25519 public key, base58btc Multikey (``z6Mk…``), published in the issuer profile.
    public_key_multibase = models.CharField(max_length=64, editable=False)
    #: Ed25519 private key, sealed with a key derived from the server secret (never shown).
    sealed_private_key = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("school"),
        MultiFieldPanel(
            [FieldPanel("name_en"), FieldPanel("name_zh_hant"), FieldPanel("name_zh_hans")],
            _("Name"),
        ),
        FieldPanel("url"),
        FieldPanel("email"),
    ]

    class Meta:
        verbose_name = _("badge issuer")
        verbose_name_plural = _("badge issuers")
        ordering = ["kind", "name_en"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="school") & Q(school__isnull=False))
                | (Q(kind="edb") & Q(school__isnull=True)),
                name="badge_issuer_school_iff_school_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_en, self.name_zh_hant, self.name_zh_hans)

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.SCHOOL and self.school_id is None:
            raise ValidationError({"school": _("A school issuer names its school.")})
        if self.kind == self.Kind.EDB and self.school_id is not None:
            raise ValidationError({"school": _("The Education Bureau issuer has no school.")})


class BadgeClassQuerySet(models.QuerySet["BadgeClass"]):
    def published(self) -> BadgeClassQuerySet:
        return self.filter(is_published=True)


def badge_image_path(instance: BadgeClass, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"badges/images/{instance.uuid}.{extension}"


class BadgeClass(models.Model):
    """An achievement the portal recognises with a credential."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="badge_classes", verbose_name=_("issuer")
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"))
    description_zh_hant = models.TextField(_("description (Traditional Chinese)"), blank=True)
    description_zh_hans = models.TextField(_("description (Simplified Chinese)"), blank=True)
    criteria_en = models.TextField(_("criteria (English)"))
    criteria_zh_hant = models.TextField(_("criteria (Traditional Chinese)"), blank=True)
    criteria_zh_hans = models.TextField(_("criteria (Simplified Chinese)"), blank=True)
    image = models.FileField(
        _("image"),
        upload_to=badge_image_path,
        blank=True,
        validators=[FileExtensionValidator(["png", "svg"])],
        help_text=_("PNG or SVG. Without one, a clean default badge is drawn from the name."),
    )
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="badge_classes", verbose_name=_("indicators")
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: the credential does not expire."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BadgeClassQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("slug"), FieldPanel("issuer")], _("Identity")),
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
        MultiFieldPanel(
            [
                FieldPanel("criteria_en"),
                FieldPanel("criteria_zh_hant"),
                FieldPanel("criteria_zh_hans"),
            ],
            _("Criteria"),
        ),
        FieldPanel("image"),
        FieldPanel("indicators"),
        FieldPanel("validity_months"),
        FieldPanel("is_published"),
    ]

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_en, self.name_zh_hant, self.name_zh_hans)

    @property
    def description(self) -> str:
        return pick_language(
            self.description_en, self.description_zh_hant, self.description_zh_hans
        )

    @property
    def criteria(self) -> str:
        return pick_language(self.criteria_en, self.criteria_zh_hant, self.criteria_zh_hans)

    def clean(self) -> None:
        super().clean()
        if self.image and not self.image.name.startswith("badges/images/"):
            # A new upload: its bytes must be what its name says, or it could not carry a credential.
            self.image.seek(0)
            head = self.image.read(512)
            self.image.seek(0)
            is_png = head.startswith(b"\x89PNG\r\n\x1a\n")
            is_svg = b"<svg" in head
            if not (is_png if self.image.name.lower().endswith(".png") else is_svg):
                raise ValidationError({"image": _("Upload a PNG or an SVG image.")})


class BadgeRule(models.Model):
    """When a badge is awarded. Any one rule of a badge class suffices."""

    class Kind(models.TextChoices):
        TASK_APPROVED = "task_approved", _("Performance task approved")
        SELF_ASSESSMENT_LEVEL = "self_assessment_level", _("Self-assessment level on a dimension")
        COURSE_COMPLETED = "course_completed", _("Course completed")
        PATHWAY = "pathway", _("All badges of a set held")

    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.CASCADE, related_name="rules", verbose_name=_("badge")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    task_slug = models.SlugField(_("performance task (slug)"), max_length=60, blank=True)
    dimension_code = models.CharField(_("dimension (code)"), max_length=20, blank=True)
    minimum_level = models.PositiveSmallIntegerField(
        _("minimum level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    course_slug = models.SlugField(_("course (slug)"), max_length=100, blank=True)
    required_badges = models.ManyToManyField(
        BadgeClass,
        blank=True,
        related_name="required_by_rules",
        verbose_name=_("badges required (pathway)"),
    )

    panels = [
        FieldPanel("badge_class"),
        FieldPanel("kind"),
        FieldPanel("task_slug"),
        FieldPanel("dimension_code"),
        FieldPanel("minimum_level"),
        FieldPanel("course_slug"),
        FieldPanel("required_badges"),
    ]

    class Meta:
        verbose_name = _("badge rule")
        verbose_name_plural = _("badge rules")
        ordering = ["badge_class__name_en", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_level__isnull=True)
                | Q(minimum_level__gte=1, minimum_level__lte=6),
                name="badge_rule_level_1_to_6",
            )
        ]

    def __str__(self) -> str:
        return f"{self.badge_class} ← {self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        needed = {
            self.Kind.TASK_APPROVED: {"task_slug": self.task_slug},
            self.Kind.SELF_ASSESSMENT_LEVEL: {
                "dimension_code": self.dimension_code,
                "minimum_level": self.minimum_level,
            },
            self.Kind.COURSE_COMPLETED: {"course_slug": self.course_slug},
        }.get(self.kind, {})
        missing = {name: _("This kind of rule needs it.") for name, v in needed.items() if not v}
        if missing:
            raise ValidationError(missing)

    @property
    def achievement_key(self) -> str:
        """What one credential stands for: the same achievement never earns a second one."""
        if self.kind == self.Kind.TASK_APPROVED:
            return f"task:{self.task_slug}"
        if self.kind == self.Kind.SELF_ASSESSMENT_LEVEL:
            return f"self_assessment:{self.dimension_code}:{self.minimum_level}"
        if self.kind == self.Kind.COURSE_COMPLETED:
            return f"course:{self.course_slug}"
        return "pathway"


class StatusList(models.Model):
    """One W3C Bitstring Status List of an issuer; every credential owns one of its indexes."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="status_lists")
    size_bits = models.PositiveIntegerField(default=STATUS_LIST_SIZE)
    #: The next unallocated index. Indexes are never reused, even when a credential is deleted.
    next_index = models.PositiveIntegerField(default=0)
    #: Revoked indexes, kept here (not derived from credentials) so erasing a person's data never
    #: un-revokes a credential they still hold a copy of.
    revoked_indexes = models.JSONField(default=list, blank=True)
    #: The signed BitstringStatusListCredential, re-signed whenever a bit changes.
    document = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")
        ordering = ["issuer", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_index__lte=models.F("size_bits")),
                name="status_list_index_within_size",
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer} · {self.uuid}"

    @property
    def is_full(self) -> bool:
        return self.next_index >= self.size_bits


class CredentialQuerySet(models.QuerySet["Credential"]):
    def held(self) -> CredentialQuerySet:
        """Awarded and not revoked, whether the signature is done, pending or to be redone."""
        return self.filter(revoked_at__isnull=True)

    def issued(self) -> CredentialQuerySet:
        return self.filter(state=Credential.State.ISSUED)

    def of(self, user) -> CredentialQuerySet:
        return self.filter(user=user)


class Credential(models.Model):
    """One badge awarded to one person for one achievement, as a signed OB 3.0 credential."""

    class State(models.TextChoices):
        PENDING = "pending", _("Being signed")
        ISSUED = "issued", _("Issued")
        FAILED = "failed", _("Could not be signed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credentials"
    )
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="credentials"
    )
    #: The achievement (see BadgeRule.achievement_key): one credential per badge, person and key.
    source_key = models.CharField(max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    failure = models.CharField(max_length=300, blank=True)
    status_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="credentials"
    )
    status_index = models.PositiveIntegerField()
    #: Salt of the recipient's hashed e-mail address.
    salt = models.CharField(max_length=32)
    #: What was shown when the badge was awarded: [{"id", "name", "narrative", "genre"}].
    evidence = models.JSONField(default=list, blank=True)
    #: The signed credential; empty until signed.
    document = models.JSONField(null=True, blank=True)
    issued_at = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(_("reason"), max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_public = models.BooleanField(_("shared by link"), default=False)
    show_name = models.BooleanField(_("show my name on the shared page"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CredentialQuerySet.as_manager()

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["-issued_at"]
        constraints = [
            # Whatever the retries, one live credential per achievement. A revoked one does not
            # block a later, genuine award.
            models.UniqueConstraint(
                fields=["badge_class", "user", "source_key"],
                condition=Q(revoked_at__isnull=True),
                name="credential_one_per_achievement",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="credential_unique_status_index"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.badge_class} → {self.user}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
