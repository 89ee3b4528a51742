"""Train the DialogID teacher-act model shipped as ``lessons/analysis/models/dialogid.json.gz``.

Offline only: the portal never imports this file. Stdlib only (no numpy, no scikit-learn).

    python lessons/analysis/training/train_dialogid.py                # 5-fold CV, then train and write
    python lessons/analysis/training/train_dialogid.py --folds 0      # train and write, no CV
    python lessons/analysis/training/train_dialogid.py --prune 0.05   # one pruning threshold
    python lessons/analysis/training/train_dialogid.py --cv-only      # report CV, write nothing

Data: ``../shared/data/dialogid/dev.jsonl`` (DialogID 2022, MIT licence; one teacher utterance per
row with ``text`` and ``label``; optional ``source_split``).

Model. Features are the distinct character 1-4-grams of the normalised utterance (``dialogid.features``:
Cantonese -> Mandarin words, Traditional -> Simplified, start/end markers), each with value
``1/sqrt(n)`` for an utterance with n distinct n-grams. Two one-vs-rest linear SVMs (L2-regularised,
squared hinge loss, balanced class weights, bias as a regularised feature; solved by dual coordinate
descent as in LIBLINEAR, Hsieh et al. 2008) are trained per label:

* an NB-SVM (Wang & Manning 2012): features scaled by the label's log-count ratio
  ``r = log((p/|p|) / (q/|q|))`` with add-one smoothing, over n-grams seen in at least ``min_df``
  training utterances;
* a plain SVM over the same binary features.

Both are linear in the same features, so their weighted sum is one weight per (n-gram, label),
which is what ships: small weights are pruned, the rest are quantised to integers. The scores
reported are cross-validated (stratified folds, fixed seed) and are written into the model file
with the training parameters.
"""

from __future__ import annotations

import argparse
import array
import base64
import gzip
import json
import math
import multiprocessing
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lessons.analysis import dialogid  # noqa: E402
from lessons.analysis.evaluation import prf  # noqa: E402
from lessons.analysis.types import TEACHER_ACTS  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "dialogid" / "dev.jsonl"
DEFAULT_OUT = dialogid.MODEL_PATH

DEFAULTS = {
    "C_nb": 0.3,  # SVM cost for the NB-SVM
    "C_plain": 0.6,  # SVM cost for the plain SVM
    "mix": 0.5,  # weight of the NB-SVM in the sum (plain SVM: 1 - mix)
    "min_df": 2,  # n-grams kept for training: seen in at least this many utterances
    "eps": 0.1,  # dual CD stopping tolerance (LIBLINEAR's default)
    "max_iter": 30,  # passes over the data per binary SVM (enough for the ranking to settle)
    "seed": 0,
}


# --------------------------------------------------------------------------------------
# Data and features
# --------------------------------------------------------------------------------------


def load_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    unknown = {r["label"] for r in rows} - set(TEACHER_ACTS)
    if unknown:
        raise ValueError(f"unknown labels {sorted(unknown)}")
    return rows


class Featurised:
    """Every utterance as a sorted tuple of n-gram ids plus its 1/sqrt(n) value."""

    def __init__(self, texts: list[str]):
        self.vocab: dict[str, int] = {}
        self.grams: list[str] = []
        self.rows: list[tuple[int, ...]] = []
        self.scale: list[float] = []
        for t in texts:
            g = dialogid.features(t)
            ids = []
            for x in g:
                j = self.vocab.get(x)
                if j is None:
                    j = self.vocab[x] = len(self.grams)
                    self.grams.append(x)
                ids.append(j)
            self.rows.append(tuple(sorted(ids)))
            self.scale.append(1.0 / math.sqrt(len(g)) if g else 0.0)


