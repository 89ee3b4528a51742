"""A mentor's approval becomes a badge: the teacher finds it, shares it, downloads the baked image,
and a stranger verifies that image on the public verification page."""

from __future__ import annotations

import pytest

from badges.services import load_default_badges
from competencies.services import load_bundled
from tests.browser.test_sign_in_journeys import sign_in
from tests.builders import analysed_lesson, submitted, top_scores
from tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _approved_submission(teacher, mentor):
    from assessments import services as task_services
    from assessments.services import load_default_tasks

    task = {t.slug: t for t in load_default_tasks()}["higher-order-questioning"]
    lesson = analysed_lesson(
        teacher, metrics={"questions": {"open_share": 0.5, "higher_order_share": 0.4}}
    )
    submission = submitted(
        task, teacher, mentor, [lesson], answer="Students explained their reasoning. " * 40
    )
    task_services.review_submission(
        submission=submission,
        by=mentor,
        decision="approve",
        comment="Your open questions doubled.",
        scores=top_scores(task),
    )


def test_approved_task_badge_is_shared_downloaded_and_verified(live_server, page, browser, school):
    load_bundled()
    load_default_badges()
    teacher = member("teacher", school, full_name="Chan Siu Ming", name_zh="陳小明")
    mentor = member("mentor", school, full_name="Wong Mei Ling")
    _approved_submission(teacher, mentor)

    sign_in(page, live_server.url, teacher.email)
    page.wait_for_url("**/en/dashboard/")
    page.get_by_role("link", name="My badges").click()
    page.wait_for_url("**/en/badges/")
    page.get_by_role("link", name="Questioning for higher-order thinking").click()
    assert page.get_by_role("heading", name="Questioning for higher-order thinking").is_visible()
    page.get_by_text("Verify", exact=True).click()
    assert page.locator('[data-verdict="valid"]').is_visible()

    page.get_by_label("Anyone with the link can see and verify this badge").check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Anyone with the link can now see this badge.").is_visible()
    shared_url = page.url
    with page.expect_download() as download:
        page.get_by_role("link", name="Download badge image (PNG)").click()
    baked = download.value.path()

    stranger = browser.new_context(locale="en-GB").new_page()
    stranger.goto(shared_url)
    assert stranger.get_by_role(
        "heading", name="Questioning for higher-order thinking"
    ).is_visible()
    assert not stranger.get_by_text("Chan Siu Ming").count()
    stranger.goto(f"{live_server.url}/en/badges/verify/")
    stranger.get_by_label("…or upload it").set_input_files(baked)
    stranger.get_by_role("button", name="Verify").click()
    assert stranger.locator('[data-verdict="valid"]').is_visible()
    assert stranger.get_by_text("Education Bureau").first.is_visible()
    stranger.context.close()
