"""Staff CSV import: preview with per-row errors, nothing written until confirmed, idempotent."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import services
from accounts.models import Invitation, Membership, Role, TeacherProfile, User
from accounts.staff_import import StaffFileError, decode_staff_file, parse_staff_csv
from tests.factories import member

RANKS = frozenset(TeacherProfile.Rank.values)

VALID = (
    "email,full_name,name_zh,role,stage,subjects,years_of_experience,rank\r\n"
    'chan.taiman@school.example,Chan Tai Man,陳大文,teacher,in_service,"English, ICT",5,gm\r\n'
    "Wong.Mei@School.example,Wong Mei,黃美,mentor,,Mathematics,12,sgm\r\n"
)


def rows_of(text: str):
    return parse_staff_csv(text, valid_ranks=RANKS)


def test_valid_rows_are_cleaned():
    rows = rows_of(VALID)
    assert [r.email for r in rows] == ["chan.taiman@school.example", "wong.mei@school.example"]
    assert rows[0].subjects == "English, ICT"
    assert rows[1].role == "mentor" and rows[1].stage == "in_service"
    assert all(r.is_valid for r in rows)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not-an-email,Chan,,teacher,,,,", "not a valid e-mail address"),
        (",Chan,,teacher,,,,", "e-mail address is missing"),
        ("a@school.example,,,teacher,,,,", "Give a name"),
        ("a@school.example,Chan,,principal,,,,", "Unknown role"),
        ("a@school.example,Chan,,teacher,retired,,,", "Unknown stage"),
        ("a@school.example,Chan,,teacher,,,five,", "whole number"),
        ("a@school.example,Chan,,teacher,,,99,", "between 0 and 60"),
        ("a@school.example,Chan,,teacher,,,,captain", "Unknown rank"),
    ],
)
def test_invalid_rows_carry_a_reason(line, message):
    rows = rows_of(
        "email,full_name,name_zh,role,stage,subjects,years_of_experience,rank\n" + line + "\n"
    )
    assert not rows[0].is_valid
    assert any(message in e for e in rows[0].errors), rows[0].errors


def test_duplicate_email_in_the_file_is_an_error_on_the_later_line():
    rows = rows_of("email,full_name\na@school.example,A\nA@school.example,A again\n")
    assert rows[0].is_valid
    assert "line 2" in rows[1].errors[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"name,phone\nChan,123\n", "Columns missing"),
        (b"email,full_name\n", "no staff rows"),
        (b"\x00\x01\x02\xff\xfe\x00", "not readable text"),
    ],
)
def test_unreadable_files_are_refused_whole(data, message):
    with pytest.raises(StaffFileError, match=message):
        rows_of(decode_staff_file(data))


def test_big5_and_bom_files_are_read():
    assert "陳大文" in decode_staff_file("email,full_name\nx@y.hk,陳大文\n".encode("big5hkscs"))
    assert decode_staff_file(b"\xef\xbb\xbfemail,full_name\n").startswith("email")


@pytest.mark.django_db
def test_import_creates_accounts_memberships_and_invitations(
    school, django_capture_on_commit_callbacks
):
    principal = member("principal", school)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.apply_staff_import(school=school, rows=rows_of(VALID), by=principal)
    assert (result.created_users, result.added_memberships, result.skipped_rows) == (2, 0, 0)
    chan = User.objects.get(email="chan.taiman@school.example")
    assert not chan.has_usable_password()
    assert chan.teacher_profile.years_of_experience == 5
    assert Membership.objects.get(user=chan, school=school).role == Role.TEACHER
    assert Invitation.objects.filter(school=school).count() == 2
    assert len(mail.outbox) == 2
    assert "chan.taiman@school.example" in mail.outbox[0].to + mail.outbox[1].to


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(school, django_capture_on_commit_callbacks):
    principal = member("principal", school)
    with django_capture_on_commit_callbacks(execute=True):
        services.apply_staff_import(school=school, rows=rows_of(VALID), by=principal)
    before = (
        User.objects.count(),
        Membership.objects.count(),
        Invitation.objects.count(),
        len(mail.outbox),
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = services.apply_staff_import(school=school, rows=rows_of(VALID), by=principal)
    assert not again.changed_anything
    assert again.unchanged == 2
    after = (
        User.objects.count(),
        Membership.objects.count(),
        Invitation.objects.count(),
        len(mail.outbox),
    )
    assert after == before


@pytest.mark.django_db
def test_existing_colleague_joins_and_role_changes_are_planned(school, other_school):
    principal = member("principal", school)
    elsewhere = member("teacher", other_school, email="roaming@school.example")
    mentor = member("teacher", school, email="promote@school.example")
    text = "email,full_name,role\nroaming@school.example,Roaming,teacher\npromote@school.example,P,mentor\n"
    plan = services.plan_staff_import(school=school, rows=rows_of(text))
    assert [p.action for p in plan] == ["add", "change_role"]
    services.apply_staff_import(school=school, rows=rows_of(text), by=principal)
    assert Membership.objects.filter(user=elsewhere).count() == 2
    assert Membership.objects.get(user=mentor, school=school).role == Role.MENTOR


@pytest.mark.django_db
def test_a_staff_list_never_demotes_the_principal(school):
    principal = member("principal", school)
    text = f"email,full_name,role\n{principal.email},Head,teacher\n"
    services.apply_staff_import(school=school, rows=rows_of(text), by=principal)
    assert Membership.objects.get(user=principal, school=school).role == Role.PRINCIPAL


@pytest.mark.django_db
def test_a_teacher_cannot_import(school):
    teacher = member("teacher", school)
    with pytest.raises(services.AccountsError):
        services.apply_staff_import(school=school, rows=rows_of(VALID), by=teacher)
    assert not User.objects.filter(email="chan.taiman@school.example").exists()


@pytest.mark.django_db
def test_preview_shows_errors_and_writes_nothing_until_confirmed(client, school):
    principal = member("principal", school)
    client.force_login(principal)
    text = VALID + "broken,,,,,,,\r\n"
    upload = SimpleUploadedFile("staff.csv", text.encode(), content_type="text/csv")
    response = client.post(
        reverse("accounts:staff_import", kwargs={"school_id": school.pk}), {"file": upload}
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "not a valid e-mail address" in html
    assert 'data-action="create"' in html and 'data-action="error"' in html
    assert not User.objects.filter(email="chan.taiman@school.example").exists()

    confirmed = client.post(
        reverse("accounts:staff_import_preview", kwargs={"school_id": school.pk})
    )
    assert confirmed.status_code == 302
    assert (
        User.objects.filter(
            email__in=["chan.taiman@school.example", "wong.mei@school.example"]
        ).count()
        == 2
    )


@pytest.mark.django_db
def test_an_unreadable_upload_is_refused_with_a_message(client, school):
    client.force_login(member("principal", school))
    upload = SimpleUploadedFile("staff.csv", b"name,phone\nx,1\n", content_type="text/csv")
    response = client.post(
        reverse("accounts:staff_import", kwargs={"school_id": school.pk}), {"file": upload}
    )
    assert response.status_code == 200
    assert "Columns missing" in response.content.decode()
    assert "staff_import" not in client.session


@pytest.mark.django_db
def test_a_preview_of_one_school_cannot_be_confirmed_for_another(client, school, other_school):
    client.force_login(member("school_admin", school))
    upload = SimpleUploadedFile("staff.csv", VALID.encode(), content_type="text/csv")
    client.post(reverse("accounts:staff_import", kwargs={"school_id": school.pk}), {"file": upload})
    response = client.post(
        reverse("accounts:staff_import_preview", kwargs={"school_id": other_school.pk})
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="chan.taiman@school.example").exists()
