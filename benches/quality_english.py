"""Quality of the English classifiers of the lesson-analysis engine, measured on ../shared/data.

* TalkMoves dev (Suresh et al. 2022, CC BY-NC-SA 4.0): teacher and student talk moves, macro-F1
  over all labels (targets 0.60 and 0.55). Measured only; nothing is trained on it.
* Questions dev (derived from TalkMoves, CC BY-NC-SA 4.0): open/closed macro-F1 (target 0.80) and
  lower/higher-order macro-F1 (target 0.75). Measured only.
* NCTE conversational uptake dev (Demszky et al. 2021, MIT): Spearman between the uptake score and
  the raters' mean (target 0.50), 5-fold cross-validated with folds by transcript: the logistic
  weights shipped in ``lessons/analysis/uptake.py`` are fitted on this data, so each fold is refitted
  here on the other four folds. ``--fit`` prints the weights fitted on all rows.

Usage: ``python benches/quality_english.py [--sample N] [--fit] [--json]``. ``run()`` returns a dict.
Pure Python (no scikit-learn / scipy / numpy).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

from lessons.analysis import questions, talkmoves, uptake  # noqa: E402
from lessons.analysis.evaluation import prf  # noqa: E402
from lessons.analysis.types import LOWER_ORDER, STUDENT_MOVES, TEACHER_MOVES, Utterance  # noqa: E402

TARGETS = {
    "teacher_move_macro_f1": 0.60,
    "student_move_macro_f1": 0.55,
    "question_type_macro_f1": 0.80,
    "order_macro_f1": 0.75,
    "uptake_spearman_cv": 0.50,
}

# --------------------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------------------


def _ranks(xs: list[float]) -> list[float]:
    order = sorted(range(len(xs)), key=xs.__getitem__)
    ranks = [0.0] * len(xs)
    k = 0
    while k < len(order):
        m = k
        while m + 1 < len(order) and xs[order[m + 1]] == xs[order[k]]:
            m += 1
        avg = (k + m) / 2 + 1
        for q in range(k, m + 1):
            ranks[order[q]] = avg
        k = m + 1
    return ranks


def pearson(a: list[float], b: list[float]) -> float:
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b, strict=True))
    va = sum((x - ma) ** 2 for x in a)
    vb = sum((y - mb) ** 2 for y in b)
    return cov / math.sqrt(va * vb) if va and vb else 0.0


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rho (average ranks for ties)."""
    return pearson(_ranks(a), _ranks(b))


# --------------------------------------------------------------------------------------
# TalkMoves
# --------------------------------------------------------------------------------------


