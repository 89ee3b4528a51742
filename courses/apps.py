from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from competencies.registries import register_evidence, register_recommendations
        from courses.recommendations import course_evidence, course_recommendations

        register_recommendations("courses", course_recommendations)
        register_evidence("courses", course_evidence)
