"""Issue #5 end to end in a browser: a teacher submits a lesson-analysis task, the mentor requests
changes with a comment pinned to a moment of the lesson, the teacher resubmits, the mentor approves,
the badge appears in the teacher's backpack, and the public verification page finds it valid."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from assessments.services import load_default_tasks
from badges.services import load_default_badges
from competencies.services import load_bundled
from lessons import services as lesson_services
from lessons.models import Lesson
from tests.browser.test_sign_in_journeys import current_code, sign_in
from tests.factories import give_mfa, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_LESSON = Path(__file__).resolve().parents[2] / "portal" / "demo" / "lesson-fractions-p4.txt"
REFLECTION = (
    "I asked Wing Yan to say more about why the pieces get smaller, and she explained that the same "
    "strip shared among more people gives everybody less. Ka Ho then changed his answer. "
) * 3


def analysed_lesson(teacher) -> Lesson:
    lesson = lesson_services.create_lesson(
        teacher=teacher,
        upload=SimpleUploadedFile("lesson.txt", DEMO_LESSON.read_bytes()),
        title="Comparing fractions",
        consent=True,
    )
    roles = {s.pk: s.proposed_role for s in lesson.speakers.all()}
    lesson_services.confirm_speakers(lesson=lesson, roles=roles, by=teacher)
    lesson_services.run_analysis(lesson=lesson)
    return lesson


def sign_in_with_code(page, base: str, user, secret: str) -> None:
    sign_in(page, base, user.email)
    page.wait_for_url("**/2fa/authenticate/**")
    page.get_by_placeholder("Code").fill(current_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/dashboard/")


def review(page, decision: str, score: str, comment: str) -> None:
    page.get_by_label(decision).check()
    for group in page.locator("fieldset:has(input[name^='criterion_'])").all():
        group.locator(f"input[value='{score}']").check()
    assert page.locator("input[name^='criterion_']:checked").count() == 4
    page.get_by_label("Comment for the teacher").fill(comment)
    page.get_by_role("button", name="Send review").click()
    expect(page.get_by_text("Review sent to the teacher.")).to_be_visible()


def test_task_submitted_reviewed_resubmitted_approved_and_badge_verified(
    live_server, browser, school
):
    load_bundled()
    load_default_tasks()
    load_default_badges()
    teacher = member("teacher", school, full_name="Chan Siu Ming")
    mentor = member("mentor", school, full_name="Wong Mei Ling", mfa=False)
    secret = give_mfa(mentor)
    analysed_lesson(teacher)
    base = live_server.url

    teacher_page = browser.new_context(locale="en-GB").new_page()
    teacher_page.set_default_timeout(15_000)
    sign_in(teacher_page, base, teacher.email)
    teacher_page.wait_for_url("**/en/dashboard/")
    teacher_page.get_by_role("link", name="See the tasks").click()
    teacher_page.get_by_role("link", name="Questioning for higher-order thinking").click()
    teacher_page.get_by_role("button", name="Start this task").click()
    teacher_page.get_by_label("Comparing fractions").check()
    for area in teacher_page.locator("textarea[data-min-words]").all():
        area.fill(REFLECTION)
    teacher_page.get_by_label("Mentor").select_option(str(mentor.pk))
    teacher_page.get_by_role("button", name="Submit to my mentor").click()
    assert teacher_page.locator("[data-status]").first.inner_text() == "Waiting for review"
    submission_url = teacher_page.url

    mentor_page = browser.new_context(locale="en-GB").new_page()
    mentor_page.set_default_timeout(15_000)
    sign_in_with_code(mentor_page, base, mentor, secret)
    mentor_page.get_by_role("link", name="Questioning for higher-order thinking").click()
    mentor_page.get_by_label("Comment on a moment").fill(
        "Here you pressed for reasoning: wait longer."
    )
    mentor_page.locator("li[data-role='teacher']").nth(3).get_by_role(
        "button", name="Pin here"
    ).click()
    assert mentor_page.locator(".transcript [data-pinned]").count() == 1
    review(mentor_page, "Request changes", "2", "Add what you will try next lesson.")

    teacher_page.goto(submission_url)
    assert teacher_page.locator("[data-status]").first.inner_text() == "Changes requested"
    assert "wait longer" in teacher_page.locator("[data-pinned]").inner_text()
    teacher_page.locator("textarea[data-min-words]").last.fill(
        REFLECTION + " Next lesson I will wait three seconds after every why question."
    )
    teacher_page.get_by_role("button", name="Submit to my mentor").click()
    assert teacher_page.locator("[data-status]").first.inner_text() == "Waiting for review"

    mentor_page.goto(f"{base}/en/dashboard/")
    mentor_page.get_by_role("link", name="Questioning for higher-order thinking").click()
    assert "three seconds" in mentor_page.locator("[data-answer]").last.inner_text()
    review(mentor_page, "Approve", "4", "A careful, honest reflection.")

    teacher_page.goto(f"{base}/en/badges/")
    teacher_page.get_by_role("link", name="Questioning for higher-order thinking").click()
    json_href = teacher_page.get_by_role("link", name="Download credential (JSON)").get_attribute(
        "href"
    )
    credential = teacher_page.request.get(f"{base}{json_href}").text()
    assert '"eddsa-rdfc-2022"' in credential

    public = browser.new_context(locale="en-GB").new_page()  # anyone, signed in or not
    public.goto(f"{base}/en/badges/verify/")
    public.get_by_label("Paste the credential (JSON)").fill(credential)
    public.get_by_role("button", name="Verify").click()
    assert public.locator("[data-verdict]").get_attribute("data-verdict") == "valid"
    assert "Questioning for higher-order thinking" in public.locator("[data-verdict]").inner_text()
    public.screenshot(path="var/screenshots/badge-verified.png", full_page=True)
