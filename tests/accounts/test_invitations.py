from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Membership, Role, User
from tests.factories import PASSWORD, InvitationFactory, member

pytestmark = pytest.mark.django_db


def test_principal_invites_a_teacher_by_email(school, django_capture_on_commit_callbacks):
    principal = member("principal", school)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_staff(
            school=school, email="New@School.example", role=Role.TEACHER, by=principal
        )
    assert invitation.email == "new@school.example"
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert mail.outbox[0].to == ["new@school.example"]
    assert invitation.token in mail.outbox[0].body


def test_reinviting_refreshes_the_same_invitation(school, django_capture_on_commit_callbacks):
    principal = member("principal", school)
    first = services.invite_staff(
        school=school, email="x@school.example", role=Role.TEACHER, by=principal
    )
    second = services.invite_staff(
        school=school, email="x@school.example", role=Role.MENTOR, by=principal
    )
    assert first.pk == second.pk and second.role == Role.MENTOR
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize("role", ["teacher", "mentor"])
def test_only_leaders_invite(school, role):
    with pytest.raises(services.AccountsError):
        services.invite_staff(
            school=school, email="x@school.example", role=Role.TEACHER, by=member(role, school)
        )
    assert not Invitation.objects.exists()


def test_a_school_cannot_appoint_a_principal_by_invitation(school):
    with pytest.raises(services.AccountsError, match="EDB"):
        services.invite_staff(
            school=school,
            email="x@school.example",
            role=Role.PRINCIPAL,
            by=member("school_admin", school),
        )


def test_new_person_accepts_by_choosing_a_password(client, school):
    invitation = InvitationFactory(school=school, email="fresh@school.example", role=Role.MENTOR)
    url = reverse("accounts:accept_invitation", kwargs={"token": invitation.token})
    response = client.post(
        url, {"full_name": "Fresh Mentor", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="fresh@school.example")
    assert Membership.objects.get(user=user, school=school).role == Role.MENTOR
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_mismatched_passwords_change_nothing(client, school):
    invitation = InvitationFactory(school=school, email="fresh@school.example")
    url = reverse("accounts:accept_invitation", kwargs={"token": invitation.token})
    response = client.post(
        url, {"full_name": "X", "password1": PASSWORD, "password2": PASSWORD + "!"}
    )
    assert response.status_code == 200
    assert "differ" in response.content.decode()
    assert not User.objects.filter(email="fresh@school.example").exists()


def test_expired_and_withdrawn_invitations_are_refused(client, school):
    expired = InvitationFactory(school=school, expires_at=timezone.now() - timedelta(days=1))
    withdrawn = InvitationFactory(school=school, revoked_at=timezone.now())
    for invitation in (expired, withdrawn):
        response = client.get(
            reverse("accounts:accept_invitation", kwargs={"token": invitation.token})
        )
        assert response.status_code == 410


def test_signed_in_person_with_another_address_cannot_take_the_invitation(
    client, school, other_school
):
    invitation = InvitationFactory(school=school, email="meant.for@school.example")
    client.force_login(member("teacher", other_school))
    client.post(reverse("accounts:accept_invitation", kwargs={"token": invitation.token}))
    assert not Membership.objects.filter(
        school=school, user__email="meant.for@school.example"
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_existing_account_is_asked_to_sign_in_first(client, school, other_school):
    existing = member("teacher", other_school)
    invitation = InvitationFactory(school=school, email=existing.email)
    response = client.get(reverse("accounts:accept_invitation", kwargs={"token": invitation.token}))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(existing)
    client.post(reverse("accounts:accept_invitation", kwargs={"token": invitation.token}))
    assert Membership.objects.filter(user=existing, school=school).exists()


def test_removing_access_asks_for_confirmation_and_can_be_undone(client, school):
    principal = member("principal", school)
    teacher = member("teacher", school)
    membership = Membership.objects.get(user=teacher, school=school)
    url = reverse(
        "accounts:membership_toggle",
        kwargs={"school_id": school.pk, "membership_id": membership.pk},
    )
    client.force_login(principal)
    assert client.get(url).status_code == 200
    membership.refresh_from_db()
    assert membership.is_active
    client.post(url)
    membership.refresh_from_db()
    assert not membership.is_active
    client.post(url)
    membership.refresh_from_db()
    assert membership.is_active


def test_principal_cannot_see_other_school_staff(client, school, other_school):
    client.force_login(member("principal", school))
    response = client.get(reverse("accounts:staff_list", kwargs={"school_id": other_school.pk}))
    assert response.status_code == 404
