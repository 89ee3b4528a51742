"""Instruments and performance tasks are authored in the content administration, with their items,
conditions, prompts and rubric inline."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from assessments.models import Instrument, PerformanceTask


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "form"
    menu_label = _("Self-assessments")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title_en", "version", "is_published", "minutes"]
    list_filter = ["is_published"]


class PerformanceTaskViewSet(SnippetViewSet):
    model = PerformanceTask
    icon = "tasks"
    menu_label = _("Performance tasks")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["title_en", "slug", "lessons_required", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title_en", "title_zh_hant", "slug"]


register_snippet(InstrumentViewSet)
register_snippet(PerformanceTaskViewSet)
