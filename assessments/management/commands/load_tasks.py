"""Load performance tasks from YAML; with no path, the three that ship with the portal."""

from django.core.management.base import BaseCommand, CommandError

from assessments.services import AssessmentError, load_default_tasks, load_tasks


class Command(BaseCommand):
    help = "Create or update performance tasks by slug. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Task YAML; omit for the bundled tasks.")
        parser.add_argument(
            "--draft", action="store_true", help="Leave new tasks unpublished for review."
        )

    def handle(self, *args, path=None, draft=False, **options):
        try:
            tasks = (
                load_default_tasks() if path is None else load_tasks(path=path, publish=not draft)
            )
        except (AssessmentError, OSError, KeyError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        for task in tasks:
            self.stdout.write(f"{task.slug}: {task.title_en}")
