"""A fresh install has the starter courses: seed_demo loads them."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from courses.models import CoursePage


@pytest.mark.django_db
def test_seed_demo_gives_a_fresh_install_the_courses_in_both_languages_and_menus(client, db):
    from portal.models import MenuItem

    call_command("seed_demo", "--quiet")
    call_command("seed_demo", "--quiet")
    assert CoursePage.objects.filter(alias_of__isnull=True).count() == 2
    en, zh = client.get("/en/courses/"), client.get("/zh-hant/courses/")
    assert en.status_code == zh.status_code == 200
    assert "Questioning and classroom talk" in en.content.decode()
    assert "提問與課堂對話" in zh.content.decode()
    assert MenuItem.objects.filter(title__in=["Courses", "課程"]).count() == 2
