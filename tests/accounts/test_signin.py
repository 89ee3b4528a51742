"""Signing in: allauth for everyone, a second factor for privileged roles, no side doors."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory, member, platform_user

pytestmark = pytest.mark.django_db


def current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def login(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_teacher_signs_in_with_email_and_password(client, school):
    teacher = member("teacher", school)
    response = login(client, teacher.email)
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(teacher.pk)
    assert client.get(reverse("dashboard")).status_code == 200


def test_wrong_password_is_refused_with_a_message(client, school):
    teacher = member("teacher", school)
    response = login(client, teacher.email, "wrong-password")
    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert "not correct" in response.content.decode()


def test_repeated_failed_log_ins_are_rate_limited(client, school):
    teacher = member("teacher", school)
    pages = [login(client, teacher.email, f"wrong-{i}").content.decode() for i in range(6)]
    assert all("Too many failed" not in page for page in pages[:5])
    assert "Too many failed" in pages[5]
    # Even the right password is refused while the limit holds.
    assert "Too many failed" in login(client, teacher.email).content.decode()
    assert signed_in_user_id(client) is None


def test_unverified_email_cannot_sign_in_and_gets_a_verification_mail(client):
    user = UserFactory(verified=False)
    response = login(client, user.email)
    assert signed_in_user_id(client) is None
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert mail.outbox and user.email in mail.outbox[-1].to


def test_sign_up_requires_email_verification(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new.teacher@school.example", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert signed_in_user_id(client) is None
    assert User.objects.filter(email="new.teacher@school.example").exists()
    message = mail.outbox[-1]
    link = re.search(r"https?://\S+/confirm-email/\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.post("/" + path)
    assert signed_in_user_id(client) is not None


def test_password_reset_sends_a_link(client, school):
    teacher = member("teacher", school)
    response = client.post(reverse("account_reset_password"), {"email": teacher.email})
    assert response.status_code == 302
    assert teacher.email in mail.outbox[-1].to
    assert "password/reset/key" in mail.outbox[-1].body


@pytest.mark.parametrize("role", ["principal", "school_admin", "mentor"])
def test_school_leaders_without_a_second_factor_are_sent_to_set_one_up(client, school, role):
    leader = member(role, school, mfa=False)
    client.force_login(leader)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]


@pytest.mark.parametrize("role", ["edb_admin", "reviewer"])
def test_platform_roles_without_a_second_factor_are_sent_to_set_one_up(client, role):
    client.force_login(platform_user(role, mfa=False))
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]


def test_a_teacher_is_not_forced_to_use_a_second_factor(client, school):
    client.force_login(member("teacher", school))
    assert client.get(reverse("dashboard")).status_code == 200


def test_mfa_setup_page_itself_stays_reachable(client, school):
    client.force_login(member("principal", school, mfa=False))
    response = client.get(reverse("dashboard"), follow=True)
    assert response.status_code == 200
    # allauth asks for the password again before adding a factor; that page must not loop.
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_activate_totp"))


def test_principal_with_totp_must_enter_a_code_after_the_password(client, school):
    principal = member("principal", school, mfa=False)
    from tests.factories import give_mfa

    secret = give_mfa(principal)
    response = login(client, principal.email)
    assert response.status_code == 302
    assert reverse("mfa_authenticate") in response["Location"]
    assert signed_in_user_id(client) is None
    bad = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert signed_in_user_id(client) is None and bad.status_code == 200
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert signed_in_user_id(client) == str(principal.pk)
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.parametrize("path", ["/cms/login/", "/django-admin/login/", "/en/_util/login/"])
def test_admin_log_in_forms_cannot_skip_allauth(client, path):
    admin = platform_user("edb_admin", is_staff=True, is_superuser=True)
    response = client.post(
        path, {"username": admin.email, "email": admin.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert signed_in_user_id(client) is None


def test_admin_sites_send_anonymous_people_to_allauth(client):
    for path in ("/cms/", "/django-admin/"):
        response = client.get(path, follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("account_login")), path
