from __future__ import annotations

import pytest

from competencies.services import load_bundled
from tests.browser.test_sign_in_journeys import sign_in
from tests.courses import builders
from tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_teacher_enrols_passes_a_quiz_completes_the_course_and_sees_cpd_hours(
    live_server, page, school
):
    load_bundled()
    builders.build_course(
        title="Questioning in practice",
        units=2,
        cpd_hours="3.0",
        body=iter(
            [
                [
                    builders.text("Open and closed questions."),
                    builders.xblock("tdl_quiz", builders.QUIZ),
                ],
                [builders.text("Wait time: count to three before taking answers.")],
            ]
        ).__next__,
    )
    teacher = member("teacher", school, full_name="Chan Siu Ming", name_zh="陳小明")
    sign_in(page, live_server.url, teacher.email)
    page.wait_for_url("**/en/dashboard/")

    page.goto(f"{live_server.url}/en/courses/")
    page.get_by_role("link", name="Questioning in practice").click()
    page.get_by_role("button", name="Enrol in this course").click()
    page.wait_for_url("**/unit-1/")

    # A wrong answer first: feedback, no pass.
    page.get_by_label("What is the capital of France?").check()
    page.get_by_label("The school's address").check()
    page.get_by_role("button", name="Check my answers").click()
    page.get_by_text("You scored 0 out of 2 (0%).").wait_for()
    assert page.get_by_text("Recall: one fact.").is_visible()

    page.get_by_label("Why do you think the ice melted first?").check()
    page.get_by_label("The school's address").uncheck()
    page.get_by_label("A student's name").check()
    page.get_by_label("A class photo").check()
    page.get_by_role("button", name="Check my answers").click()
    page.get_by_text("You scored 2 out of 2 (100%).").wait_for()
    page.get_by_text("You have completed this unit.").wait_for()
    assert page.get_by_text("1 of 2 units completed").is_visible()
    page.screenshot(path="var/screenshots/course-unit-quiz.png", full_page=True)

    page.get_by_role("link", name="Course outline").click()
    assert page.get_by_text("1 of 2 units completed").is_visible()

    page.get_by_role("link", name="Continue where you left off").click()
    page.wait_for_url("**/unit-2/")
    page.get_by_role("button", name="Mark this unit as read").click()
    page.get_by_text("You completed this course.").wait_for()
    assert page.get_by_text("2 of 2 units completed").is_visible()
    assert page.get_by_role("link", name="Download your certificate (PDF)").is_visible()

    page.goto(f"{live_server.url}/en/learning/cpd/")
    assert page.get_by_text("3.0 of 150 hours").is_visible()
    assert page.get_by_role("cell", name="Questioning in practice").is_visible()
    page.screenshot(path="var/screenshots/course-cpd-ledger.png", full_page=True)
