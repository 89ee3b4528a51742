"""Import a competency framework from YAML; with no path, the frameworks that ship with the portal."""

from django.core.management.base import BaseCommand, CommandError

from competencies.services import (
    FrameworkImportError,
    import_crosswalk,
    import_framework,
    import_levels,
    load_bundled,
)


class Command(BaseCommand):
    help = "Import (or re-import) a framework. Idempotent: names update, codes and results stay."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="Framework YAML; omit to load the bundled ones."
        )
        parser.add_argument("--default", action="store_true", help="Make it the default framework.")
        parser.add_argument("--levels", help="YAML with proficiency levels and descriptors.")
        parser.add_argument(
            "--crosswalk", help="YAML with crosswalk links (both frameworks loaded)."
        )

    def handle(self, *args, path=None, default=False, levels=None, crosswalk=None, **options):
        try:
            if path is None:
                load_bundled(stdout=self.stdout)
                return
            framework, report = import_framework(path=path, make_default=True if default else None)
            self.stdout.write(f"{framework.code}: {report}")
            if levels:
                self.stdout.write(f"levels: {import_levels(framework=framework, path=levels)}")
            if crosswalk:
                self.stdout.write(f"crosswalk: {import_crosswalk(path=crosswalk)}")
        except FrameworkImportError as exc:
            raise CommandError(str(exc)) from exc