def load_talkmoves(sample: int | None = None, seed: int = 0) -> dict[str, list[dict]]:
    """Rows of talkmoves/dev.jsonl.gz grouped by transcript, in utterance order."""
    by: dict[str, list[dict]] = defaultdict(list)
    with gzip.open(DATA / "talkmoves" / "dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            by[r["transcript_id"]].append(r)
    for rows in by.values():
        rows.sort(key=lambda r: r["utterance_index"])
    if sample:
        keys = sorted(by)
        random.Random(seed).shuffle(keys)
        by = defaultdict(list, {k: by[k] for k in keys[:sample]})
    return by


def _role(speaker_role: str | None) -> str:
    return speaker_role if speaker_role in ("teacher", "student") else "other"


def lesson_of(rows: list[dict]) -> list[Utterance]:
    return [
        Utterance(r.get("speaker_id") or "", _role(r.get("speaker_role")), r.get("text") or "")
        for r in rows
    ]  # type: ignore[arg-type]


def bench_talkmoves(by: dict[str, list[dict]]) -> dict:
    tg: list[str] = []
    tp: list[str] = []
    sg: list[str] = []
    sp: list[str] = []
    skipped = 0
    n_utt = 0
    t0 = time.perf_counter()
    for rows in by.values():
        lesson = lesson_of(rows)
        for i, r in enumerate(rows):
            n_utt += 1
            if r["speaker_role"] == "teacher":
                if r.get("teacher_move") is None:
                    skipped += 1
                    continue
                tg.append(r["teacher_move"])
                tp.append(talkmoves.teacher_move(lesson, i))
            elif r["speaker_role"] == "student":
                if r.get("student_move") is None:
                    skipped += 1
                    continue
                sg.append(r["student_move"])
                sp.append(talkmoves.student_move(lesson, i))
    dt = time.perf_counter() - t0
    return {
        "transcripts": len(by),
        "rows": n_utt,
        "skipped_unlabelled_rows": skipped,
        "teacher": prf(tg, tp, TEACHER_MOVES),
        "student": prf(sg, sp, STUDENT_MOVES),
        "ms_per_row": round(1000 * dt / max(1, n_utt), 4),
    }


# --------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------


def bench_questions(by: dict[str, list[dict]] | None = None) -> dict:
    """Open/closed and lower/higher order on questions/dev.jsonl. Roles of the two context
    utterances are taken from the TalkMoves transcript when it is loaded, else "other"."""
    rows = [
        json.loads(x)
        for x in (DATA / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        if x
    ]
    index: dict[tuple[str, int], dict] = {}
    if by:
        for tid, trs in by.items():
            for r in trs:
                index[(tid, r["utterance_index"])] = r
    qg, qp, og, op, bg, bp = [], [], [], [], [], []
    not_q = 0
    for r in rows:
        ctx = r.get("context_before") or []
        lesson = []
        for k, text in enumerate(ctx):
            src = index.get((r["transcript_id"], r["utterance_index"] - len(ctx) + k))
            role = _role(src["speaker_role"]) if src and src.get("text") == text else "other"
            lesson.append(Utterance(src["speaker_id"] if src else "", role, text))  # type: ignore[arg-type]
        lesson.append(Utterance("T", "teacher", r["text"]))
        codes = questions.classify_question(lesson, len(lesson) - 1, "en")
        if not codes.is_question:
            not_q += 1
        qg.append(r["question_type"])
        qp.append(codes.question_type or "closed")
        level = codes.cognitive_level or "remember"
        if r.get("order"):
            og.append(r["order"])
            op.append("lower" if level in LOWER_ORDER else "higher")
        if r.get("bloom"):
            bg.append(r["bloom"])
            bp.append(level)
    return {
        "n": len(rows),
        "detected_as_question": len(rows) - not_q,
        "question_type": prf(qg, qp, ("open", "closed")),
        "order": prf(og, op, ("lower", "higher")),
        "bloom": prf(bg, bp, ("remember", "understand", "apply", "analyse", "evaluate", "create")),
    }


# --------------------------------------------------------------------------------------
# Uptake: fit (pure-Python ridge regression on the rating mean) and cross-validation
# --------------------------------------------------------------------------------------

#: slope of the logistic squashing of the predicted rating (0..2) around its midpoint 1.0
_SQUASH = 3.0


def load_uptake() -> list[dict]:
    rows = [
        json.loads(x)
        for x in (DATA / "uptake" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        if x
    ]
    return [r for r in rows if r.get("uptake_mean") is not None]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gauss-Jordan elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[k]] for k, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        piv = m[c][c] or 1e-12
        for k in range(c, n + 1):
            m[c][k] /= piv
        for r in range(n):
            if r != c and m[r][c]:
                f = m[r][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[k][n] for k in range(n)]


def fit_weights(xs: list[list[float]], ys: list[float], lam: float = 1.0) -> tuple[float, ...]:
    """Ridge regression of the rating mean on standardised features, returned as raw-feature
    logistic weights: uptake = sigmoid(SQUASH * (prediction - 1))."""
    d = len(xs[0])
    n = len(xs)
    mu = [sum(x[j] for x in xs) / n for j in range(d)]
    sd = [math.sqrt(sum((x[j] - mu[j]) ** 2 for x in xs) / n) or 1.0 for j in range(d)]
    zs = [[1.0] + [(x[j] - mu[j]) / sd[j] for j in range(d)] for x in xs]
    a = [
        [sum(z[p] * z[q] for z in zs) + (lam if p == q and p > 0 else 0.0) for q in range(d + 1)]
        for p in range(d + 1)
    ]
    b = [sum(z[p] * y for z, y in zip(zs, ys, strict=True)) for p in range(d + 1)]
    w = _solve(a, b)
    raw = [w[j + 1] / sd[j] for j in range(d)]
    intercept = w[0] - sum(w[j + 1] * mu[j] / sd[j] for j in range(d))
    return tuple(round(_SQUASH * v, 5) for v in [intercept - 1.0] + raw)


def bench_uptake(folds: int = 5, seed: int = 0) -> dict:
    rows = load_uptake()
    xs = [uptake.features(r["student_text"], r["teacher_text"]) for r in rows]
    ys = [float(r["uptake_mean"]) for r in rows]
    tids = sorted({r["transcript_id"] for r in rows})
    random.Random(seed).shuffle(tids)
    fold_of = {t: k % folds for k, t in enumerate(tids)}
    preds = [0.0] * len(rows)
    per_fold = []
    for k in range(folds):
        train = [j for j, r in enumerate(rows) if fold_of[r["transcript_id"]] != k]
        test = [j for j, r in enumerate(rows) if fold_of[r["transcript_id"]] == k]
        w = fit_weights([xs[j] for j in train], [ys[j] for j in train])
        for j in test:
            preds[j] = uptake.uptake_score(rows[j]["student_text"], rows[j]["teacher_text"], w)
        per_fold.append(round(spearman([preds[j] for j in test], [ys[j] for j in test]), 4))
    shipped = [uptake.uptake_score(r["student_text"], r["teacher_text"]) for r in rows]
    # "uptake" label vs the raters' majority "high"
    high_gold = ["high" if r.get("uptake_label") == "high" else "not" for r in rows]
    high_pred = ["high" if p >= uptake.UPTAKE_THRESHOLD else "not" for p in preds]
    return {
        "n": len(rows),
        "transcripts": len(tids),
        "spearman_cv": round(spearman(preds, ys), 4),
        "spearman_cv_per_fold": per_fold,
        "spearman_shipped_in_sample": round(spearman(shipped, ys), 4),
        "high_vs_not_cv": prf(high_gold, high_pred, ("high", "not")),
    }


# --------------------------------------------------------------------------------------
# Speed
# --------------------------------------------------------------------------------------


def bench_speed(by: dict[str, list[dict]], n_lessons: int = 20) -> dict:
    """Milliseconds per utterance for classify_question + teacher/student move + feedback."""
    lessons = [lesson_of(rows) for rows in list(by.values())[:n_lessons]]
    n = sum(len(x) for x in lessons)
    t0 = time.perf_counter()
    c0 = time.process_time()
    for lesson in lessons:
        for i, u in enumerate(lesson):
            questions.classify_question(lesson, i, "en")
            if u.role == "teacher":
                talkmoves.teacher_move(lesson, i)
                uptake.feedback(lesson, i)
            elif u.is_student:
                talkmoves.student_move(lesson, i)
    cpu = time.process_time() - c0
    dt = time.perf_counter() - t0
    return {
        "utterances": n,
        "ms_per_utterance": round(1000 * cpu / max(1, n), 4),  # CPU time of this process
        "ms_per_utterance_wall": round(1000 * dt / max(1, n), 4),
    }


# --------------------------------------------------------------------------------------


def run(sample: int | None = None) -> dict:
    by = load_talkmoves(sample)
    tm = bench_talkmoves(by)
    qs = bench_questions(by)
    up = bench_uptake()
    speed = bench_speed(by)
    values = {
        "teacher_move_macro_f1": tm["teacher"]["macro_f1"],
        "student_move_macro_f1": tm["student"]["macro_f1"],
        "question_type_macro_f1": qs["question_type"]["macro_f1"],
        "order_macro_f1": qs["order"]["macro_f1"],
        "uptake_spearman_cv": up["spearman_cv"],
    }
    targets = {
        k: {"value": v, "target": TARGETS[k], "pass": v >= TARGETS[k]} for k, v in values.items()
    }
    return {"targets": targets, "talkmoves": tm, "questions": qs, "uptake": up, "speed": speed}


def _print_table(title: str, res: dict) -> None:
    print(f"\n{title}  (n={res['n']}, accuracy={res['accuracy']:.3f})")
    print(f"  {'label':34s} {'prec':>6s} {'recall':>6s} {'F1':>6s} {'support':>8s}")
    for lab, v in res["labels"].items():
        print(
            f"  {lab:34s} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['support']:8d}"
        )
    print(f"  {'macro-F1':34s} {'':6s} {'':6s} {res['macro_f1']:6.3f}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=None, help="use only N TalkMoves transcripts")
    ap.add_argument("--fit", action="store_true", help="print uptake weights fitted on all rows")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    if args.fit:
        rows = load_uptake()
        w = fit_weights(
            [uptake.features(r["student_text"], r["teacher_text"]) for r in rows],
            [float(r["uptake_mean"]) for r in rows],
        )
        print("WEIGHTS = (")
        for name, v in zip(("intercept", *uptake.FEATURES), w, strict=True):
            print(f"    {v!r},  # {name}")
        print(")")
        return
    res = run(args.sample)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    tm, qs, up = res["talkmoves"], res["questions"], res["uptake"]
    print(
        f"TalkMoves dev: {tm['transcripts']} transcripts, {tm['rows']} rows "
        f"({tm['skipped_unlabelled_rows']} unlabelled skipped)"
    )
    _print_table("Teacher talk moves", tm["teacher"])
    _print_table("Student talk moves", tm["student"])
    print(
        f"\nQuestions dev: {qs['n']} questions, {qs['detected_as_question']} detected as questions"
    )
    _print_table("Question type (open/closed)", qs["question_type"])
    _print_table("Order (lower/higher)", qs["order"])
    _print_table("Bloom level (six)", qs["bloom"])
    print(f"\nUptake dev: {up['n']} pairs, {up['transcripts']} transcripts")
    print(
        f"  Spearman, 5-fold CV by transcript: {up['spearman_cv']:.4f}  per fold {up['spearman_cv_per_fold']}"
    )
    print(f"  Spearman, shipped weights (in-sample): {up['spearman_shipped_in_sample']:.4f}")
    _print_table(
        f"Uptake label 'high' vs not (CV, threshold {uptake.UPTAKE_THRESHOLD:.2f})",
        up["high_vs_not_cv"],
    )
    sp = res["speed"]
    print(
        f"\nSpeed: {sp['ms_per_utterance']:.4f} ms CPU ({sp['ms_per_utterance_wall']:.4f} ms wall) per utterance"
        f" over {sp['utterances']} utterances (questions + talk moves + feedback)"
    )
    print("\nTargets:")
    for k, v in res["targets"].items():
        print(
            f"  {k:26s} {v['value']:.4f}  (target {v['target']:.2f})  {'PASS' if v['pass'] else 'FAIL'}"
        )


if __name__ == "__main__":
    main()
