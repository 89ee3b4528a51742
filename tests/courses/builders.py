"""Small Wagtail course trees for tests: a home page, a catalogue, courses of quiz units."""

from __future__ import annotations

import uuid
from decimal import Decimal

from wagtail.models import Locale, Page, Site

from competencies.models import Indicator
from courses.models import CourseCataloguePage, CoursePage, ModulePage, UnitPage
from portal.models import HomePage

QUIZ = """<tdl_quiz display_name="Check" pass_percent="50">
  <question id="q1">
    <prompt lang="en">Which question asks students to reason?</prompt>
    <prompt lang="zh-hant">哪一條問題要求學生推理？</prompt>
    <choice id="a"><text lang="en">What is the capital of France?</text>
      <feedback lang="en">Recall: one fact.</feedback><feedback lang="zh-hant">記憶：只有一個事實。</feedback></choice>
    <choice id="b" correct="true"><text lang="en">Why do you think the ice melted first?</text>
      <feedback lang="en">It asks for an explanation.</feedback><feedback lang="zh-hant">要求解釋。</feedback></choice>
  </question>
  <question id="q2" multiple="true">
    <prompt lang="en">Which are personal data?</prompt>
    <choice id="a" correct="true"><text lang="en">A student's name</text><feedback lang="en">Yes.</feedback></choice>
    <choice id="b" correct="true"><text lang="en">A class photo</text><feedback lang="en">Yes.</feedback></choice>
    <choice id="c"><text lang="en">The school's address</text><feedback lang="en">No.</feedback></choice>
  </question>
</tdl_quiz>"""

JOURNAL = """<tdl_journal min_length="20">
  <prompt lang="en">What will you change next week?</prompt>
  <prompt lang="zh-hant">下星期你會改變甚麼？</prompt>
</tdl_journal>"""

VIDEO = """<tdl_video>
  <transcript><cue at="0"><text lang="en">The teacher waits.</text></cue></transcript>
  <question id="v1" at="0:05">
    <prompt lang="en">Why wait?</prompt>
    <choice id="a" correct="true"><text lang="en">Thinking time</text><feedback lang="en">Yes.</feedback></choice>
    <choice id="b"><text lang="en">Quiet</text><feedback lang="en">No.</feedback></choice>
  </question>
</tdl_video>"""

VIDEO_FILE = VIDEO.replace("<tdl_video>", '<tdl_video src="/media/wait-time.mp4">')

TASK = """<tdl_classroom_task task="higher-order-questioning">
  <intro lang="en">Plan three open questions.</intro>
</tdl_classroom_task>"""

RIGHT_ANSWERS = {"q1": ["b"], "q2": ["a", "b"]}
WRONG_ANSWERS = {"q1": ["a"], "q2": ["c"]}


def xblock(block_type: str, olx: str) -> dict:
    return {
        "type": "xblock",
        "value": {"block_type": block_type, "olx": olx},
        "id": str(uuid.uuid4()),
    }


def text(en: str, zh: str = "") -> dict:
    return {
        "type": "text",
        "value": {"text_en": f"<p>{en}</p>", "text_zh_hant": f"<p>{zh}</p>" if zh else ""},
        "id": str(uuid.uuid4()),
    }


def load_bundled_framework() -> None:
    from competencies.services import load_bundled

    if not Indicator.objects.filter(framework__is_default=True).exists():
        load_bundled()


def site_home() -> HomePage:
    """The default site's home page, created (with the site) when the database has none."""
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        locale, _ = Locale.objects.get_or_create(language_code="en")
        root = Page.get_first_root_node()
        if root is None:  # a transactional test flushed the tree Wagtail's migration made
            root = Page.add_root(title="Root", slug="root", locale=locale)
        home = HomePage(title="Home", slug="tdl-test-home", locale=locale)
        root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "TDL"},
    )
    return home


def catalogue() -> CourseCataloguePage:
    existing = CourseCataloguePage.objects.first()
    if existing is not None:
        return existing
    page = CourseCataloguePage(title="Courses", slug="courses", intro_en="All courses.")
    site_home().add_child(instance=page)
    return page


def build_course(
    *,
    slug: str = "test-course",
    title: str = "Questioning in practice",
    units: int = 2,
    body=None,
    indicators: tuple[str, ...] = (),
    cpd_hours: str = "3.0",
    audience: str = "all",
    language: str = "bilingual",
) -> CoursePage:
    """A course of one module with ``units`` units, each holding ``body()`` (default: a text
    and one quiz)."""
    course = CoursePage(
        title=title,
        title_zh_hant=f"{title}（中文）",
        slug=slug,
        summary_en=f"About {title}.",
        summary_zh_hant="課程簡介。",
        cpd_hours=Decimal(cpd_hours),
        audience=audience,
        language=language,
    )
    catalogue().add_child(instance=course)
    if indicators:
        course.indicators.set(
            Indicator.objects.filter(code__in=indicators, framework__is_default=True)
        )
        course.save()
    module = ModulePage(title="Module 1", slug="module-1")
    course.add_child(instance=module)
    for n in range(units):
        blocks = body() if body else [text(f"Unit {n + 1} reading."), xblock("tdl_quiz", QUIZ)]
        module.add_child(
            instance=UnitPage(title=f"Unit {n + 1}", slug=f"unit-{n + 1}", body=blocks)
        )
    return course


def remove_courses() -> None:
    """Undo :func:`build_course` for module-scoped trees: the catalogue, the test home page and
    its translations, and their site, so that later test modules find the database as a fresh
    install leaves it (the default site on Wagtail's welcome page)."""
    for page in CourseCataloguePage.objects.all():
        page.delete()
    homes = list(HomePage.objects.filter(slug__startswith="tdl-test-home"))
    Site.objects.filter(root_page__in=homes).delete()
    for home in homes:
        home.delete()
    if not Site.objects.filter(is_default_site=True).exists():
        welcome = Page.objects.filter(depth=2).order_by("path").first()
        if welcome is not None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=welcome, is_default_site=True
            )
