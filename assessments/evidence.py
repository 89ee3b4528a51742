"""Performance tasks in the framework's registries: approved submissions are evidence for the task's
indicators, and open tasks are recommended for a teacher's weakest indicators."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.models import PerformanceTask, TaskSubmission
from competencies.registries import EvidenceItem, Recommendation


def task_evidence(*, user, indicators) -> list[EvidenceItem]:
    wanted = {i.code for i in indicators}
    items = []
    for submission in (
        TaskSubmission.objects.of_teacher(user)
        .filter(status=TaskSubmission.Status.APPROVED)
        .select_related("task")
        .prefetch_related("task__indicators")
        .order_by("-approved_at")
    ):
        for indicator in submission.task.indicators.all():
            if indicator.code in wanted:
                items.append(
                    EvidenceItem(
                        indicator_code=indicator.code,
                        kind=str(_("approved task")),
                        title=submission.task.title,
                        url=reverse("tasks:submission", kwargs={"submission_id": submission.pk}),
                        date=submission.approved_at.date() if submission.approved_at else None,
                    )
                )
    return items


def task_recommendations(*, user, indicators) -> list[Recommendation]:
    wanted = {i.code for i in indicators}
    done = set(
        TaskSubmission.objects.of_teacher(user)
        .filter(status=TaskSubmission.Status.APPROVED)
        .values_list("task_id", flat=True)
    )
    items = []
    for task in PerformanceTask.objects.published().prefetch_related("indicators"):
        if task.pk in done:
            continue
        for indicator in task.indicators.all():
            if indicator.code in wanted:
                items.append(
                    Recommendation(
                        indicator_code=indicator.code,
                        kind=str(_("lesson-analysis task")),
                        title=task.title,
                        url=reverse("tasks:detail", kwargs={"slug": task.slug}),
                        detail=task.summary,
                    )
                )
    return items
