"""The course pages: catalogue → course → module → unit. Units carry XBlocks in their body."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from competencies.models import pick_language


class Audience(models.TextChoices):
    ALL = "all", _("All teachers")
    PRE_SERVICE = "pre_service", _("Pre-service teachers")
    IN_SERVICE = "in_service", _("In-service teachers")
    SCHOOL_LEADERS = "school_leaders", _("School leaders")


class CourseLanguage(models.TextChoices):
    BILINGUAL = "bilingual", _("English and Chinese")
    EN = "en", _("English")
    ZH_HANT = "zh-hant", _("Traditional Chinese")


def canonical(page: Page) -> Page:
    """The source page of a translation alias: progress and state belong to the course, not to
    the language it is read in."""
    return page.alias_of.specific if page.alias_of_id else page


class BilingualTextBlock(blocks.StructBlock):
    text_en = blocks.RichTextBlock(label=_("Text (English)"))
    text_zh_hant = blocks.RichTextBlock(required=False, label=_("Text (Traditional Chinese)"))

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "courses/blocks/text.html"


def xblock_choices() -> list[tuple[str, str]]:
    from courses.xblocks import PORTAL_XBLOCKS

    return [(name, str(cls.display_name.default)) for name, cls in PORTAL_XBLOCKS.items()]


class XBlockBlock(blocks.StructBlock):
    """One XBlock, written in OLX (the XML every XBlock runtime reads), run by courses.runtime."""

    block_type = blocks.ChoiceBlock(choices=xblock_choices, label=_("XBlock type"))
    olx = blocks.TextBlock(
        label=_("Definition (OLX)"),
        help_text=_("The block's XML, e.g. <tdl_quiz>…</tdl_quiz>; see docs/courses.md."),
    )

    class Meta:
        icon = "code"
        label = _("Interactive block (XBlock)")

    def clean(self, value):
        value = super().clean(value)
        from courses.runtime import DefinitionError, parse_definition

        try:
            parse_definition(value["block_type"], value["olx"])
        except DefinitionError as exc:
            raise blocks.StructBlockValidationError(
                block_errors={"olx": ValidationError(str(exc))}
            ) from exc
        return value


class UnitBodyBlock(blocks.StreamBlock):
    text = BilingualTextBlock()
    xblock = XBlockBlock()


class CourseCataloguePage(Page):
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    intro_zh_hant = models.TextField(_("introduction (Traditional Chinese)"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro_en"), FieldPanel("intro_zh_hant")]
    subpage_types = ["courses.CoursePage"]
    parent_page_types = ["portal.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    @property
    def intro(self) -> str:
        return pick_language(self.intro_en, self.intro_zh_hant, "")

    def get_context(self, request, *args, **kwargs):
        from courses.forms import CatalogueFilterForm
        from courses.selectors import catalogue_courses, localized_urls

        context = super().get_context(request, *args, **kwargs)
        form = CatalogueFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        courses = list(catalogue_courses(canonical(self), **filters))
        urls = localized_urls(courses)
        context["form"] = form
        context["courses"] = [(course, urls[course.pk]) for course in courses]
        return context


class CoursePage(Page):
    title_zh_hant = models.CharField(_("title (Traditional Chinese)"), max_length=255, blank=True)
    summary_en = models.TextField(_("summary (English)"))
    summary_zh_hant = models.TextField(_("summary (Traditional Chinese)"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    cpd_hours = models.DecimalField(
        _("CPD hours"), max_digits=4, decimal_places=1, default=Decimal("1.0")
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=CourseLanguage.choices,
        default=CourseLanguage.BILINGUAL,
    )
    indicators = ParentalManyToManyField(
        "competencies.Indicator",
        blank=True,
        related_name="courses",
        verbose_name=_("framework indicators"),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="required_by",
        verbose_name=_("prerequisite courses"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_zh_hant"),
        MultiFieldPanel([FieldPanel("summary_en"), FieldPanel("summary_zh_hant")], _("Summary")),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("language"), FieldPanel("cpd_hours")],
            _("Who and how long"),
        ),
        FieldPanel("indicators"),
        FieldPanel("prerequisites"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("title_zh_hant"),
        index.SearchField("summary_en"),
        index.SearchField("summary_zh_hant"),
        index.FilterField("audience"),
        index.FilterField("language"),
    ]
    parent_page_types = ["courses.CourseCataloguePage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    @property
    def display_title(self) -> str:
        return pick_language(self.title, self.title_zh_hant, "")

    @property
    def summary(self) -> str:
        return pick_language(self.summary_en, self.summary_zh_hant, "")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(canonical(self), user=request.user)
        return context


class ModulePage(Page):
    title_zh_hant = models.CharField(_("title (Traditional Chinese)"), max_length=255, blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    intro_zh_hant = models.TextField(_("introduction (Traditional Chinese)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_zh_hant"),
        FieldPanel("intro_en"),
        FieldPanel("intro_zh_hant"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.UnitPage"]

    class Meta:
        verbose_name = _("course module")

    @property
    def display_title(self) -> str:
        return pick_language(self.title, self.title_zh_hant, "")

    @property
    def intro(self) -> str:
        return pick_language(self.intro_en, self.intro_zh_hant, "")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        # A module is a heading in its course's outline, not a page to read on its own.
        return redirect(self.get_parent().specific.url)


class UnitPage(Page):
    title_zh_hant = models.CharField(_("title (Traditional Chinese)"), max_length=255, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=20)
    body = StreamField(UnitBodyBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_zh_hant"),
        FieldPanel("minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("course unit")

    @property
    def display_title(self) -> str:
        return pick_language(self.title, self.title_zh_hant, "")

    def xblock_values(self) -> list[tuple[str, str, str]]:
        """(block id, XBlock type, OLX) of every XBlock in the body, in order."""
        return [
            (child.id, child.value["block_type"], child.value["olx"])
            for child in self.body
            if child.block_type == "xblock"
        ]

    def serve(self, request, *args, **kwargs):
        from courses.views import serve_unit

        return serve_unit(request, self)

    def serve_preview(self, request, mode_name):
        from courses.views import serve_unit

        return serve_unit(request, self, preview=True)
