"""Schools and institutions in the content administration, for EDB administrators."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.models import Institution, School


class SchoolViewSet(ModelViewSet):
    model = School
    icon = "home"
    menu_label = _("Schools")
    list_display = ["name_en", "name_zh", "district", "level", "finance_type", "is_active"]
    list_filter = ["district", "level", "finance_type", "is_active"]
    search_fields = ["name_en", "name_zh", "sponsoring_body"]
    form_fields = [
        "name_en",
        "name_zh",
        "district",
        "level",
        "finance_type",
        "sponsoring_body",
        "is_active",
    ]
    copy_view_enabled = False


class InstitutionViewSet(ModelViewSet):
    model = Institution
    icon = "folder-open-inverse"
    menu_label = _("Teacher-education institutions")
    list_display = ["name_en", "name_zh", "short_name"]
    search_fields = ["name_en", "name_zh"]
    form_fields = ["name_en", "name_zh", "short_name"]
    copy_view_enabled = False


class PeopleGroup(ViewSetGroup):
    menu_label = _("Schools")
    menu_icon = "group"
    menu_order = 250
    items = (SchoolViewSet, InstitutionViewSet)


@hooks.register("register_admin_viewset")
def register_people_group():
    return PeopleGroup()
