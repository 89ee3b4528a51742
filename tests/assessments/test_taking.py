"""Taking a self-assessment: start, save and resume, double submits, privacy, export and delete."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from accounts.models import TeacherProfile
from assessments import selectors, services
from assessments.models import Attempt, Item, Option, Response
from tests.factories import member

pytestmark = pytest.mark.django_db


def option_at(item: Item, level: int) -> int:
    return Option.objects.get(item=item, level=level).pk


def answer_all(attempt: Attempt, level: int = 4) -> None:
    answers = {}
    for item in selectors.items_for(attempt):
        if item.type in (Item.Type.LADDER, Item.Type.LIKERT):
            answers[item.pk] = option_at(
                item, min(level, 5 if item.type == Item.Type.LIKERT else 6)
            )
        elif item.type == Item.Type.SCENARIO:
            answers[item.pk] = Option.objects.get(item=item, is_correct=True).pk
    services.save_responses(attempt=attempt, answers=answers, texts={})


def test_starting_twice_resumes_the_same_attempt(client, school, instrument):
    teacher = member("teacher", school)
    client.force_login(teacher)
    url = reverse("assessments:start", kwargs={"slug": instrument.slug})
    first = client.post(url)
    second = client.post(url)
    assert first["Location"] == second["Location"]
    assert Attempt.objects.filter(user=teacher).count() == 1


def test_sections_follow_the_thirteen_sub_dimensions(school, instrument):
    attempt = services.start_attempt(user=member("teacher", school), instrument=instrument)
    sections = selectors.sections_for(attempt)
    assert len(sections) == 13
    assert [s.code for s in sections][:3] == ["1.1", "1.2", "1.3"]


def test_pre_and_in_service_teachers_get_their_own_variant(school, instrument):
    in_service = services.start_attempt(user=member("teacher", school), instrument=instrument)
    pre_user = member("teacher", school)
    TeacherProfile.objects.filter(user=pre_user).update(stage="pre_service")
    pre_service = services.start_attempt(user=pre_user, instrument=instrument)
    assert "3.1.1-ladder" in {i.key for i in selectors.items_for(in_service)}
    assert "3.1.1-ladder-pre" not in {i.key for i in selectors.items_for(in_service)}
    assert "3.1.1-ladder-pre" in {i.key for i in selectors.items_for(pre_service)}
    assert "3.1.1-ladder" not in {i.key for i in selectors.items_for(pre_service)}


def test_answers_are_saved_per_section_and_resumed(client, school, instrument):
    teacher = member("teacher", school)
    client.force_login(teacher)
    attempt = services.start_attempt(user=teacher, instrument=instrument)
    first = selectors.sections_for(attempt)[0]
    data = {f"item-{item.pk}": option_at(item, 3) for item in first.items}
    response = client.post(
        reverse("assessments:section", kwargs={"attempt_id": attempt.pk, "number": 1}),
        {**data, "action": "exit"},
    )
    assert response.status_code == 302
    assert Response.objects.filter(attempt=attempt).count() == len(first.items)
    # Coming back: the start button resumes at the saved part with the answers checked.
    again = client.post(reverse("assessments:start", kwargs={"slug": instrument.slug}))
    page = client.get(again["Location"])
    assert "checked" in page.content.decode()


def test_autosave_answers_json_with_progress(client, school, instrument):
    teacher = member("teacher", school)
    client.force_login(teacher)
    attempt = services.start_attempt(user=teacher, instrument=instrument)
    item = selectors.sections_for(attempt)[0].items[0]
    response = client.post(
        reverse("assessments:section", kwargs={"attempt_id": attempt.pk, "number": 1}),
        {f"item-{item.pk}": option_at(item, 5), "autosave": "1"},
    )
    assert response.json() == {
        "ok": True,
        "answered": 1,
        "total": selectors.progress_of(attempt)[1],
    }


def test_a_tampered_form_is_refused_whole(client, school, instrument):
    teacher = member("teacher", school)
    client.force_login(teacher)
    attempt = services.start_attempt(user=teacher, instrument=instrument)
    items = selectors.sections_for(attempt)[0].items
    other_item_option = (
        Option.objects.filter(item=selectors.sections_for(attempt)[1].items[0]).first().pk
    )
    response = client.post(
        reverse("assessments:section", kwargs={"attempt_id": attempt.pk, "number": 1}),
        {
            f"item-{items[0].pk}": option_at(items[0], 2),
            f"item-{items[1].pk}": other_item_option,
            "autosave": "1",
        },
    )
    assert response.status_code == 400
    assert not Response.objects.filter(attempt=attempt).exists()


def test_submitting_twice_gives_one_result(client, school, instrument):
    teacher = member("teacher", school)
    client.force_login(teacher)
    attempt = services.start_attempt(user=teacher, instrument=instrument)
    answer_all(attempt, level=4)
    url = reverse("assessments:review", kwargs={"attempt_id": attempt.pk})
    first = client.post(url)
    attempt.refresh_from_db()
    submitted_at = attempt.submitted_at
    second = client.post(url)
    attempt.refresh_from_db()
    assert (
        first["Location"]
        == second["Location"]
        == reverse("assessments:report", kwargs={"attempt_id": attempt.pk})
    )
    assert attempt.submitted_at == submitted_at
    assert Attempt.objects.filter(user=teacher).count() == 1


def test_an_empty_attempt_cannot_be_submitted(school, instrument):
    attempt = services.start_attempt(user=member("teacher", school), instrument=instrument)
    with pytest.raises(services.AssessmentError, match="at least one"):
        services.submit_attempt(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS


def test_a_submitted_attempt_cannot_be_changed(school, instrument):
    attempt = services.start_attempt(user=member("teacher", school), instrument=instrument)
    answer_all(attempt)
    services.submit_attempt(attempt=attempt)
    with pytest.raises(services.AssessmentError):
        answer_all(attempt, level=1)


def test_scores_come_from_the_answers(school, instrument):
    attempt = services.start_attempt(user=member("teacher", school), instrument=instrument)
    answer_all(attempt, level=4)
    attempt = services.submit_attempt(attempt=attempt)
    result = attempt.result
    assert result["indicators"]["1.1.1"] == pytest.approx(0.6)
    # 1.2.1: ladder 4 → 0.6 (weight 2), Likert 4 → 0.75 (weight 1).
    assert result["indicators"]["1.2.1"] == pytest.approx((2 * 0.6 + 0.75) / 3)
    # 4.1.1: ladder 0.6 ×2 and a correct scenario 1.0 ×1.
    assert result["indicators"]["4.1.1"] == pytest.approx((1.2 + 1.0) / 3)
    assert result["coverage"] == 1.0


def test_another_teachers_attempt_is_a_404(client, school, other_school, instrument):
    attempt = services.start_attempt(user=member("teacher", school), instrument=instrument)
    answer_all(attempt)
    services.submit_attempt(attempt=attempt)
    for intruder in (
        member("teacher", school),
        member("principal", other_school),
        member("principal", school),
    ):
        client.force_login(intruder)
        for name in ("report", "report_pdf", "review", "delete"):
            assert (
                client.get(
                    reverse(f"assessments:{name}", kwargs={"attempt_id": attempt.pk})
                ).status_code
                == 404
            )


def test_delete_asks_then_removes_the_attempt_and_its_answers(client, school, instrument):
    teacher = member("teacher", school)
    attempt = services.start_attempt(user=teacher, instrument=instrument)
    answer_all(attempt)
    client.force_login(teacher)
    url = reverse("assessments:delete", kwargs={"attempt_id": attempt.pk})
    assert client.get(url).status_code == 200
    assert Attempt.objects.filter(pk=attempt.pk).exists()
    client.post(url)
    assert not Attempt.objects.filter(pk=attempt.pk).exists()
    assert not Response.objects.filter(attempt_id=attempt.pk).exists()


def test_export_in_csv_and_json_holds_only_my_answers(client, school, instrument):
    teacher = member("teacher", school)
    mine = services.start_attempt(user=teacher, instrument=instrument)
    answer_all(mine)
    services.save_responses(
        attempt=mine,
        answers={},
        texts={Item.objects.get(key="5.2.1-reflection").pk: "試用 Padlet 收集學生意見"},
    )
    theirs = services.start_attempt(user=member("teacher", school), instrument=instrument)
    answer_all(theirs)
    client.force_login(teacher)
    csv_text = client.get(reverse("assessments:export", kwargs={"fmt": "csv"})).content.decode(
        "utf-8-sig"
    )
    assert "試用 Padlet" in csv_text
    assert csv_text.count("\n") == Response.objects.filter(attempt=mine).count() + 1
    data = json.loads(client.get(reverse("assessments:export", kwargs={"fmt": "json"})).content)
    assert [a["id"] for a in data["attempts"]] == [mine.pk]
