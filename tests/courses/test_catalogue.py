"""The catalogue's filters and search, and courses as recommendations and evidence."""

from __future__ import annotations

import pytest
from django.test import Client

from assessments import selectors as assessment_selectors
from assessments import services as assessment_services
from assessments.models import Item, Option
from competencies.models import Framework, Indicator
from competencies.registries import evidence_for, recommendations_for
from competencies.services import load_bundled
from courses.models import UnitCompletion
from courses.selectors import catalogue_courses, units_of
from courses.services import complete_course_if_done, enrol
from tests.assessments.conftest import build_instrument
from tests.assessments.test_taking import answer_all
from tests.courses import builders
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def courses(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_bundled()
        made = {
            "privacy": builders.build_course(
                slug="privacy",
                title="Student data under the PDPO",
                units=1,
                indicators=("4.2.1", "4.2.2"),
                audience="in_service",
                language="en",
            ),
            "talk": builders.build_course(
                slug="talk",
                title="Questioning and classroom talk",
                units=1,
                indicators=("3.2.2", "5.1.2"),
                audience="all",
            ),
            "leaders": builders.build_course(
                slug="leaders",
                title="Leading a digital school",
                units=1,
                indicators=("5.2.2",),
                audience="school_leaders",
                language="zh-hant",
            ),
        }
        yield made
        builders.remove_courses()


def slugs(**filters) -> list[str]:
    return [c.slug for c in catalogue_courses(builders.catalogue(), **filters)]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["privacy", "talk", "leaders"]),
        ({"dimension": "4"}, ["privacy"]),
        ({"dimension": "5"}, ["talk", "leaders"]),
        ({"indicator": "3.2.2"}, ["talk"]),
        ({"audience": "in_service"}, ["privacy", "talk"]),
        ({"audience": "school_leaders"}, ["talk", "leaders"]),
        ({"language": "en"}, ["privacy", "talk"]),
        ({"language": "zh-hant"}, ["talk", "leaders"]),
        ({"q": "pdpo"}, ["privacy"]),
        ({"q": "（中文）", "dimension": "5"}, ["talk", "leaders"]),
    ],
)
def test_the_catalogue_filters_by_dimension_indicator_audience_language_and_search(
    courses, filters, expected
):
    assert slugs(**filters) == expected


def test_the_catalogue_page_applies_its_filters(courses):
    html = Client().get(builders.catalogue().url + "?dimension=4").content.decode()
    assert "Student data under the PDPO" in html
    assert "Leading a digital school" not in html


def weak_profile_report(teacher):
    """A self-assessment at level 5 everywhere except 3.2.2, 4.2.1 and 2.1.1."""
    instrument = build_instrument(Framework.objects.get(is_default=True), slug="courses-test")
    attempt = assessment_services.start_attempt(user=teacher, instrument=instrument)
    answer_all(attempt, level=5)
    for code, level in (("3.2.2", 1), ("4.2.1", 1), ("2.1.1", 2)):
        item = Item.objects.get(instrument=instrument, key=f"{code}-ladder")
        assessment_services.save_responses(
            attempt=attempt,
            answers={item.pk: Option.objects.get(item=item, level=level).pk},
            texts={},
        )
    attempt = assessment_services.submit_attempt(attempt=attempt)
    return assessment_selectors.build_report(attempt, user=teacher)


def course_titles(gap) -> list[str]:
    return [r.title for r in gap.recommendations if r.kind == "course"]


def test_the_report_recommends_courses_for_the_weakest_indicators(courses, school):
    report = weak_profile_report(member("teacher", school))
    gaps = {g.indicator.code: g for g in report.gaps}
    assert set(gaps) == {"3.2.2", "4.2.1", "2.1.1"}
    assert course_titles(gaps["3.2.2"]) == ["Questioning and classroom talk"]
    assert course_titles(gaps["4.2.1"]) == ["Student data under the PDPO"]
    assert course_titles(gaps["2.1.1"]) == []
    assert gaps["3.2.2"].recommendations[0].url == courses["talk"].url


def test_a_completed_course_is_evidence_and_no_longer_recommended(courses, school):
    teacher = member("teacher", school)
    enrolment = enrol(user=teacher, course=courses["talk"])
    for unit in units_of(courses["talk"]):
        UnitCompletion.objects.create(enrolment=enrolment, unit=unit)
    complete_course_if_done(enrolment=enrolment)
    indicators = list(Indicator.objects.filter(framework__is_default=True, code="3.2.2"))
    assert [
        r.title for r in recommendations_for(teacher, indicators)["3.2.2"] if r.kind == "course"
    ] == []
    evidence = evidence_for(teacher, indicators)["3.2.2"]
    assert [e.title for e in evidence if e.kind == "completed course"] == [
        "Questioning and classroom talk"
    ]
