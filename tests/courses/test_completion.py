"""Course completion: announced once, a bilingual certificate anyone can verify, CPD hours."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from courses import events, selectors, services
from courses.models import CPDEntry, UnitCompletion
from courses.pdf import CertificateText, certificate_lines, render_certificate
from tests.factories import member

pytestmark = pytest.mark.django_db


def finish(course, user):
    enrolment = services.enrol(user=user, course=course)
    for unit in selectors.units_of(course):
        UnitCompletion.objects.get_or_create(enrolment=enrolment, unit=unit)
    return services.complete_course_if_done(enrolment=enrolment)


def test_course_completion_is_announced_once_with_the_enrolment(
    course, school, django_capture_on_commit_callbacks
):
    received = []

    def listener(**payload):
        received.append(payload)

    events.subscribe(listener)
    try:
        teacher = member("teacher", school)
        with django_capture_on_commit_callbacks(execute=True):
            enrolment = finish(course, teacher)
            services.complete_course_if_done(enrolment=enrolment)
    finally:
        events.unsubscribe(listener)
    assert len(received) == 1
    assert received[0]["event"] == "course_completed"
    assert received[0]["enrolment"].user == teacher
    assert received[0]["enrolment"].course.slug == course.slug
    assert CPDEntry.objects.filter(user=teacher).count() == 1


def test_a_course_is_not_completed_while_a_unit_is_open(course, school):
    teacher = member("teacher", school)
    enrolment = services.enrol(user=teacher, course=course)
    UnitCompletion.objects.create(enrolment=enrolment, unit=selectors.units_of(course)[0])
    enrolment = services.complete_course_if_done(enrolment=enrolment)
    assert not enrolment.is_completed
    assert not CPDEntry.objects.filter(user=teacher).exists()


def certificate_text(**overrides) -> CertificateText:
    values = dict(
        holder_name="Chan Siu Ming",
        holder_name_zh="陳小明",
        course_title_en="Questioning and classroom talk",
        course_title_zh_hant="提問與課堂對話",
        cpd_hours=Decimal("6.0"),
        issued_on=dt.date(2026, 11, 26),
        certificate_id="1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        verify_url="https://tdl.example/en/learning/certificates/1b4e28ba/",
    )
    values.update(overrides)
    return CertificateText(**values)


def test_certificate_text_is_in_english_and_traditional_chinese():
    lines = certificate_lines(certificate_text())
    assert lines[:2] == ["Certificate of Completion", "結業證書"]
    assert "Chan Siu Ming" in lines
    assert "“Questioning and classroom talk”" in lines
    assert "on 26 November 2026, for 6 hours of continuing professional development." in lines
    assert "茲證明 陳小明 已於2026年11月26日完成課程" in lines
    assert "《提問與課堂對話》，" in lines
    assert "計持續專業發展時數 6 小時。" in lines
    assert lines[-1] == "Verify at 核實網址: https://tdl.example/en/learning/certificates/1b4e28ba/"


def test_certificate_without_a_chinese_name_uses_the_english_one():
    lines = certificate_lines(certificate_text(holder_name_zh="", cpd_hours=Decimal("1.5")))
    assert "茲證明 Chan Siu Ming 已於2026年11月26日完成課程" in lines
    assert "計持續專業發展時數 1.5 小時。" in lines


def test_a_revoked_certificate_says_so_first():
    assert certificate_lines(certificate_text(valid=False))[0] == "REVOKED 已撤銷"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_certificate_pdf_carries_both_languages_and_the_verification_link(course, school):
    teacher = member("teacher", school, full_name="Chan Siu Ming", name_zh="陳小明")
    certificate = finish(course, teacher).certificate
    client = Client()
    client.force_login(teacher)
    response = client.get(reverse("courses:certificate_pdf", kwargs={"uuid": certificate.uuid}))
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Chan Siu Ming" in text and "陳小明" in text and "結業證書" in text
    assert f"/en/learning/certificates/{certificate.uuid}/" in text


def test_certificate_pdf_renders_without_poppler():
    assert render_certificate(certificate_text()).startswith(b"%PDF-")


def test_the_verification_page_says_valid_revoked_or_unknown(course, school):
    teacher = member("teacher", school)
    certificate = finish(course, teacher).certificate
    url = reverse("courses:verify_certificate", kwargs={"uuid": certificate.uuid})
    page = Client().get(url)
    assert page.status_code == 200 and "Valid: this certificate" in page.content.decode()

    services.revoke_certificate(certificate=certificate, reason="Issued in error")
    assert "Not valid: this certificate was revoked." in Client().get(url).content.decode()

    unknown = reverse(
        "courses:verify_certificate", kwargs={"uuid": "00000000-0000-4000-8000-000000000000"}
    )
    missing = Client().get(unknown)
    assert (
        missing.status_code == 404 and "No certificate with this number" in missing.content.decode()
    )


def test_enrolling_needs_the_prerequisites_completed(course, school):
    from tests.courses.builders import build_course

    advanced = build_course(slug="advanced", title="Advanced talk moves", units=1)
    advanced.prerequisites.add(course)
    advanced.save()
    teacher = member("teacher", school)
    with pytest.raises(services.CourseError, match="Complete"):
        services.enrol(user=teacher, course=advanced)
    finish(course, teacher)
    assert services.enrol(user=teacher, course=advanced).course == advanced


def test_the_public_certificate_page_never_shows_the_holders_email(course, school):
    teacher = member("teacher", school, full_name="", name_zh="")
    certificate = finish(course, teacher).certificate
    page = Client().get(reverse("courses:verify_certificate", kwargs={"uuid": certificate.uuid}))
    assert page.status_code == 200
    assert teacher.email not in page.content.decode()
