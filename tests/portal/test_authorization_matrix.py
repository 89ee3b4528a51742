"""Gate: every URL is declared for every role, and every declaration holds."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation, Membership
from assessments.services import start_attempt
from competencies.services import DATA_DIR, import_framework
from tests import authz
from tests.assessments.conftest import build_instrument
from tests.authz import Group, Row, everyone, signed_in
from tests.builders import analysed_lesson, small_task, submitted
from tests.factories import InvitationFactory

LEADERS_ONLY = dict(
    anonymous="login",
    teacher=404,
    other_teacher=404,
    mentor=404,
    principal=200,
    other_principal=404,
    edb_admin=200,
)


#: A teacher's in-progress attempt: theirs to open, a 404 for everyone else.
OWN_ATTEMPT_ONLY = dict(
    anonymous="login",
    teacher=200,
    other_teacher=404,
    mentor=404,
    principal=404,
    other_principal=404,
    edb_admin=404,
)


#: Work submitted to the school's mentor: theirs to review, a 404 for everyone else.
MENTOR_ONLY = dict(
    anonymous="login",
    teacher=404,
    other_teacher=404,
    mentor=200,
    principal=404,
    other_principal=404,
    edb_admin=404,
)


def _submission(world: dict[str, Any]) -> dict[str, Any]:
    return {"submission_id": world["submission"].pk}


def _school(world: dict[str, Any]) -> dict[str, Any]:
    return {"school_id": world["school"].pk}


def _pending_invitation(world: dict[str, Any]) -> dict[str, Any]:
    return {"school_id": world["school"].pk, "invitation_id": world["invitation"].pk}


def _lesson(world: dict[str, Any]) -> dict[str, Any]:
    return {"lesson_id": world["lesson"].pk}


def _teacher_attempt(world: dict[str, Any]) -> dict[str, Any]:
    return {"attempt_id": world["attempt"].pk}


def _credential(world: dict[str, Any]) -> dict[str, Any]:
    return {"credential_uuid": world["credential"].uuid}


def _teacher_membership(world: dict[str, Any]) -> dict[str, Any]:
    return {"school_id": world["school"].pk, "membership_id": world["teacher_membership"].pk}


ROWS: dict[str, Row] = {
    "healthz": Row("get", everyone(200)),
    "readyz": Row("get", everyone(200)),
    "set_language": Row("post", everyone(302), data={"language": "zh-hant", "next": "/"}),
    "dashboard": Row("get", signed_in(200)),
    "accounts:profile": Row("get", signed_in(200)),
    "accounts:export_my_data": Row("get", signed_in(200)),
    "accounts:accept_invitation": Row(
        "get", everyone(200), kwargs=lambda w: {"token": w["invitation"].token}
    ),
    "accounts:staff_import_template": Row("get", everyone(200)),
    "accounts:staff_list": Row("get", LEADERS_ONLY, kwargs=_school),
    "accounts:invite": Row(
        "post", {**LEADERS_ONLY, "principal": 302, "edb_admin": 302}, kwargs=_school
    ),
    "accounts:revoke_invitation": Row("get", LEADERS_ONLY, kwargs=_pending_invitation),
    "accounts:membership_toggle": Row("get", LEADERS_ONLY, kwargs=_teacher_membership),
    "accounts:staff_import": Row("get", LEADERS_ONLY, kwargs=_school),
    "accounts:staff_import_preview": Row(
        "get", {**LEADERS_ONLY, "principal": 302, "edb_admin": 302}, kwargs=_school
    ),
    # Self-assessment: each person's own; the teacher's attempt is a 404 for everyone else.
    "assessments:home": Row("get", signed_in(200)),
    "assessments:evidence": Row("get", signed_in(200)),
    "assessments:export": Row("get", signed_in(200), kwargs=lambda w: {"fmt": "csv"}),
    "assessments:start": Row(
        "post", signed_in(302), kwargs=lambda w: {"slug": w["instrument"].slug}
    ),
    "assessments:section": Row(
        "get", OWN_ATTEMPT_ONLY, kwargs=lambda w: {"attempt_id": w["attempt"].pk, "number": 1}
    ),
    "assessments:review": Row("get", OWN_ATTEMPT_ONLY, kwargs=_teacher_attempt),
    "assessments:report": Row("get", {**OWN_ATTEMPT_ONLY, "teacher": 302}, kwargs=_teacher_attempt),
    "assessments:report_pdf": Row(
        "get", {**OWN_ATTEMPT_ONLY, "teacher": 302}, kwargs=_teacher_attempt
    ),
    "assessments:delete": Row("get", OWN_ATTEMPT_ONLY, kwargs=_teacher_attempt),
    # Recorded lessons: the teacher's own; a mentor only once shared (the matrix world shares
    # nothing, so everyone else gets a 404).
    "lessons:index": Row("get", signed_in(200)),
    "lessons:upload": Row("get", signed_in(200)),
    "lessons:compare": Row("get", signed_in(200)),
    "lessons:detail": Row("get", {**OWN_ATTEMPT_ONLY, "teacher": 302}, kwargs=_lesson),
    "lessons:status": Row("get", OWN_ATTEMPT_ONLY, kwargs=_lesson),
    "lessons:speakers": Row("get", OWN_ATTEMPT_ONLY, kwargs=_lesson),
    "lessons:report": Row("get", OWN_ATTEMPT_ONLY, kwargs=_lesson),
    "lessons:report_pdf": Row("get", OWN_ATTEMPT_ONLY, kwargs=_lesson),
    "lessons:export_csv": Row("get", OWN_ATTEMPT_ONLY, kwargs=_lesson),
    "lessons:share": Row("post", {**OWN_ATTEMPT_ONLY, "teacher": 302}, kwargs=_lesson),
    "lessons:unshare": Row(
        "post",
        {**OWN_ATTEMPT_ONLY, "teacher": 404},
        kwargs=lambda w: {"lesson_id": w["lesson"].pk, "share_id": 999999},
    ),
    "lessons:delete": Row("get", OWN_ATTEMPT_ONLY, kwargs=_lesson),
    # Performance tasks: a submission is its teacher's; once submitted, also its mentor's to
    # review. Everyone else, the principal included, gets a 404.
    "tasks:index": Row("get", signed_in(200)),
    "tasks:review_queue": Row("get", signed_in(200)),
    "tasks:detail": Row("get", signed_in(200), kwargs=lambda w: {"slug": w["task"].slug}),
    "tasks:start": Row("post", signed_in(302), kwargs=lambda w: {"slug": w["task"].slug}),
    "tasks:submission": Row("get", OWN_ATTEMPT_ONLY, kwargs=_submission),
    "tasks:delete": Row("get", OWN_ATTEMPT_ONLY, kwargs=_submission),
    "tasks:review": Row("get", MENTOR_ONLY, kwargs=_submission),
    "tasks:pin": Row("post", {**MENTOR_ONLY, "mentor": 302}, kwargs=_submission),
    # Last of the task rows: the teacher withdraws the submission, so it is no longer the mentor's.
    "tasks:withdraw": Row("post", {**OWN_ATTEMPT_ONLY, "teacher": 302}, kwargs=_submission),
    "tasks:school_mentors": Row("get", LEADERS_ONLY, kwargs=_school),
    # Courses: the teacher completed world["course"]; its certificate, CPD entries and state are
    # theirs. Enrolling happens in a second course so that the first stays the teacher's alone.
    "courses:my_courses": Row("get", signed_in(200)),
    "courses:enrol": Row(
        "post", signed_in(302), kwargs=lambda w: {"course_id": w["open_course"].pk}
    ),
    "courses:resume": Row(
        "get", {**OWN_ATTEMPT_ONLY, "teacher": 302}, kwargs=lambda w: {"course_id": w["course"].pk}
    ),
    "courses:mark_read": Row(
        "post", {**OWN_ATTEMPT_ONLY, "teacher": 302}, kwargs=lambda w: {"unit_id": w["unit"].pk}
    ),
    # A form-encoded body is not the JSON the quiz's handler takes: the teacher reaches it (400).
    "courses:handler": Row(
        "post",
        {**OWN_ATTEMPT_ONLY, "teacher": 400},
        kwargs=lambda w: {"usage_id": w["usage_id"], "handler": "submit", "suffix": ""},
    ),
    "courses:certificate_pdf": Row(
        "get", OWN_ATTEMPT_ONLY, kwargs=lambda w: {"uuid": w["certificate"].uuid}
    ),
    "courses:verify_certificate": Row(
        "get", everyone(200), kwargs=lambda w: {"uuid": w["certificate"].uuid}
    ),
    "courses:cpd_ledger": Row("get", signed_in(200)),
    "courses:cpd_add": Row("get", signed_in(200)),
    "courses:cpd_export": Row("get", signed_in(200), kwargs=lambda w: {"fmt": "pdf"}),
    "courses:cpd_evidence": Row(
        "get", OWN_ATTEMPT_ONLY, kwargs=lambda w: {"entry_id": w["cpd_entry"].pk}
    ),
    "courses:cpd_delete": Row(
        "post",
        {**OWN_ATTEMPT_ONLY, "teacher": 302},
        kwargs=lambda w: {"entry_id": w["cpd_entry_to_delete"].pk},
    ),
    "courses:shared_reflections": Row("get", signed_in(200)),
    # Badges: the holder's own until shared (the matrix credential is not); the verification
    # page and the Open Badges endpoints are public; revoking is for the issuer's administrators.
    "badges:backpack": Row("get", signed_in(200)),
    "badges:verify": Row("get", everyone(200)),
    "badges:credential": Row("get", everyone(404, teacher=200), kwargs=_credential),
    "badges:download_json": Row("get", everyone(404, teacher=200), kwargs=_credential),
    "badges:download_baked": Row(
        "get", everyone(404, teacher=200), kwargs=lambda w: {**_credential(w), "fmt": "png"}
    ),
    "badges:share": Row("post", {**OWN_ATTEMPT_ONLY, "teacher": 302}, kwargs=_credential),
    "badges:revoke": Row(
        "get", {**OWN_ATTEMPT_ONLY, "teacher": 404, "edb_admin": 200}, kwargs=_credential
    ),
    "ob:issuer": Row(
        "get",
        everyone(200),
        kwargs=lambda w: {"issuer_uuid": w["credential"].badge_class.issuer.uuid},
    ),
    "ob:credential": Row("get", everyone(404, teacher=200), kwargs=_credential),
    "ob:status": Row(
        "get", everyone(200), kwargs=lambda w: {"list_uuid": w["credential"].status_list.uuid}
    ),
    "ob:badge_image": Row(
        "get",
        everyone(200),
        kwargs=lambda w: {"badge_uuid": w["credential"].badge_class.uuid, "fmt": "svg"},
    ),
    "ob:verify": Row("post", everyone(200)),
    # Redirects that close the frameworks' own log-in forms: everyone is sent to allauth.
    "django-admin/login/": Row("get", everyone(302)),
    "cms/login/": Row("get", everyone(302)),
    "cms/password_reset/": Row("get", everyone(302)),
    "en/_util/login/": Row("get", everyone(302)),
}

GROUPS: list[Group] = [
    # Wagtail admin: only staff; a signed-in teacher is turned away to the dashboard's home.
    Group("cms/", "/cms/", signed_in(302, edb_admin=200)),
    # Django admin: staff only; everyone else is sent to sign in (and on to their dashboard).
    Group("django-admin/", "/django-admin/", everyone(302, edb_admin=200)),
    Group("documents/", "/documents/999999/missing.pdf", everyone(404)),
    # allauth: the log-in page; signed-in people are sent on.
    Group("en/accounts/", "/en/accounts/login/", everyone(302, anonymous=200)),
    # Wagtail page serving and its private-page helpers.
    Group("en/_util/", "/en/_util/authenticate_with_password/999999/999999/", everyone(404)),
    Group("en/^(", "/en/", everyone(200)),
]


def test_every_url_pattern_is_declared():
    missing = authz.undeclared(ROWS, GROUPS)
    assert not missing, "URL patterns with no declared expectation per role:\n" + "\n".join(missing)


def test_no_declaration_is_stale():
    keys = {key for key, _route in authz.walk()}
    stale = sorted(set(ROWS) - keys)
    assert not stale, f"Declared rows for URLs that no longer exist: {stale}"


def _completed_course(teacher) -> dict[str, Any]:
    """A course the teacher completed, a second one nobody is in, and two ledger entries."""
    import datetime as dt
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from courses import selectors, services
    from courses.models import UnitCompletion
    from tests.courses.builders import build_course

    course = build_course(slug="completed-course", units=1)
    unit = selectors.units_of(course)[0]
    enrolment = services.enrol(user=teacher, course=course)
    UnitCompletion.objects.create(enrolment=enrolment, unit=unit)
    enrolment = services.complete_course_if_done(enrolment=enrolment)

    def activity(title: str):
        return services.add_outside_activity(
            user=teacher,
            title=title,
            provider="EDB",
            category="structured",
            hours=Decimal("3"),
            date=dt.date(2025, 10, 1),
            evidence=SimpleUploadedFile("cert.pdf", b"%PDF-1.4 evidence", "application/pdf"),
        )

    return {
        "course": course,
        "open_course": build_course(slug="open-course", units=1),
        "unit": unit,
        "usage_id": f"u{unit.pk}.{unit.xblock_values()[0][0]}",
        "certificate": enrolment.certificate,
        "cpd_entry": activity("Seminar on e-learning"),
        "cpd_entry_to_delete": activity("Workshop"),
    }


def _signed_credential(teacher):
    """A badge awarded to ``teacher`` and signed, not shared."""
    from badges import services as badge_services
    from badges.models import BadgeClass

    issuer = badge_services.create_issuer(name_en="Education Bureau", url="https://edb.example/")
    badge = BadgeClass.objects.create(
        slug="matrix-badge",
        issuer=issuer,
        name_en="Matrix badge",
        description_en="For the matrix.",
        criteria_en="Exist.",
        is_published=True,
    )
    credential, _ = badge_services.award_badge(user=teacher, badge_class=badge, source_key="k")
    return badge_services.sign_credential(credential=credential)


@pytest.fixture
def world(people, school, other_school):
    invitation = InvitationFactory(school=school, email="new.colleague@school.example")
    instrument = build_instrument(import_framework(path=DATA_DIR / "jyt-0646-2022.yaml")[0])
    lesson = analysed_lesson(people["teacher"])
    task = small_task(slug="matrix-task")
    submission = submitted(task, people["teacher"], people["mentor"], [lesson])
    return {
        **_completed_course(people["teacher"]),
        "task": task,
        "submission": submission,
        "instrument": instrument,
        "attempt": start_attempt(user=people["teacher"], instrument=instrument),
        "credential": _signed_credential(people["teacher"]),
        "lesson": lesson,
        **people,
        "school": school,
        "other_school": other_school,
        "invitation": invitation,
        "teacher_membership": Membership.objects.get(user=people["teacher"], school=school),
    }


def _client_for(role: str, world: dict[str, Any]) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world[role])
    return client


def check(role: str, expected: authz.Outcome, response) -> str | None:
    """None when the response is what the matrix expects, else a description of the mismatch."""
    if expected == "login":
        location = response.get("Location", "")
        if response.status_code == 302 and reverse("account_login") in location:
            return None
        return f"{role}: expected a redirect to sign in, got {response.status_code} {location}"
    if response.status_code != expected:
        return f"{role}: expected {expected}, got {response.status_code}"
    return None


def url_for(key: str, row: Row, world: dict[str, Any]) -> str:
    if ":" in key or key in ("healthz", "readyz", "set_language", "dashboard"):
        return reverse(key, kwargs=row.kwargs(world))
    return "/" + key


def mismatches(key: str, row: Row, world: dict[str, Any]) -> list[str]:
    problems = []
    for role in authz.ROLES:
        url = url_for(key, row, world)
        response = getattr(_client_for(role, world), row.method)(url, row.data)
        problem = check(role, row.expect[role], response)
        if problem:
            problems.append(f"{key} {url}: {problem}")
    return problems


def test_matrix(world):
    # One world for every row keeps the gate fast; the message lists every mismatch at once.
    problems = [p for key, row in ROWS.items() for p in mismatches(key, row, world)]
    assert not problems, "\n".join(problems)


def test_third_party_groups(world):
    problems = []
    for group in GROUPS:
        for role in authz.ROLES:
            response = _client_for(role, world).get(group.representative)
            problem = check(role, group.expect[role], response)
            if problem:
                problems.append(f"{group.prefix} {group.representative}: {problem}")
    assert not problems, "\n".join(problems)


def test_pending_invitation_survives_the_matrix(world):
    # The matrix POSTs an empty invitation form: it must not create or change anything.
    assert Invitation.objects.count() == 1
