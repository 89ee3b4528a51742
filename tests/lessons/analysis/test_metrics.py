"""Lesson metrics against a hand-worked transcript, the S-T thresholds, Gini and FIAS invariants.

Expected values are worked out here by explicit arithmetic, never by calling the code under test.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.analysis import metrics
from lessons.analysis.types import (
    BLOOM_LEVELS,
    FEEDBACK,
    STUDENT_MOVES,
    TEACHER_MOVES,
    CodedUtterance,
    Utterance,
)


def coded(
    speaker: str,
    role: str,
    start: float | None,
    end: float | None,
    text: str,
    *,
    language: str = "en",
    question: str | None = None,  # "open" / "closed" marks a question
    level: str | None = None,
    teacher_move: str = "none",
    student_move: str = "none",
    feedback: str | None = None,
    uptake: float | None = None,
    is_question: bool | None = None,
) -> CodedUtterance:
    return CodedUtterance(
        utterance=Utterance(speaker=speaker, role=role, text=text, start=start, end=end),  # type: ignore[arg-type]
        language=language,
        is_question=bool(question) if is_question is None else is_question,
        question_type=question,
        cognitive_level=level,
        teacher_move=teacher_move,
        student_move=student_move,
        feedback=feedback,
        uptake=uptake,
        teacher_act=None,
    )


# A two-minute fractions episode, coded by hand. WORDS holds each utterance's word count (counted by
# hand: CJK characters one each, other words by spaces) and FIAS its Flanders category.
LESSON = [
    coded("T", "teacher", 0, 12, "Good morning. Today we look at fractions."),
    coded(
        "T",
        "teacher",
        12,
        15,
        "What is one half of eight?",
        question="closed",
        level="remember",
        teacher_move="pressing_for_accuracy",
    ),
    coded("S1", "student", 19, 21, "Four.", student_move="making_a_claim"),
    coded("T", "teacher", 21, 23, "Good.", feedback="praise", uptake=0.1),
    coded(
        "T",
        "teacher",
        23,
        27,
        "Why is it four?",
        question="open",
        level="understand",
        teacher_move="pressing_for_reasoning",
    ),
    coded(
        "S2",
        "student",
        28,
        34,
        "Because eight split in two equal parts is four.",
        student_move="providing_evidence_or_reasoning",
    ),
    coded(
        "T",
        "teacher",
        34,
        38,
        "So you split eight into two equal groups.",
        teacher_move="revoicing",
        feedback="uptake",
        uptake=0.9,
    ),
    coded(
        "T",
        "teacher",
        38,
        48,
        "Open your books to page ten.",
        teacher_move="keeping_everyone_together",
    ),
    coded(
        "S3",
        "student",
        60,
        63,
        "Can we use a number line?",
        is_question=True,
        student_move="asking_for_more_information",
    ),
    coded("T", "teacher", 63, 66, "Yes, you may.", feedback="evaluative", uptake=0.3),
    coded(
        "T",
        "teacher",
        66,
        70,
        "How would you compare three quarters and two thirds?",
        question="open",
        level="analyse",
        teacher_move="pressing_for_reasoning",
    ),
    coded("S1", "student", 72, 78, "Three quarters is bigger.", student_move="making_a_claim"),
    coded("T", "teacher", 78, 80, "No, think again.", feedback="evaluative", uptake=0.2),
    coded(
        "S1", "student", 81, 84, "Oh, two thirds is smaller then.", student_move="making_a_claim"
    ),
    coded(
        "T",
        "teacher",
        84,
        90,
        "Which is bigger, and how do you know?",
        question="open",
        level="evaluate",
        teacher_move="pressing_for_reasoning",
        feedback="none",
        uptake=0.4,
    ),
    coded("Ss", "students", 95, 97, "Three quarters!"),
    coded("T", "teacher", 99, 101, "Well done.", feedback="praise", uptake=0.1),
    coded(
        "S2",
        "student",
        101,
        105,
        "I agree with Mary because twelfths show it.",
        student_move="relating_to_another_student",
    ),
    coded("T", "teacher", 105, 111, "Let's write that down.", feedback="none", uptake=0.5),
    coded("T", "teacher", 111, 120, "下次我哋會學 adding fractions。", language="mixed"),
]
WORDS = [7, 6, 1, 1, 4, 9, 8, 6, 6, 3, 9, 4, 3, 6, 8, 2, 2, 8, 4, 6 + 2]
FIAS = [5, 4, 8, 2, 4, 8, 3, 6, 9, 2, 4, 8, 7, 9, 4, 8, 2, 8, 6, 5]
TEACHER = [i for i, c in enumerate(LESSON) if c.utterance.role == "teacher"]
STUDENTS = [i for i, c in enumerate(LESSON) if c.utterance.role in ("student", "students")]


@pytest.fixture(scope="module")
def m() -> dict:
    return metrics.lesson_metrics(LESSON)


def test_the_hand_worked_transcript_is_the_one_described() -> None:
    assert len(LESSON) == 20 and len(WORDS) == 20 and len(FIAS) == 20
    assert len(TEACHER) == 13 and len(STUDENTS) == 7


def test_word_counts_match_the_hand_count() -> None:
    assert [metrics.word_count(c.utterance.text) for c in LESSON] == WORDS


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Why do you think so?", 5),
        ("  spaced   out  ", 2),
        ("— ? !", 0),  # punctuation alone is not a word
        ("你點解咁諗？", 5),
        ("为什么？", 3),
        ("今日學 photosynthesis, OK?", 3 + 2),
        ("𠮩𠵱 ok", 2 + 1),  # HKSCS characters outside the basic CJK block
    ],
)
def test_words_count_cjk_characters_one_each_and_other_text_by_spaces(
    text: str, words: int
) -> None:
    assert metrics.word_count(text) == words


def test_duration_and_timing(m: dict) -> None:
    assert m["timing"] == "measured"
    assert m["timed_utterances"] == 20
    assert m["duration_seconds"] == 120 - 0
    assert m["duration_minutes"] == 2


def test_talk_by_time_and_by_words(m: dict) -> None:
    teacher_seconds = 12 + 3 + 2 + 4 + 4 + 10 + 3 + 4 + 2 + 6 + 2 + 6 + 9
    student_seconds = 2 + 6 + 3 + 6 + 3 + 2 + 4
    silence = (19 - 15) + (28 - 27) + (60 - 48) + (72 - 70) + (81 - 80) + (95 - 90) + (99 - 97)
    assert teacher_seconds + student_seconds + silence == 120
    talk = m["talk"]
    assert talk["seconds"]["teacher"] == teacher_seconds == 67
    assert talk["seconds"]["student"] == student_seconds == 26
    assert talk["seconds"]["silence"] == silence == 27
    assert talk["seconds"]["overlap"] == 0
    assert talk["time_share"]["teacher"] == pytest.approx(67 / 120, abs=1e-4)
    assert talk["time_share"]["student"] == pytest.approx(26 / 120, abs=1e-4)
    assert talk["time_share"]["silence"] == pytest.approx(27 / 120, abs=1e-4)
    teacher_words = sum(WORDS[i] for i in TEACHER)
    student_words = sum(WORDS[i] for i in STUDENTS)
    assert (teacher_words, student_words) == (69, 36)
    assert talk["words"] == {"teacher": 69, "student": 36, "other": 0}
    assert talk["word_share"]["teacher"] == pytest.approx(69 / 105, abs=1e-4)
    assert talk["word_share"]["student"] == pytest.approx(36 / 105, abs=1e-4)
    assert talk["utterances"] == {"teacher": 13, "student": 6, "students": 1, "other": 0}
    assert m["silence"] == {
        "seconds": 27,
        "share": pytest.approx(27 / 120, abs=1e-4),
        "gaps": 7,
        "gaps_3s_or_more": 3,  # 4 s, 12 s and 5 s
        "longest_seconds": 12,
    }


def test_questions(m: dict) -> None:
    q = m["questions"]
    assert q["teacher_questions"] == 4
    assert q["student_questions"] == 1
    assert q["per_10_min"] == pytest.approx(4 / (120 / 600))
    assert (q["open"], q["closed"], q["with_type"]) == (3, 1, 4)
    assert q["open_share"] == pytest.approx(3 / 4)
    assert (q["higher_order"], q["with_level"]) == (2, 4)  # analyse, evaluate
    assert q["higher_order_share"] == pytest.approx(2 / 4)
    assert q["cognitive_levels"] == {
        "remember": 1,
        "understand": 1,
        "apply": 0,
        "analyse": 1,
        "evaluate": 1,
        "create": 0,
    }


def test_irf_chains_and_answered_questions(m: dict) -> None:
    irf = m["irf"]
    # question 1 → S1 → praise; 4 → S2 → uptake; 10 → S1 → "No" (evaluative); 14 → chorus → praise.
    # S3's question (8) and S1's second try (13) follow teacher turns without a question.
    assert irf["chains"] == 4
    assert (irf["ire"], irf["irf_uptake"], irf["no_feedback"], irf["not_assessed"]) == (3, 1, 0, 0)
    assert (irf["teacher_questions"], irf["answered_questions"]) == (4, 4)
    assert irf["answered_share"] == 1.0


def test_wait_time_after_questions_and_after_students(m: dict) -> None:
    waits = [19 - 15, 28 - 27, 72 - 70, 95 - 90]
    w = m["wait_time"]
    assert w["n"] == 4
    assert w["mean_seconds"] == pytest.approx(sum(waits) / 4)
    assert w["median_seconds"] == pytest.approx((2 + 4) / 2)
    assert w["share_3s_or_more"] == pytest.approx(2 / 4)
    after_student = [0, 0, 0, 0, 0, 99 - 97, 0]
    assert w["after_student"]["n"] == 7
    assert w["after_student"]["mean_seconds"] == pytest.approx(sum(after_student) / 7, abs=0.01)
    assert w["after_student"]["median_seconds"] == 0
    assert w["after_student"]["share_3s_or_more"] == 0


def test_participation(m: dict) -> None:
    p = m["participation"]
    # S1 speaks at 2, 11 and 13 (three turns: the teacher speaks in between), S2 at 5 and 17, S3 at 8.
    assert p["turns_per_student"] == {"S1": 3, "S2": 2, "S3": 1}
    assert p["words_per_student"] == {"S1": 1 + 4 + 6, "S2": 9 + 8, "S3": 6}
    assert p["student_speakers"] == 3
    assert p["mean_turns_per_student"] == 2
    # Gini = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean)
    turns_gini = 2 * (abs(3 - 2) + abs(3 - 1) + abs(2 - 1)) / (2 * 3**2 * (6 / 3))
    words_gini = 2 * (abs(11 - 17) + abs(11 - 6) + abs(17 - 6)) / (2 * 3**2 * (34 / 3))
    assert p["gini_turns"] == pytest.approx(turns_gini, abs=1e-4)
    assert p["gini_words"] == pytest.approx(words_gini, abs=1e-4)
    assert (p["chorus_turns"], p["chorus_words"]) == (1, 2)
    assert p["unidentified_student_turns"] == 0


def test_students_who_never_spoke_count_as_zeros_when_the_class_size_is_known() -> None:
    p = metrics.lesson_metrics(LESSON, class_size=5)["participation"]
    values = [3, 2, 1, 0, 0]
    differences = sum(abs(a - b) for a in values for b in values)
    assert p["gini_turns"] == pytest.approx(differences / (2 * 5**2 * (6 / 5)), abs=1e-4)
    assert p["share_of_class_who_spoke"] == pytest.approx(3 / 5)


def test_st_analysis_samples_the_middle_of_every_30_seconds(m: dict) -> None:
    s = m["st"]
    # samples at 15 s (the wait after question 1: S), 45 s (teacher, "Open your books": T),
    # 75 s (S1 answering: S), 105 s (the teacher starts "Let's write that down": T)
    assert s["sequence"] == "STST"
    assert (s["n"], s["n_t"], s["n_s"]) == (4, 2, 2)
    assert s["rt"] == pytest.approx(2 / 4)
    assert s["runs"] == 4
    assert s["ch"] == pytest.approx((4 - 1) / 4)
    assert s["mode"] == "dialogue"
    assert s["interval_seconds"] == 30


def test_fias_categories_follow_the_mapping() -> None:
    assert metrics.fias_categories(LESSON) == FIAS


def _matrix(sequence: list[int]) -> list[list[int]]:
    padded = [10, *sequence, 10]
    matrix = [[0] * 10 for _ in range(10)]
    for a, b in zip(padded, padded[1:], strict=False):
        matrix[a - 1][b - 1] += 1
    return matrix


def test_fias_matrix_and_ratios(m: dict) -> None:
    # 3-second units: round(duration / 3), at least one; a silence of g ≥ 3 s gives ⌊g / 3⌋ tens.
    units = (
        [5] * 4
        + [4]
        + [10]
        + [8]
        + [2]
        + [4]
        + [8] * 2
        + [3]
        + [6] * 3
        + [10] * 4
        + [9]
        + [2]
        + [4]
        + [8] * 2
        + [7]
        + [9]
        + [4] * 2
        + [10]
        + [8]
        + [2]
        + [8]
        + [6] * 2
        + [5] * 3
    )
    f = m["fias"]
    counts = [units.count(k) for k in range(1, 11)]
    assert counts == [0, 3, 1, 5, 7, 5, 1, 7, 2, 6]
    assert f["counts"] == {str(k): counts[k - 1] for k in range(1, 11)}
    assert f["units"] == len(units) == 37
    expected = _matrix(units)
    assert f["matrix"] == expected
    assert f["matrix_total"] == 37 + 1
    r = f["ratios"]
    assert r["teacher_talk_pct"] == pytest.approx(100 * (3 + 1 + 5 + 7 + 5 + 1) / 37, abs=0.01)
    assert r["pupil_talk_pct"] == pytest.approx(100 * (7 + 2) / 37, abs=0.01)
    assert r["silence_pct"] == pytest.approx(100 * 6 / 37, abs=0.01)
    assert r["indirect_direct_ratio"] == pytest.approx((0 + 3 + 1 + 5) / (7 + 5 + 1), abs=1e-3)
    assert r["revised_indirect_direct_ratio"] == pytest.approx((0 + 3 + 1) / (5 + 1), abs=1e-3)
    assert r["teacher_response_ratio_pct"] == pytest.approx(100 * 4 / (4 + 5 + 1), abs=0.01)
    assert r["teacher_question_ratio_pct"] == pytest.approx(100 * 5 / (5 + 7), abs=0.01)
    assert r["pupil_initiation_ratio_pct"] == pytest.approx(100 * 2 / (7 + 2), abs=0.01)
    # from the matrix: 8→2 twice (after "Four." and after the chorus), 8→3 once, 8→7 once,
    # 8→6 once (S2 → "Let's write"), 9→2 once (S3's question → "Yes"), 9→4 once ("Oh, two thirds")
    e = expected
    rows = (7, 8)  # categories 8 and 9
    response = sum(e[r_][c] for r_ in rows for c in (0, 1, 2))
    response_all = sum(e[r_][c] for r_ in rows for c in (0, 1, 2, 5, 6))
    assert (response, response_all) == (4, 6)
    assert r["instant_teacher_response_ratio_pct"] == pytest.approx(100 * 4 / 6, abs=0.01)
    question = sum(e[r_][3] for r_ in rows)
    assert (question, sum(e[r_][4] for r_ in rows)) == (1, 0)
    assert r["instant_teacher_question_ratio_pct"] == pytest.approx(100.0)
    diagonal = sum(e[k][k] for k in range(10))
    assert r["steady_state_ratio_pct"] == pytest.approx(100 * diagonal / 38, abs=0.01)
    cross = sum(e[i][j] for i in range(10) for j in range(10) if i in (3, 4) or j in (3, 4))
    assert r["content_cross_ratio_pct"] == pytest.approx(100 * cross / 38, abs=0.01)
    pupil_steady = e[7][7] + e[8][8]
    assert pupil_steady == 2  # "Because eight split…" and "Three quarters is bigger." last 6 s each
    assert r["pupil_steady_state_ratio_pct"] == pytest.approx(100 * 2 / (7 + 2), abs=0.01)


def test_fias_row_totals_equal_column_totals_and_count_every_unit(m: dict) -> None:
    matrix = m["fias"]["matrix"]
    rows = [sum(row) for row in matrix]
    columns = [sum(row[j] for row in matrix) for j in range(10)]
    assert rows == columns
    counts = [m["fias"]["counts"][str(k)] for k in range(1, 11)]
    assert columns == [*counts[:9], counts[9] + 1]  # the closing 10 of Flanders' convention


def test_timeline_in_minutes(m: dict) -> None:
    first, second = m["timeline"]
    assert len(m["timeline"]) == 2
    assert first == {
        "minute": 0,
        "start": 0,
        "teacher": 12 + 3 + 2 + 4 + 4 + 10,
        "student": 2 + 6,
        "other": 0,
        "silence": 4 + 1 + 12,
        "questions": 2,
    }
    assert second == {
        "minute": 1,
        "start": 60,
        "teacher": 67 - 35,
        "student": 26 - 8,
        "other": 0,
        "silence": 27 - 17,
        "questions": 2,
    }


def test_counts_of_moves_feedback_levels_and_languages(m: dict) -> None:
    teacher = m["talk_moves"]["teacher"]
    assert set(teacher) == set(TEACHER_MOVES)
    assert teacher["pressing_for_reasoning"] == 3
    assert teacher["pressing_for_accuracy"] == 1
    assert teacher["revoicing"] == teacher["keeping_everyone_together"] == 1
    assert teacher["none"] == 13 - 6
    student = m["talk_moves"]["student"]
    assert set(student) == set(STUDENT_MOVES)
    assert student["making_a_claim"] == 3
    assert student["none"] == 1  # the chorus
    fb = m["feedback"]
    assert fb["counts"] == {"praise": 2, "evaluative": 2, "uptake": 1, "none": 2}
    assert set(fb["counts"]) == set(FEEDBACK)
    assert fb["assessed"] == 7
    assert fb["mean_uptake"] == pytest.approx(
        (0.1 + 0.9 + 0.3 + 0.2 + 0.4 + 0.1 + 0.5) / 7, abs=1e-4
    )
    assert m["languages"]["utterances"] == {"en": 19, "mixed": 1}
    assert m["languages"]["words"] == {"en": 105 - 8, "mixed": 8}


def test_without_timestamps_time_is_estimated_from_words() -> None:
    untimed = [
        coded(
            c.utterance.speaker,
            c.utterance.role,
            None,
            None,
            c.utterance.text,
            language=c.language,
            question=c.question_type,
            level=c.cognitive_level,
            feedback=c.feedback,
            is_question=c.is_question,
        )
        for c in LESSON
    ]
    m = metrics.lesson_metrics(untimed)
    assert m["timing"] == "estimated"
    # 2.5 English words a second (150 a minute), 4 CJK characters a second, at least 0.5 s each
    seconds = [max(0.5, w / 2.5) for w in WORDS[:-1]] + [6 / 4 + 2 / 2.5]
    assert m["duration_seconds"] == pytest.approx(sum(seconds), abs=0.01)
    assert m["silence"]["seconds"] is None
    assert m["talk"]["time_share"]["silence"] is None
    assert m["talk"]["time_share"]["teacher"] == pytest.approx(
        sum(seconds[i] for i in TEACHER) / sum(seconds), abs=1e-4
    )
    assert m["st"]["timing"] == "estimated"
    assert m["st"]["n"] == math.floor((sum(seconds) - 15) / 30) + 1
    assert m["wait_time"]["n"] == 0 and m["wait_time"]["mean_seconds"] is None
    assert m["fias"]["units"] == 20  # one unit per utterance, no silence
    assert m["fias"]["counts"]["10"] == 0
    assert m["questions"]["per_10_min"] == pytest.approx(4 / (sum(seconds) / 600), abs=0.01)


def test_partial_timestamps_fill_the_missing_times_from_words() -> None:
    lesson = [
        coded("T", "teacher", 10, 20, "one two three"),
        coded("S1", "student", None, None, "four five six seven eight"),  # 2 s after 20 s
        coded("T", "teacher", 30, None, "nine ten"),  # 0.8 s, no later start
        coded("S1", "student", None, 40, "eleven"),  # ends at 40: starts 0.5 s before
    ]
    m = metrics.lesson_metrics(lesson)
    assert m["timing"] == "partial"
    assert m["timed_utterances"] == 1
    spans, timing = metrics.timeline_spans(lesson)
    assert timing == "partial"
    assert spans == [
        (10, 20),
        (20, 20 + 5 / 2.5),
        (30, 30 + 2 / 2.5),
        (40 - 0.5, 40),
    ]
    assert m["duration_seconds"] == 40 - 10


def test_overlapping_speech_counts_once_per_group_and_as_overlap() -> None:
    lesson = [
        coded("T", "teacher", 0, 10, "a b c"),
        coded("S1", "student", 8, 12, "d e"),
        coded("S2", "student", 9, 11, "f"),
    ]
    talk = metrics.lesson_metrics(lesson)["talk"]
    assert talk["seconds"] == {
        "teacher": 10,
        "student": 12 - 8,
        "other": 0,
        "overlap": 10 - 8,
        "silence": 0,
    }


def test_an_empty_lesson_gives_empty_metrics() -> None:
    m = metrics.lesson_metrics([])
    assert m["utterances"] == 0 and m["timing"] == "none"
    assert m["st"]["mode"] is None and m["st"]["n"] == 0
    assert m["timeline"] == []
    json.dumps(m, allow_nan=False)


@pytest.mark.parametrize(
    ("n_t", "n", "runs", "mode"),
    [
        (3, 10, 2, "practice"),  # Rt = 0.3 exactly
        (4, 10, 2, "mixed"),
        (7, 10, 2, "lecture"),  # Rt = 0.7 exactly
        (6, 10, 2, "mixed"),
        (4, 10, 5, "dialogue"),  # Ch = (5 − 1)/10 = 0.4 exactly
        (4, 10, 4, "mixed"),  # Ch = 0.3
        (2, 10, 5, "practice"),  # Rt ≤ 0.3 is checked before Ch ≥ 0.4
        (69, 100, 41, "dialogue"),
        (69, 100, 40, "mixed"),  # Ch = 0.39
        (31, 100, 10, "mixed"),
        (21, 30, 2, "lecture"),  # 21/30 must not miss 0.7 by rounding
        (9, 30, 13, "practice"),  # 9/30 = 0.3
        (15, 30, 13, "dialogue"),  # 12/30 = 0.4
        (0, 0, 0, None),
    ],
)
def test_st_mode_thresholds(n_t: int, n: int, runs: int, mode: str | None) -> None:
    assert metrics.st_mode(n_t, n, runs) == mode


def test_a_teacher_monologue_is_a_lecture_and_a_silent_practice_is_practice() -> None:
    lecture = metrics.lesson_metrics([coded("T", "teacher", 0, 600, "words " * 1500)])["st"]
    assert (lecture["n"], lecture["mode"], lecture["sequence"]) == (20, "lecture", "T" * 20)
    practice = metrics.lesson_metrics(
        [coded("T", "teacher", 0, 20, "Work on page 3."), coded("S1", "student", 580, 600, "Done.")]
    )["st"]
    # 20 samples at 15 s, 45 s, …, 585 s: only the first falls inside the teacher's 20 s
    assert (practice["sequence"], practice["mode"]) == ("T" + "S" * 19, "practice")
    assert practice["ch"] == pytest.approx((2 - 1) / 20)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 10, 31])
def test_gini_of_equal_values_is_zero(n: int) -> None:
    assert metrics.gini([4] * n) == 0


@pytest.mark.parametrize("n", [2, 3, 4, 5, 10, 30])
def test_gini_when_one_speaker_has_every_turn_is_n_minus_one_over_n(n: int) -> None:
    assert metrics.gini([7] + [0] * (n - 1)) == pytest.approx((n - 1) / n)


def test_gini_of_known_distributions() -> None:
    assert metrics.gini([1, 2, 3, 4]) == pytest.approx(2 * 10 / (2 * 4**2 * 2.5))
    assert metrics.gini([1, 1, 1, 5]) == pytest.approx(2 * 12 / (2 * 4**2 * 2))
    assert metrics.gini([]) is None
    assert metrics.gini([0, 0]) is None


@given(st.lists(st.integers(0, 50), min_size=1, max_size=40), st.integers(1, 9))
def test_gini_is_between_0_and_1_and_ignores_scale(values: list[int], scale: int) -> None:
    g = metrics.gini(values)
    if sum(values) == 0:
        assert g is None
        return
    assert g is not None and 0 <= g < 1
    assert metrics.gini([v * scale for v in values]) == pytest.approx(g)
    brute = sum(abs(a - b) for a in values for b in values) / (
        2 * len(values) ** 2 * (sum(values) / len(values))
    )
    assert g == pytest.approx(brute)


ROLES = st.sampled_from(["teacher", "teacher", "student", "students", "other"])


@st.composite
def lessons(draw: st.DrawFn) -> list[CodedUtterance]:
    n = draw(st.integers(0, 40))
    timed = draw(st.sampled_from(["all", "none", "some"]))
    t = 0.0
    out = []
    for _ in range(n):
        t += draw(st.floats(0, 8))
        length = draw(st.floats(0, 20))
        has_time = timed == "all" or (timed == "some" and draw(st.booleans()))
        question = draw(st.sampled_from([None, "open", "closed"]))
        out.append(
            coded(
                draw(st.sampled_from(["T", "S1", "S2", "S3", "Ss", ""])),
                draw(ROLES),
                t if has_time else None,
                t + length if has_time else None,
                draw(
                    st.sampled_from(
                        ["Why?", "Good.", "好叻！", "你點解咁諗？", "OK so the answer is 5", ""]
                    )
                ),
                question=question,
                level=draw(st.sampled_from([None, *BLOOM_LEVELS])) if question else None,
                feedback=draw(st.sampled_from([None, *FEEDBACK])),
            )
        )
        t += length
    return out


@settings(max_examples=150, deadline=None)
@given(lessons())
def test_any_lesson_gives_consistent_json_ready_metrics(lesson: list[CodedUtterance]) -> None:
    m = metrics.lesson_metrics(lesson)
    json.dumps(m, allow_nan=False)
    matrix = m["fias"]["matrix"]
    assert [sum(row) for row in matrix] == [sum(row[j] for row in matrix) for j in range(10)]
    assert m["fias"]["matrix_total"] == m["fias"]["units"] + 1
    s = m["st"]
    assert s["n"] == len(s["sequence"]) == s["n_t"] + s["n_s"]
    assert s["runs"] - 1 <= 2 * min(s["n_t"], s["n_s"])  # why the Rt-Ch diagram is a triangle
    if m["timing"] == "measured" and m["duration_seconds"] > 0:
        seconds = m["talk"]["seconds"]
        covered = seconds["teacher"] + seconds["student"] + seconds["other"] + seconds["silence"]
        if seconds["overlap"] == 0:
            assert covered == pytest.approx(m["duration_seconds"], abs=0.05)
        bins = m["timeline"]
        assert sum(b["silence"] for b in bins) == pytest.approx(
            seconds["silence"], abs=0.05 * len(bins) + 0.01
        )
    for key in ("gini_turns", "gini_words"):
        g = m["participation"][key]
        assert g is None or 0 <= g <= 1


def test_zero_length_utterances_still_bound_the_lesson() -> None:
    lesson = [
        coded("T", "teacher", 100, 100, "OK."),
        coded("S1", "student", 110, 115, "Yes."),
        coded("T", "teacher", 130, 130, "Right."),
    ]
    m = metrics.lesson_metrics(lesson)
    assert (m["start_seconds"], m["end_seconds"], m["duration_seconds"]) == (100, 130, 30)
    assert m["talk"]["seconds"] == {
        "teacher": 0,
        "student": 5,
        "other": 0,
        "overlap": 0,
        "silence": 25,
    }
    assert [b["silence"] for b in m["timeline"]] == [25]
