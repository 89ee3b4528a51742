"""English rule classifiers: questions (open/closed, Bloom), TalkMoves teacher and student moves,
feedback and uptake. Pure functions, no database."""

from __future__ import annotations

import time

import pytest

from lessons.analysis import questions, talkmoves, uptake
from lessons.analysis.types import (
    BLOOM_LEVELS,
    FEEDBACK,
    LOWER_ORDER,
    QUESTION_TYPES,
    STUDENT_MOVES,
    TEACHER_MOVES,
    QuestionCodes,
    Utterance,
)


def T(text: str, speaker: str = "T") -> Utterance:
    return Utterance(speaker, "teacher", text)


def S(text: str, speaker: str = "Ana") -> Utterance:
    return Utterance(speaker, "student", text)


# --------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "is_question"),
    [
        ("What is six times seven?", True),
        ("Why does that work?", True),
        ("Can you show us on the board?", True),
        ("So x equals five, right?", True),
        ("It equals what?", True),
        # ASR text without a question mark
        ("why do you think that works", True),
        ("how many pieces are there", True),
        ("do you agree with her", True),
        # "?" on things that are not questions
        ("Okay?", False),
        ("Right?", False),
        ("So, okay?", False),
        # statements
        ("Today we are learning about fractions.", False),
        ("What we did was add the tops.", False),
        ("Open your books to page ten.", False),
    ],
)
def test_is_question(text: str, is_question: bool) -> None:
    assert questions.classify_question([T(text)], 0, "en").is_question is is_question


@pytest.mark.parametrize(
    ("text", "qtype"),
    [
        ("Why do we multiply?", "open"),
        ("How did you get that answer?", "open"),
        ("What do you notice about these two graphs?", "open"),
        ("What else could we try?", "open"),
        ("What is seven times nine?", "closed"),
        ("How many students are there?", "closed"),
        ("Is it bigger or smaller?", "closed"),
        ("Are you done?", "closed"),
        ("Does that make sense?", "closed"),
        ("Do you agree with her?", "closed"),
    ],
)
def test_question_type(text: str, qtype: str) -> None:
    assert questions.classify_question([T(text)], 0, "en").question_type == qtype


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("What do we call this shape?", "remember"),
        ("What does the five mean here?", "understand"),
        ("How many oranges are left?", "apply"),
        ("What is the difference between these two methods?", "analyse"),
        ("Do you agree with Sam's answer?", "evaluate"),
        ("Can you design your own word problem for this?", "create"),
    ],
)
def test_bloom_level(text: str, level: str) -> None:
    assert questions.classify_question([T(text)], 0, "en").cognitive_level == level


@pytest.mark.parametrize(
    ("text", "higher"),
    [
        ("Is Maria right?", True),
        ("How is this one different from that one?", True),
        ("What is 6 plus 6?", False),
        ("Did everybody get 76?", False),
    ],
)
def test_lower_and_higher_order(text: str, higher: bool) -> None:
    level = questions.classify_question([T(text)], 0, "en").cognitive_level
    assert level is not None
    assert (level not in LOWER_ORDER) is higher


@pytest.mark.parametrize(
    ("text", "language", "is_question"),
    [
        ("點解係咁？", "yue", True),
        ("你哋明唔明白呀", "yue", True),
        ("我哋今日學分數。", "yue", False),
        ("为什么这样做", "zh-Hans", True),
        ("这是三角形。", "zh-Hans", False),
        ("你同唔同意佢嘅答案？", "yue", True),
        ("一共有多少个", "zh-Hans", True),
        ("OK, 點解 you think so?", "mixed", True),
    ],
)
def test_chinese_questions(text: str, language: str, is_question: bool) -> None:
    codes = questions.classify_question([T(text)], 0, language)
    assert codes.is_question is is_question
    if is_question:
        assert codes.question_type in QUESTION_TYPES
        assert codes.cognitive_level in BLOOM_LEVELS
    else:
        assert codes == QuestionCodes(False)


def test_chinese_why_is_open() -> None:
    assert (
        questions.classify_question([T("為什麼答案是四？")], 0, "zh-Hant").question_type == "open"
    )


