"""Courses as recommendations for weak indicators, and completed courses as evidence."""

from __future__ import annotations

from django.utils.translation import gettext as _

from competencies.registries import EvidenceItem, Recommendation
from courses.models import CoursePage, Enrolment
from courses.selectors import localized_urls


def course_recommendations(*, user, indicators) -> list[Recommendation]:
    """Live courses mapped to the indicators, leaving out those the person has completed."""
    wanted = {i.code for i in indicators}
    if not wanted:
        return []
    completed = set()
    if user is not None and user.is_authenticated:
        completed = set(
            Enrolment.objects.completed().filter(user=user).values_list("course_id", flat=True)
        )
    items = []
    courses = list(
        CoursePage.objects.live()
        .filter(indicators__code__in=wanted, alias_of__isnull=True)
        .exclude(pk__in=completed)
        .prefetch_related("indicators")
        .distinct()
        .order_by("path")
    )
    urls = localized_urls(courses)
    for course in courses:
        for indicator in course.indicators.all():
            if indicator.code in wanted:
                items.append(
                    Recommendation(
                        indicator_code=indicator.code,
                        kind=str(_("course")),
                        title=course.display_title,
                        url=urls[course.pk],
                        detail=_("%(hours)s CPD hours") % {"hours": course.cpd_hours},
                    )
                )
    return items


def course_evidence(*, user, indicators) -> list[EvidenceItem]:
    wanted = {i.code for i in indicators}
    if not wanted or user is None or not user.is_authenticated:
        return []
    items = []
    enrolments = list(
        Enrolment.objects.completed()
        .filter(user=user, course__indicators__code__in=wanted)
        .select_related("course")
        .prefetch_related("course__indicators")
        .distinct()
        .order_by("-completed_at")
    )
    urls = localized_urls([e.course for e in enrolments])
    for enrolment in enrolments:
        for indicator in enrolment.course.indicators.all():
            if indicator.code in wanted:
                items.append(
                    EvidenceItem(
                        indicator_code=indicator.code,
                        kind=str(_("completed course")),
                        title=enrolment.course.display_title,
                        url=urls[enrolment.course_id],
                        date=enrolment.completed_at.date() if enrolment.completed_at else None,
                    )
                )
    return items
