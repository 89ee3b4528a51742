"""The scoring engine: documented rules, table-driven, with properties checked by Hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from assessments import scoring
from assessments.scoring import FrameworkTree, ItemSpec

LADDER = ItemSpec("l", "1.1.1", "ladder", option_levels={10 + n: n for n in range(1, 7)})
LIKERT = ItemSpec("k", "1.1.1", "likert", option_levels={20 + n: n for n in range(1, 6)})
REVERSED = ItemSpec(
    "r", "1.1.1", "likert", reverse=True, option_levels={20 + n: n for n in range(1, 6)}
)
SCENARIO = ItemSpec("s", "1.1.1", "scenario", correct_options=frozenset({31}))
REFLECTION = ItemSpec("f", "1.1.1", "reflection")


@pytest.mark.parametrize(
    ("item", "option", "expected"),
    [
        (LADDER, 11, 0.0),
        (LADDER, 13, 0.4),
        (LADDER, 16, 1.0),
        (LIKERT, 21, 0.0),
        (LIKERT, 23, 0.5),
        (LIKERT, 25, 1.0),
        (REVERSED, 21, 1.0),
        (REVERSED, 25, 0.0),
        (SCENARIO, 31, 1.0),
        (SCENARIO, 32, 0.0),
        (REFLECTION, 99, None),
        (LADDER, None, None),  # skipped
        (LADDER, 999, None),  # an option of another item does not count
    ],
)
def test_item_scores(item, option, expected):
    result = scoring.item_score(item, option)
    assert result == (pytest.approx(expected) if expected is not None else None)


# Two dimensions: D1 has sub-dimensions S1 (a, b) and S2 (c); D2 has indicator d directly.
TREE = FrameworkTree({"a": ("S1", "D1"), "b": ("S1", "D1"), "c": ("S2", "D1"), "d": (None, "D2")})


def ladder(key, indicator):
    return ItemSpec(key, indicator, "ladder", option_levels={n: n for n in range(1, 7)})


def likert(key, indicator):
    return ItemSpec(key, indicator, "likert", option_levels={100 + n: n for n in range(1, 6)})


ITEMS = [
    ladder("la", "a"),
    likert("ka", "a"),
    ladder("lb", "b"),
    ladder("lc", "c"),
    ladder("ld", "d"),
]


@pytest.mark.parametrize(
    ("answers", "indicators", "sub_dimensions", "dimensions", "coverage"),
    [
        # Everything at the top.
        (
            {"la": 6, "ka": 105, "lb": 6, "lc": 6, "ld": 6},
            {"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0},
            {"S1": 1.0, "S2": 1.0},
            {"D1": 1.0, "D2": 1.0},
            1.0,
        ),
        # Ladder weighs 2, Likert 1: a = (2×1.0 + 1×0.0) / 3.
        (
            {"la": 6, "ka": 101},
            {"a": 2 / 3, "b": None, "c": None, "d": None},
            {"S1": 2 / 3, "S2": None},
            {"D1": 2 / 3, "D2": None},
            0.25,
        ),
        # Skipped items are left out, not zero: S1 is the mean of a and b only where answered.
        (
            {"la": 1, "lb": 6, "lc": 3},
            {"a": 0.0, "b": 1.0, "c": 0.4, "d": None},
            {"S1": 0.5, "S2": 0.4},
            {"D1": 0.45, "D2": None},
            0.75,
        ),
        # Nothing answered.
        (
            {},
            {"a": None, "b": None, "c": None, "d": None},
            {"S1": None, "S2": None},
            {"D1": None, "D2": None},
            0.0,
        ),
    ],
)
def test_profiles(answers, indicators, sub_dimensions, dimensions, coverage):
    profile = scoring.score(TREE, ITEMS, answers)
    assert profile.indicators == pytest.approx(indicators)
    assert profile.sub_dimensions == pytest.approx(sub_dimensions)
    assert profile.dimensions == pytest.approx(dimensions)
    assert profile.coverage == coverage


@pytest.mark.parametrize(
    ("score", "scale", "level"),
    [
        (0.0, 1.0, 1),
        (0.1, 1.5, 2),
        (0.09, 1.45, 1),
        (0.5, 3.5, 4),
        (0.7, 4.5, 5),
        (1.0, 6.0, 6),
        (None, None, None),
    ],
)
def test_scale_and_level_round_half_up(score, scale, level):
    assert scoring.to_scale(score) == (pytest.approx(scale) if scale is not None else None)
    assert scoring.to_level(score) == level


def test_weakest_and_strongest_break_ties_by_framework_order():
    scores = {"a": 0.2, "b": 0.2, "c": None, "d": 0.9, "e": 0.1}
    assert scoring.weakest(scores, 3) == ["e", "a", "b"]
    assert scoring.strongest(scores, 2) == ["d", "a"]


def test_growth_is_on_the_1_to_6_scale_and_none_where_not_comparable():
    assert scoring.growth({"a": 0.6, "b": 0.2, "c": 0.5}, {"a": 0.4, "b": None}) == pytest.approx(
        {"a": 1.0, "b": None, "c": None}
    )


@pytest.mark.parametrize(("n", "shown"), [(4, False), (5, True), (6, True)])
def test_colleague_median_needs_five(n, shown):
    values = [0.2, 0.4, 0.6, 0.8, 1.0, 0.0][:n]
    result = scoring.cohort_median(values)
    assert (result is not None) is shown


def test_colleagues_without_a_score_do_not_count_towards_five():
    assert scoring.cohort_median([0.1, 0.2, 0.3, 0.4, None, None]) is None


def test_profile_round_trips_through_json():
    import json

    profile = scoring.score(TREE, ITEMS, {"la": 4, "lb": 2})
    again = scoring.Profile.from_dict(json.loads(json.dumps(profile.to_dict())))
    assert again == profile


answer_strategy = st.fixed_dictionaries(
    {},
    optional={
        "la": st.integers(1, 6),
        "ka": st.integers(101, 105),
        "lb": st.integers(1, 6),
        "lc": st.integers(1, 6),
        "ld": st.integers(1, 6),
    },
)


@given(answer_strategy)
def test_every_score_is_within_bounds(answers):
    profile = scoring.score(TREE, ITEMS, answers)
    for group in (profile.indicators, profile.sub_dimensions, profile.dimensions):
        for value in group.values():
            assert value is None or 0.0 <= value <= 1.0
    assert 0.0 <= profile.coverage <= 1.0


@given(answer_strategy, st.sampled_from(["la", "lb", "lc", "ld"]))
def test_raising_a_ladder_answer_never_lowers_any_score(answers, key):
    assume(key in answers)  # answering a skipped item is not "raising" it
    before = scoring.score(TREE, ITEMS, answers)
    raised = dict(answers)
    raised[key] = min(6, answers[key] + 1)
    after = scoring.score(TREE, ITEMS, raised)
    for group in ("indicators", "sub_dimensions", "dimensions"):
        for code, value in getattr(before, group).items():
            new = getattr(after, group)[code]
            if value is not None:
                assert new is not None and new >= value - 1e-12


def test_crosswalk_reads_a_profile_in_another_framework():
    scores = {"a": 1.0, "b": 0.4, "c": None}
    links = [("a", "X", "full"), ("b", "X", "partial"), ("c", "Y", "full"), ("b", "Z", "partial")]
    assert scoring.crosswalk(scores, links) == pytest.approx(
        {"X": (2 * 1.0 + 0.4) / 3, "Y": None, "Z": 0.4}
    )
