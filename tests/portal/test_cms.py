"""The content administration: menus, schools and site settings are editable by EDB administrators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import School
from portal.models import Menu, MenuItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def edb_client(client, people):
    client.force_login(people["edb_admin"])
    return client


def test_menus_are_listed_and_editable(edb_client):
    from wagtail.models import Locale

    menu = Menu.objects.create(slug="main", title="Main", locale=Locale.get_default())
    MenuItem.objects.create(menu=menu, title="About", link_url="/en/about/")
    assert edb_client.get(reverse("wagtailsnippets_portal_menu:list")).status_code == 200
    edit = edb_client.get(reverse("wagtailsnippets_portal_menu:edit", args=[menu.pk]))
    assert edit.status_code == 200
    assert "About" in edit.content.decode()


def test_schools_are_managed_in_the_admin(edb_client, school):
    response = edb_client.get(reverse("school:index"))
    assert response.status_code == 200
    assert school.name_en in response.content.decode()
    response = edb_client.post(
        reverse("school:add"),
        {
            "name_en": "Sai Kung Central Primary",
            "name_zh": "西貢中心小學",
            "district": "sai_kung",
            "level": "primary",
            "finance_type": "government",
            "sponsoring_body": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert School.objects.filter(name_zh="西貢中心小學").exists()


def test_site_settings_are_editable(edb_client):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["portal", "sitesettings", site.pk])
    assert edb_client.get(url).status_code == 200


def test_a_teacher_cannot_open_the_admin(client, people):
    client.force_login(people["teacher"])
    response = client.get(reverse("school:index"))
    assert response.status_code in (302, 403)
