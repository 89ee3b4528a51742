from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Self-assessments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from assessments.evidence import task_evidence, task_recommendations
        from competencies.registries import register_evidence, register_recommendations

        register_evidence("tasks", task_evidence)
        register_recommendations("tasks", task_recommendations)
