"""Instruments are authored in the content administration; teachers cannot open it."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_edb_admin_opens_an_instrument_with_its_items_and_options(client, people, instrument):
    client.force_login(people["edb_admin"])
    listing = client.get(reverse("wagtailsnippets_assessments_instrument:list"))
    assert listing.status_code == 200
    assert "Test self-assessment" in listing.content.decode()
    edit = client.get(reverse("wagtailsnippets_assessments_instrument:edit", args=[instrument.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "How do you practise 1.1.1?" in html  # an item
    assert "Level 6 for 1.1.1" in html  # its options, nested


def test_level_descriptors_and_crosswalk_are_listed(client, people, db):
    from competencies.services import load_bundled

    load_bundled()
    client.force_login(people["edb_admin"])
    for name in (
        "leveldescriptor",
        "crosswalklink",
        "indicator",
        "dimension",
        "subdimension",
        "framework",
    ):
        response = client.get(reverse(f"wagtailsnippets_competencies_{name}:list"))
        assert response.status_code == 200, name


def test_a_teacher_cannot_reach_instrument_authoring(client, people, instrument):
    client.force_login(people["teacher"])
    response = client.get(reverse("wagtailsnippets_assessments_instrument:list"))
    assert response.status_code in (302, 403)


def test_edb_admin_edits_a_task_with_conditions_prompts_and_nested_rubric(client, people, db):
    from assessments.services import load_default_tasks
    from competencies.services import load_bundled

    load_bundled()
    task = {t.slug: t for t in load_default_tasks()}["more-student-talk"]
    client.force_login(people["edb_admin"])
    listing = client.get(reverse("wagtailsnippets_assessments_performancetask:list"))
    assert listing.status_code == 200
    assert "More student talk" in listing.content.decode()
    edit = client.get(reverse("wagtailsnippets_assessments_performancetask:edit", args=[task.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    assert task.prompts.first().text_en[:30] in html
    criterion = task.criteria.first()
    assert criterion.name_en in html
    assert criterion.levels.get(score=4).descriptor_en[:30] in html  # levels nested in criteria


def test_a_teacher_cannot_reach_task_authoring(client, people):
    client.force_login(people["teacher"])
    response = client.get(reverse("wagtailsnippets_assessments_performancetask:list"))
    assert response.status_code in (302, 403)
