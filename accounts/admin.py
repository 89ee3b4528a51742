from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution, Invitation, Membership, School, TeacherProfile, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["school"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "name_zh", "platform_role", "is_staff", "is_active"]
    list_filter = ["platform_role", "is_staff", "is_active"]
    search_fields = ["email", "full_name", "name_zh"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "name_zh", "preferred_language"]}),
        (
            _("Access"),
            {"fields": ["platform_role", "is_active", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_zh", "district", "level", "finance_type", "is_active"]
    list_filter = ["district", "level", "finance_type", "is_active"]
    search_fields = ["name_en", "name_zh", "sponsoring_body"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_zh", "short_name"]
    search_fields = ["name_en", "name_zh"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__email", "school__name_en"]
    autocomplete_fields = ["user", "school"]


@admin.register(TeacherProfile)
class TeacherProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "stage", "rank", "years_of_experience"]
    list_filter = ["stage", "rank"]
    search_fields = ["user__email"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "school", "role", "created_at", "sent_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "school__name_en"]
    readonly_fields = ["token"]
