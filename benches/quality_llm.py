"""Quality of the LLM coding mode, on the same data and scores as the rule-based engine.

Runs only when an OpenAI-compatible chat endpoint is configured (OPENAI_BASE_URL, OPENAI_MODEL,
OPENAI_API_KEY); otherwise it says so and exits. Set LLM_BENCH_LESSONS to change how many TalkMoves
lessons are sent (default 10: they cost tokens).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benches"))

from lessons.analysis.llm import LLMConfig, code_lesson  # noqa: E402
from lessons.analysis.types import LOWER_ORDER, STUDENT_MOVES, TEACHER_MOVES, Utterance  # noqa: E402


def main() -> None:
    config = LLMConfig.from_env()
    if config is None:
        print("LLM coding mode: skipped (set OPENAI_BASE_URL and OPENAI_MODEL to measure it)")
        return
    import json

    import quality_english as q

    lessons = q.load_talkmoves(sample=int(os.environ.get("LLM_BENCH_LESSONS", "10")))
    tg, tp, sg, sp = [], [], [], []
    for rows in lessons.values():
        lesson = q.lesson_of(rows)
        codes = code_lesson(lesson, config)
        for row, code in zip(rows, codes, strict=True):
            if row["speaker_role"] == "teacher" and row.get("teacher_move"):
                tg.append(row["teacher_move"])
                tp.append(code.teacher_move)
            elif row["speaker_role"] == "student" and row.get("student_move"):
                sg.append(row["student_move"])
                sp.append(code.student_move)
    rows = [
        json.loads(x) for x in (q.DATA / "questions" / "dev.jsonl").read_text().splitlines() if x
    ]
    qg, qp, og, op = [], [], [], []
    for r in rows:
        lesson = [Utterance("", "other", t) for t in r.get("context_before") or []] + [
            Utterance("T", "teacher", r["text"])
        ]
        code = code_lesson(lesson, config)[-1]
        qg.append(r["question_type"])
        qp.append(code.question_type or "closed")
        if r.get("order"):
            og.append(r["order"])
            op.append("lower" if (code.cognitive_level or "remember") in LOWER_ORDER else "higher")
    print(f"LLM coding mode with {config.model} at {config.base_url}")
    for title, gold, pred, labels in (
        ("teacher moves", tg, tp, TEACHER_MOVES),
        ("student moves", sg, sp, STUDENT_MOVES),
        ("question type", qg, qp, ("open", "closed")),
        ("lower/higher order", og, op, ("lower", "higher")),
    ):
        result = q.prf(gold, pred, labels)
        print(f"  {title}: macro-F1 {result['macro_f1']:.3f} (n={len(gold)})")


if __name__ == "__main__":
    main()
