"""People, schools and what each person may do at each school."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import BaseUserManager as DjangoBaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class UserManager(DjangoBaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        extra_fields.setdefault("platform_role", User.PlatformRole.EDB_ADMIN)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Students are never users."""

    class PlatformRole(models.TextChoices):
        NONE = "", _("None")
        EDB_ADMIN = "edb_admin", _("EDB administrator")
        REVIEWER = "reviewer", _("Award and grant reviewer")

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name (English)"), max_length=150, blank=True)
    name_zh = models.CharField(_("name in Chinese"), max_length=50, blank=True)
    platform_role = models.CharField(
        _("platform role"), max_length=20, choices=PlatformRole.choices, blank=True, default=""
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Can open the administration site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    # Wagtail's user admin reads these two names.
    first_name = models.CharField(_("given name"), max_length=150, blank=True)
    last_name = models.CharField(_("family name"), max_length=150, blank=True)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def display_name(self) -> str:
        if get_language() and get_language().startswith("zh") and self.name_zh:
            return self.name_zh
        return self.full_name or self.name_zh or self.email

    @property
    def public_name(self) -> str:
        """The name shown to people outside the portal: never the e-mail address ("" if none)."""
        if get_language() and get_language().startswith("zh") and self.name_zh:
            return self.name_zh
        return self.full_name or self.name_zh

    def get_full_name(self) -> str:
        return self.full_name or self.name_zh or self.email

    def get_short_name(self) -> str:
        return self.first_name or self.get_full_name()

    @property
    def is_edb_admin(self) -> bool:
        return self.platform_role == self.PlatformRole.EDB_ADMIN

    @property
    def is_reviewer(self) -> bool:
        return self.platform_role == self.PlatformRole.REVIEWER


class District(models.TextChoices):
    """Hong Kong's 18 districts."""

    CENTRAL_AND_WESTERN = "central_and_western", _("Central and Western")
    WAN_CHAI = "wan_chai", _("Wan Chai")
    EASTERN = "eastern", _("Eastern")
    SOUTHERN = "southern", _("Southern")
    YAU_TSIM_MONG = "yau_tsim_mong", _("Yau Tsim Mong")
    SHAM_SHUI_PO = "sham_shui_po", _("Sham Shui Po")
    KOWLOON_CITY = "kowloon_city", _("Kowloon City")
    WONG_TAI_SIN = "wong_tai_sin", _("Wong Tai Sin")
    KWUN_TONG = "kwun_tong", _("Kwun Tong")
    KWAI_TSING = "kwai_tsing", _("Kwai Tsing")
    TSUEN_WAN = "tsuen_wan", _("Tsuen Wan")
    TUEN_MUN = "tuen_mun", _("Tuen Mun")
    YUEN_LONG = "yuen_long", _("Yuen Long")
    NORTH = "north", _("North")
    TAI_PO = "tai_po", _("Tai Po")
    SHA_TIN = "sha_tin", _("Sha Tin")
    SAI_KUNG = "sai_kung", _("Sai Kung")
    ISLANDS = "islands", _("Islands")


class SchoolQuerySet(models.QuerySet["School"]):
    def active(self) -> SchoolQuerySet:
        return self.filter(is_active=True)


class School(models.Model):
    class Level(models.TextChoices):
        KINDERGARTEN = "kindergarten", _("Kindergarten")
        PRIMARY = "primary", _("Primary")
        SECONDARY = "secondary", _("Secondary")
        SPECIAL = "special", _("Special")

    class FinanceType(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        AIDED = "aided", _("Aided")
        DIRECT_SUBSIDY = "direct_subsidy", _("Direct Subsidy Scheme")
        PRIVATE = "private", _("Private")

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=30, choices=District.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    finance_type = models.CharField(_("finance type"), max_length=20, choices=FinanceType.choices)
    sponsoring_body = models.CharField(_("sponsoring body"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["name_en", "district"], name="school_unique_name_district"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() and get_language().startswith("zh") and self.name_zh:
            return self.name_zh
        return self.name_en


class Institution(models.Model):
    """A teacher-education institution whose students are pre-service teachers."""

    name_en = models.CharField(_("name (English)"), max_length=200, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    short_name = models.CharField(_("short name"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("teacher-education institution")
        verbose_name_plural = _("teacher-education institutions")
        ordering = ["name_en"]

    def __str__(self) -> str:
        if get_language() and get_language().startswith("zh") and self.name_zh:
            return self.name_zh
        return self.name_en


class Role(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    MENTOR = "mentor", _("Mentor")
    PRINCIPAL = "principal", _("Principal")
    SCHOOL_ADMIN = "school_admin", _("School administrator")


#: Roles that manage a school's staff and see its progress.
SCHOOL_LEADER_ROLES = frozenset({Role.PRINCIPAL, Role.SCHOOL_ADMIN})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True, school__is_active=True)

    def for_school(self, school: School) -> MembershipQuerySet:
        return self.filter(school=school)

    def leaders(self) -> MembershipQuerySet:
        return self.filter(role__in=SCHOOL_LEADER_ROLES)


class Membership(models.Model):
    """One person's role at one school."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.TEACHER)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["school__name_en", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "school"], name="membership_one_role_per_school"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.school}"


class TeacherProfile(models.Model):
    class Stage(models.TextChoices):
        PRE_SERVICE = "pre_service", _("Pre-service")
        IN_SERVICE = "in_service", _("In-service")

    class Rank(models.TextChoices):
        """Common ranks on Hong Kong teachers' pay scales; schools outside them choose 'other'."""

        GM = "gm", _("Graduate Master/Mistress (GM)")
        SGM = "sgm", _("Senior Graduate Master/Mistress (SGM)")
        PGM = "pgm", _("Principal Graduate Master/Mistress (PGM)")
        APSM = "apsm", _("Assistant Primary School Master/Mistress (APSM)")
        PSM = "psm", _("Primary School Master/Mistress (PSM)")
        SPSM = "spsm", _("Senior Primary School Master/Mistress (SPSM)")
        KG_TEACHER = "kg_teacher", _("Kindergarten teacher")
        STUDENT_TEACHER = "student_teacher", _("Student teacher")
        OTHER = "other", _("Other")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="teacher_profile"
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.IN_SERVICE
    )
    subjects = models.CharField(
        _("subjects"), max_length=300, blank=True, help_text=_("Separate subjects with commas.")
    )
    years_of_experience = models.PositiveSmallIntegerField(
        _("years of teaching experience"), null=True, blank=True
    )
    rank = models.CharField(_("rank"), max_length=20, choices=Rank.choices, blank=True)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="students",
        verbose_name=_("teacher-education institution"),
    )

    class Meta:
        verbose_name = _("teacher profile")
        verbose_name_plural = _("teacher profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(years_of_experience__isnull=True) | Q(years_of_experience__lte=60),
                name="teacherprofile_years_plausible",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_stage_display()})"

    @property
    def subject_list(self) -> list[str]:
        return [s.strip() for s in self.subjects.split(",") if s.strip()]


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True).filter(
            expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An e-mailed invitation to join a school with a role."""

    email = models.EmailField(_("e-mail address"))
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.TEACHER)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.school} ({self.get_role_display()})"

    @staticmethod
    def default_expiry() -> timezone.datetime:
        return timezone.now() + timedelta(days=settings.PORTAL_INVITATION_DAYS)

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
