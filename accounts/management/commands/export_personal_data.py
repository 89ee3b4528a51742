"""Write everything the portal holds about one person as JSON (a data-access request)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.personal_data import export_personal_data


class Command(BaseCommand):
    help = "Export one person's personal data as JSON, from every registered model."

    def add_arguments(self, parser):
        parser.add_argument("user", help="E-mail address or numeric id of the person.")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, user: str, output: str | None, **options) -> None:
        person = _find_user(user)
        text = json.dumps(export_personal_data(person), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as f:
                f.write(text)
            self.stderr.write(self.style.SUCCESS(f"Wrote {output}"))
        else:
            sys.stdout.write(text + "\n")


def _find_user(value: str) -> User:
    query = {"pk": int(value)} if value.isdigit() else {"email__iexact": value}
    try:
        return User.objects.get(**query)
    except User.DoesNotExist:
        raise CommandError(f"No user {value!r}.") from None
