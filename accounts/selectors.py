"""Reads about people and schools. Every function returns what its caller may see, no more."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from accounts.models import SCHOOL_LEADER_ROLES, Invitation, Membership, Role, School, User


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.active().filter(user=user).select_related("school")


def roles_of(user: User) -> set[str]:
    """Every role the user holds anywhere: school roles plus the platform role."""
    roles = set(memberships_of(user).values_list("role", flat=True))
    if user.platform_role:
        roles.add(user.platform_role)
    return roles


def schools_led_by(user: User) -> QuerySet[School]:
    if user.is_superuser or user.is_edb_admin:
        return School.objects.active()
    return School.objects.active().filter(
        memberships__user=user,
        memberships__is_active=True,
        memberships__role__in=SCHOOL_LEADER_ROLES,
    )


def school_led_by_or_404(user: User, school_id: int) -> School:
    """The school, if ``user`` may manage it; otherwise a 404 that reveals nothing."""
    school = schools_led_by(user).filter(pk=school_id).first()
    if school is None:
        raise Http404
    return school


def staff_of(school: School, *, search: str = "") -> QuerySet[Membership]:
    qs = (
        Membership.objects.for_school(school)
        .select_related("user", "user__teacher_profile")
        .order_by("-is_active", "user__full_name", "user__email")
    )
    if search:
        qs = qs.filter(
            Q(user__email__icontains=search)
            | Q(user__full_name__icontains=search)
            | Q(user__name_zh__icontains=search)
        )
    return qs


def staff_counts(school: School) -> dict[str, int]:
    rows = (
        Membership.objects.active()
        .for_school(school)
        .values("role")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {role: 0 for role in Role.values}
    counts.update({r["role"]: r["n"] for r in rows})
    return counts


def pending_invitations(school: School) -> QuerySet[Invitation]:
    return Invitation.objects.pending().filter(school=school).select_related("invited_by")


def mentors_at(school: School) -> QuerySet[User]:
    return User.objects.filter(
        memberships__school=school, memberships__role=Role.MENTOR, memberships__is_active=True
    ).order_by("full_name")
