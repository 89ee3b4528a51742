from __future__ import annotations

from badges import services
from badges.models import BadgeClass, BadgeRule, Issuer

TASK_SLUGS = {"higher-order-questioning", "more-student-talk", "building-on-student-ideas"}


def test_default_badges_load_once_with_their_rules(framework):
    first = services.load_default_badges()
    again = services.load_default_badges()
    assert {b.pk for b in first} == {b.pk for b in again}
    assert Issuer.objects.count() == 1
    assert BadgeClass.objects.count() == 5
    assert BadgeRule.objects.count() == 5
    task_rules = BadgeRule.objects.filter(kind=BadgeRule.Kind.TASK_APPROVED)
    assert {r.task_slug for r in task_rules} == TASK_SLUGS
    assert {r.badge_class.slug for r in task_rules} == TASK_SLUGS
    pathway = BadgeRule.objects.get(kind=BadgeRule.Kind.PATHWAY)
    assert {b.slug for b in pathway.required_badges.all()} == TASK_SLUGS
    level = BadgeRule.objects.get(kind=BadgeRule.Kind.SELF_ASSESSMENT_LEVEL)
    assert (level.dimension_code, level.minimum_level) == ("1", 4)
    for badge in BadgeClass.objects.all():
        assert badge.is_published
        assert badge.name_zh_hant and badge.description_zh_hant and badge.criteria_zh_hant
    questioning = BadgeClass.objects.get(slug="higher-order-questioning")
    assert sorted(i.code for i in questioning.indicators.all()) == ["3.2.2", "3.3.2", "5.1.2"]


def test_loading_again_keeps_what_administrators_edited(framework):
    services.load_default_badges()
    BadgeClass.objects.filter(slug="more-student-talk").update(name_en="Edited")
    services.load_default_badges()
    assert BadgeClass.objects.get(slug="more-student-talk").name_en == "Edited"
