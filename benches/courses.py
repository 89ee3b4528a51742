"""Course pages: render time and queries for a course of 5 and of 20 XBlock units, and for a unit
holding 5 and 20 XBlocks, as an enrolled teacher with some progress.

Builds its own throwaway database (SQLite in a temporary file, the test settings), so it measures
the code, not the demo data. The query counts must not grow with the number of units or blocks
(tests/courses/test_queries.py asserts that); the times are what a person waits for the server.
Run with `make bench` or `python benches/courses.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 30


def setup_django(db_path: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    import logging

    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, in-memory e-mail
    logging.disable(logging.INFO)  # Wagtail logs every page it creates

    call_command("migrate", verbosity=0, interactive=False)


def measure(client, url: str) -> tuple[float, float, int]:
    """(median ms, 90th percentile ms, queries) over ROUNDS renders after one warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200
    times.sort()
    return statistics.median(times), times[int(0.9 * len(times)) - 1], len(queries)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        setup_django(Path(tmp) / "bench.sqlite3")
        from django.test import Client

        from competencies.services import load_bundled
        from courses import selectors, services
        from courses.models import UnitCompletion
        from tests.courses import builders
        from tests.factories import SchoolFactory, member

        load_bundled()
        teacher = member("teacher", SchoolFactory())
        member("mentor", teacher.memberships.first().school)
        client = Client()
        client.force_login(teacher)
        print(f"set-up (migrate, framework): {time.perf_counter() - started:.1f} s")

        def enrolled(course):
            enrolment = services.enrol(user=teacher, course=course)
            UnitCompletion.objects.create(enrolment=enrolment, unit=selectors.units_of(course)[0])
            return course

        rows = []
        for units in (5, 20):
            course = enrolled(builders.build_course(slug=f"course-{units}", units=units))
            rows.append((f"course page, {units} quiz units", *measure(client, course.url)))
        for blocks in (5, 20):

            def body(n=blocks):
                return [builders.xblock("tdl_quiz", builders.QUIZ) for _ in range(n - 1)] + [
                    builders.xblock("tdl_journal", builders.JOURNAL)
                ]

            course = enrolled(builders.build_course(slug=f"unit-{blocks}", units=1, body=body))
            unit = selectors.units_of(course)[0]
            rows.append((f"unit page, {blocks} XBlocks", *measure(client, unit.url)))

        print(f"{'page':32} {'median':>9} {'p90':>9} {'queries':>8}")
        for name, median, p90, queries in rows:
            print(f"{name:32} {median:7.1f}ms {p90:7.1f}ms {queries:8d}")
        course_queries = {q for name, *_rest, q in rows if name.startswith("course")}
        unit_queries = {q for name, *_rest, q in rows if name.startswith("unit")}
        constant = len(course_queries) == 1 and len(unit_queries) == 1
        print("queries constant in the number of units and blocks:", "yes" if constant else "NO")
        if not constant:
            sys.exit(1)


if __name__ == "__main__":
    main()
