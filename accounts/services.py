"""Writes for people, schools and memberships. Each function is one action a person takes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import (
    SCHOOL_LEADER_ROLES,
    Invitation,
    Membership,
    Role,
    School,
    TeacherProfile,
    User,
)
from accounts.staff_import import StaffRow


class AccountsError(Exception):
    """A request that cannot be carried out, with a message the person can act on."""


def _require_leader(*, school: School, by: User) -> None:
    if by.is_superuser or by.is_edb_admin:
        return
    if (
        not Membership.objects.active()
        .filter(user=by, school=school, role__in=SCHOOL_LEADER_ROLES)
        .exists()
    ):
        raise AccountsError(
            _("Only the school's principal or administrators can manage its staff.")
        )


def _enqueue_invitation(invitation: Invitation) -> None:
    from accounts.tasks import send_invitation

    transaction.on_commit(partial(send_invitation.delay, invitation.pk))


@transaction.atomic
def invite_staff(*, school: School, email: str, role: str, by: User) -> Invitation:
    """Invite a person by e-mail to join ``school`` with ``role``; re-inviting refreshes the link."""
    _require_leader(school=school, by=by)
    email = User.objects.normalize_email(email).strip().lower()
    if role not in Role.values:
        raise AccountsError(_("Choose a role for the person you invite."))
    if role == Role.PRINCIPAL and not (by.is_superuser or by.is_edb_admin):
        raise AccountsError(_("A principal is appointed by an EDB administrator."))
    if Membership.objects.filter(user__email=email, school=school, is_active=True).exists():
        raise AccountsError(_("%(email)s is already on this school's staff.") % {"email": email})
    invitation = Invitation.objects.pending().filter(email=email, school=school).first()
    if invitation is None:
        invitation = Invitation(email=email, school=school, role=role, invited_by=by)
    invitation.role = role
    invitation.invited_by = by
    invitation.expires_at = Invitation.default_expiry()
    invitation.full_clean()
    invitation.save()
    _enqueue_invitation(invitation)
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by: User) -> Invitation:
    _require_leader(school=invitation.school, by=by)
    if not invitation.is_pending:
        raise AccountsError(_("This invitation is no longer pending."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """Join the school. The invited address must be the user's own."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        membership = Membership.objects.filter(user=user, school=invitation.school).first()
        if membership is not None:
            return membership
    if not invitation.is_pending:
        raise AccountsError(_("This invitation has expired or was withdrawn. Ask for a new one."))
    if invitation.email.lower() != user.email.lower():
        raise AccountsError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, school=invitation.school, defaults={"role": invitation.role}
    )
    if membership.role != invitation.role or not membership.is_active:
        membership.role = invitation.role
        membership.is_active = True
        membership.save(update_fields=["role", "is_active"])
    TeacherProfile.objects.get_or_create(user=user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def mark_invitation_sent(*, invitation: Invitation) -> Invitation:
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return invitation


@transaction.atomic
def update_profile(
    *,
    user: User,
    full_name: str,
    name_zh: str,
    preferred_language: str,
    **profile_fields: object,
) -> TeacherProfile:
    """The person's names, language and teaching profile, saved together or not at all."""
    user.full_name = full_name
    user.name_zh = name_zh
    user.preferred_language = preferred_language
    user.full_clean()
    user.save(update_fields=["full_name", "name_zh", "preferred_language"])
    profile, _created = TeacherProfile.objects.get_or_create(user=user)
    for name, value in profile_fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def join_through_invitation(
    *, invitation: Invitation, existing: User | None, full_name: str, name_zh: str, password: str
) -> User:
    """Someone without a password sets one from the invitation link: the link reached the invited
    address, so that address is verified, and they join the school."""
    user = existing or User(email=invitation.email)
    if full_name:
        user.full_name = full_name
    if name_zh:
        user.name_zh = name_zh
    user.set_password(password)
    user.full_clean()
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    accept_invitation(invitation=invitation, user=user)
    return user


@dataclass(frozen=True)
class StaffImportResult:
    created_users: int
    added_memberships: int
    changed_roles: int
    unchanged: int
    skipped_rows: int
    invitations: int

    @property
    def changed_anything(self) -> bool:
        return bool(self.created_users or self.added_memberships or self.changed_roles)


@dataclass(frozen=True)
class PlannedRow:
    row: StaffRow
    action: str  # "create", "add", "change_role", "unchanged", "error"


def plan_staff_import(*, school: School, rows: list[StaffRow]) -> list[PlannedRow]:
    """What confirming the import would do to each row, without writing anything."""
    emails = [r.email for r in rows if r.is_valid]
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    memberships = {
        m.user.email: m
        for m in Membership.objects.filter(school=school, user__email__in=emails).select_related(
            "user"
        )
    }
    planned: list[PlannedRow] = []
    for row in rows:
        if not row.is_valid:
            action = "error"
        elif row.email not in users:
            action = "create"
        elif row.email not in memberships or not memberships[row.email].is_active:
            action = "add"
        elif memberships[row.email].role in SCHOOL_LEADER_ROLES - {Role.SCHOOL_ADMIN}:
            # A principal stays a principal: a staff list never demotes the head of school.
            action = "unchanged"
        elif memberships[row.email].role != row.role:
            action = "change_role"
        else:
            action = "unchanged"
        planned.append(PlannedRow(row=row, action=action))
    return planned


@transaction.atomic
def apply_staff_import(*, school: School, rows: list[StaffRow], by: User) -> StaffImportResult:
    """Write the valid rows. Idempotent: the same file a second time changes nothing."""
    _require_leader(school=school, by=by)
    # Lock the school so that two administrators importing at once cannot both create a user.
    School.objects.select_for_update().get(pk=school.pk)
    counts = {"create": 0, "add": 0, "change_role": 0, "unchanged": 0, "error": 0}
    invitations = 0
    for plan in plan_staff_import(school=school, rows=rows):
        row = plan.row
        counts[plan.action] += 1
        if plan.action in ("error", "unchanged"):
            continue
        if plan.action == "create":
            user = User(email=row.email, full_name=row.full_name, name_zh=row.name_zh)
            user.set_unusable_password()
            user.full_clean()
            user.save()
            TeacherProfile.objects.create(
                user=user,
                stage=row.stage,
                subjects=row.subjects,
                years_of_experience=row.years_of_experience,
                rank=row.rank,
            )
        else:
            user = User.objects.get(email=row.email)
            TeacherProfile.objects.get_or_create(
                user=user,
                defaults={
                    "stage": row.stage,
                    "subjects": row.subjects,
                    "years_of_experience": row.years_of_experience,
                    "rank": row.rank,
                },
            )
        membership, created = Membership.objects.get_or_create(
            user=user, school=school, defaults={"role": row.role}
        )
        if not created:
            membership.role = row.role
            membership.is_active = True
            membership.full_clean()
            membership.save(update_fields=["role", "is_active"])
        if plan.action == "create":
            invitation = Invitation(
                email=row.email,
                school=school,
                role=row.role,
                invited_by=by,
                expires_at=Invitation.default_expiry(),
            )
            invitation.full_clean()
            invitation.save()
            _enqueue_invitation(invitation)
            invitations += 1
    return StaffImportResult(
        created_users=counts["create"],
        added_memberships=counts["add"],
        changed_roles=counts["change_role"],
        unchanged=counts["unchanged"],
        skipped_rows=counts["error"],
        invitations=invitations,
    )


@transaction.atomic
def set_membership_active(*, membership: Membership, is_active: bool, by: User) -> Membership:
    _require_leader(school=membership.school, by=by)
    if membership.user_id == by.pk and not is_active:
        raise AccountsError(_("You cannot remove yourself from the school."))
    membership.is_active = is_active
    membership.save(update_fields=["is_active"])
    return membership
