"""Teacher feedback on the student turn just before: praise / evaluative / uptake / none, and an
uptake score in [0, 1].

Uptake (Demszky et al. 2021, "Measuring Conversational Uptake") is how much the teacher's reply
builds on what the student said: repeating or reformulating the student's words, asking a
follow-up question about them, or pressing on the student's idea. The score here is a linear
model of the raters' mean uptake rating (0-2) over hand-made lexical features (overlap of stemmed
words, longest repeated phrase, follow-up question, "you said" references, praise-only or
off-task replies), squashed to [0, 1] by a logistic function (0.5 = a predicted rating of 1).
Its weights were fitted (ridge regression) on the NCTE conversational uptake data (Demszky et al.
2021, MIT licence; see NOTICE) by ``benches/quality_english.py --fit``, which also reports the
5-fold cross-validated Spearman correlation (folds by transcript): 0.54 on the dev split.

Chinese turns are compared character by character (particles left out) with the same weights,
and praise / evaluation cues come from ``zh_cues`` when present; that score is uncalibrated.

Pure Python, stdlib only.
"""

from __future__ import annotations

import math
import re

from lessons.analysis import questions
from lessons.analysis.questions import english_form, normalise, tokens
from lessons.analysis.talkmoves import FILLERS, FUNCTION, MATH_WORDS, NUMBER_WORDS, stem
from lessons.analysis.types import Utterance

__all__ = ["FEATURES", "WEIGHTS", "feedback", "features", "uptake_score"]

_PRAISE_RE = re.compile(
    r"\b(?:good (?:job|work|thinking|thought|idea|answer|point|question|explanation|catch|try|eye)|"
    r"great (?:job|work|thinking|idea|answer|point|question|explanation)?|excellent|awesome|"
    r"nice (?:job|work|thinking|try)?|well done|perfect|fantastic|wonderful|brilliant|beautiful|"
    r"amazing|super|outstanding|superb|terrific|i like (?:how|that|the way|your)|i love (?:how|that|the way|your)|"
    r"good for you|way to go|thank you for|very good|good|great)\b"
)
_EVAL_RE = re.compile(
    r"\b(?:correct|incorrect|right|wrong|yes|yeah|yep|no|nope|not quite|exactly|that's it|true|false|"
    r"close|almost|not really|uh-uh|uh huh|mm-hmm|mhm|okay|ok|alright|sure)\b"
)
_YOU_SAID_RE = re.compile(
    r"\b(?:you said|you say|you're saying|you are saying|you mean|you meant|you got|you did|you used|you have|"
    r"you think|your (?:answer|idea|thinking|way|strategy|number)|so you|he said|she said|\w+ said|"
    r"what do you mean|tell me more|say more|how did you|why did you|how do you know|why do you think)\b"
)
_OFFTASK_RE = re.compile(
    r"\b(?:restroom|bathroom|shh|sh|clip|sit down|quiet|stop|permission|behave|lunch|recess|water|"
    r"line up|pencil|calm down|hands to yourself|not now|excuse me|listen|eyes)\b"
)
_NEW_TOPIC_RE = re.compile(
    r"\b(?:next|let's (?:move|go|look|skip|do)|number \d+|moving on|now let's|okay,? now)\b"
)

#: Feature names, in the order of ``features()``.
FEATURES = (
    "coverage",  # share of the student's content words that the teacher repeats
    "share",  # share of the teacher's words that come from the student
    "shared_log",  # log(1 + number of shared content words)
    "phrase_log",  # log(1 + longest run of tokens repeated from the student)
    "question",  # the teacher's reply asks a question
    "question_overlap",  # asks a question that reuses the student's words
    "you_said",  # refers to the student's contribution ("you said", "how did you")
    "praise_only",  # a short reply made only of praise / acknowledgement
    "eval_start",  # starts with an evaluation ("Good.", "No.", "Right.")
    "offtask",  # management / behaviour talk
    "new_topic",  # moves on ("Next one", "Let's look at number 4")
    "teacher_len_log",  # log(1 + teacher tokens)
    "student_len_log",  # log(1 + student tokens)
    "math_teacher",  # the reply talks about maths
    "student_question",  # the student asked a question
)