# --------------------------------------------------------------------------------------
# Teacher moves
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lesson", "move"),
    [
        # keeping everyone together: turns, yes/no checks, repeat requests, partner talk
        ([S("Four.", "Ben"), T("Ben?")], "keeping_everyone_together"),
        ([T("Turn and talk to your partner.")], "keeping_everyone_together"),
        ([T("Can you say that again?")], "keeping_everyone_together"),
        ([T("Did everybody hear what she said?")], "keeping_everyone_together"),
        ([T("So x equals five dollars, right?")], "keeping_everyone_together"),
        ([T("Are you finished?")], "keeping_everyone_together"),
        # getting students to relate
        ([T("Do you agree with him?")], "getting_students_to_relate"),
        ([T("Would anyone like to add on to what Maya said?")], "getting_students_to_relate"),
        ([T("Who is right?")], "getting_students_to_relate"),
        ([T("Did anyone get something different?")], "getting_students_to_relate"),
        # pressing for accuracy
        ([T("What is the answer to number two?")], "pressing_for_accuracy"),
        ([T("What is six times six?")], "pressing_for_accuracy"),
        ([T("What does x stand for?")], "pressing_for_accuracy"),
        ([T("Four out of?")], "pressing_for_accuracy"),
        ([T("Is it x equals or y equals?")], "pressing_for_accuracy"),
        # pressing for reasoning
        ([T("Why?")], "pressing_for_reasoning"),
        ([T("How did you know?")], "pressing_for_reasoning"),
        ([T("Can you explain why that works?")], "pressing_for_reasoning"),
        ([T("How are these two ideas connected?")], "pressing_for_reasoning"),
        # restating / revoicing need the student's words just before
        ([S("An exponent."), T("Exponent.")], "restating"),
        (
            [S("It moves to a different position."), T("It moves to a different position.")],
            "restating",
        ),
        ([S("It had two."), T("So instead of one flat edge, it had two.")], "revoicing"),
        ([S("Count by tens."), T("You counted by tens, okay.")], "revoicing"),
        # not coded
        ([T("Okay?")], "none"),
        ([T("Good.")], "none"),
        ([T("Today we will learn how to add fractions with different denominators.")], "none"),
    ],
)
def test_teacher_move(lesson: list[Utterance], move: str) -> None:
    assert talkmoves.teacher_move(lesson, len(lesson) - 1) == move


def test_restating_and_revoicing_need_a_student_turn_before() -> None:
    # The same words after a teacher turn (or at the start) are not a repetition of a student.
    assert talkmoves.teacher_move([T("Exponent.")], 0) == "none"
    assert talkmoves.teacher_move([T("An exponent."), T("Exponent.")], 1) == "none"
    assert talkmoves.teacher_move([S("An exponent."), T("Exponent.")], 1) == "restating"
    assert (
        talkmoves.teacher_move(
            [T("It had two.", "T2"), T("So instead of one flat edge, it had two.")], 1
        )
        == "none"
    )
    assert (
        talkmoves.teacher_move([S("It had two."), T("So instead of one flat edge, it had two.")], 1)
        == "revoicing"
    )


def test_teacher_move_on_student_turn_is_none() -> None:
    assert talkmoves.teacher_move([S("Why?")], 0) == "none"


# --------------------------------------------------------------------------------------
# Student moves
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lesson", "move"),
    [
        ([T("What is six plus six?"), S("Twelve.")], "making_a_claim"),
        ([T("What did you get?"), S("I multiplied eight and five.")], "making_a_claim"),
        (
            [T("Why can't we add these?"), S("Because the denominators are not the same.")],
            "providing_evidence_or_reasoning",
        ),
        (
            [T("How did you do it?"), S("If you double it, the shape is going to get bigger.")],
            "providing_evidence_or_reasoning",
        ),
        ([T("Okay."), S("I don't understand.")], "asking_for_more_information"),
        ([T("Okay."), S("Why did you multiply by three?")], "asking_for_more_information"),
        ([T("Okay."), S("What does z mean?")], "asking_for_more_information"),
        (
            [S("The answer is 58.", "Ben"), S("I agree with Ben.", "Ana")],
            "relating_to_another_student",
        ),
        ([T("Do you agree with her?"), S("Yes.")], "relating_to_another_student"),
        ([S("You could divide it.", "Ben"), S("By two.", "Ana")], "relating_to_another_student"),
        ([T("Are you ready?"), S("Yes.")], "none"),
        ([T("Good morning."), S("Can I go to the bathroom?")], "none"),
        ([T("Okay."), S("(inaudible)")], "none"),
    ],
)
def test_student_move(lesson: list[Utterance], move: str) -> None:
    assert talkmoves.student_move(lesson, len(lesson) - 1) == move


