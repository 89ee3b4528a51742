from __future__ import annotations

import pytest

from assessments.services import load_default_instrument
from competencies.services import load_bundled
from tests.browser.test_sign_in_journeys import sign_in
from tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_teacher_takes_the_whole_instrument_and_reaches_the_report(live_server, page, school):
    load_bundled()
    instrument = load_default_instrument()
    teacher = member("teacher", school, full_name="Chan Siu Ming", name_zh="陳小明")
    sign_in(page, live_server.url, teacher.email)
    page.wait_for_url("**/en/dashboard/")
    page.get_by_role("link", name="Take the self-assessment").click()
    page.get_by_role("button", name="Start the self-assessment").click()

    parts = 0
    while "/sections/" in page.url:
        parts += 1
        assert parts <= 20, "the instrument never ended"
        for fieldset in page.locator("fieldset.item").all():
            radios = fieldset.locator("input[type=radio]")
            if radios.count():
                # Keyboard only: focus the first option, move with the arrow keys, as a person would.
                radios.first.focus()
                page.keyboard.press("Space")
                page.keyboard.press("ArrowDown")
                page.keyboard.press("ArrowDown")
            else:
                fieldset.locator("textarea").fill(
                    "Try a Padlet exit ticket. 下星期試用 Padlet 收集回饋。"
                )
        if parts == 3:
            # Leave in the middle and come back: nothing is lost.
            page.get_by_role("button", name="Save and finish later").click()
            page.wait_for_url("**/self-assessment/")
            page.get_by_role("button", name="Continue where you left off").click()
            page.wait_for_url("**/sections/3/")
            assert page.locator("input[type=radio]:checked").count() > 0
        button = page.get_by_role("button", name="Review and submit")
        if not button.count():
            button = page.get_by_role("button", name="Save and continue")
        button.click()
        page.wait_for_load_state()

    assert parts == 13
    page.wait_for_url("**/review/")
    page.get_by_role("button", name="Submit and see my report").click()
    page.wait_for_url("**/report/")
    assert page.get_by_role("heading", name="The five dimensions").is_visible()
    assert page.locator("svg.radar").is_visible()
    assert page.get_by_role("heading", name="Three gaps worth working on").is_visible()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.screenshot(path="var/screenshots/self-assessment-report-phone.png", full_page=True)
    assert instrument.attempts.get().status == "submitted"
