"""The CPD ledger: cycles of three school years, outside activities with checked evidence,
CSV and PDF exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from courses import cpd, selectors, services
from courses.models import CPDEntry
from tests.factories import member

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (dt.date(2024, 9, 1), "2024/25–2026/27"),
        (dt.date(2027, 8, 31), "2024/25–2026/27"),
        (dt.date(2027, 9, 1), "2027/28–2029/30"),
        (dt.date(2024, 8, 31), "2021/22–2023/24"),
        (dt.date(2019, 3, 15), "2018/19–2020/21"),
    ],
)
def test_cycles_are_three_school_years_from_september(day, label):
    assert cpd.cycle_for(day).label == label


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_day_falls_in_exactly_its_own_three_year_cycle(day):
    cycle = cpd.cycle_for(day)
    assert day in cycle
    assert cycle.start.month == 9 and cycle.start.day == 1
    assert cycle.end == dt.date(cycle.start.year + 3, 8, 31)
    assert cpd.cycle_for(cycle.end + dt.timedelta(days=1)).start == dt.date(
        cycle.start.year + 3, 9, 1
    )


def add(user, *, date=dt.date(2025, 10, 4), hours="3", evidence=None, title="e-Learning seminar"):
    return services.add_outside_activity(
        user=user,
        title=title,
        provider="Education Bureau",
        category=CPDEntry.Category.STRUCTURED,
        hours=Decimal(hours),
        date=date,
        evidence=evidence,
    )


@pytest.mark.django_db
def test_the_ledger_groups_entries_by_cycle_with_totals(school):
    teacher = member("teacher", school)
    add(teacher, date=dt.date(2025, 10, 4), hours="3")
    add(teacher, date=dt.date(2026, 3, 1), hours="4.5")
    add(teacher, date=dt.date(2023, 5, 2), hours="10")
    add(member("teacher", school), hours="99")
    cycles = selectors.ledger(teacher)
    assert [(c.cycle.label, c.total) for c in cycles] == [
        ("2024/25–2026/27", Decimal("7.5")),
        ("2021/22–2023/24", Decimal("10")),
    ]
    assert cycles[0].percent == 5  # 7.5 of the 150 recommended hours


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.docx", b"PK\x03\x04", "PDF, JPEG or PNG"),
        ("certificate.pdf", b"MZ\x90\x00 not a pdf", "not a PDF file"),
        ("photo.png", b"\xff\xd8\xff\xe0 a jpeg", "not a PNG file"),
        ("big.pdf", PDF + b"0" * (5 * 1024 * 1024), "larger than 5 MB"),
    ],
)
def test_evidence_must_be_a_real_pdf_or_image_under_5_mb(school, name, content, message):
    teacher = member("teacher", school)
    with pytest.raises(services.CourseError, match=message):
        add(teacher, evidence=SimpleUploadedFile(name, content))
    assert not CPDEntry.objects.filter(user=teacher).exists()


@pytest.mark.django_db
def test_an_activity_in_the_future_is_refused(school):
    with pytest.raises(services.CourseError, match="taken place"):
        add(member("teacher", school), date=dt.date.today() + dt.timedelta(days=3))


@pytest.mark.django_db
def test_teacher_adds_an_outside_activity_with_evidence_and_downloads_it(school, other_school):
    teacher = member("teacher", school)
    client = Client()
    client.force_login(teacher)
    response = client.post(
        reverse("courses:cpd_add"),
        {
            "title": "Seminar: AI in the primary classroom",
            "provider": "HKU Faculty of Education",
            "category": "structured",
            "hours": "3",
            "date": "2025-11-08",
            "evidence": SimpleUploadedFile("attendance.png", PNG, "image/png"),
        },
    )
    assert response.status_code == 302
    entry = CPDEntry.objects.get(user=teacher)
    evidence_url = reverse("courses:cpd_evidence", kwargs={"entry_id": entry.pk})
    assert b"".join(client.get(evidence_url).streaming_content) == PNG
    stranger = Client()
    stranger.force_login(member("principal", other_school))
    assert stranger.get(evidence_url).status_code == 404


@pytest.mark.django_db
def test_the_ledger_exports_to_csv_and_pdf(school):
    teacher = member("teacher", school)
    add(teacher, title="資訊素養工作坊", hours="2.5")
    client = Client()
    client.force_login(teacher)
    response = client.get(reverse("courses:cpd_export", kwargs={"fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Cycle", "Date", "Activity", "Provider", "Category", "Source", "hours"]
    assert rows[1] == [
        "2024/25–2026/27",
        "2025-10-04",
        "資訊素養工作坊",
        "Education Bureau",
        "Structured learning",
        "Outside activity",
        "2.5",
    ]
    pdf = client.get(reverse("courses:cpd_export", kwargs={"fmt": "pdf"}))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert client.get(reverse("courses:cpd_export", kwargs={"fmt": "xlsx"})).status_code == 404


@pytest.mark.django_db
def test_hours_from_a_course_cannot_be_deleted_but_outside_ones_can(school):
    teacher = member("teacher", school)
    outside = add(teacher)
    services.delete_outside_activity(entry=outside, by=teacher)
    assert not CPDEntry.objects.filter(pk=outside.pk).exists()
    course_entry = CPDEntry.objects.create(
        user=teacher,
        source="course",
        title="A course",
        hours=Decimal("3"),
        date=dt.date(2025, 1, 1),
    )
    with pytest.raises(services.CourseError, match="stay in the ledger"):
        services.delete_outside_activity(entry=course_entry, by=teacher)


@pytest.mark.django_db
def test_erasing_a_teachers_personal_data_removes_their_evidence_files(school):
    from django.core.files.storage import default_storage

    from accounts.personal_data import erase_personal_data, export_personal_data

    teacher = member("teacher", school)
    entry = add(teacher, evidence=SimpleUploadedFile("attendance.pdf", PDF))
    name = entry.evidence.name
    assert default_storage.exists(name)
    exported = export_personal_data(teacher)
    assert exported["courses.CPDEntry"]["rows"][0]["title"] == "e-Learning seminar"
    erase_personal_data(teacher)
    assert not CPDEntry.objects.filter(pk=entry.pk).exists()
    assert not default_storage.exists(name)


def test_ticking_clear_on_the_evidence_field_is_not_an_error(school):
    teacher = member("teacher", school)
    client = Client()
    client.force_login(teacher)
    response = client.post(
        reverse("courses:cpd_add"),
        {
            "title": "Seminar",
            "provider": "EDB",
            "category": "structured",
            "hours": "2",
            "date": "2025-11-08",
            "evidence-clear": "on",
        },
    )
    assert response.status_code == 302
    assert CPDEntry.objects.get(user=teacher).evidence.name in ("", None)


@pytest.mark.django_db
def test_deleting_an_outside_activity_asks_first_and_only_its_owner_can(school, other_school):
    teacher = member("teacher", school)
    entry = add(teacher)
    url = reverse("courses:cpd_delete", kwargs={"entry_id": entry.pk})
    stranger = Client()
    stranger.force_login(member("teacher", other_school))
    assert stranger.get(url).status_code == 404
    assert stranger.post(url).status_code == 404
    client = Client()
    client.force_login(teacher)
    question = client.get(url)
    assert question.status_code == 200 and entry.title in question.content.decode()
    assert CPDEntry.objects.filter(pk=entry.pk).exists()
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("courses:cpd_ledger")
    assert "no longer in your CPD ledger" in response.content.decode()
    assert not CPDEntry.objects.filter(pk=entry.pk).exists()