def stratified_folds(labels: list[str], k: int, seed: int) -> list[list[int]]:
    """k disjoint test folds; each label's utterances are shuffled and dealt round-robin."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        by_label[lab].append(i)
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    offset = 0
    for lab in sorted(by_label):
        idx = by_label[lab]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            folds[(j + offset) % k].append(i)
        offset += len(idx)
    return [sorted(f) for f in folds]


# --------------------------------------------------------------------------------------
# Dual coordinate descent for the L2-loss linear SVM (one label against the rest)
# --------------------------------------------------------------------------------------

# Set in the parent before the worker pool forks, so workers share them without pickling.
_G: dict = {}


def _train_binary(task: tuple) -> tuple[int, str, list[float], float]:
    """Train one binary SVM; returns (label index, kind, w' per feature, bias).

    Primal features are x_if = s_i * r_f; the solver keeps w'_f = w_f * r_f, so that
    w . x_i = s_i * sum(w'_f) and the shipped weight of an n-gram is w'_f.
    """
    k, kind, C, params = task
    rows, scale, y, train = _G["rows"], _G["scale"], _G["y"], _G["train"]
    keep = _G["keep"]  # feature ids usable in this fit (min_df on the training part)
    r2 = _G["r2"][k] if kind == "nb" else None
    n_feat = len(keep)
    n = len(train)
    pos = sum(1 for i in train if y[i] == k)
    c_pos, c_neg = C * n / (2.0 * pos), C * n / (2.0 * (n - pos))
    X: list[tuple[int, ...]] = []
    S: list[float] = []
    Y: list[int] = []
    D: list[float] = []
    Q: list[float] = []
    for i in train:
        ids = tuple(f for f in rows[i] if keep[f])
        yi = 1 if y[i] == k else -1
        d = 0.5 / (c_pos if yi > 0 else c_neg)
        s = scale[i]
        sq = sum(r2[f] for f in ids) if r2 is not None else float(len(ids))
        X.append(ids)
        S.append(s)
        Y.append(yi)
        D.append(d)
        Q.append(s * s * sq + 1.0 + d)
    w = [0.0] * n_feat
    b = 0.0
    alpha = [0.0] * n
    rng = random.Random(params["seed"] * 1000 + k)
    active = list(range(n))
    pg_max_old = math.inf  # no upper bound on alpha for the L2 loss: only this side shrinks
    eps = params["eps"]
    wget = w.__getitem__
    for _it in range(params["max_iter"]):
        rng.shuffle(active)
        pg_max, pg_min = -math.inf, math.inf
        still: list[int] = []
        for i in active:
            ids = X[i]
            yi = Y[i]
            a = alpha[i]
            g = yi * (S[i] * sum(map(wget, ids)) + b) - 1.0 + D[i] * a
            if a == 0.0:
                if g > pg_max_old:
                    continue  # shrink: at the bound and not violating
                pg = g if g < 0.0 else 0.0
            else:
                pg = g
            still.append(i)
            if pg > pg_max:
                pg_max = pg
            if pg < pg_min:
                pg_min = pg
            if pg > 1e-12 or pg < -1e-12:
                na = a - g / Q[i]
                if na < 0.0:
                    na = 0.0
                delta = (na - a) * yi
                alpha[i] = na
                if delta:
                    c = delta * S[i]
                    if r2 is None:
                        for f in ids:
                            w[f] += c
                    else:
                        for f in ids:
                            w[f] += c * r2[f]
                    b += delta
        active = still
        if pg_max - pg_min <= eps:
            if len(active) == n:
                break
            active = list(range(n))
            pg_max_old = math.inf
            continue
        pg_max_old = pg_max if pg_max > 0 else math.inf
    return k, kind, w, b


def fit(fe: Featurised, y: list[int], train: list[int], params: dict, jobs: int) -> dict:
    """Train on the ``train`` rows; returns {"W": {feature id: [weight per label]}, "b": [...]}."""
    n_labels = len(TEACHER_ACTS)
    n_feat = len(fe.grams)
    df = [0] * n_feat
    count = [[0] * n_feat for _ in range(n_labels)]
    for i in train:
        cl = count[y[i]]
        for f in fe.rows[i]:
            df[f] += 1
            cl[f] += 1
    keep = [d >= params["min_df"] for d in df]
    r2 = []
    ratios = []
    for k in range(n_labels):
        p = [c + 1.0 if keep[f] else 0.0 for f, c in enumerate(count[k])]
        q = [df[f] - c + 1.0 if keep[f] else 0.0 for f, c in enumerate(count[k])]
        sp, sq = sum(p), sum(q)
        r = [math.log((p[f] / sp) / (q[f] / sq)) if keep[f] else 0.0 for f in range(n_feat)]
        ratios.append(r)
        r2.append([v * v for v in r])
    _G.update(rows=fe.rows, scale=fe.scale, y=y, train=train, keep=keep, r2=r2)
    tasks = []
    for k in range(n_labels):
        if params["mix"] > 0:
            tasks.append((k, "nb", params["C_nb"], params))
        if params["mix"] < 1:
            tasks.append((k, "plain", params["C_plain"], params))
    if jobs > 1:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs) as pool:
            results = pool.map(_train_binary, tasks, chunksize=1)
    else:
        results = [_train_binary(t) for t in tasks]
    mix = params["mix"]
    W: dict[int, list[float]] = {}
    bias = [0.0] * n_labels
    for k, kind, w, b in results:
        m = mix if kind == "nb" else 1.0 - mix
        bias[k] += m * b
        for f, v in enumerate(w):
            if v:
                row = W.get(f)
                if row is None:
                    row = W[f] = [0.0] * n_labels
                row[k] += m * v
    return {"W": W, "b": bias}


def shrink(model: dict, prune: float, quantum: float) -> dict:
    """The model as it ships: weights below ``prune`` dropped, the rest rounded to ``quantum``."""
    W: dict[int, list[float]] = {}
    for f, row in model["W"].items():
        q = [round(v / quantum) * quantum if abs(v) >= prune else 0.0 for v in row]
        if any(q):
            W[f] = q
    return {"W": W, "b": model["b"]}


def predict(model: dict, fe: Featurised, idx: list[int]) -> list[int]:
    W, bias = model["W"], model["b"]
    out = []
    for i in idx:
        acc = [0.0] * len(bias)
        for f in fe.rows[i]:
            row = W.get(f)
            if row:
                for k, v in enumerate(row):
                    acc[k] += v
        s = fe.scale[i]
        sc = [b + a * s for b, a in zip(bias, acc, strict=True)]
        out.append(max(range(len(sc)), key=sc.__getitem__))
    return out


# --------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------


def report(gold: list[str], pred: list[str], labels: tuple[str, ...] = TEACHER_ACTS) -> dict:
    """Per-label precision / recall / F1 / support, macro-F1 and accuracy."""
    return prf(gold, pred, labels)


def cross_validate(
    rows: list[dict],
    fe: Featurised,
    params: dict,
    folds: int,
    jobs: int,
    prunes: tuple[float, ...] = (0.0,),
    quantum: float = 0.0,
    log=print,
) -> dict[float, dict]:
    """Stratified k-fold scores of the model as shipped, for each pruning threshold in ``prunes``."""
    labels = [r["label"] for r in rows]
    y = [TEACHER_ACTS.index(lab) for lab in labels]
    pred: dict[float, list[str]] = {p: [""] * len(rows) for p in prunes}
    kept: dict[float, int] = dict.fromkeys(prunes, 0)
    for j, test in enumerate(stratified_folds(labels, folds, params["seed"])):
        t0 = time.time()
        test_set = set(test)
        train = [i for i in range(len(rows)) if i not in test_set]
        model = fit(fe, y, train, params, jobs)
        for p in prunes:
            m = shrink(model, p, quantum) if (p or quantum) else model
            kept[p] += len(m["W"])
            for i, k in zip(test, predict(m, fe, test), strict=True):
                pred[p][i] = TEACHER_ACTS[k]
        log(f"  fold {j + 1}/{folds}: {time.time() - t0:.0f} s")
    out = {}
    for p in prunes:
        out[p] = report(labels, pred[p])
        out[p].update(folds=folds, seed=params["seed"], prune=p, ngrams_kept=kept[p] // folds)
    return out


def split_eval(rows: list[dict], fe: Featurised, params: dict, jobs: int) -> dict | None:
    """Train on source_split == train, score on source_split == test, when both are present."""
    train = [i for i, r in enumerate(rows) if r.get("source_split") == "train"]
    test = [i for i, r in enumerate(rows) if r.get("source_split") == "test"]
    if not train or not test:
        return None
    y = [TEACHER_ACTS.index(r["label"]) for r in rows]
    model = fit(fe, y, train, params, jobs)
    pred = [TEACHER_ACTS[k] for k in predict(model, fe, test)]
    return report([rows[i]["label"] for i in test], pred)


# --------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------


def export(model: dict, fe: Featurised, prune: float, quantum: float) -> tuple[list[str], bytes]:
    """The n-grams that keep a weight >= ``prune`` and their weights, quantised to multiples of
    ``quantum`` as little-endian int16, one row of ``len(TEACHER_ACTS)`` per n-gram."""
    grams: list[str] = []
    packed = array.array("h")
    for f, row in model["W"].items():
        q = [max(-32767, min(32767, round(v / quantum))) if abs(v) >= prune else 0 for v in row]
        if any(q):
            grams.append(fe.grams[f])
            packed.extend(q)
    if sys.byteorder != "little":
        packed.byteswap()
    return grams, packed.tobytes()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--folds", type=int, default=5, help="CV folds (0: no CV)")
    ap.add_argument("--cv-only", action="store_true", help="report CV, write no model")
    ap.add_argument("--jobs", type=int, default=min(2, multiprocessing.cpu_count()))
    ap.add_argument(
        "--prune",
        type=str,
        default="0,0.02,0.05,0.08,0.12,0.16,0.2",
        help="pruning thresholds to try (comma-separated): CV is reported for each; the largest "
        "whose CV macro-F1 is within --tolerance of the best, and whose file fits --max-mb, ships",
    )
    ap.add_argument("--tolerance", type=float, default=0.001)
    ap.add_argument("--max-mb", type=float, default=2.5)
    ap.add_argument("--quantum", type=float, default=0.001)
    for key, val in DEFAULTS.items():
        ap.add_argument(f"--{key.replace('_', '-')}", type=type(val), default=val)
    args = ap.parse_args(argv)
    params = {key: getattr(args, key) for key in DEFAULTS}

    prunes = tuple(sorted({float(x) for x in args.prune.split(",") if x}))
    rows = load_rows(args.data)
    t0 = time.time()
    fe = Featurised([r["text"] for r in rows])
    print(f"{len(rows)} utterances, {len(fe.grams)} distinct n-grams ({time.time() - t0:.0f} s)")
    print("params:", json.dumps(params))
    cvs: dict[float, dict] = {}
    if args.folds:
        print(f"{args.folds}-fold stratified cross-validation:")
        cvs = cross_validate(rows, fe, params, args.folds, args.jobs, prunes, args.quantum)
        for p, r in cvs.items():
            print(f"  prune {p}: macro-F1 {r['macro_f1']:.4f}, {r['ngrams_kept']} n-grams kept")
    split = split_eval(rows, fe, params, args.jobs)
    if split:
        print(f"source_split train -> test macro-F1 {split['macro_f1']:.4f}")
    else:
        print("source_split: only one split in the data, no train -> test score")
    if args.cv_only:
        return 0

    t0 = time.time()
    y = [TEACHER_ACTS.index(r["label"]) for r in rows]
    model = fit(fe, y, list(range(len(rows))), params, args.jobs)
    print(f"trained on all rows in {time.time() - t0:.0f} s")
    # Ship the sparsest model whose CV macro-F1 is within --tolerance of the best threshold's.
    if cvs:
        best = max(r["macro_f1"] for r in cvs.values())
        order = sorted(
            (p for p in prunes if cvs[p]["macro_f1"] >= best - args.tolerance), reverse=True
        )
        order += [p for p in sorted(prunes, reverse=True) if p not in order]
    else:
        order = sorted(prunes)
    for prune in order:
        grams, packed = export(model, fe, prune, args.quantum)
        cv = cvs.get(prune)
        doc = {
            "format": dialogid.MODEL_FORMAT,
            "about": "DialogID teacher dialogue acts: linear model over character 1-4-grams "
            "(NB-SVM + SVM, one-vs-rest). Trained by lessons/analysis/training/train_dialogid.py.",
            "training_data": "DialogID (2022), MIT licence; "
            f"{len(rows)} teacher utterances, labels {dict(Counter(r['label'] for r in rows))}",
            "labels": list(TEACHER_ACTS),
            "ngram": [dialogid.NGRAM_MIN, dialogid.NGRAM_MAX],
            "params": params,
            "prune": prune,
            "scale": args.quantum,
            "cross_validation": cv,
            "cross_validation_by_prune": {
                str(p): {"macro_f1": r["macro_f1"], "ngrams_kept": r["ngrams_kept"]}
                for p, r in cvs.items()
            },
            "source_split_eval": split,
            "bias": [round(b, 6) for b in model["b"]],
            # weights: base64 of little-endian int16, len(labels) per n-gram, times "scale"
            "grams": "\n".join(grams),
            "weights": base64.b64encode(packed).decode("ascii"),
        }
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
        mb = len(data) / 1e6
        f1 = f"CV macro-F1 {cv['macro_f1']:.4f}" if cv else "no CV"
        print(f"  prune {prune}: {len(grams)} n-grams, {mb:.2f} MB, {f1}")
        if mb <= args.max_mb:
            break
    else:
        print(f"no pruning threshold gives a file under {args.max_mb} MB; writing the last")
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data) / 1e6:.2f} MB, prune {prune})")
    if cv:
        print(f"CV macro-F1 {cv['macro_f1']:.4f}  accuracy {cv['accuracy']:.4f}")
        for lab, v in cv["labels"].items():
            print(f"  {lab:15s} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
