"""Reads for courses: the catalogue, a course's outline with one person's progress, the CPD
ledger and reflections shared with a mentor."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from wagtail.models import Locale, Page

from accounts.models import Membership, Role, User
from competencies.models import Indicator
from courses import cpd
from courses.models import (
    Audience,
    Certificate,
    CoursePage,
    CPDEntry,
    Enrolment,
    ModulePage,
    UnitCompletion,
    UnitPage,
    XBlockState,
)


def catalogue_courses(
    catalogue,
    *,
    dimension: str = "",
    indicator: str = "",
    audience: str = "",
    language: str = "",
    q: str = "",
) -> QuerySet[CoursePage]:
    courses = (
        CoursePage.objects.live()
        .child_of(catalogue)
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("sort_order")))
        .order_by("path")
    )
    if dimension:
        courses = courses.filter(indicators__dimension__code=dimension)
    if indicator:
        courses = courses.filter(indicators__code=indicator)
    if audience:
        courses = courses.filter(audience__in=[audience, Audience.ALL])
    if language:
        courses = courses.filter(language__in=[language, "bilingual"])
    if q:
        courses = courses.filter(
            Q(title__icontains=q)
            | Q(title_zh_hant__icontains=q)
            | Q(summary_en__icontains=q)
            | Q(summary_zh_hant__icontains=q)
        )
    return courses.distinct()


def units_of(course: CoursePage) -> list[UnitPage]:
    return list(UnitPage.objects.live().descendant_of(course).order_by("path"))


@dataclass
class UnitRow:
    unit: UnitPage
    done: bool
    #: The unit's address in the reader's language (its alias there, if it has one).
    url: str = ""


@dataclass
class ModuleRow:
    module: ModulePage
    units: list[UnitRow] = field(default_factory=list)


@dataclass
class Outline:
    course: CoursePage
    modules: list[ModuleRow]
    enrolment: Enrolment | None
    done: int
    total: int
    next_unit: UnitPage | None
    prerequisites: list[CoursePage]
    course_url: str = ""

    def rows(self) -> list[UnitRow]:
        return [row for module in self.modules for row in module.units]

    def around(self, unit: UnitPage) -> tuple[UnitRow | None, UnitRow | None, UnitRow | None]:
        """The rows before, of and after ``unit`` in reading order (None where there is none)."""
        rows = self.rows()
        for i, row in enumerate(rows):
            if row.unit.pk == unit.pk:
                return (rows[i - 1] if i else None, row, rows[i + 1] if i + 1 < len(rows) else None)
        return None, None, None

    @property
    def percent_after_one_more(self) -> int:
        """The percentage shown once the reader completes the unit in front of them."""
        return round(100 * min(self.done + 1, self.total) / self.total) if self.total else 100

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def course_outline(course: CoursePage, *, user) -> Outline:
    """Modules, units and the person's progress in a fixed number of queries."""
    pages = list(
        course.get_descendants().live().type(ModulePage, UnitPage).specific().order_by("path")
    )
    enrolment = None
    completed: set[int] = set()
    if user.is_authenticated:
        enrolment = (
            Enrolment.objects.filter(user=user, course=course)
            .select_related("certificate", "last_unit")
            .first()
        )
        if enrolment is not None:
            completed = set(
                UnitCompletion.objects.filter(enrolment=enrolment).values_list("unit_id", flat=True)
            )
    urls = localized_urls([course, *pages])
    modules: list[ModuleRow] = []
    units: list[UnitPage] = []
    for page in pages:
        if isinstance(page, ModulePage):
            modules.append(ModuleRow(page))
        elif isinstance(page, UnitPage) and modules:
            modules[-1].units.append(UnitRow(page, page.pk in completed, urls[page.pk]))
            units.append(page)
    next_unit = next((u for u in units if u.pk not in completed), None)
    if enrolment is not None and enrolment.last_unit_id:
        last = next((u for u in units if u.pk == enrolment.last_unit_id), None)
        if last is not None and last.pk not in completed:
            next_unit = last
    return Outline(
        course=course,
        modules=modules,
        enrolment=enrolment,
        done=sum(1 for u in units if u.pk in completed),
        total=len(units),
        next_unit=next_unit or (units[0] if units else None),
        prerequisites=list(course.prerequisites.live().order_by("path")),
        course_url=urls[course.pk],
    )


