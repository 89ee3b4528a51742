from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Recorded lessons")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from competencies.registries import register_evidence
        from lessons.evidence import lesson_evidence

        register_evidence("lessons", lesson_evidence)
