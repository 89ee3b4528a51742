"""The starter courses that ship with the portal (courses/data/*.yaml), loaded idempotently.

Running the loader again updates changed text in place and creates nothing twice. XBlock ids are
derived from the course, unit and position, so teachers' answers survive a reload. In every
other content language the course tree is served through Wagtail aliases of the English pages,
which follow their source on every publish.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page

from competencies.models import Indicator
from courses.models import CourseCataloguePage, CoursePage, ModulePage, UnitPage
from courses.runtime import parse_definition

DATA_DIR = Path(__file__).resolve().parent / "data"
NAMESPACE = uuid.UUID("6f1c39d4-8a47-4c0e-9a55-0d3c2b6de0a1")
CATALOGUE = {
    "slug": "courses",
    "title": "Courses",
    "intro_en": "Short, practical courses mapped to the Teacher Digital Literacy framework. Each "
    "counts towards your CPD hours and ends with a certificate.",
    "intro_zh_hant": "對應《教師數字素養》框架的實用短期課程。每個課程均計算持續專業發展時數，完成後可獲發證書。",
}


def _p(text: str) -> str:
    paragraphs = [p.strip() for p in text.strip().split("\n\n") if p.strip()]
    return "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)


def _body(course_slug: str, unit_slug: str, items: list[dict[str, Any]]) -> list[dict]:
    blocks = []
    for index, item in enumerate(items):
        block_id = str(uuid.uuid5(NAMESPACE, f"{course_slug}/{unit_slug}/{index}"))
        if "xblock" in item:
            parse_definition(item["xblock"], item["olx"])  # refuse a broken file loudly
            blocks.append(
                {
                    "type": "xblock",
                    "value": {"block_type": item["xblock"], "olx": item["olx"].strip()},
                    "id": block_id,
                }
            )
        else:
            blocks.append(
                {
                    "type": "text",
                    "value": {"text_en": _p(item["en"]), "text_zh_hant": _p(item.get("zh", ""))},
                    "id": block_id,
                }
            )
    return blocks


def _upsert(parent: Page, model, slug: str, fields: dict[str, Any]) -> tuple[Page, bool]:
    """The child with ``slug``, created or brought up to date; True when anything changed."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, True
    changed = False
    for name, value in fields.items():
        current = getattr(page, name)
        if name == "body":
            current = list(current.raw_data)
        if current != value:
            setattr(page, name, value)
            changed = True
    if changed:
        page.save_revision().publish()
    return page, changed


def _aliases(page: Page) -> None:
    """Serve ``page`` in every other content language, as an alias of the English page."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or locale.pk == page.locale_id:
            continue
        parent = page.get_parent()
        if not parent.get_translations(inclusive=True).filter(locale=locale).exists():
            continue  # that language has no home page to hang the courses under
        if page.get_translations().filter(locale=locale).exists():
            continue
        page.copy_for_translation(locale, copy_parents=False, alias=True)


def _load_child(parent: Page, model, spec: dict[str, Any], **fields: Any) -> tuple[Page, bool]:
    """A module or unit from its spec: its slug and both titles plus ``fields``, brought up to
    date and served in every content language."""
    page, changed = _upsert(
        parent,
        model,
        spec["slug"],
        {"title": spec["title_en"], "title_zh_hant": spec["title_zh_hant"], **fields},
    )
    _aliases(page)
    return page, changed


@transaction.atomic
def load_course(path: Path, catalogue: CourseCataloguePage) -> tuple[CoursePage, int]:
    """Load one course file; returns the course and how many pages were created or changed."""
    spec = yaml.safe_load(path.read_text("utf-8"))
    slug = spec["slug"]
    course, changed = _upsert(
        catalogue,
        CoursePage,
        slug,
        {
            "title": spec["title_en"],
            "title_zh_hant": spec["title_zh_hant"],
            "summary_en": spec["summary_en"].strip(),
            "summary_zh_hant": spec["summary_zh_hant"].strip(),
            "audience": spec.get("audience", "all"),
            "language": spec.get("language", "bilingual"),
            "cpd_hours": Decimal(str(spec["cpd_hours"])),
        },
    )
    touched = int(changed)
    wanted = set(
        Indicator.objects.filter(
            framework__is_default=True, code__in=[str(c) for c in spec["indicators"]]
        ).values_list("pk", flat=True)
    )
    if set(course.indicators.values_list("pk", flat=True)) != wanted:
        course.indicators.set(wanted)
        course.save_revision().publish()
        touched += 1
    _aliases(course)
    for module_spec in spec["modules"]:
        module, changed = _load_child(
            course,
            ModulePage,
            module_spec,
            intro_en=module_spec.get("intro_en", "").strip(),
            intro_zh_hant=module_spec.get("intro_zh_hant", "").strip(),
        )
        touched += changed
        for unit_spec in module_spec["units"]:
            _unit, changed = _load_child(
                module,
                UnitPage,
                unit_spec,
                minutes=unit_spec.get("minutes", 20),
                body=_body(slug, unit_spec["slug"], unit_spec["body"]),
            )
            touched += changed
    return course, touched


@transaction.atomic
def load_starter_courses(*, home: Page | None = None, stdout=None) -> list[CoursePage]:
    """Every course in courses/data under the catalogue of the default site's home page."""
    from portal.models import HomePage

    default_locale = Locale.get_default()
    home = home or HomePage.objects.filter(locale=default_locale).first()
    if home is None:
        raise RuntimeError("Create the site's home page first (manage.py seed_demo does).")
    catalogue, _changed = _upsert(
        home,
        CourseCataloguePage,
        CATALOGUE["slug"],
        {k: v for k, v in CATALOGUE.items() if k != "slug"},
    )
    _aliases(catalogue)
    courses = []
    for path in sorted(DATA_DIR.glob("*.yaml")):
        course, touched = load_course(path, catalogue)
        courses.append(course)
        if stdout is not None:
            stdout.write(f"{course.title}: {touched} page(s) created or updated")
    return courses