def localized_urls(pages: list) -> dict[int, str]:
    """Each page's URL in the active language: its alias there when one exists (one query)."""
    urls = {page.pk: page.url or "" for page in pages}
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return urls
    sources = [page.pk for page in pages if page.locale_id != locale.pk]
    if sources:
        for alias in Page.objects.filter(alias_of__in=sources, locale=locale):
            urls[alias.alias_of_id] = alias.url or urls[alias.alias_of_id]
    return urls


def enrolment_of(user: User, course: CoursePage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def enrolments_of(user: User) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(user=user)
        .select_related("course", "last_unit", "certificate")
        .order_by("-enrolled_at")
    )


def progress_counts(enrolments: list[Enrolment]) -> dict[int, tuple[int, int]]:
    """(units done, units in the course) per enrolment id, in two queries."""
    from django.db.models import Count

    done = dict(
        UnitCompletion.objects.filter(enrolment__in=enrolments)
        .values("enrolment")
        .annotate(n=Count("id"))
        .values_list("enrolment", "n")
    )
    totals: dict[int, int] = {}
    course_paths = {e.course.path: e.course_id for e in enrolments}
    if course_paths:
        condition = Q()
        for path in course_paths:
            condition |= Q(path__startswith=path)
        for path in UnitPage.objects.live().filter(condition).values_list("path", flat=True):
            course_path = next(p for p in course_paths if path.startswith(p))
            totals[course_paths[course_path]] = totals.get(course_paths[course_path], 0) + 1
    return {e.pk: (done.get(e.pk, 0), totals.get(e.course_id, 0)) for e in enrolments}


def own_certificate_or_404(user: User, uuid) -> Certificate:
    certificate = (
        Certificate.objects.filter(uuid=uuid, enrolment__user=user)
        .select_related("enrolment__course")
        .first()
    )
    if certificate is None:
        raise Http404
    return certificate


def certificate_by_uuid(uuid) -> Certificate | None:
    return Certificate.objects.filter(uuid=uuid).select_related("enrolment__course").first()


def mentors_of(user: User) -> QuerySet[User]:
    """Mentors at any school where ``user`` is an active member, other than themselves."""
    schools = Membership.objects.active().filter(user=user).values("school")
    return (
        User.objects.filter(
            memberships__school__in=schools,
            memberships__role=Role.MENTOR,
            memberships__is_active=True,
            is_active=True,
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("full_name", "email")
    )


def shared_reflections(mentor: User) -> QuerySet[XBlockState]:
    """Reflections their writers shared with ``mentor``, while they still share a school where
    ``mentor`` is a mentor."""
    schools = Membership.objects.active().filter(user=mentor, role=Role.MENTOR).values("school")
    return (
        XBlockState.objects.filter(
            block_type="tdl_journal",
            state__shared_with=mentor.pk,
            user__memberships__school__in=schools,
            user__memberships__is_active=True,
        )
        .exclude(user=mentor)
        .select_related("user", "unit")
        .distinct()
        .order_by("-updated_at")
    )


@dataclass
class LedgerCycle:
    cycle: cpd.Cycle
    entries: list[CPDEntry]

    @property
    def total(self) -> Decimal:
        return sum((e.hours for e in self.entries), Decimal("0"))

    @property
    def target(self) -> Decimal:
        return cpd.TARGET_HOURS

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.total / self.target)) if self.target else 0


def ledger(user: User) -> list[LedgerCycle]:
    """The person's CPD entries grouped by cycle, newest cycle first."""
    cycles: dict[cpd.Cycle, list[CPDEntry]] = {}
    for entry in CPDEntry.objects.filter(user=user).select_related("enrolment__course"):
        cycles.setdefault(cpd.cycle_for(entry.date), []).append(entry)
    return [LedgerCycle(c, cycles[c]) for c in sorted(cycles, reverse=True)]


def own_cpd_entry_or_404(user: User, entry_id: int) -> CPDEntry:
    entry = CPDEntry.objects.filter(user=user, pk=entry_id).first()
    if entry is None:
        raise Http404
    return entry