def test_student_move_depends_on_who_spoke_before() -> None:
    # A short number after a classmate relates to them; after the teacher's question it is a claim.
    assert (
        talkmoves.student_move([S("Is it three?", "Ben"), S("Four.", "Ana")], 1)
        == "relating_to_another_student"
    )
    assert (
        talkmoves.student_move([T("How many are left?"), S("Four.", "Ana")], 1) == "making_a_claim"
    )


def test_student_move_on_teacher_turn_is_none() -> None:
    assert talkmoves.student_move([T("Because it is even.")], 0) == "none"


# --------------------------------------------------------------------------------------
# Feedback and uptake
# --------------------------------------------------------------------------------------


def test_feedback_none_unless_previous_turn_is_a_student() -> None:
    assert uptake.feedback([T("Good job.")], 0) is None  # first turn
    assert uptake.feedback([T("What is 3 + 4?"), T("Good job.")], 1) is None  # teacher before
    assert uptake.feedback([Utterance("X", "other", "Seven."), T("Good job.")], 1) is None
    assert uptake.feedback([S("Seven."), S("Seven.", "Ben")], 1) is None  # student turn itself
    assert uptake.feedback([S("Seven."), T("Good job.")], 1) is not None
    assert uptake.feedback([Utterance("Ss", "students", "Seven."), T("Good job.")], 1) is not None
    assert uptake.feedback([S("Seven.")], 5) is None  # out of range


@pytest.mark.parametrize(
    ("student", "teacher", "label"),
    [
        ("Seven.", "Excellent!", "praise"),
        ("Seven.", "Good job.", "praise"),
        ("Seven.", "No.", "evaluative"),
        ("Seven.", "Correct.", "evaluative"),
        (
            "I think you have to find a common denominator first, like twelfths.",
            "So you want a common denominator first. Why twelfths and not some other denominator?",
            "uptake",
        ),
        ("Can I use the restroom?", "Sit down please.", "none"),
    ],
)
def test_feedback_labels(student: str, teacher: str, label: str) -> None:
    out = uptake.feedback([T("What do you get?"), S(student), T(teacher)], 2)
    assert out is not None
    assert out[0] == label
    assert out[0] in FEEDBACK
    assert 0.0 <= out[1] <= 1.0


@pytest.mark.parametrize(
    ("student", "teacher", "label"),
    [
        ("三乘四等於十二", "很好！", "praise"),
        ("三乘四等於十二", "對。", "evaluative"),
        ("三乘四等於十二", "三乘四等於十二，點解要乘？", "uptake"),
        ("三乘四等於十二", "大家坐好。", "none"),
    ],
)
def test_feedback_on_chinese_turns(student: str, teacher: str, label: str) -> None:
    out = uptake.feedback([S(student), T(teacher)], 1)
    assert out is not None
    assert out[0] == label
    assert 0.0 <= out[1] <= 1.0


def test_uptake_orders_building_on_above_ignoring() -> None:
    student = "I split the rectangle into four equal parts so each part is one fourth."
    high = "You split it into four equal parts, so why is each part one fourth of the rectangle?"
    low = "Okay. Let's move on to number five."
    assert uptake.uptake_score(student, high) > uptake.uptake_score(student, "Good.") > 0.0
    assert uptake.uptake_score(student, high) > uptake.uptake_score(student, low)


