"""What each role sees first after signing in. Reads only; every panel has an empty state that
says what to do next."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import selectors as account_selectors
from accounts.mfa import has_mfa, mfa_required_for
from accounts.models import Membership, Role, School, TeacherProfile, User
from assessments import selectors as task_selectors
from assessments.models import Attempt, TaskSubmission
from lessons import selectors as lesson_selectors
from lessons.models import Lesson


@dataclass
class NextStep:
    title: str
    text: str
    url: str
    label: str


@dataclass
class SchoolPanel:
    school: School
    role: str
    counts: dict[str, int] = field(default_factory=dict)
    pending_invitations: int = 0
    is_leader: bool = False

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


@dataclass
class Dashboard:
    user: User
    roles: set[str]
    schools: list[SchoolPanel]
    next_steps: list[NextStep]
    territory: dict[str, object] | None = None
    latest_attempt: object | None = None
    open_attempt: object | None = None
    shared_lessons: list = field(default_factory=list)
    lesson_count: int = 0
    submissions: list = field(default_factory=list)
    to_review: list = field(default_factory=list)

    @property
    def is_teacher(self) -> bool:
        return Role.TEACHER in self.roles or not self.roles

    @property
    def is_mentor(self) -> bool:
        return Role.MENTOR in self.roles

    @property
    def is_leader(self) -> bool:
        return bool({Role.PRINCIPAL, Role.SCHOOL_ADMIN} & self.roles)

    @property
    def is_edb_admin(self) -> bool:
        return User.PlatformRole.EDB_ADMIN in self.roles

    @property
    def is_reviewer(self) -> bool:
        return User.PlatformRole.REVIEWER in self.roles


def _profile_complete(user: User) -> bool:
    profile = TeacherProfile.objects.filter(user=user).first()
    return bool(
        profile
        and (user.full_name or user.name_zh)
        and profile.subjects
        and profile.years_of_experience is not None
    )


def build_dashboard(user: User) -> Dashboard:
    memberships = list(account_selectors.memberships_of(user))
    roles = {m.role for m in memberships}
    if user.platform_role:
        roles.add(user.platform_role)
    panels: list[SchoolPanel] = []
    for m in memberships:
        panel = SchoolPanel(school=m.school, role=m.role)
        if m.role in (Role.PRINCIPAL, Role.SCHOOL_ADMIN):
            panel.is_leader = True
            panel.counts = account_selectors.staff_counts(m.school)
            panel.pending_invitations = account_selectors.pending_invitations(m.school).count()
        panels.append(panel)

    steps: list[NextStep] = []
    if not _profile_complete(user):
        steps.append(
            NextStep(
                _("Complete your profile"),
                _(
                    "Add your subjects and years of experience so that recommendations fit your teaching."
                ),
                reverse("accounts:profile"),
                _("Edit profile"),
            )
        )
    if not has_mfa(user) and not mfa_required_for(user):
        steps.append(
            NextStep(
                _("Protect your account"),
                _("Add an authenticator app as a second step when you sign in."),
                reverse("mfa_activate_totp"),
                _("Set up two-step sign-in"),
            )
        )
    for panel in panels:
        if panel.is_leader and sum(panel.counts.values()) <= 1:
            steps.append(
                NextStep(
                    _("Bring your staff on board"),
                    _("Invite colleagues by e-mail or import your staff list from a spreadsheet."),
                    reverse("accounts:staff_import", kwargs={"school_id": panel.school.pk}),
                    _("Import staff list"),
                )
            )

    territory = None
    if User.PlatformRole.EDB_ADMIN in roles:
        schools = School.objects.active().aggregate(
            total=Count("id"),
            primary=Count("id", filter=Q(level=School.Level.PRIMARY)),
            secondary=Count("id", filter=Q(level=School.Level.SECONDARY)),
        )
        territory = {
            "schools": schools,
            "teachers": Membership.objects.active()
            .filter(role=Role.TEACHER, user__teacher_profile__stage=TeacherProfile.Stage.IN_SERVICE)
            .values("user")
            .distinct()
            .count(),
            "pre_service": TeacherProfile.objects.filter(
                stage=TeacherProfile.Stage.PRE_SERVICE
            ).count(),
        }
    attempts = Attempt.objects.of(user).order_by("-started_at")
    return Dashboard(
        user=user,
        roles=roles,
        schools=panels,
        next_steps=steps,
        territory=territory,
        latest_attempt=attempts.submitted().order_by("-submitted_at").first(),
        open_attempt=attempts.filter(status=Attempt.Status.IN_PROGRESS).first(),
        shared_lessons=list(lesson_selectors.shared_with(user)[:20])
        if Role.MENTOR in roles
        else [],
        lesson_count=Lesson.objects.owned_by(user).filter(status=Lesson.Status.READY).count(),
        submissions=list(
            task_selectors.submissions_of(user).exclude(status=TaskSubmission.Status.APPROVED)[:5]
        ),
        to_review=list(task_selectors.waiting_for(user)[:20]) if Role.MENTOR in roles else [],
    )
