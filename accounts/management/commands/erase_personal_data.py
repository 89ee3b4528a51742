"""Erase one person: delete what is theirs, anonymise what others keep, then the account."""

from django.core.management.base import BaseCommand, CommandError

from accounts.management.commands.export_personal_data import _find_user
from accounts.personal_data import erase_personal_data


class Command(BaseCommand):
    help = "Erase one person's personal data from every registered model, then their account."

    def add_arguments(self, parser):
        parser.add_argument("user", help="E-mail address or numeric id of the person.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, user: str, yes: bool, **options) -> None:
        person = _find_user(user)
        if not yes:
            answer = input(
                f"Erase {person.email} and all their personal data? This cannot be undone. [y/N] "
            )
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("Nothing was erased.")
        counts = erase_personal_data(person)
        for label, n in sorted(counts.items()):
            if n:
                self.stdout.write(f"{label}: {n}")
        self.stdout.write(self.style.SUCCESS(f"Erased {user}."))