#: Logistic-model weights (intercept first, then one per feature). Fitted by
#: ``python benches/quality_english.py --fit`` on the NCTE uptake data (MIT).
WEIGHTS: tuple[float, ...] = (
    -1.21966,  # intercept
    0.39628,  # coverage
    0.19326,  # share
    0.5866,  # shared_log
    0.30396,  # phrase_log
    0.48199,  # question
    0.07493,  # question_overlap
    0.30804,  # you_said
    0.20702,  # praise_only
    0.29362,  # eval_start
    -0.14818,  # offtask
    -0.277,  # new_topic
    0.1771,  # teacher_len_log
    0.0713,  # student_len_log
    0.20812,  # math_teacher
    0.05539,  # student_question
)


def _content_stems(words: list[str]) -> list[str]:
    return [stem(w) for w in words if w not in FILLERS and w not in FUNCTION]


def _longest_common_run(a: list[str], b: list[str]) -> int:
    """Length of the longest contiguous token sequence shared by ``a`` and ``b``."""
    if not a or not b:
        return 0
    where: dict[str, list[int]] = {}
    for j, y in enumerate(b):
        where.setdefault(y, []).append(j)
    best = 0
    prev: dict[int, int] = {}
    for x in a:
        cur: dict[int, int] = {}
        for j in where.get(x, ()):
            v = prev.get(j - 1, 0) + 1
            cur[j] = v
            if v > best:
                best = v
        prev = cur
    return best


_CJK_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Particles and function characters left out of Chinese overlap.
_CJK_STOP = frozenset(
    "的了嗎吗呢啊呀吖喇啦囉咯嘅咗係是在我你他她佢們们哋這这那個个一不唔有和就都也又"
)


def _units(text: str, limit: int) -> list[str]:
    """English word tokens, plus single CJK characters for Chinese text."""
    words = tokens(text)
    if _CJK_RE.search(text):
        words = words + [c for c in _CJK_RE.findall(text) if c not in _CJK_STOP]
    return words[:limit]


def _zh_list(names: tuple[str, ...], fallback: tuple[str, ...]) -> tuple[str, ...]:
    try:
        from lessons.analysis import zh_cues
    except ImportError:
        return fallback
    out = list(fallback)
    for name in names:
        v = getattr(zh_cues, name, None)
        if isinstance(v, (list, tuple, set, frozenset)):
            out.extend(str(x) for x in v if isinstance(x, str) and x)
    return tuple(dict.fromkeys(out))


_ZH_PRAISE = _zh_list(
    ("PRAISE", "PRAISE_WORDS", "PRAISE_CUES"),
    (
        "很好",
        "好好",
        "非常好",
        "做得好",
        "真好",
        "叻",
        "棒",
        "好嘢",
        "厲害",
        "厉害",
        "讚",
        "赞",
        "不錯",
        "不错",
        "好極",
        "好极",
    ),
)
_ZH_EVAL = (
    "對",
    "对",
    "啱",
    "錯",
    "错",
    "正確",
    "正确",
    "唔係",
    "不是",
    "係",
    "是的",
    "冇錯",
    "没错",
    "沒錯",
)


def _zh_question(text: str) -> bool:
    return questions.classify_question([Utterance("", "teacher", text)], 0, "zh-Hant").is_question


