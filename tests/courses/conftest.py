from __future__ import annotations

import pytest

from competencies.services import load_bundled
from tests.courses import builders


@pytest.fixture(scope="module")
def course(django_db_setup, django_db_blocker):
    """A two-unit quiz course, built once per module (the Wagtail tree is slow to build)."""
    with django_db_blocker.unblock():
        load_bundled()
        course = builders.build_course(indicators=("1.1.1", "3.2.2"))
        yield course
        builders.remove_courses()
