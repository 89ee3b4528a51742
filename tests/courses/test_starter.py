"""The two starter courses load from courses/data, idempotently, in both languages."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Locale

from competencies.services import load_bundled
from courses.models import CoursePage, UnitPage
from courses.runtime import PortalRuntime
from courses.selectors import units_of
from courses.starter import load_starter_courses
from tests.courses import builders
from tests.factories import member

pytestmark = pytest.mark.django_db

FRAMEWORK = "tdl-framework-in-practice"
TALK = "questioning-and-classroom-talk"


@pytest.fixture(scope="module")
def starter(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_bundled()
        home = builders.site_home()
        zh, _ = Locale.objects.get_or_create(language_code="zh-hant")
        if not home.get_translations().filter(locale=zh).exists():
            home.copy_for_translation(zh, alias=True)
        courses = {c.slug: c for c in load_starter_courses(home=home)}
        yield courses
        builders.remove_courses()


def test_both_starter_courses_load_with_several_units(starter):
    assert set(starter) == {FRAMEWORK, TALK}
    for course in starter.values():
        units = units_of(course)
        assert len(units) >= 4
        assert all(u.title_zh_hant for u in units)
        assert sum(len(u.xblock_values()) for u in units) >= 4


def test_the_framework_course_covers_all_five_dimensions(starter):
    dimensions = {i.dimension.code for i in starter[FRAMEWORK].indicators.all()}
    assert dimensions == {"1", "2", "3", "4", "5"}


def test_the_talk_course_leads_into_the_lesson_analysis_task(starter):
    blocks = [b for u in units_of(starter[TALK]) for b in u.xblock_values()]
    tasks = [olx for _id, kind, olx in blocks if kind == "tdl_classroom_task"]
    assert len(tasks) == 1 and 'task="higher-order-questioning"' in tasks[0]


def test_loading_again_creates_and_changes_nothing(starter):
    before = (CoursePage.objects.count(), UnitPage.objects.count())
    out = io.StringIO()
    call_command("load_courses", stdout=out)
    assert (CoursePage.objects.count(), UnitPage.objects.count()) == before
    assert "0 page(s) created or updated" in out.getvalue()


def test_every_unit_renders_in_both_languages_for_an_enrolled_teacher(starter, school):
    from courses.services import enrol

    teacher = member("teacher", school)
    client = Client()
    client.force_login(teacher)
    for course in starter.values():
        enrol(user=teacher, course=course)
        for unit in units_of(course):
            assert client.get(unit.url).status_code == 200, unit.url
            runtime = PortalRuntime(user=teacher, unit=unit)
            assert len(runtime.usage_ids()) == len(unit.xblock_values())
    zh_unit = units_of(starter[TALK])[0].get_translations().get(locale__language_code="zh-hant")
    html = client.get(zh_unit.url).content.decode()
    assert zh_unit.url.startswith("/zh-hant/")
    assert "三分之二定律" in html
    assert "<h3>課堂對話的模式</h3>" in html


def test_in_chinese_the_outline_and_catalogue_link_to_the_chinese_pages(starter, school):
    from courses.services import enrol

    teacher = member("teacher", school)
    enrol(user=teacher, course=starter[TALK])
    client = Client()
    client.force_login(teacher)
    zh_course = starter[TALK].get_translations().get(locale__language_code="zh-hant")
    html = client.get(zh_course.url).content.decode()
    assert "/zh-hant/courses/questioning-and-classroom-talk/talk/who-talks/" in html
    assert "/en/courses/questioning-and-classroom-talk/talk/" not in html
    catalogue = client.get("/zh-hant/courses/").content.decode()
    assert 'href="/zh-hant/courses/questioning-and-classroom-talk/"' in catalogue


def test_a_course_is_recommended_once_in_the_readers_language(starter, school):
    from django.utils import translation

    from competencies.models import Indicator
    from competencies.registries import recommendations_for

    teacher = member("teacher", school)
    indicator = Indicator.objects.filter(framework__is_default=True, code="3.2.2")
    with translation.override("zh-hant"):
        items = recommendations_for(teacher, indicator, per_indicator=10)["3.2.2"]
    recommended = [r for r in items if "questioning-and-classroom-talk" in r.url]
    assert [r.url for r in recommended] == ["/zh-hant/courses/questioning-and-classroom-talk/"]
    assert recommended[0].title == "提問與課堂對話：從自己的課堂錄影中學習"


def test_in_chinese_a_completed_course_as_evidence_links_to_the_chinese_page(starter, school):
    from django.utils import translation

    from courses.models import UnitCompletion
    from courses.recommendations import course_evidence
    from courses.services import complete_course_if_done, enrol

    teacher = member("teacher", school)
    course = starter[TALK]
    enrolment = enrol(user=teacher, course=course)
    for unit in units_of(course):
        UnitCompletion.objects.create(enrolment=enrolment, unit=unit)
    complete_course_if_done(enrolment=enrolment)
    with translation.override("zh-hant"):
        items = course_evidence(user=teacher, indicators=list(course.indicators.all()))
    assert items
    assert {item.url for item in items} == {"/zh-hant/courses/questioning-and-classroom-talk/"}
