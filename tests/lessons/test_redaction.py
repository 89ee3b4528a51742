"""Students' names become "Student N": in labels and talk, the same person the same way, and
nothing else touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.analysis.types import Utterance
from lessons.parsing import parse_transcript
from lessons.redaction import redact

FIXTURES = Path(__file__).parent / "fixtures"


def u(speaker: str, text: str, role: str = "other") -> Utterance:
    return Utterance(speaker=speaker, role=role, text=text)  # type: ignore[arg-type]


def lines(result) -> list[tuple[str, str]]:
    return [(x.speaker, x.text) for x in result.utterances]


def test_student_speakers_and_their_names_in_the_talk_are_replaced_consistently():
    lesson = [
        u("Ms Lau", "Jason, what do you think?", "teacher"),
        u("Jason Cheung", "Maybe the dam was empty.", "student"),
        u("Ms Lau", "Thank you, Jason. Chloe, do you agree with Jason?", "teacher"),
        u("Chloe Ng", "Yes, I agree with Jason.", "student"),
        u("Ms Lau", "Good, Chloe.", "teacher"),
    ]
    result = redact(lesson)
    assert lines(result) == [
        ("Ms Lau", "Student 1, what do you think?"),
        ("Student 1", "Maybe the dam was empty."),
        ("Ms Lau", "Thank you, Student 1. Student 2, do you agree with Student 1?"),
        ("Student 2", "Yes, I agree with Student 1."),
        ("Ms Lau", "Good, Student 2."),
    ]
    assert result.mapping == {"Student 1": "Jason Cheung", "Student 2": "Chloe Ng"}


def test_hong_kong_names_match_their_given_names_and_hyphenated_spellings():
    lesson = [
        u("Chan Siu Ming", "Very good, Ka Yan. Lee Tsz Hin, 你覺得呢?", "teacher"),
        u("Wong Ka Yan", "Sunlight 同埋 water!", "student"),
        u("Chan Siu Ming", "Ka-yan is right. Tsz Hin?", "teacher"),
        u("Lee Tsz Hin", "Carbon dioxide.", "student"),
    ]
    result = redact(lesson)
    assert lines(result) == [
        ("Chan Siu Ming", "Very good, Student 1. Student 2, 你覺得呢?"),
        ("Student 1", "Sunlight 同埋 water!"),
        ("Chan Siu Ming", "Student 1 is right. Student 2?"),
        ("Student 2", "Carbon dioxide."),
    ]


def test_romanised_full_names_in_the_talk_are_found_without_being_speakers():
    lesson = [
        u("Teacher", "Chan Tai Man and Wong Ka Yan, please hand out the worksheets.", "teacher"),
        u("Class", "Okay!", "students"),
    ]
    result = redact(lesson)
    assert lines(result)[0] == (
        "Teacher",
        "Student 1 and Student 2, please hand out the worksheets.",
    )
    assert result.mapping == {"Student 1": "Chan Tai Man", "Student 2": "Wong Ka Yan"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thank you, Kelvin.", "Thank you, Student 1."),
        ("Kelvin, what do you think?", "Student 1, what do you think?"),
        ("What about you, Kelvin?", "What about you, Student 1?"),
        ("Good, Mei Ling!", "Good, Student 1!"),
        ("I agree with Kelvin.", "I agree with Student 1."),
        ("As Kelvin said, it floats.", "As Student 1 said, it floats."),
        ("My name is Kelvin.", "My name is Student 1."),
    ],
)
def test_names_in_address_patterns_are_replaced(text, expected):
    lesson = [u("Teacher", text, "teacher"), u("S1", "Yes.", "student")]
    assert redact(lesson).utterances[0].text == expected


def test_chinese_names_in_the_talk_and_from_known_names():
    lesson = [
        u("老師", "好好。陳大文，你同唔同意？", "teacher"),
        u("陳大文", "我同意。", "student"),
        u("老師", "志明你點睇？我同意陳大文講嘅。", "teacher"),
        u("學生乙", "大文講得啱。", "student"),
    ]
    result = redact(lesson, known_names=["陳大文"])
    assert lines(result) == [
        ("老師", "好好。Student 1，你同唔同意？"),
        ("Student 1", "我同意。"),
        ("老師", "Student 2你點睇？我同意Student 1講嘅。"),
        ("學生乙", "Student 1講得啱。"),
    ]
    assert result.mapping == {"Student 1": "陳大文", "Student 2": "志明"}


def test_known_names_are_replaced_even_without_an_address_pattern():
    lesson = [u("Teacher", "黃嘉欣 brought the model today.", "teacher")]
    assert (
        redact(lesson, known_names=["黃嘉欣"]).utterances[0].text
        == "Student 1 brought the model today."
    )


def test_the_teacher_is_never_redacted_even_with_a_name_like_a_pupils():
    lesson = [
        u("Chan Siu Ming", "Good morning. I am Mr Chan, and Siu Ming is my given name.", "teacher"),
        u("Chan Mei Ling", "Good morning, Mr Chan!", "student"),
        u("Chan Siu Ming", "Thank you, Mei Ling.", "teacher"),
    ]
    result = redact(lesson)
    assert lines(result) == [
        ("Chan Siu Ming", "Good morning. I am Mr Chan, and Siu Ming is my given name."),
        ("Student 1", "Good morning, Mr Chan!"),
        ("Chan Siu Ming", "Thank you, Student 1."),
    ]


def test_common_words_places_and_days_are_not_names():
    talk = [
        "Today, what are we learning?",
        "Monday, can you remember the homework?",
        "Hong Kong, what do you know about it?",
        "Thank you, Everyone. Good, Class.",
        "We visited Wong Tai Sin Temple and Tai Po Market.",
        "Next, open page 12. Well, who knows?",
        "The Star Ferry crosses Victoria Harbour to Tsim Sha Tsui.",
        "Chan Tai Man Road is near Lok Fu.",
        "同學們，今日我哋講香港歷史。大家你覺得點？",
    ]
    lesson = [u("Miss Ho", text, "teacher") for text in talk] + [u("S1", "Okay.", "student")]
    result = redact(lesson)
    assert [x.text for x in result.utterances[:-1]] == talk
    assert result.mapping == {}


def test_a_name_that_is_also_a_word_is_replaced_only_where_someone_is_addressed():
    lesson = [
        u("Teacher", "May I have your attention? Thank you, May.", "teacher"),
        u("May Lee", "Will we have a test in May?", "student"),
        u("Teacher", "May, the test is next week.", "teacher"),
    ]
    assert [x.text for x in redact(lesson).utterances] == [
        "May I have your attention? Thank you, Student 1.",
        "Will we have a test in May?",
        "Student 1, the test is next week.",
    ]


def test_generic_labels_are_kept_as_they_are():
    lesson = [
        u("T", "Who knows?", "teacher"),
        u("S1", "Me!", "student"),
        u("學生甲", "我！", "student"),
    ]
    result = redact(lesson)
    assert [x.speaker for x in result.utterances] == ["T", "S1", "學生甲"]
    assert result.mapping == {}


def test_placeholders_never_take_a_number_the_transcript_already_uses():
    lesson = [
        u("Teacher", "Student 1, then Jason, what do you think?", "teacher"),
        u("Student 1", "Fine.", "student"),
        u("Jason Cheung", "Okay.", "student"),
    ]
    result = redact(lesson)
    assert lines(result) == [
        ("Teacher", "Student 1, then Student 2, what do you think?"),
        ("Student 1", "Fine."),
        ("Student 2", "Okay."),
    ]
    assert result.mapping == {"Student 2": "Jason Cheung"}


def test_speaker_labels_false_keeps_labels_and_still_redacts_the_talk():
    lesson = [u("Ms Lau", "Thank you, Jason.", "teacher"), u("Jason Cheung", "Sure.", "student")]
    result = redact(lesson, speaker_labels=False)
    assert lines(result) == [("Ms Lau", "Thank you, Student 1."), ("Jason Cheung", "Sure.")]
    assert result.mapping == {"Student 1": "Jason Cheung"}


def test_without_roles_the_proposed_roles_decide_who_is_a_student():
    parsed = parse_transcript((FIXTURES / "zoom.vtt").read_bytes(), "zoom.vtt")
    result = redact(parsed.utterances)
    assert [x.speaker for x in result.utterances] == [
        "Ms Lau",
        "Ms Lau",
        "Student 1",
        "Ms Lau",
        "Student 2",
        "Ms Lau",
    ]
    assert "Jason" not in " ".join(x.text for x in result.utterances)
    assert "Today we are reading about Hong Kong in the 1960s." in [
        x.text for x in result.utterances
    ]


def test_times_and_extra_fields_survive_redaction():
    original = Utterance("Ben Wong", "student", "Hi", start=1.5, end=2.0, extra={"group": "A"})
    (redacted,) = redact([u("Teacher", "Hello", "teacher"), original]).utterances[1:]
    assert (redacted.start, redacted.end, redacted.extra, redacted.role) == (
        1.5,
        2.0,
        {"group": "A"},
        "student",
    )


_HARMLESS = st.sampled_from(
    [
        "Today",
        "Monday",
        "Hong Kong",
        "Kowloon",
        "Wong Tai Sin",
        "Tai Po",
        "Sha Tin",
        "Yes",
        "No",
        "Good",
        "Well",
        "Next",
        "Now",
        "Thank you",
        ",",
        ".",
        "?",
        "!",
        "what do you think",
        "the answer is",
        "page five",
        "Star Ferry",
        "Victoria Harbour",
        "Class",
        "Everyone",
        "Miss Ho",
        "Mr Chan",
        "今日",
        "同學們",
        "大家",
        "你覺得",
        "點解",
        "香港",
    ]
)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(_HARMLESS, max_size=30))
def test_talk_without_pupils_names_comes_out_unchanged(words):
    text = " ".join(words)
    lesson = [u("Miss Ho", text, "teacher"), u("S1", text, "student")]
    assert [x.text for x in redact(lesson).utterances] == [text, text]


@settings(max_examples=200, deadline=None)
@given(
    name=st.sampled_from(["Jason", "Kelvin", "Mei Ling", "Ka Yan", "Chloe", "Hoi Ching"]),
    template=st.sampled_from(
        ["Thank you, {}.", "{}, what do you think?", "Good, {}!", "What about you, {}?"]
    ),
    times=st.integers(1, 4),
)
def test_a_named_pupil_never_survives_and_keeps_one_placeholder(name, template, times):
    lesson = [u("Ms Lau", template.format(name), "teacher") for _ in range(times)]
    lesson.append(u("S1", "Okay.", "student"))
    result = redact(lesson)
    assert all(name not in x.text for x in result.utterances)
    assert result.mapping == {"Student 1": name}


@settings(max_examples=200, deadline=None)
@given(
    teacher=st.text(max_size=20),
    pupil=st.text(max_size=20),
    talk=st.lists(st.text(max_size=80), min_size=1, max_size=6),
    known=st.lists(st.text(max_size=10), max_size=3),
)
def test_any_text_redacts_without_error_and_keeps_the_teachers_label(teacher, pupil, talk, known):
    lesson = [u(teacher, text, "teacher") for text in talk] + [u(pupil, "Hello.", "student")]
    result = redact(lesson, known_names=known)
    assert len(result.utterances) == len(lesson)
    if teacher != pupil:
        assert all(x.speaker == teacher for x in result.utterances[:-1])
