"""Chinese side of the lesson-analysis engine: language detection, cue lists, DialogID teacher acts."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from lessons.analysis import dialogid, language, zh_cues
from lessons.analysis.language import detect_language, to_simplified
from lessons.analysis.types import BLOOM_LEVELS, TEACHER_ACTS

# --------------------------------------------------------------------------------------
# language.detect_language
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English, empty, punctuation only
        ("Can anyone tell me why the ice melted?", "en"),
        ("OK.", "en"),
        ("", "en"),
        ("   ", "en"),
        ("...?!", "en"),
        ("？！。", "en"),
        ("12 + 5 = 17", "en"),
        # Cantonese (written forms), either script
        ("點解佢哋冇嚟？", "yue"),
        ("你哋做完未呀？", "yue"),
        ("呢個答案係咪啱？", "yue"),
        ("佢講咗啲乜嘢？", "yue"),
        ("而家我哋一齊睇下呢題", "yue"),
        ("邊個知道答案？", "yue"),
        ("点解你唔做功课？", "yue"),
        ("係呀，好叻！", "yue"),
        # Traditional written Chinese (Standard Chinese, not Cantonese)
        ("為甚麼這個答案是對的？", "zh-Hant"),
        ("同學們，請打開課本第十頁。", "zh-Hant"),
        ("他們的關係很好。", "zh-Hant"),
        ("我們來討論一下這個問題", "zh-Hant"),
        ("以後再說", "zh-Hant"),
        # Simplified
        ("为什么这个答案是对的？", "zh-Hans"),
        ("同学们，请打开课本第十页。", "zh-Hans"),
        ("那好那第一个方程说完了，那你说一下，第二个。", "zh-Hans"),
        ("AC的平方等于多少", "zh-Hans"),
        ("我们来讨论一下这个问题", "zh-Hans"),
        # Hong Kong code-mixing
        ("我哋今日講 photosynthesis", "mixed"),
        ("呢個 function 嘅 domain 係乜嘢？", "mixed"),
        ("Today we learn 光合作用 photosynthesis", "mixed"),
        ("这个function的domain是什么", "mixed"),
        # letters that are not English words do not make a text mixed
        ("好，我們來看 PPT", "zh-Hant"),
        ("三角形ABC的面積", "zh-Hant"),
        # one stray character in English text
        ("Use the 的 particle here", "en"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_detect_language_returns_contract_values() -> None:
    allowed = {"en", "yue", "zh-Hant", "zh-Hans", "mixed"}
    for text in ["", "a", "你", "嘅", "們", "们", "hello 你好 world", "\u3000", "😀", "ＡＢＣ"]:
        assert detect_language(text) in allowed


def test_to_simplified() -> None:
    assert to_simplified("為甚麼這個答案是對的？") == "为什么这个答案是对的？"
    assert to_simplified("我們看著黑板，著名的學者") == "我们看着黑板，著名的学者"
    assert to_simplified("already simplified 这个") == "already simplified 这个"
    # every table entry maps one character to one different character
    assert all(len(t) == len(s) == 1 and t != s for t, s in language.TRAD_TO_SIMP.items())


# --------------------------------------------------------------------------------------
# zh_cues
# --------------------------------------------------------------------------------------


def test_cue_lists_are_exported_with_the_expected_types() -> None:
    for name in (
        "QUESTION_PARTICLES",
        "QUESTION_WORDS",
        "QUESTION_MARKERS",
        "OPEN_QUESTION_CUES",
        "CLOSED_QUESTION_CUES",
        "PRAISE",
        "EVALUATIVE",
        "ACKNOWLEDGEMENTS",
    ):
        value = getattr(zh_cues, name)
        assert isinstance(value, tuple) and value, name
        assert all(isinstance(x, str) and x for x in value), name
    assert isinstance(zh_cues.FINAL_PARTICLES, frozenset)
    for name in (
        "QUESTION_RE",
        "OPEN_QUESTION_RE",
        "CLOSED_QUESTION_RE",
        "PRAISE_RE",
        "EVALUATIVE_RE",
    ):
        assert isinstance(getattr(zh_cues, name), re.Pattern), name
    assert set(zh_cues.BLOOM_CUES) == set(BLOOM_LEVELS)
    assert set(zh_cues.BLOOM_RE) == set(BLOOM_LEVELS)
    assert zh_cues.BLOOM_ORDER == BLOOM_LEVELS


def test_every_tuple_cue_is_matched_by_its_pattern() -> None:
    pairs = [
        (zh_cues.QUESTION_WORDS + zh_cues.QUESTION_PARTICLES, zh_cues.QUESTION_RE),
        (zh_cues.OPEN_QUESTION_CUES, zh_cues.OPEN_QUESTION_RE),
        (zh_cues.CLOSED_QUESTION_CUES, zh_cues.CLOSED_QUESTION_RE),
        (zh_cues.PRAISE, zh_cues.PRAISE_RE),
        (zh_cues.EVALUATIVE, zh_cues.EVALUATIVE_RE),
    ]
    for cues, pattern in pairs:
        for cue in cues:
            assert pattern.search(cue), cue
    for level, cues in zh_cues.BLOOM_CUES.items():
        for cue in cues:
            assert zh_cues.BLOOM_RE[level].search(cue), (level, cue)


@pytest.mark.parametrize(
    ("text", "is_question", "qtype"),
    [
        ("你明白嗎？", True, "closed"),
        ("你明白吗", True, "closed"),
        ("點解會咁？", True, "open"),
        ("为什么植物需要阳光", True, "open"),
        ("你覺得邊個方法好啲", True, "open"),
        ("那这个呢", True, "closed"),
        ("你做完未", True, "closed"),
        ("係咪呀", True, "closed"),
        ("3加5等於幾多", True, "closed"),
        ("是不是这样", True, "closed"),
        ("明唔明白", True, "closed"),
        ("好，我們看下一題。", False, None),
        ("然后呢，我们看第二段。", False, None),
        ("呢個係三角形。", False, None),
        ("这么简单。", False, None),
    ],
)
def test_question_cues(text: str, is_question: bool, qtype: str | None) -> None:
    assert zh_cues.is_question(text) is is_question
    assert zh_cues.question_type(text) == qtype


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("光合作用是甚麼？", "remember"),
        ("你可以解釋一下嗎？", "understand"),
        ("算一算面积是多少", "apply"),
        ("比較兩個方法有甚麼分別", "analyse"),
        ("你認為作者的做法好不好？", "evaluate"),
        ("设计一个实验来证明", "create"),
    ],
)
def test_bloom_cues(text: str, level: str) -> None:
    assert zh_cues.bloom_level(text) == level


@pytest.mark.parametrize(
    ("text", "praise", "evaluative"),
    [
        ("很好！", True, False),
        ("好！", True, False),
        ("對。", True, False),
        ("叻仔！", True, False),
        ("做得好好！", True, False),
        ("答對了，非常好", True, False),
        ("不錯", True, False),
        ("好，我們看下一題", False, False),
        ("好好学习", False, False),
        ("錯了，再想想", False, True),
        ("唔啱，再諗下", False, True),
        ("不是，差一點", False, True),
        ("是不是这样？", False, False),
    ],
)
def test_feedback_cues(text: str, praise: bool, evaluative: bool) -> None:
    assert zh_cues.is_praise(text) is praise
    assert zh_cues.is_evaluative(text) is evaluative


# --------------------------------------------------------------------------------------
# dialogid
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("比如说这里有三个苹果", "example-giving"),
        ("比如說這裏有三個蘋果", "example-giving"),
        ("那我们来总结一下这节课学了什么", "summarization"),
        ("那我們來總結一下這節課學了甚麼", "summarization"),
        ("大家把这个公式记到笔记本上", "note-taking"),
        ("大家把這個公式記到筆記本上", "note-taking"),
        ("同学们好，大家能听到老师的声音吗？", "greeting"),
        ("同學們好，大家能聽到老師的聲音嗎？", "greeting"),
        ("非常好，答得很好", "commending"),
        ("非常好，答得很好！", "commending"),
        ("我们来回顾一下上节课的内容", "reviewing"),
        ("我們來回顧一下上節課的內容", "reviewing"),
    ],
)
def test_teacher_act_on_clear_cases(text: str, expected: str) -> None:
    assert dialogid.teacher_act(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "那好那第一个方程说完了，那你说一下，第二个。",
        "為甚麼這個答案是對的？",
        "點解佢哋冇嚟？你哋睇下呢題。",
        "我哋今日講 photosynthesis",
        "Hello everyone",
        "",
        "   ",
        "？",
        "好" * 500,
    ],
)
def test_teacher_act_always_returns_a_label(text: str) -> None:
    assert dialogid.teacher_act(text) in TEACHER_ACTS


def test_traditional_and_cantonese_input_is_normalised_to_simplified_mandarin() -> None:
    assert dialogid.normalise("為甚麼這個答案是對的？") == "为什么这个答案是对的？"
    assert dialogid.normalise("點解佢哋冇嚟？") == "为什么他们没有来？"
    assert dialogid.normalise("你哋做得好好! ") == "你们做得很好！"
    assert dialogid.normalise("他們的關係") == "他们的关系"
    trad, simp = "同學們，我們來總結一下", "同学们，我们来总结一下"
    assert dialogid.features(trad) == dialogid.features(simp)
    assert dialogid.teacher_act(trad) == dialogid.teacher_act(simp)


def test_scores_cover_every_label() -> None:
    s = dialogid.scores("我们来总结一下")
    assert set(s) == set(TEACHER_ACTS)
    assert max(s, key=s.__getitem__) == dialogid.teacher_act("我们来总结一下")


def test_model_is_loaded_once() -> None:
    dialogid.load_model.cache_clear()
    dialogid.teacher_act("比如说")
    dialogid.teacher_act("我们总结一下")
    first = dialogid.load_model()
    assert dialogid.load_model() is first
    info = dialogid.load_model.cache_info()
    assert info.misses == 1 and info.hits >= 2


def test_model_file_is_small_and_self_describing() -> None:
    path = dialogid.MODEL_PATH
    assert path.stat().st_size < 3_000_000
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        raw = json.load(fh)
    assert raw["format"] == dialogid.MODEL_FORMAT
    assert set(raw["labels"]) == set(TEACHER_ACTS)
    assert "MIT" in raw["training_data"]
    cv = raw["cross_validation"]
    assert cv["folds"] >= 5 and cv["macro_f1"] >= 0.85
    assert set(cv["labels"]) == set(TEACHER_ACTS)


def test_bad_model_file_is_rejected(tmp_path) -> None:
    bad = tmp_path / "bad.json.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as fh:
        json.dump({"format": "something-else"}, fh)
    with pytest.raises(ValueError):
        dialogid.load_model(bad)
