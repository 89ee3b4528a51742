"""LLM coding mode: an OpenAI-compatible chat model labels the utterances instead of the rules.

Switched on only when a chat endpoint is configured (``OPENAI_BASE_URL`` / ``OPENAI_MODEL``); the
rule-based engine stays the default and the fallback. The same quality bench measures both.
Pure Python apart from the ``openai`` client; no Django import.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lessons.analysis.types import (
    BLOOM_LEVELS,
    QUESTION_TYPES,
    STUDENT_MOVES,
    TEACHER_MOVES,
    Utterance,
)

BATCH = 40
CONTEXT = 3

SYSTEM = (
    "You code classroom talk. For every numbered target utterance return one JSON object with the keys "
    "index, is_question (true/false), question_type (open, closed or null), cognitive_level (remember, "
    "understand, apply, analyse, evaluate, create or null; null when not a question), teacher_move (one of "
    f"{', '.join(TEACHER_MOVES)}; 'none' for student turns) and student_move (one of {', '.join(STUDENT_MOVES)}; "
    "'none' for teacher turns). Talk moves follow the TalkMoves scheme (Suresh et al. 2022). "
    'Answer with {"codes": [...]} only.'
)


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str
    api_key: str = ""

    @classmethod
    def from_env(cls) -> LLMConfig | None:
        base, model = os.environ.get("OPENAI_BASE_URL", ""), os.environ.get("OPENAI_MODEL", "")
        if not base or not model:
            return None
        return cls(base, model, os.environ.get("OPENAI_API_KEY", ""))


@dataclass(frozen=True)
class LLMCodes:
    is_question: bool
    question_type: str | None
    cognitive_level: str | None
    teacher_move: str
    student_move: str


def _prompt(lesson: Sequence[Utterance], start: int, stop: int) -> str:
    lines = []
    for i in range(max(0, start - CONTEXT), stop):
        u = lesson[i]
        mark = f"[{i}]" if i >= start else "(context)"
        lines.append(f"{mark} {u.role} {u.speaker}: {u.text}")
    return "\n".join(lines)


def _clean(raw: dict[str, Any], utterance: Utterance) -> LLMCodes:
    is_question = bool(raw.get("is_question"))
    qtype = raw.get("question_type") if raw.get("question_type") in QUESTION_TYPES else None
    level = raw.get("cognitive_level") if raw.get("cognitive_level") in BLOOM_LEVELS else None
    tmove = str(raw["teacher_move"]) if raw.get("teacher_move") in TEACHER_MOVES else "none"
    smove = str(raw["student_move"]) if raw.get("student_move") in STUDENT_MOVES else "none"
    if not is_question:
        qtype = level = None
    if utterance.is_teacher:
        smove = "none"
    else:
        tmove = "none"
    return LLMCodes(is_question, qtype, level, tmove, smove)


def code_lesson(
    lesson: Sequence[Utterance], config: LLMConfig, *, client: Any = None
) -> list[LLMCodes]:
    """Codes for every utterance, in order. Utterances the model skips or mislabels get the
    neutral codes (not a question, no move), never an invented label."""
    if client is None:
        import openai

        client = openai.OpenAI(
            base_url=config.base_url, api_key=config.api_key or "unused", timeout=120
        )
    out: list[LLMCodes | None] = [None] * len(lesson)
    for start in range(0, len(lesson), BATCH):
        stop = min(len(lesson), start + BATCH)
        response = client.chat.completions.create(
            model=config.model,
            temperature=0,
            response_format={"type": "json_object"},
            messages=[
                {"role": "system", "content": SYSTEM},
                {"role": "user", "content": _prompt(lesson, start, stop)},
            ],
        )
        try:
            codes = json.loads(response.choices[0].message.content or "{}").get("codes", [])
        except (json.JSONDecodeError, AttributeError):
            codes = []
        for raw in codes if isinstance(codes, list) else []:
            if not isinstance(raw, dict):
                continue
            index = raw.get("index")
            if isinstance(index, int) and start <= index < stop:
                out[index] = _clean(raw, lesson[index])
    neutral = LLMCodes(False, None, None, "none", "none")
    return [c or neutral for c in out]
