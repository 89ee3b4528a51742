"""Issuers, badges and their rules are authored in the content administration. Issued credentials
are listed there (read only) with a revoke action: a confirmation page that asks for the reason.
Credentials are awarded by rules, never created or edited by hand, so they are no snippet."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from badges import services, views
from badges.models import BadgeClass, BadgeRule, Issuer


class IssuerViewSet(SnippetViewSet):
    model = Issuer
    icon = "site"
    menu_label = _("Issuers")
    list_display = ["name_en", "kind", "school", "public_key_multibase"]


class BadgeClassViewSet(SnippetViewSet):
    model = BadgeClass
    icon = "pick"
    menu_label = _("Badges")
    list_display = ["name_en", "issuer", "is_published", "validity_months"]
    list_filter = ["is_published", "issuer"]
    search_fields = ["name_en", "name_zh_hant", "slug"]


class BadgeRuleViewSet(SnippetViewSet):
    model = BadgeRule
    icon = "cogs"
    menu_label = _("Badge rules")
    list_display = ["badge_class", "kind", "task_slug", "dimension_code", "minimum_level"]
    list_filter = ["kind"]


class BadgesGroup(SnippetViewSetGroup):
    items = (BadgeClassViewSet, BadgeRuleViewSet, IssuerViewSet)
    menu_icon = "pick"
    menu_label = _("Badges")
    menu_order = 230


register_snippet(BadgesGroup)


@hooks.register("after_create_snippet")
def give_new_issuer_its_key(request, instance) -> None:
    if isinstance(instance, Issuer):
        services.ensure_issuer_key(issuer=instance)


@hooks.register("register_admin_urls")
def credential_admin_urls():
    return [path("badges/credentials/", views.admin_credentials, name="badges_credentials")]


class CredentialsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_superuser or request.user.is_edb_admin


@hooks.register("register_admin_menu_item")
def credentials_menu_item():
    return CredentialsMenuItem(
        _("Issued credentials"), reverse("badges_credentials"), icon_name="tick-inverse", order=231
    )
