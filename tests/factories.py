"""factory_boy factories shared by every test package."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.models import Institution, Invitation, Membership, Role, School, TeacherProfile, User

PASSWORD = "correct-horse-battery-staple"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name_en = factory.Sequence(lambda n: f"Test School {n}")
    name_zh = factory.Sequence(lambda n: f"測試學校{n}")
    district = "sha_tin"
    level = School.Level.PRIMARY
    finance_type = School.FinanceType.AIDED


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name_en = factory.Sequence(lambda n: f"Teacher College {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@school.example")
    full_name = factory.Sequence(lambda n: f"Person {n}")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):  # noqa: N805
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class TeacherProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeacherProfile

    user = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Role.TEACHER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@school.example")
    school = factory.SubFactory(SchoolFactory)
    role = Role.TEACHER
    expires_at = factory.LazyFunction(Invitation.default_expiry)


def give_mfa(user: User) -> str:
    """Activate TOTP for ``user`` and return the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def member(
    role: str, school: School | None = None, *, mfa: bool | None = None, **user_kwargs
) -> User:
    """A user with ``role`` at ``school``; privileged roles get a second factor unless mfa=False."""
    user = UserFactory(**user_kwargs)
    MembershipFactory(user=user, school=school or SchoolFactory(), role=role)
    TeacherProfileFactory(user=user)
    if mfa or (mfa is None and role in (Role.PRINCIPAL, Role.SCHOOL_ADMIN, Role.MENTOR)):
        give_mfa(user)
    return user


def platform_user(role: str, *, mfa: bool = True, **user_kwargs) -> User:
    user = UserFactory(platform_role=role, **user_kwargs)
    if mfa:
        give_mfa(user)
    return user


__all__ = [
    "PASSWORD",
    "Authenticator",
    "InstitutionFactory",
    "InvitationFactory",
    "MembershipFactory",
    "SchoolFactory",
    "TeacherProfileFactory",
    "UserFactory",
    "give_mfa",
    "member",
    "platform_user",
]
