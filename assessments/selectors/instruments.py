"""Reads for self-assessments: what a person may take, see and compare."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from accounts.models import Membership, Role, User
from assessments import scoring
from assessments.models import Attempt, Audience, Instrument, Item, Option
from competencies.models import Dimension, Framework, Indicator, LevelDescriptor, SubDimension
from competencies.registries import Recommendation, recommendations_for


def published_instruments() -> QuerySet[Instrument]:
    """The newest published version of each instrument."""
    newest: dict[str, Instrument] = {}
    for instrument in (
        Instrument.objects.published().select_related("framework").order_by("slug", "-version")
    ):
        newest.setdefault(instrument.slug, instrument)
    return Instrument.objects.filter(pk__in=[i.pk for i in newest.values()]).select_related(
        "framework"
    )


def attempts_of(user: User) -> QuerySet[Attempt]:
    return Attempt.objects.of(user).select_related("instrument")


def attempt_of_user_or_404(user: User, attempt_id: int) -> Attempt:
    """Only the teacher's own attempts exist for them; everyone else gets a 404."""
    attempt = (
        Attempt.objects.select_related("instrument__framework")
        .filter(pk=attempt_id, user=user)
        .first()
    )
    if attempt is None:
        raise Http404
    return attempt


def items_for(attempt: Attempt) -> list[Item]:
    stages = [Audience.ALL, attempt.stage]
    return list(
        Item.objects.filter(instrument=attempt.instrument, audience__in=stages)
        .select_related("indicator__sub_dimension", "indicator__dimension")
        .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("sort_order")))
        .order_by("indicator__sort_order", "sort_order")
    )


@dataclass
class Section:
    number: int
    code: str
    title: str
    dimension_title: str
    items: list[Item] = field(default_factory=list)


def sections_for(attempt: Attempt, items: list[Item] | None = None) -> list[Section]:
    """Items grouped by sub-dimension (by dimension in two-level frameworks), in framework order."""
    sections: dict[str, Section] = {}
    for item in items if items is not None else items_for(attempt):
        node = item.indicator.sub_dimension or item.indicator.dimension
        if node.code not in sections:
            sections[node.code] = Section(
                number=len(sections) + 1,
                code=node.code,
                title=node.name,
                dimension_title=item.indicator.dimension.name,
            )
        sections[node.code].items.append(item)
    return list(sections.values())


def framework_tree(framework: Framework) -> scoring.FrameworkTree:
    rows = (
        Indicator.objects.filter(framework=framework)
        .select_related("sub_dimension", "dimension")
        .order_by("sort_order")
    )
    return scoring.FrameworkTree(
        {
            i.code: (i.sub_dimension.code if i.sub_dimension else None, i.dimension.code)
            for i in rows
        }
    )


def item_specs(items: list[Item]) -> list[scoring.ItemSpec]:
    specs = []
    for item in items:
        options = list(item.options.all())
        specs.append(
            scoring.ItemSpec(
                key=item.key,
                indicator=item.indicator.code,
                type=item.type,
                reverse=item.reverse,
                option_levels={o.pk: o.level for o in options if o.level is not None},
                correct_options=frozenset(o.pk for o in options if o.is_correct),
            )
        )
    return specs


def answers_of(attempt: Attempt) -> tuple[dict[int, int | None], dict[int, str]]:
    """item id → option id, and item id → reflection text."""
    options: dict[int, int | None] = {}
    texts: dict[int, str] = {}
    for item_id, option_id, text in attempt.responses.values_list("item_id", "option_id", "text"):
        if option_id is not None:
            options[item_id] = option_id
        if text:
            texts[item_id] = text
    return options, texts


def score_attempt(attempt: Attempt) -> scoring.Profile:
    items = items_for(attempt)
    options, _texts = answers_of(attempt)
    keyed = {item.key: options.get(item.pk) for item in items}
    return scoring.score(framework_tree(attempt.instrument.framework), item_specs(items), keyed)


def progress_of(attempt: Attempt, items: list[Item] | None = None) -> tuple[int, int]:
    """(answered, total) over the items the teacher is asked, optional ones left out of total."""
    items = items if items is not None else items_for(attempt)
    options, texts = answers_of(attempt)
    required = [i for i in items if not i.optional]
    answered = sum(1 for i in required if i.pk in options or i.pk in texts)
    return answered, len(required)


# --- the report ------------------------------------------------------------------------------


@dataclass
class NodeScore:
    code: str
    name: str
    score: float | None
    scale: float | None
    level: int | None
    median_scale: float | None = None
    change: float | None = None


@dataclass
class Gap:
    indicator: Indicator
    score: NodeScore
    next_descriptor: str
    recommendations: list[Recommendation]


@dataclass
class Report:
    attempt: Attempt
    dimensions: list[NodeScore]
    sub_dimensions: list[NodeScore]
    indicators: list[NodeScore]
    strengths: list[NodeScore]
    gaps: list[Gap]
    previous: Attempt | None
    colleagues: int
    coverage: float


def _node(code: str, name: str, score: float | None) -> NodeScore:
    return NodeScore(code, name, score, scoring.to_scale(score), scoring.to_level(score))


def previous_attempt(attempt: Attempt) -> Attempt | None:
    return (
        Attempt.objects.submitted()
        .filter(
            user=attempt.user,
            instrument__slug=attempt.instrument.slug,
            submitted_at__lt=attempt.submitted_at,
        )
        .order_by("-submitted_at")
        .first()
    )