def test_uptake_looks_at_the_whole_teacher_turn() -> None:
    lesson = [
        S("We got one half because two fourths is the same as one half."),
        T("Okay."),
        T("Two fourths is the same as one half, why?"),
        S("Because.", "Ben"),
    ]
    label, score = uptake.feedback(lesson, 1) or ("", 0.0)
    assert score > uptake.uptake_score(lesson[0].text, "Okay.")


def test_feature_vector_matches_weights() -> None:
    assert len(uptake.features("a", "b")) == len(uptake.FEATURES) == len(uptake.WEIGHTS) - 1


# --------------------------------------------------------------------------------------
# Robustness and speed
# --------------------------------------------------------------------------------------

ODD_TEXTS = [
    "",
    "   ",
    "?",
    "...",
    "?!?!",
    "—",
    "[inaudible]",
    "(crosstalk)",
    "🙂👍",
    "３＋４＝？",
    "點解係咁？",
    "为什么这样做",
    "OK 大家 listen 一下",
    "x" * 5000,
    "why " * 2000,
    "because it is one half and " * 500,
    "What is " + "very " * 3000 + "big?",
    "Ms. O'Neil's   class\t\n—what?",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
@pytest.mark.parametrize("language", ["en", "yue", "zh-Hant", "zh-Hans", "mixed"])
def test_odd_text_does_not_crash(text: str, language: str) -> None:
    for lesson in (
        [T(text)],
        [S(text)],
        [S(text), T(text)],
        [T(text), S(text)],
        [S(text), S(text, "Ben"), T(text)],
    ):
        for i in range(len(lesson)):
            codes = questions.classify_question(lesson, i, language)
            assert isinstance(codes.is_question, bool)
            if codes.is_question:
                assert codes.question_type in QUESTION_TYPES
                assert codes.cognitive_level in BLOOM_LEVELS
            else:
                assert codes.question_type is None and codes.cognitive_level is None
            assert talkmoves.teacher_move(lesson, i) in TEACHER_MOVES
            assert talkmoves.student_move(lesson, i) in STUDENT_MOVES
            out = uptake.feedback(lesson, i)
            if out is not None:
                assert out[0] in FEEDBACK
                assert 0.0 <= out[1] <= 1.0


def test_empty_and_punctuation_only_are_not_coded() -> None:
    for text in ("", "?", "...", "!!"):
        assert questions.classify_question([T(text)], 0, "en") == QuestionCodes(False)
        assert talkmoves.teacher_move([S("Four."), T(text)], 1) == "none"
        assert talkmoves.student_move([T("What is 2+2?"), S(text)], 1) == "none"


def test_out_of_range_index() -> None:
    lesson = [T("What is 2 + 2?")]
    assert questions.classify_question(lesson, 3, "en") == QuestionCodes(False)
    assert talkmoves.teacher_move(lesson, 3) == "none"
    assert talkmoves.student_move(lesson, -1) == "none"
    assert uptake.feedback(lesson, 3) is None


def test_other_roles_get_no_moves() -> None:
    lesson = [Utterance("Video", "other", "Why do you think so?")]
    assert talkmoves.teacher_move(lesson, 0) == "none"
    assert talkmoves.student_move(lesson, 0) == "none"


def test_speed_per_utterance() -> None:
    turns = [
        T("Okay, so what is three fourths of twelve?"),
        S("Nine.", "Ben"),
        T("Nine, how did you know?"),
        S("Because a fourth of twelve is three and three times three is nine.", "Ben"),
        T("Do you agree with Ben?"),
        S("Yes.", "Ana"),
        T("Good, turn and talk to your partner about the next one."),
    ]
    lesson = turns * 100  # 700 utterances
    t0 = time.process_time()
    for i in range(len(lesson)):
        questions.classify_question(lesson, i, "en")
        talkmoves.teacher_move(lesson, i)
        talkmoves.student_move(lesson, i)
        uptake.feedback(lesson, i)
    per_utt_ms = 1000 * (time.process_time() - t0) / len(lesson)
    assert per_utt_ms < 1.0  # the budget is 0.3 ms; generous here for slow CI machines
