from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from tests.factories import PASSWORD, give_mfa, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_teacher_signs_in_sees_the_dashboard_and_switches_to_chinese(live_server, page, school):
    teacher = member("teacher", school, full_name="Chan Siu Ming", name_zh="陳小明")
    sign_in(page, live_server.url, teacher.email)
    page.wait_for_url("**/en/dashboard/")
    assert page.get_by_role("heading", name="Welcome, Chan Siu Ming").is_visible()
    assert page.locator('[data-panel="teacher"]').is_visible()

    page.get_by_label("Language").select_option("zh-hant")
    page.get_by_role("button", name="Change").click()
    page.wait_for_url("**/zh-hant/dashboard/")
    assert page.locator("html").get_attribute("lang") == "zh-hant"
    assert "陳小明" in page.locator("h1").inner_text()


def test_principal_signs_in_with_a_second_factor_and_opens_the_staff_list(
    live_server, page, school
):
    principal = member("principal", school, mfa=False)
    secret = give_mfa(principal)
    member("teacher", school, full_name="Lee Tai Man")
    sign_in(page, live_server.url, principal.email)
    page.wait_for_url("**/2fa/authenticate/**")
    page.get_by_placeholder("Code").fill(current_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/dashboard/")
    page.get_by_role("link", name="Manage staff").click()
    assert page.get_by_role("cell", name="Lee Tai Man").is_visible()
    page.screenshot(path="var/screenshots/principal-staff-list.png", full_page=True)
