"""Agreement between the engine's codes and annotated ones: used by the trainer and the benches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any


def prf(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Per-label precision, recall, F1 and support; macro-F1 over ``labels``; accuracy."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for expected, got in zip(gold, pred, strict=True):
        if expected == got:
            tp[expected] += 1
        else:
            fp[got] += 1
            fn[expected] += 1
    per = {}
    for lab in labels:
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[lab] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "support": tp[lab] + fn[lab],
        }
    macro = sum(v["f1"] for v in per.values()) / len(labels)
    acc = sum(tp.values()) / len(gold) if gold else 0.0
    return {"labels": per, "macro_f1": round(macro, 4), "accuracy": round(acc, 4), "n": len(gold)}
