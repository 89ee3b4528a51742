"""The runtime keeps each person's XBlock state to themselves, and handlers act only for them."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from xblock.fields import Scope
from xblock.runtime import KeyValueStore

from courses import selectors, services
from courses.models import XBlockState
from courses.runtime import DefinitionError, PortalRuntime, parse_definition
from tests.courses.builders import QUIZ, RIGHT_ANSWERS, WRONG_ANSWERS
from tests.courses.test_learning import handler_url, submit
from tests.factories import member

pytestmark = pytest.mark.django_db


def first_unit(course):
    return selectors.units_of(course)[0]


def test_two_teachers_never_see_each_others_answers(course, school):
    alice, bob = member("teacher", school), member("teacher", school)
    for person in (alice, bob):
        services.enrol(user=person, course=course)
    unit = first_unit(course)
    alice_client, bob_client = Client(), Client()
    alice_client.force_login(alice)
    bob_client.force_login(bob)

    submit(alice_client, unit, WRONG_ANSWERS)
    submit(bob_client, unit, RIGHT_ANSWERS)

    alice_runtime = PortalRuntime(user=alice, unit=unit)
    alice_runtime.preload()
    alice_quiz = alice_runtime.block(alice_runtime.usage_ids()[0])
    assert alice_quiz.answers == WRONG_ANSWERS and alice_quiz.best_percent == 0
    bob_runtime = PortalRuntime(user=bob, unit=unit)
    bob_runtime.preload()
    assert bob_runtime.block(bob_runtime.usage_ids()[0]).answers == RIGHT_ANSWERS

    # Alice's page shows her wrong choice checked and Bob's right one nowhere.
    html = alice_client.get(unit.url).content.decode()
    assert re.search(r'value="a"\s+checked', html)
    assert not re.search(r'value="b"\s+checked', html)
    assert XBlockState.objects.filter(unit=unit).count() == 2


def test_the_store_refuses_another_persons_key(course, school):
    alice, bob = member("teacher", school), member("teacher", school)
    runtime = PortalRuntime(user=alice, unit=first_unit(course))
    usage_id = runtime.usage_ids()[0]
    key = KeyValueStore.Key(Scope.user_state, bob.pk, usage_id, "answers")
    with pytest.raises(KeyError):
        runtime.kvs.get(key)
    with pytest.raises(KeyError):
        runtime.kvs.set(key, {"q1": ["b"]})
    assert not XBlockState.objects.filter(user=bob).exists()


def test_preload_reads_every_block_state_of_a_unit_in_one_query(
    course, school, django_assert_num_queries
):
    teacher = member("teacher", school)
    runtime = PortalRuntime(user=teacher, unit=first_unit(course))
    with django_assert_num_queries(1):
        runtime.preload()


def test_a_person_not_enrolled_cannot_call_a_handler(course, school):
    outsider = member("teacher", school)
    client = Client()
    client.force_login(outsider)
    response = client.post(
        handler_url(first_unit(course)),
        json.dumps({"answers": RIGHT_ANSWERS}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not XBlockState.objects.filter(user=outsider).exists()


def test_handlers_need_the_csrf_token(course, school):
    teacher = member("teacher", school)
    services.enrol(user=teacher, course=course)
    client = Client(enforce_csrf_checks=True)
    client.force_login(teacher)
    unit = first_unit(course)
    url = handler_url(unit)
    payload = json.dumps({"answers": RIGHT_ANSWERS})
    assert client.post(url, payload, content_type="application/json").status_code == 403
    client.get(unit.url)  # sets the CSRF cookie, as the page does for its scripts
    token = client.cookies["csrftoken"].value
    response = client.post(
        url, payload, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200 and response.json()["passed"]


def test_an_unknown_handler_is_a_404(course, school):
    teacher = member("teacher", school)
    services.enrol(user=teacher, course=course)
    client = Client()
    client.force_login(teacher)
    response = client.post(
        handler_url(first_unit(course), "student_view"), "{}", "application/json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("block_type", "olx", "message"),
    [
        ("tdl_quiz", "<tdl_quiz>", "well-formed"),
        ("tdl_quiz", "<tdl_journal/>", "must start with <tdl_quiz>"),
        ("tdl_quiz", "<tdl_quiz/>", "at least one <question>"),
        ("tdl_html", "<tdl_html/>", "Unknown XBlock type"),
        (
            "tdl_quiz",
            '<tdl_quiz><question id="q"><prompt lang="en">?</prompt>'
            '<choice correct="true"><text lang="en">a</text></choice>'
            '<choice correct="true"><text lang="en">b</text></choice></question></tdl_quiz>',
            "single-choice",
        ),
        ("tdl_classroom_task", '<tdl_classroom_task task="No Slug!"/>', "not a task slug"),
    ],
)
def test_definitions_that_cannot_run_are_refused_with_a_reason(block_type, olx, message):
    with pytest.raises(DefinitionError, match=message):
        parse_definition(block_type, olx)


def test_definitions_keep_both_languages():
    questions = parse_definition("tdl_quiz", QUIZ)["questions"]
    assert questions[0]["prompt"] == {
        "en": "Which question asks students to reason?",
        "zh-hant": "哪一條問題要求學生推理？",
    }


def test_the_admin_refuses_to_save_a_unit_whose_xblock_cannot_run():
    from wagtail.blocks import StructBlockValidationError

    from courses.models.pages import XBlockBlock

    block = XBlockBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"block_type": "tdl_quiz", "olx": "<tdl_quiz/>"}))
    value = block.clean(block.to_python({"block_type": "tdl_quiz", "olx": QUIZ}))
    assert value["block_type"] == "tdl_quiz"
