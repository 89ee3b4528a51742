"""A course page and a unit page cost the same number of queries whatever their size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courses import selectors, services
from courses.models import UnitCompletion
from tests.courses import builders
from tests.factories import member

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    client.get(url)  # warm caches that are per process, not per page (content types, site)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def enrolled_client(course, user) -> Client:
    enrolment = services.enrol(user=user, course=course)
    # Some progress, so that the outline's ticks are drawn too.
    UnitCompletion.objects.create(enrolment=enrolment, unit=selectors.units_of(course)[0])
    client = Client()
    client.force_login(user)
    return client


def test_a_course_page_with_20_xblock_units_costs_the_same_queries_as_one_with_5(school):
    builders.load_bundled_framework()
    small = builders.build_course(slug="five", units=5, indicators=("3.2.2",))
    large = builders.build_course(slug="twenty", units=20, indicators=("3.2.2",))
    teacher = member("teacher", school)
    small_client = enrolled_client(small, teacher)
    large_client = enrolled_client(large, teacher)
    assert queries(large_client, large.url) == queries(small_client, small.url)


def test_a_unit_with_20_xblocks_costs_the_same_queries_as_one_with_5(school):
    def blocks(n):
        return lambda: (
            [builders.xblock("tdl_quiz", builders.QUIZ) for _ in range(n)]
            + [builders.xblock("tdl_journal", builders.JOURNAL)]
        )

    small = builders.build_course(slug="few-blocks", units=1, body=blocks(5))
    large = builders.build_course(slug="many-blocks", units=1, body=blocks(20))
    teacher = member("teacher", school)
    member("mentor", school)
    small_client, large_client = enrolled_client(small, teacher), enrolled_client(large, teacher)
    small_unit, large_unit = selectors.units_of(small)[0], selectors.units_of(large)[0]
    assert queries(large_client, large_unit.url) == queries(small_client, small_unit.url)
