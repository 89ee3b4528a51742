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

        from django.db.models.signals import post_delete

        from courses.models import CPDEntry

        # Evidence files go with their entry however it is deleted (by the teacher, by erasure of
        # personal data, or with the account): a file left in storage would outlive the erasure.
        post_delete.connect(_delete_evidence_file, sender=CPDEntry, dispatch_uid="cpd-evidence")


def _delete_evidence_file(sender, instance, **kwargs) -> None:
    if instance.evidence:
        instance.evidence.delete(save=False)
