"""The report: median only with five colleagues, growth, gaps, recommendations, evidence, PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from assessments import selectors, services
from competencies import registries
from competencies.registries import EvidenceItem, Recommendation
from tests.assessments.test_taking import answer_all
from tests.factories import member

pytestmark = pytest.mark.django_db


def submitted(user, instrument, level=4):
    attempt = services.start_attempt(user=user, instrument=instrument)
    answer_all(attempt, level=level)
    return services.submit_attempt(attempt=attempt)


@pytest.mark.parametrize(("colleagues", "shown"), [(4, False), (5, True)])
def test_colleague_median_is_hidden_with_four_and_shown_with_five(
    client, school, instrument, colleagues, shown
):
    teacher = member("teacher", school)
    peers = [submitted(member("teacher", school), instrument, level=2) for _ in range(colleagues)]
    member("teacher", school)  # a colleague without results does not count
    attempt = submitted(teacher, instrument, level=5)
    client.force_login(teacher)
    html = client.get(
        reverse("assessments:report", kwargs={"attempt_id": attempt.pk})
    ).content.decode()
    assert ("data-median>" in html) is shown
    assert ("data-median-hidden" in html) is not shown
    report = selectors.build_report(attempt, user=teacher)
    medians = [d.median_scale for d in report.dimensions]
    if shown:
        # Every colleague answered alike, so the median is their common score.
        expected = [1 + 5 * peers[0].result["dimensions"][d.code] for d in report.dimensions]
        assert medians == pytest.approx(expected)
    else:
        assert medians == [None] * 5


def test_colleagues_at_another_school_never_count(school, other_school, instrument):
    teacher = member("teacher", school)
    for _ in range(6):
        submitted(member("teacher", other_school), instrument)
    attempt = submitted(teacher, instrument)
    assert selectors.build_report(attempt, user=teacher).colleagues == 0


def test_growth_against_the_previous_attempt(school, instrument):
    teacher = member("teacher", school)
    first = submitted(teacher, instrument, level=2)
    second = submitted(teacher, instrument, level=5)
    report = selectors.build_report(second, user=teacher)
    assert report.previous == first
    for d in report.dimensions:
        before, after = first.result["dimensions"][d.code], second.result["dimensions"][d.code]
        assert d.change == pytest.approx(5 * (after - before))
        assert d.change > 0


def test_gaps_are_the_three_weakest_indicators_with_the_next_level(school, instrument):
    teacher = member("teacher", school)
    attempt = services.start_attempt(user=teacher, instrument=instrument)
    answer_all(attempt, level=5)
    # Lower three indicators.
    from assessments.models import Item, Option

    for code, level in (("2.1.2", 1), ("3.3.1", 2), ("5.1.1", 2)):
        item = Item.objects.get(instrument=instrument, key=f"{code}-ladder")
        services.save_responses(
            attempt=attempt,
            answers={item.pk: Option.objects.get(item=item, level=level).pk},
            texts={},
        )
    attempt = services.submit_attempt(attempt=attempt)
    report = selectors.build_report(attempt, user=teacher)
    assert [g.indicator.code for g in report.gaps] == ["2.1.2", "3.3.1", "5.1.1"]
    assert report.gaps[0].score.level == 1


def test_recommendations_are_a_query_on_the_weakest_indicators(school, instrument):
    asked = []

    def provider(*, user, indicators):
        asked.extend(i.code for i in indicators)
        return [
            Recommendation(i.code, "course", f"Course for {i.code}", f"/courses/{i.code}/")
            for i in indicators
        ]

    registries.register_recommendations("test", provider)
    try:
        teacher = member("teacher", school)
        attempt = submitted(teacher, instrument)
        report = selectors.build_report(attempt, user=teacher)
    finally:
        registries.unregister("test")
    assert asked == [g.indicator.code for g in report.gaps]
    assert report.gaps[0].recommendations[0].title == f"Course for {report.gaps[0].indicator.code}"


def test_evidence_page_shows_the_self_rating_beside_registered_evidence(client, school, instrument):
    def provider(*, user, indicators):
        return [EvidenceItem("3.1.1", "badge", "Questioning for higher-order thinking")]

    registries.register_evidence("test", provider)
    try:
        teacher = member("teacher", school)
        submitted(teacher, instrument, level=4)
        client.force_login(teacher)
        html = client.get(reverse("assessments:evidence")).content.decode()
    finally:
        registries.unregister("test")
    assert "Questioning for higher-order thinking" in html
    assert "4.0" in html  # level 4 on the 1–6 scale


@pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils is not installed (.ci/run installs it)"
)
def test_pdf_report_contains_the_teachers_chinese_name(client, school, instrument):
    teacher = member("teacher", school, full_name="Chan Siu Ming", name_zh="陳小明")
    attempt = submitted(teacher, instrument)
    client.force_login(teacher)
    with translation.override("zh-hant"):
        url = reverse("assessments:report_pdf", kwargs={"attempt_id": attempt.pk})
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout
    text = text.decode()
    assert "陳小明" in text
    assert "Chan Siu Ming" in text
    assert "1.1" in text  # sub-dimension codes are drawn


def test_report_page_in_both_languages(client, school, instrument):
    teacher = member("teacher", school)
    attempt = submitted(teacher, instrument)
    client.force_login(teacher)
    for language, phrase in (("en", "The five dimensions"), ("zh-hant", "數字化意識")):
        with translation.override(language):
            url = reverse("assessments:report", kwargs={"attempt_id": attempt.pk})
        html = client.get(url).content.decode()
        assert phrase in html
        assert "<svg" in html


def test_the_report_reads_the_profile_in_digcompedu(client, school, instrument):
    from competencies.services import DATA_DIR, import_crosswalk, import_framework

    import_framework(path=DATA_DIR / "digcompedu.yaml")
    import_crosswalk(path=DATA_DIR / "crosswalk-jyt-digcompedu.yaml")
    teacher = member("teacher", school)
    attempt = submitted(teacher, instrument, level=4)
    target, areas = selectors.crosswalk_view(attempt)
    assert target.slug == "digcompedu"
    assert len(areas) == 6 and sum(len(a.competences) for a in areas) == 22
    # Every ladder answer is level 4 (B2); the mapped competences land around there.
    levels = {c.level for a in areas for c in a.competences if c.level}
    assert levels <= {4, 5}
    client.force_login(teacher)
    html = client.get(
        reverse("assessments:report", kwargs={"attempt_id": attempt.pk})
    ).content.decode()
    assert 'data-competence="1.3"' in html and "B2" in html
