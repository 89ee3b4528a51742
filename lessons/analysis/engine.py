"""Code every utterance of a lesson and compute its metrics.

The classifier modules (``language``, ``questions``, ``talkmoves``, ``uptake``, ``dialogid``) are
looked up on first use. A module that is not there yet leaves its labels at their defaults
("none" moves, no feedback, no dialogue act), and the summary says which classifiers ran.
"""

from __future__ import annotations

import functools
import importlib
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from types import ModuleType
from typing import Any

from lessons.analysis import metrics
from lessons.analysis.types import (
    BLOOM_LEVELS,
    FEEDBACK,
    QUESTION_TYPES,
    STUDENT_MOVES,
    TEACHER_ACTS,
    TEACHER_MOVES,
    CodedUtterance,
    QuestionCodes,
    Utterance,
)

ROLES = ("teacher", "student", "students", "other")
LANGUAGES = ("en", "yue", "zh-Hant", "zh-Hans", "mixed")
CHINESE = frozenset({"yue", "zh-Hant", "zh-Hans"})
CORE_FIELDS = ("speaker", "role", "start", "end", "text")
_CORE = frozenset(CORE_FIELDS)
#: The fields the engine adds to every row.
CODE_FIELDS = (
    "language",
    "is_question",
    "question_type",
    "cognitive_level",
    "teacher_move",
    "student_move",
    "feedback",
    "uptake",
    "teacher_act",
)

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z]{2,}")
_CANTONESE = re.compile("[嘅哋咗喺唔冇啲佢嚟乜嘢咁睇噉俾畀咪咩囉喇]")
_SIMPLIFIED = re.compile("[这们说么为个来时会对发现习题还学问吗]")

Lesson = list[Utterance]


@dataclass(frozen=True)
class Classifiers:
    """The classifier functions the engine calls; None where the module is not available."""

    detect_language: Callable[[str], str] | None = None
    classify_question: Callable[[Lesson, int, str], QuestionCodes] | None = None
    teacher_move: Callable[[Lesson, int], str] | None = None
    student_move: Callable[[Lesson, int], str] | None = None
    feedback: Callable[[Lesson, int], tuple[str, float] | None] | None = None
    teacher_act: Callable[[str], str] | None = None

    def available(self) -> dict[str, bool]:
        return {f.name: getattr(self, f.name) is not None for f in fields(self)}


def _optional_module(name: str) -> ModuleType | None:
    qualified = f"lessons.analysis.{name}"
    try:
        return importlib.import_module(qualified)
    except ModuleNotFoundError as exc:
        if exc.name != qualified:  # the module is there but something it imports is not
            raise
        return None


@functools.cache
def load_classifiers() -> Classifiers:
    """Import the classifier modules that exist (once per process)."""

    def function(module: str, name: str) -> Any:
        found = _optional_module(module)
        return getattr(found, name, None) if found is not None else None

    return Classifiers(
        detect_language=function("language", "detect_language"),
        classify_question=function("questions", "classify_question"),
        teacher_move=function("talkmoves", "teacher_move"),
        student_move=function("talkmoves", "student_move"),
        feedback=function("uptake", "feedback"),
        teacher_act=function("dialogid", "teacher_act"),
    )


def script_language(text: str) -> str:
    """Fallback language by script alone, used until ``language.detect_language`` exists."""
    if not _CJK.search(text):
        return "en"
    if _LATIN.search(text):
        return "mixed"
    if _CANTONESE.search(text):
        return "yue"
    if _SIMPLIFIED.search(text):
        return "zh-Hans"
    return "zh-Hant"


def _fallback_question(text: str) -> QuestionCodes:
    stripped = text.rstrip()
    return QuestionCodes(is_question=stripped.endswith(("?", "？")))


def _check(value: Any, allowed: Sequence[Any], what: str, i: int) -> None:
    if value not in allowed:
        raise ValueError(
            f"{what} returned {value!r} for utterance {i}; expected one of {list(allowed)}"
        )


