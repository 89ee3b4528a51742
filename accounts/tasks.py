"""Background work for accounts: thin tasks that reload the row and call one service."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import Invitation
from accounts.services import mark_invitation_sent


@shared_task(
    bind=True,
    autoretry_for=(ConnectionError, TimeoutError, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_invitation(self, invitation_id: int) -> str:
    invitation = (
        Invitation.objects.select_related("school", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.sent_at is not None or not invitation.is_pending:
        return "skipped"
    language = (
        invitation.invited_by.preferred_language
        if invitation.invited_by
        else settings.LANGUAGE_CODE
    )
    with translation.override(language):
        url = settings.SITE_URL.rstrip("/") + reverse(
            "accounts:accept_invitation", kwargs={"token": invitation.token}
        )
        context = {"invitation": invitation, "url": url}
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    mark_invitation_sent(invitation=invitation)
    return "sent"