def colleague_profiles(attempt: Attempt) -> list[scoring.Profile]:
    """Each colleague's latest submitted profile, at schools where the teacher is a member."""
    schools = Membership.objects.active().filter(user=attempt.user).values("school")
    colleagues = (
        Membership.objects.active()
        .filter(school__in=schools, role__in=[Role.TEACHER, Role.MENTOR])
        .exclude(user=attempt.user)
        .values("user")
    )
    latest: dict[int, Attempt] = {}
    for other in (
        Attempt.objects.submitted()
        .filter(user__in=colleagues, instrument__slug=attempt.instrument.slug)
        .order_by("user_id", "-submitted_at")
        .only("user_id", "result")
    ):
        latest.setdefault(other.user_id, other)
    return [scoring.Profile.from_dict(a.result) for a in latest.values() if a.result]


def build_report(attempt: Attempt, *, user: User) -> Report:
    profile = scoring.Profile.from_dict(attempt.result)
    framework = attempt.instrument.framework
    dims = {d.code: d for d in Dimension.objects.filter(framework=framework)}
    subs = {s.code: s for s in SubDimension.objects.filter(dimension__framework=framework)}
    indicators = {i.code: i for i in Indicator.objects.filter(framework=framework).with_tree()}

    previous = previous_attempt(attempt)
    before = scoring.Profile.from_dict(previous.result) if previous and previous.result else None
    peers = colleague_profiles(attempt)

    def nodes(scores: dict[str, float | None], names, peer_key: str) -> list[NodeScore]:
        out = []
        for code, score in scores.items():
            node = _node(code, names[code].name if code in names else code, score)
            median = scoring.cohort_median(getattr(p, peer_key).get(code) for p in peers)
            node.median_scale = scoring.to_scale(median)
            if before is not None:
                node.change = scoring.growth({code: score}, getattr(before, peer_key))[code]
            out.append(node)
        return out

    dimension_nodes = nodes(profile.dimensions, dims, "dimensions")
    sub_nodes = nodes(profile.sub_dimensions, subs, "sub_dimensions")
    indicator_nodes = nodes(profile.indicators, indicators, "indicators")
    by_code = {n.code: n for n in indicator_nodes}

    weak_codes = scoring.weakest(profile.indicators, 3)
    weak_indicators = [indicators[c] for c in weak_codes]
    recs = recommendations_for(user, weak_indicators)
    descriptors = {
        (d.indicator_id, d.level.rank): d.text
        for d in LevelDescriptor.objects.filter(indicator__in=weak_indicators).select_related(
            "level"
        )
    }
    gaps = []
    for indicator in weak_indicators:
        node = by_code[indicator.code]
        next_rank = min(6, (node.level or 1) + 1)
        gaps.append(
            Gap(
                indicator,
                node,
                descriptors.get((indicator.pk, next_rank), ""),
                recs.get(indicator.code, []),
            )
        )
    strengths = [
        by_code[c] for c in scoring.strongest(profile.indicators, 3) if c not in weak_codes
    ]
    return Report(
        attempt=attempt,
        dimensions=dimension_nodes,
        sub_dimensions=sub_nodes,
        indicators=indicator_nodes,
        strengths=strengths,
        gaps=gaps,
        previous=previous,
        colleagues=len(peers),
        coverage=profile.coverage,
    )


def history_of(user: User, slug: str) -> list[tuple[Attempt, list[NodeScore]]]:
    """Every submitted attempt of one instrument, oldest first, with its dimension scores."""
    framework_names = {d.code: d for d in Dimension.objects.filter(framework__is_default=True)}
    out = []
    for attempt in (
        Attempt.objects.submitted()
        .filter(user=user, instrument__slug=slug)
        .order_by("submitted_at")
    ):
        profile = scoring.Profile.from_dict(attempt.result)
        out.append(
            (
                attempt,
                [
                    _node(c, framework_names[c].name if c in framework_names else c, s)
                    for c, s in profile.dimensions.items()
                ],
            )
        )
    return out


def indicator_nodes(attempt: Attempt) -> dict[str, NodeScore]:
    profile = scoring.Profile.from_dict(attempt.result)
    return {code: _node(code, code, score) for code, score in profile.indicators.items()}


@dataclass
class CrosswalkArea:
    code: str
    name: str
    competences: list[NodeScore]


def crosswalk_view(attempt: Attempt) -> tuple[Framework | None, list[CrosswalkArea]]:
    """The attempt's profile read in the other framework its crosswalk reaches (DigCompEdu)."""
    from competencies.models import CrosswalkLink

    links = list(
        CrosswalkLink.objects.filter(source__framework=attempt.instrument.framework).select_related(
            "source", "target__dimension", "target__framework"
        )
    )
    if not links:
        return None, []
    target_framework = links[0].target.framework
    profile = scoring.Profile.from_dict(attempt.result)
    scores = scoring.crosswalk(
        profile.indicators, [(link.source.code, link.target.code, link.strength) for link in links]
    )
    areas: dict[str, CrosswalkArea] = {}
    targets = (
        Indicator.objects.filter(framework=target_framework)
        .select_related("dimension")
        .order_by("sort_order")
    )
    for competence in targets:
        area = competence.dimension
        bucket = areas.setdefault(area.code, CrosswalkArea(area.code, area.name, []))
        bucket.competences.append(
            _node(competence.code, competence.name, scores.get(competence.code))
        )
    return target_framework, list(areas.values())