def code_lesson(
    lesson: Sequence[Utterance], classifiers: Classifiers | None = None
) -> list[CodedUtterance]:
    """Code every utterance with the available classifiers."""
    c = classifiers if classifiers is not None else load_classifiers()
    lesson = list(lesson)
    detect = c.detect_language or script_language
    cache: dict[str, str] = {}
    coded: list[CodedUtterance] = []
    for i, u in enumerate(lesson):
        language = cache.get(u.text)
        if language is None:
            language = cache[u.text] = detect(u.text)
            _check(language, LANGUAGES, "detect_language", i)
        q = (
            c.classify_question(lesson, i, language)
            if c.classify_question is not None
            else _fallback_question(u.text)
        )
        if q.is_question:
            _check(q.question_type, (*QUESTION_TYPES, None), "classify_question type", i)
            _check(q.cognitive_level, (*BLOOM_LEVELS, None), "classify_question level", i)
        teacher_move = student_move = "none"
        feedback: str | None = None
        uptake: float | None = None
        act: str | None = None
        if u.role == "teacher":
            if c.teacher_move is not None:
                teacher_move = c.teacher_move(lesson, i)
                _check(teacher_move, TEACHER_MOVES, "teacher_move", i)
            if c.feedback is not None and i > 0 and lesson[i - 1].is_student:
                result = c.feedback(lesson, i)
                if result is not None:
                    feedback, uptake = result[0], float(result[1])
                    _check(feedback, FEEDBACK, "feedback", i)
            if c.teacher_act is not None and (
                language in CHINESE or (language == "mixed" and _CJK.search(u.text))
            ):
                act = c.teacher_act(u.text)
                _check(act, TEACHER_ACTS, "teacher_act", i)
        elif u.is_student and c.student_move is not None:
            student_move = c.student_move(lesson, i)
            _check(student_move, STUDENT_MOVES, "student_move", i)
        coded.append(
            CodedUtterance(
                utterance=u,
                language=language,
                is_question=bool(q.is_question),
                question_type=q.question_type if q.is_question else None,
                cognitive_level=q.cognitive_level if q.is_question else None,
                teacher_move=teacher_move,
                student_move=student_move,
                feedback=feedback,
                uptake=uptake,
                teacher_act=act,
            )
        )
    return coded


def analyse(
    lesson: Sequence[Utterance],
    *,
    classifiers: Classifiers | None = None,
    class_size: int | None = None,
) -> tuple[list[CodedUtterance], dict[str, Any]]:
    """Code one lesson and compute its metrics (``metrics.lesson_metrics`` plus which
    classifiers ran, under ``"classifiers"``)."""
    c = classifiers if classifiers is not None else load_classifiers()
    coded = code_lesson(lesson, c)
    summary = metrics.lesson_metrics(coded, class_size=class_size)
    summary["classifiers"] = c.available()
    return coded, summary


def codes(coded: CodedUtterance) -> dict[str, Any]:
    """The code fields added to an output row."""
    return {
        "language": coded.language,
        "is_question": coded.is_question,
        "question_type": coded.question_type,
        "cognitive_level": coded.cognitive_level,
        "teacher_move": coded.teacher_move,
        "student_move": coded.student_move,
        "feedback": coded.feedback,
        "uptake": coded.uptake,
        "teacher_act": coded.teacher_act,
    }


def _time(value: Any, key: str, line: int) -> float | None:
    if value is None:
        return None
    if type(value) is float or type(value) is int:
        if value >= 0 and math.isfinite(value):
            return float(value)
        problem = f"must be a finite number of seconds ≥ 0, not {value!r}"
    else:
        problem = f"must be a number of seconds or null, not {value!r}"
    raise ValueError(f"line {line}: '{key}' {problem}")


def utterance_from_row(row: Any, line: int) -> Utterance:
    """Validate one input row and build its ``Utterance``; ValueError names the line."""
    if not isinstance(row, dict):
        raise ValueError(f"line {line}: expected a JSON object, not {type(row).__name__}")
    text = row.get("text")
    if type(text) is not str:
        problem = "missing 'text'" if text is None else f"'text' must be a string, not {text!r}"
        raise ValueError(f"line {line}: {problem}")
    role = row.get("role")
    if role not in ROLES:
        raise ValueError(f"line {line}: unknown role {role!r}; expected one of {', '.join(ROLES)}")
    speaker = row.get("speaker")
    if speaker is None:
        speaker = ""
    elif type(speaker) is int:
        speaker = str(speaker)
    elif type(speaker) is not str:
        raise ValueError(f"line {line}: 'speaker' must be a string, not {speaker!r}")
    start = _time(row.get("start"), "start", line)
    end = _time(row.get("end"), "end", line)
    if start is not None and end is not None and start > end:
        raise ValueError(f"line {line}: start {start:g} is after end {end:g}")
    extra = {k: v for k, v in row.items() if k not in _CORE}
    return Utterance(speaker, role, text, start, end, extra)


def analyse_rows(
    rows: Sequence[Mapping[str, Any]],
    *,
    first_line: int = 1,
    classifiers: Classifiers | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Analyse one lesson given as JSON-lines dicts: every row comes back, in order, with its
    fields unchanged and the codes added. A bad row raises ValueError naming its line
    (``first_line`` is the line number of ``rows[0]``)."""
    lesson = [utterance_from_row(row, first_line + i) for i, row in enumerate(rows)]
    coded, summary = analyse(lesson, classifiers=classifiers)
    return [{**row, **codes(c)} for row, c in zip(rows, coded, strict=True)], summary
