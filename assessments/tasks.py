"""Background work for performance tasks: e-mail the mentor when work arrives and the teacher when it
is reviewed. Thin tasks: reload the rows, send only if the version is still the one announced."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from assessments.models import SubmissionVersion, TaskSubmission

SUBMITTED = "submitted"
REVIEWED = "reviewed"


@shared_task(
    bind=True,
    autoretry_for=(ConnectionError, TimeoutError, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def notify_submission(self, version_id: int, kind: str) -> str:
    version = (
        SubmissionVersion.objects.select_related(
            "submission__task", "submission__teacher", "submission__mentor", "review"
        )
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        return "skipped"
    submission = version.submission
    latest = submission.latest_version()
    if latest is None or latest.pk != version.pk:
        return "skipped"  # a newer version was submitted since: that one gets its own e-mail
    if kind == SUBMITTED:
        recipient = submission.mentor
        if recipient is None or submission.status != TaskSubmission.Status.SUBMITTED:
            return "skipped"
        path = reverse("tasks:review", kwargs={"submission_id": submission.pk})
    elif kind == REVIEWED:
        recipient = submission.teacher
        if not hasattr(version, "review"):
            return "skipped"
        path = reverse("tasks:submission", kwargs={"submission_id": submission.pk})
    else:
        raise ValueError(f"unknown notification {kind!r}")
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "submission": submission,
            "version": version,
            "task_title": submission.task.title,
            "url": settings.SITE_URL.rstrip("/") + path,
        }
        subject = render_to_string(f"assessments/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"assessments/email/{kind}_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    return "sent"
