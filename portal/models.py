"""The Wagtail site: home and standard pages, editable menus, site settings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="info",
        label=_("Tone"),
    )
    title = blocks.CharBlock(required=False, label=_("Title"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("Text"))

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "portal/blocks/callout.html"


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("Link URL"))
    link_text = blocks.CharBlock(required=False, label=_("Link text"))

    class Meta:
        label = _("Card")


class CardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    cards = blocks.ListBlock(CardBlock(), label=_("Cards"))

    class Meta:
        icon = "table"
        label = _("Cards")
        template = "portal/blocks/cards.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        template="portal/blocks/heading.html",
        label=_("Heading"),
    )
    paragraph = blocks.RichTextBlock(icon="pilcrow", label=_("Paragraph"))
    image = ImageBlock(label=_("Image"))
    callout = CalloutBlock()
    cards = CardsBlock()


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    call_to_action = models.CharField(_("call to action"), max_length=80, blank=True)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("call_to_action"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    max_count_per_parent = 1
    subpage_types = ["portal.StandardPage", "portal.LandingPage"]

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class LandingPage(Page):
    """A section front: an introduction and cards leading to its child pages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["portal.StandardPage", "portal.LandingPage"]

    class Meta:
        verbose_name = _("landing page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context


class Menu(TranslatableMixin, ClusterableModel):
    """A navigation menu editable in the admin; one copy per language."""

    slug = models.SlugField(
        _("slug"), help_text=_("“main” is the header menu, “footer” the footer.")
    )
    title = models.CharField(_("title"), max_length=100)

    panels = [FieldPanel("title"), FieldPanel("slug"), InlinePanel("items", label=_("items"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return f"{self.title} ({self.locale})"

    @classmethod
    def for_active_locale(cls, slug: str) -> Menu | None:
        menus = cls.objects.filter(slug=slug).prefetch_related("items__link_page")
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = None
        menu = menus.filter(locale=locale).first() if locale else None
        return menu or menus.filter(locale__language_code="en").first() or menus.first()


class MenuItem(Orderable):
    menu = ParentalKey(Menu, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("title"), max_length=80)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    link_url = models.CharField(
        _("link URL"), max_length=300, blank=True, help_text=_("Used when no page is chosen.")
    )

    panels = [FieldPanel("title"), PageChooserPanel("link_page"), FieldPanel("link_url")]

    def __str__(self) -> str:
        return self.title

    @property
    def url(self) -> str:
        if self.link_page_id:
            return self.link_page.localized.url or "#"
        return self.link_url or "#"


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    privacy_contact = models.EmailField(
        _("data-protection contact"),
        blank=True,
        help_text=_(
            "Shown next to the privacy notice; requests to access or correct data go here."
        ),
    )
    footer_note_en = models.CharField(_("footer note (English)"), max_length=300, blank=True)
    footer_note_zh = models.CharField(_("footer note (Chinese)"), max_length=300, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("privacy_contact")], _("Contact")),
        MultiFieldPanel([FieldPanel("footer_note_en"), FieldPanel("footer_note_zh")], _("Footer")),
    ]

    class Meta:
        verbose_name = _("site settings")
