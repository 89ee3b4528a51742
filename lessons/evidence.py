"""Analysed lessons as evidence for the framework's indicators, on the teacher's evidence page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from competencies.registries import EvidenceItem
from lessons.models import Lesson

#: What analysing one's own lesson shows, by indicator code of JY/T 0646-2022.
LESSON_INDICATORS = ("5.1.2", "3.2.2")


def lesson_evidence(*, user, indicators) -> list[EvidenceItem]:
    wanted = {i.code for i in indicators} & set(LESSON_INDICATORS)
    if not wanted:
        return []
    items = []
    for lesson in (
        Lesson.objects.owned_by(user)
        .filter(status=Lesson.Status.READY)
        .order_by("-taught_on", "-created_at")[:10]
    ):
        for code in sorted(wanted):
            items.append(
                EvidenceItem(
                    indicator_code=code,
                    kind=str(_("analysed lesson")),
                    title=lesson.title,
                    url=reverse("lessons:report", kwargs={"lesson_id": lesson.pk}),
                    date=lesson.taught_on or lesson.created_at.date(),
                )
            )
    return items
