"""Signing runs in the background: a task takes the credential's primary key, reloads it and calls
one service; it is safe to run twice (a signed credential is left alone)."""

from __future__ import annotations

from celery import shared_task

from badges import services
from badges.models import Credential


@shared_task(acks_late=True)
def sign_credential(credential_id: int) -> str:
    credential = Credential.objects.filter(pk=credential_id).first()
    if credential is None:
        return "gone"
    if credential.state == Credential.State.ISSUED:
        return "done"
    return services.sign_credential(credential=credential).state
