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


@pytest.fixture(scope="module")
def mixed_course(django_db_setup, django_db_blocker):
    """One unit holding a journal, a transcript-only video, a video file and a classroom task."""
    with django_db_blocker.unblock():
        load_bundled()
        course = builders.build_course(
            slug="mixed",
            title="Talk in the classroom",
            units=1,
            body=lambda: [
                builders.xblock("tdl_journal", builders.JOURNAL),
                builders.xblock("tdl_video", builders.VIDEO),
                builders.xblock("tdl_video", builders.VIDEO_FILE),
                builders.xblock("tdl_classroom_task", builders.TASK),
            ],
        )
        yield course
        builders.remove_courses()
