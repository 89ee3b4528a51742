"""Instruments are authored in the content administration: items with their options inline."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from assessments.models import Instrument


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "form"
    menu_label = _("Self-assessments")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title_en", "version", "is_published", "minutes"]
    list_filter = ["is_published"]


register_snippet(InstrumentViewSet)
