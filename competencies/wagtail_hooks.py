"""Framework editing in the content administration, with revision history on every change.

Codes are read-only: results point at indicators, and a code is how a re-import finds them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from competencies.models import (
    CrosswalkLink,
    Dimension,
    Framework,
    Indicator,
    LevelDescriptor,
    SubDimension,
)


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    icon = "folder-inverse"
    menu_label = _("Frameworks")
    list_display = ["name_en", "code", "version", "is_default"]


class DimensionViewSet(SnippetViewSet):
    model = Dimension
    icon = "folder-open-1"
    menu_label = _("Dimensions")
    list_display = ["code", "name_en", "name_zh_hant", "verification"]
    list_filter = ["framework", "verification"]
    search_fields = ["code", "name_en", "name_zh_hant"]


class SubDimensionViewSet(SnippetViewSet):
    model = SubDimension
    icon = "folder-open-1"
    menu_label = _("Sub-dimensions")
    list_display = ["code", "name_en", "name_zh_hant", "verification"]
    list_filter = ["verification"]
    search_fields = ["code", "name_en", "name_zh_hant"]


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "tick-inverse"
    menu_label = _("Indicators")
    list_display = ["code", "name_en", "name_zh_hant", "verification"]
    list_filter = ["framework", "verification"]
    search_fields = ["code", "name_en", "name_zh_hant", "name_zh_hans"]
    list_per_page = 50


class LevelDescriptorViewSet(SnippetViewSet):
    model = LevelDescriptor
    icon = "list-ol"
    menu_label = _("Level descriptors")
    list_display = ["indicator", "level", "text_en"]
    list_filter = ["level"]
    search_fields = ["text_en", "text_zh_hant"]
    list_per_page = 60


class CrosswalkViewSet(SnippetViewSet):
    model = CrosswalkLink
    icon = "resubmit"
    menu_label = _("Crosswalk")
    list_display = ["source", "target", "strength", "note"]
    list_filter = ["strength"]


class FrameworkGroup(SnippetViewSetGroup):
    menu_label = _("Competencies")
    menu_icon = "tick-inverse"
    menu_order = 200
    items = (
        FrameworkViewSet,
        DimensionViewSet,
        SubDimensionViewSet,
        IndicatorViewSet,
        LevelDescriptorViewSet,
        CrosswalkViewSet,
    )


register_snippet(FrameworkGroup)
