"""Sign every credential still waiting for its signature, or whose signing failed (after fixing the
cause, say a restored BADGES_KEY_SECRET). Safe to run any number of times."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from badges import services
from badges.models import Credential


class Command(BaseCommand):
    help = "Sign pending and failed badge credentials."

    def handle(self, *args, **options) -> None:
        waiting = Credential.objects.filter(
            state__in=[Credential.State.PENDING, Credential.State.FAILED], revoked_at__isnull=True
        ).order_by("pk")
        counts = {state: 0 for state in Credential.State.values}
        for credential in waiting.iterator():
            signed = services.sign_credential(credential=credential)
            counts[signed.state] += 1
            if signed.state == Credential.State.FAILED:
                self.stderr.write(f"credential {signed.uuid}: {signed.failure}")
        self.stdout.write(
            f"{counts[Credential.State.ISSUED]} signed, {counts[Credential.State.FAILED]} failed"
        )
