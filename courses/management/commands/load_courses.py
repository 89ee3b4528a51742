from django.core.management.base import BaseCommand

from courses.starter import load_starter_courses


class Command(BaseCommand):
    help = "Load or update the starter courses in courses/data (idempotent)."

    def handle(self, *args, **options) -> None:
        courses = load_starter_courses(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"{len(courses)} starter courses ready."))
