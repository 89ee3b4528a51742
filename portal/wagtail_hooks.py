"""The content administration: menus as translatable snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import Menu


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    menu_label = _("Menus")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "slug", "locale"]
    list_filter = ["locale"]


register_snippet(MenuViewSet)
