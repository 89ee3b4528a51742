"""The quiz's scoring, table-driven and property-based (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courses.xblocks.quiz import grade


def question(qid: str, correct: set[str], options: str = "abcd", multiple: bool = True) -> dict:
    return {
        "id": qid,
        "multiple": multiple,
        "choices": [
            {"id": o, "correct": o in correct, "feedback": {"en": f"{qid}{o}"}} for o in options
        ],
    }


@pytest.mark.parametrize(
    ("answers", "score", "percent"),
    [
        ({"q1": ["b"], "q2": ["a", "c"]}, 2, 100),
        ({"q1": ["b"], "q2": ["a"]}, 1, 50),  # half of a multiple response is not enough
        ({"q1": ["b"], "q2": ["a", "c", "d"]}, 1, 50),  # nor is one too many
        ({"q1": ["a"]}, 0, 0),
        ({}, 0, 0),
    ],
)
def test_a_question_counts_only_with_exactly_the_right_choices(answers, score, percent):
    questions = [question("q1", {"b"}, multiple=False), question("q2", {"a", "c"})]
    outcome = grade(questions, answers)
    assert (outcome["score"], outcome["max"], outcome["percent"]) == (score, 2, percent)


def test_feedback_is_that_of_the_chosen_choices():
    outcome = grade([question("q1", {"a", "c"})], {"q1": ["c", "d"]})
    assert outcome["results"]["q1"]["feedback"] == [{"en": "q1c"}, {"en": "q1d"}]


quizzes = st.lists(st.sets(st.sampled_from("abcd"), min_size=1), min_size=1, max_size=8).flatmap(
    lambda keys: st.tuples(
        st.just([question(f"q{i}", k) for i, k in enumerate(keys)]),
        st.lists(st.sets(st.sampled_from("abcd")), min_size=len(keys), max_size=len(keys)),
    )
)


@given(quizzes)
def test_score_counts_exact_matches_and_full_marks_mean_every_answer_right(quiz):
    questions, chosen = quiz
    answers = {q["id"]: sorted(c) for q, c in zip(questions, chosen, strict=True)}
    outcome = grade(questions, answers)
    right = [{c["id"] for c in q["choices"] if c["correct"]} for q in questions]
    assert outcome["score"] == sum(set(c) == r for c, r in zip(chosen, right, strict=True))
    assert 0 <= outcome["percent"] <= 100
    assert (outcome["percent"] == 100) == all(
        set(c) == r for c, r in zip(chosen, right, strict=True)
    )
