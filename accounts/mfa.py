"""Who must use a second factor, and whether they have one."""

from __future__ import annotations

from allauth.mfa.models import Authenticator

from accounts.models import SCHOOL_LEADER_ROLES, Membership, Role, User

#: Mentors read colleagues' coded lesson transcripts and reflections submitted to them.
SECOND_FACTOR_ROLES = SCHOOL_LEADER_ROLES | {Role.MENTOR}


def mfa_required_for(user: User) -> bool:
    """Principals, school administrators, mentors, EDB administrators, reviewers and admin staff."""
    if user.is_staff or user.is_superuser or user.platform_role:
        return True
    return Membership.objects.active().filter(user=user, role__in=SECOND_FACTOR_ROLES).exists()


def has_mfa(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_needs_mfa_setup(user: User) -> bool:
    cache_attr = "_portal_needs_mfa"
    if not hasattr(user, cache_attr):
        setattr(user, cache_attr, mfa_required_for(user) and not has_mfa(user))
    return getattr(user, cache_attr)
