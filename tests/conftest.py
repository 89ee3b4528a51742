from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.factories import SchoolFactory, member, platform_user


@pytest.fixture(autouse=True)
def _english_by_default():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits and other cached state must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def school(db):
    return SchoolFactory(name_en="Harbour View Primary School", name_zh="海景小學")


@pytest.fixture
def other_school(db):
    return SchoolFactory(name_en="Lion Rock Secondary College", name_zh="獅子山中學")


@pytest.fixture
def people(db, school, other_school):
    """One person per role in the authorisation matrix, at ``school`` unless named otherwise."""
    return {
        "teacher": member("teacher", school),
        "other_teacher": member("teacher", other_school),
        "mentor": member("mentor", school),
        "principal": member("principal", school),
        "other_principal": member("principal", other_school),
        "school_admin": member("school_admin", school),
        "edb_admin": platform_user("edb_admin", is_staff=True, is_superuser=True),
    }
