"""Self-assessment speed: score 10,000 completed attempts; render 100 PDF reports.

Uses the shipped instrument and framework files and the pure engine and renderer (no database),
so the numbers measure the code, not the disk. Run with `make bench`.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessments import pdf, scoring  # noqa: E402


def load_structure():
    framework = yaml.safe_load((ROOT / "competencies/data/jyt-0646-2022.yaml").read_text())
    tree: dict[str, tuple[str | None, str]] = {}
    names: dict[str, str] = {}
    for dim in framework["dimensions"]:
        names[dim["code"]] = dim["name_zh_hant"]
        for sub in dim["children"]:
            names[sub["code"]] = sub["name_zh_hant"]
            for ind in sub["children"]:
                tree[str(ind["code"])] = (str(sub["code"]), str(dim["code"]))
                names[str(ind["code"])] = ind["name_zh_hant"]
    instrument = yaml.safe_load((ROOT / "assessments/data/default-instrument.yaml").read_text())
    items, option_id = [], 0
    for spec in instrument["items"]:
        if spec.get("audience", "all") not in ("all", "in_service"):
            continue
        options = spec.get("options") or instrument["likert_scale"]
        levels, correct = {}, set()
        for o in options:
            option_id += 1
            if o.get("level") or o.get("value"):
                levels[option_id] = o.get("level") or o.get("value")
            if o.get("correct"):
                correct.add(option_id)
        items.append(
            scoring.ItemSpec(
                spec["key"],
                str(spec["indicator"]),
                spec["type"],
                bool(spec.get("reverse")),
                levels,
                frozenset(correct),
            )
        )
    return scoring.FrameworkTree(tree), items, names


def random_answers(items, rng):
    answers = {}
    for item in items:
        if item.type == "reflection" or rng.random() < 0.03:  # a few skipped items, as in life
            continue
        choices = list(item.option_levels) or list(item.correct_options) + [0]
        answers[item.key] = rng.choice(choices)
    return answers


def main() -> None:
    tree, items, names = load_structure()
    rng = random.Random(20261126)
    attempts = [random_answers(items, rng) for _ in range(10_000)]
    started = time.perf_counter()
    profiles = [scoring.score(tree, items, a) for a in attempts]
    elapsed = time.perf_counter() - started
    print(
        f"scoring: {len(attempts):,} attempts × {len(items)} items in {elapsed:.2f} s "
        f"({len(attempts) / elapsed:,.0f} attempts/s, {1e6 * elapsed / len(attempts):.0f} µs each)"
    )

    def document(profile):
        bars = lambda group: [  # noqa: E731
            pdf.Bar(code, names.get(code, code), scoring.to_scale(v), 3.2, 0.4)
            for code, v in group.items()
        ]
        weak = scoring.weakest(profile.indicators)
        return pdf.ReportDocument(
            language="zh-hant",
            title="數字素養自我評估報告",
            person="Chan Siu Ming 陳小明",
            subtitle="教師數字素養自我評估 · 2026年11月26日",
            labels={
                k: k
                for k in (
                    "dimensions",
                    "sub_dimensions",
                    "strengths",
                    "gaps",
                    "growth",
                    "dimension",
                    "now",
                    "change",
                )
            },
            dimensions=bars(profile.dimensions),
            sub_dimensions=bars(profile.sub_dimensions),
            strengths=[pdf.Bar(c, names[c], 5.0) for c in scoring.strongest(profile.indicators)],
            gaps=[
                pdf.GapText(
                    f"{c} {names[c]}",
                    "目前水平：2／6",
                    "下一級：能在課堂中運用 Google Classroom 收集學生回饋並據此調整教學。",
                    [],
                )
                for c in weak
            ],
            notes=["分數由 1（覺察）至 6（創新領航）。"],
        )

    pdf.render(document(profiles[0]))  # font registration happens once; leave it out of the timing
    times, sizes = [], []
    for profile in profiles[:100]:
        t0 = time.perf_counter()
        sizes.append(len(pdf.render(document(profile))))
        times.append(time.perf_counter() - t0)
    print(
        f"pdf: 100 reports in {sum(times):.2f} s (median {1000 * statistics.median(times):.0f} ms, "
        f"max {1000 * max(times):.0f} ms, median size {statistics.median(sizes) / 1024:.0f} KiB)"
    )


if __name__ == "__main__":
    main()
