"""Quality of the lesson-analysis engine on the shared annotated data, with a pass/fail summary.

Runs, when present, ``benches/quality_english.py`` (TalkMoves, questions, uptake) and
``benches/quality_chinese.py`` (language, Chinese questions, DialogID). Each exposes ``run() -> dict``
and prints its own tables (or exposes ``print_report(result)``); its targets come back under
``result["targets"]`` as ``{name: {"value": v, "target": t, "pass": bool}}`` (a target may say
``"op": "<="`` when lower is better). The runner adds its own end-to-end check: every TalkMoves dev
lesson through ``engine.analyse`` (rows in = rows out, labels within the contract, time per lesson).

Usage: ``python benches/analysis_quality.py [--sample N] [--json FILE]``. Exit status 1 when a
measured target fails; a part whose module or data is missing is reported as not run.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import inspect
import json
import statistics
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benches"))
DATA = ROOT.parent / "shared" / "data"

from lessons.analysis import engine  # noqa: E402
from lessons.analysis.types import Utterance  # noqa: E402

PARTS = (("english", "quality_english"), ("chinese", "quality_chinese"))
#: The runner's own targets, for values a part returns without one.
TARGETS: dict[str, dict[str, Any]] = {
    "teacher_move_macro_f1": {"target": 0.60},
    "student_move_macro_f1": {"target": 0.55},
    "question_type_macro_f1": {"target": 0.80},
    "order_macro_f1": {"target": 0.75},
    "uptake_spearman_cv": {"target": 0.50},
    "engine_rows_preserved": {"target": 1.0},
    "engine_labels_valid": {"target": 1.0},
    "engine_max_seconds_per_lesson": {"target": 1.0, "op": "<="},
}
ROLE = {"teacher": "teacher", "student": "student"}


def _passes(value: float, target: float, op: str) -> bool:
    return value <= target if op == "<=" else value >= target


def _collect(part: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for name, spec in (result.get("targets") or {}).items():
        if not isinstance(spec, dict):
            spec = {"value": spec}
        fallback = TARGETS.get(name, {})
        target = spec.get("target", fallback.get("target"))
        op = spec.get("op", fallback.get("op", ">="))
        value = spec.get("value")
        verdict = (
            None if target is None or value is None else _passes(float(value), float(target), op)
        )
        rows.append(
            {
                "part": part,
                "name": name,
                "value": value,
                "target": target,
                "op": op,
                "pass": verdict,
            }
        )
    return rows


def run_engine(sample: int | None = None) -> dict[str, Any]:
    """Every TalkMoves dev lesson through the whole engine, untimed (the data's timestamps are
    coarse and on some rows only): labels checked against the contract, time per lesson."""
    path = DATA / "talkmoves" / "dev.jsonl.gz"
    lessons: dict[str, list[Utterance]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            lesson = lessons[row["transcript_id"]]
            if sample is not None and len(lessons) > sample:
                del lessons[row["transcript_id"]]
                break
            role = ROLE.get(row["speaker_role"], "other")
            lesson.append(Utterance(str(row.get("speaker_id") or ""), role, row["text"] or ""))  # type: ignore[arg-type]
    classifiers = engine.load_classifiers()
    preserved = valid = 0
    seconds: list[float] = []
    modes: Counter[str] = Counter()
    shares: list[float] = []
    rows = 0
    for lesson in lessons.values():
        started = time.process_time()
        coded, summary = engine.analyse(lesson, classifiers=classifiers)
        seconds.append(time.process_time() - started)
        rows += len(lesson)
        preserved += [c.utterance for c in coded] == lesson
        valid += all(
            c.language in engine.LANGUAGES
            and (c.teacher_move == "none" or c.utterance.role == "teacher")
            for c in coded
        )
        modes[summary["st"]["mode"] or "none"] += 1
        if summary["talk"]["word_share"]["teacher"] is not None:
            shares.append(summary["talk"]["word_share"]["teacher"])
    n = len(lessons)
    values = {
        "engine_rows_preserved": preserved / n if n else 0.0,
        "engine_labels_valid": valid / n if n else 0.0,
        "engine_max_seconds_per_lesson": max(seconds, default=0.0),
    }
    return {
        "targets": {k: {"value": round(v, 4), **TARGETS[k]} for k, v in values.items()},
        "lessons": n,
        "rows": rows,
        "median_seconds_per_lesson": statistics.median(seconds) if seconds else None,
        "utterances_per_second": rows / sum(seconds) if sum(seconds) else None,
        "st_modes": dict(modes),
        "teacher_word_share_median": statistics.median(shares) if shares else None,
        "classifiers": classifiers.available(),
    }


def _print_engine(result: dict[str, Any]) -> None:
    print(
        f"\nEngine end to end on TalkMoves dev: {result['lessons']} lessons, {result['rows']:,} rows, "
        f"median {1000 * (result['median_seconds_per_lesson'] or 0):.0f} ms CPU per lesson, "
        f"{result['utterances_per_second'] or 0:,.0f} utterances/s"
    )
    print(f"  S-T modes (estimated timing): {result['st_modes']}")
    print(f"  median teacher share of words: {result['teacher_word_share_median']}")
    missing = [k for k, v in result["classifiers"].items() if not v]
    if missing:
        print(f"  classifiers missing (default labels): {', '.join(missing)}")


def _call_run(module: Any, sample: int | None) -> dict[str, Any]:
    parameters = inspect.signature(module.run).parameters
    result = module.run(sample) if sample is not None and "sample" in parameters else module.run()
    if not isinstance(result, dict):
        raise TypeError(f"{module.__name__}.run() returned {type(result).__name__}, not a dict")
    printer = getattr(module, "print_report", None)
    if callable(printer):
        printer(result)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sample", type=int, help="use only N TalkMoves transcripts where a part can"
    )
    parser.add_argument("--json", metavar="FILE", help="also write every part's result as JSON")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"shared data not found at {DATA}: nothing measured")
        return 0
    results: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    status: dict[str, str] = {}
    for part, module_name in PARTS:
        if not (ROOT / "benches" / f"{module_name}.py").exists():
            status[part] = f"not run: benches/{module_name}.py is not there yet"
            continue
        print(f"\n== {part}: benches/{module_name}.py")
        try:
            result = _call_run(importlib.import_module(module_name), args.sample)
        except Exception:
            traceback.print_exc()
            status[part] = "error (traceback above)"
            rows.append(
                {
                    "part": part,
                    "name": "runs",
                    "value": None,
                    "target": None,
                    "op": "",
                    "pass": False,
                }
            )
            continue
        results[part] = result
        rows += _collect(part, result)
        status[part] = "ran"
    print("\n== engine: every TalkMoves dev lesson through engine.analyse")
    results["engine"] = run_engine(args.sample)
    _print_engine(results["engine"])
    rows += _collect("engine", results["engine"])
    status["engine"] = "ran"

    print("\n== summary")
    for part, state in status.items():
        print(f"  {part:8s} {state}")
    print(f"\n  {'part':8s} {'measure':34s} {'value':>9s} {'target':>9s}  result")
    for r in rows:
        value = "—" if r["value"] is None else f"{r['value']:.4f}"
        target = "—" if r["target"] is None else f"{r['op']} {r['target']:.2f}"
        verdict = {True: "PASS", False: "FAIL", None: "no target"}[r["pass"]]
        print(f"  {r['part']:8s} {r['name']:34s} {value:>9s} {target:>9s}  {verdict}")
    failed = [r for r in rows if r["pass"] is False]
    measured = [r for r in rows if r["pass"] is not None]
    print(f"\n  {len(measured) - len(failed)}/{len(measured)} targets met")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"results": results, "summary": rows}, indent=1, default=str)
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
