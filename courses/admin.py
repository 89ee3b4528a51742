from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from courses import services
from courses.models import Certificate, CPDEntry, Enrolment


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "status", "enrolled_at", "completed_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__full_name", "course__title"]
    list_select_related = ["user", "course"]
    readonly_fields = ["user", "course", "status", "last_unit", "enrolled_at", "completed_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["uuid", "holder_name", "course_title_en", "issued_at", "revoked_at"]
    search_fields = ["uuid", "holder_name", "holder_name_zh", "course_title_en"]
    readonly_fields = [f.name for f in Certificate._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Revoke the selected certificates (issued in error)"))
    def revoke(self, request, queryset) -> None:
        for certificate in queryset:
            services.revoke_certificate(
                certificate=certificate, reason=f"Revoked by {request.user.email} in the admin"
            )
        messages.success(request, _("The certificates now show as revoked on their check page."))


@admin.register(CPDEntry)
class CPDEntryAdmin(admin.ModelAdmin):
    list_display = ["user", "title", "source", "hours", "date"]
    list_filter = ["source", "category"]
    search_fields = ["user__email", "title", "provider"]
    list_select_related = ["user"]
    readonly_fields = ["user", "source", "enrolment", "evidence", "created_at"]
