from __future__ import annotations

from types import SimpleNamespace

import pytest

from badges import services
from badges.models import BadgeClass, BadgeRule
from competencies.services import DATA_DIR, import_framework


@pytest.fixture
def framework(db):
    framework, _ = import_framework(path=DATA_DIR / "jyt-0646-2022.yaml", make_default=True)
    return framework


@pytest.fixture
def edb(db):
    return services.create_issuer(
        name_en="Education Bureau",
        name_zh_hant="教育局",
        url="https://www.edb.gov.hk/",
    )


def make_badge(issuer, slug: str, *, framework=None, codes=(), **fields) -> BadgeClass:
    badge = BadgeClass.objects.create(
        slug=slug,
        issuer=issuer,
        name_en=fields.pop("name_en", slug.replace("-", " ").capitalize()),
        name_zh_hant=fields.pop("name_zh_hant", "徽章"),
        description_en=fields.pop("description_en", f"Awarded for {slug}."),
        criteria_en=fields.pop("criteria_en", f"Complete {slug}."),
        is_published=fields.pop("is_published", True),
        **fields,
    )
    if codes:
        badge.indicators.set(framework.indicators.filter(code__in=codes))
    return badge


@pytest.fixture
def questioning_badge(edb, framework):
    badge = make_badge(edb, "higher-order-questioning", framework=framework, codes=("3.2.1",))
    BadgeRule.objects.create(
        badge_class=badge, kind=BadgeRule.Kind.TASK_APPROVED, task_slug="higher-order-questioning"
    )
    return badge


@pytest.fixture
def talk_badge(edb, framework):
    badge = make_badge(edb, "more-student-talk", framework=framework, codes=("3.2.2",))
    BadgeRule.objects.create(
        badge_class=badge, kind=BadgeRule.Kind.TASK_APPROVED, task_slug="more-student-talk"
    )
    return badge


@pytest.fixture
def pathway_badge(edb, questioning_badge, talk_badge):
    badge = make_badge(edb, "classroom-dialogue-pathway", name_en="Classroom dialogue")
    rule = BadgeRule.objects.create(badge_class=badge, kind=BadgeRule.Kind.PATHWAY)
    rule.required_badges.set([questioning_badge, talk_badge])
    return badge


def stand_in_submission(teacher, mentor, task_slug: str, *, pk: int = 41, comment="Well done."):
    """An object with the attributes of assessments.models.TaskSubmission that badges reads."""
    review = SimpleNamespace(comment=comment, reviewer=mentor)
    return SimpleNamespace(
        pk=pk,
        task=SimpleNamespace(slug=task_slug, title_en=task_slug.replace("-", " ").capitalize()),
        teacher=teacher,
        mentor=mentor,
        status="approved",
        latest_review=lambda: review,
    )


@pytest.fixture
def award_now(django_capture_on_commit_callbacks):
    """Run a write and the tasks it enqueues on commit (signing, pathways), as in production."""

    def run(write, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(**kwargs)

    return run