def features(student_text: str, teacher_text: str) -> list[float]:
    """Feature vector (see ``FEATURES``) for a student turn and the teacher's reply."""
    s_words = _units(student_text, 80)
    t_words = _units(teacher_text, 120)
    t_low = normalise(teacher_text)
    s_content = _content_stems(s_words)
    t_stems = [stem(w) for w in t_words]
    t_set = set(t_stems)
    s_set = {stem(w) for w in s_words}
    coverage = (sum(1 for w in s_content if w in t_set) / len(s_content)) if s_content else 0.0
    share = (sum(1 for w in t_stems if w in s_set) / len(t_stems)) if t_stems else 0.0
    shared = len(set(s_content) & t_set)
    run = _longest_common_run([stem(w) for w in s_words], t_stems)
    zh = bool(_CJK_RE.search(teacher_text))
    is_q = (
        1.0
        if english_form(teacher_text).is_question or (zh and _zh_question(teacher_text))
        else 0.0
    )
    content_t = [w for w in t_words if w not in FILLERS]
    praise_only = (
        1.0
        if t_words and len(content_t) <= 2 and (_PRAISE_RE.search(t_low) or _EVAL_RE.search(t_low))
        else 0.0
    )
    first = " ".join(t_words[:3])
    eval_start = 1.0 if t_words and (_PRAISE_RE.match(first) or _EVAL_RE.match(first)) else 0.0
    if zh:
        head = teacher_text.strip()[:4]
        if any(c in head for c in _ZH_PRAISE + _ZH_EVAL):
            eval_start = 1.0
            if len(t_words) <= 4:
                praise_only = 1.0
    math_t = (
        1.0 if any(w[0].isdigit() or w in MATH_WORDS or w in NUMBER_WORDS for w in t_words) else 0.0
    )
    s_q = 1.0 if english_form(student_text).is_question else 0.0
    if not s_q and _CJK_RE.search(student_text) and _zh_question(student_text):
        s_q = 1.0
    return [
        coverage,
        share,
        math.log1p(shared),
        math.log1p(run),
        is_q,
        is_q * min(1.0, coverage * 2),
        1.0 if _YOU_SAID_RE.search(t_low) else 0.0,
        praise_only,
        eval_start,
        1.0 if _OFFTASK_RE.search(t_low) else 0.0,
        1.0 if _NEW_TOPIC_RE.search(t_low) else 0.0,
        math.log1p(len(t_words)),
        math.log1p(len(s_words)),
        math_t,
        s_q,
    ]


def uptake_score(
    student_text: str, teacher_text: str, weights: tuple[float, ...] | None = None
) -> float:
    """Uptake of ``student_text`` by ``teacher_text`` in [0, 1]."""
    w = WEIGHTS if weights is None else weights
    x = features(student_text, teacher_text)
    z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], x, strict=True))
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _student_turn(lesson: list[Utterance], j: int) -> str:
    """The student's turn ending at ``j`` (up to three sentences by the same speaker)."""
    u = lesson[j]
    parts = [u.text or ""]
    k = j - 1
    while k >= 0 and k > j - 3 and lesson[k].is_student and lesson[k].speaker == u.speaker:
        parts.insert(0, lesson[k].text or "")
        k -= 1
    return " ".join(parts)


def _teacher_turn(lesson: list[Utterance], i: int) -> str:
    """The teacher's turn starting at ``i`` (up to four sentences by the same speaker)."""
    u = lesson[i]
    parts = [u.text or ""]
    k = i + 1
    while (
        k < len(lesson)
        and k < i + 4
        and lesson[k].role == "teacher"
        and lesson[k].speaker == u.speaker
    ):
        parts.append(lesson[k].text or "")
        k += 1
    return " ".join(parts)


#: uptake at or above this makes the feedback label "uptake".
UPTAKE_THRESHOLD = 0.7


def feedback(lesson: list[Utterance], i: int) -> tuple[str, float] | None:
    """(label, uptake) for a teacher turn that directly follows a student turn, else None.

    The label is ``uptake`` when the teacher builds on the student's words (score at or above
    ``UPTAKE_THRESHOLD``), else ``praise`` for praise ("Good job", "Excellent"), ``evaluative``
    for a bare judgement ("Right.", "No.", "Not quite"), else ``none``.
    """
    if not 0 < i < len(lesson):
        return None
    u = lesson[i]
    prev = lesson[i - 1]
    if u.role != "teacher" or not prev.is_student:
        return None
    student_text = _student_turn(lesson, i - 1)
    teacher_text = _teacher_turn(lesson, i)
    if not _units(teacher_text, 1):
        return ("none", 0.0)
    score = round(uptake_score(student_text, teacher_text), 4)
    if score >= UPTAKE_THRESHOLD:
        return ("uptake", score)
    text = u.text or ""
    low = normalise(text)
    if _PRAISE_RE.search(low) or any(c in text for c in _ZH_PRAISE):
        return ("praise", score)
    if _EVAL_RE.search(" ".join(tokens(low)[:4])) or any(c in text.strip()[:4] for c in _ZH_EVAL):
        return ("evaluative", score)
    return ("none", score)
