"""Lesson-analysis speed: code and measure synthetic 45-minute lessons (about 700 utterances each).

The lessons are generated here (fixed seed, no shared data): a Hong Kong classroom mixing
Cantonese, English and code-switching, with lecture, question–answer exchanges, chorus answers,
feedback, group work and timestamps. Prints utterances per second, the time for 1, 10 and 100
lessons, where the time goes (each classifier, the metrics) and the command line end to end.
Goal: one 45-minute lesson in under 1 second on one core (speech-to-text excluded).
Run with `make bench` or `python benches/analysis_speed.py`.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lessons.analysis import engine, metrics  # noqa: E402
from lessons.analysis.types import Utterance  # noqa: E402

GOAL_SECONDS = 1.0
LESSON_SECONDS = 45 * 60
SEED = 20261126

LECTURE = [
    "Today we are going to look at how plants make their own food.",
    "Remember that every fraction has a numerator and a denominator.",
    "今日我哋會學光合作用，即係植物點樣製造養分。",
    "呢個公式好重要，大家記住先。",
    "So the area of a rectangle is length times width.",
    "我哋上堂講過 equivalent fractions，今日再深入少少。",
    "When we compare two numbers we look at the place value first.",
    "如果分母一樣，我哋就可以直接比較分子。",
    "This is the water cycle: evaporation, condensation and precipitation.",
    "呢度有個 example，大家睇下黑板。",
]
QUESTIONS = [
    "What is the capital of China?",
    "Why do you think the ice melted faster in the sun?",
    "How would you compare these two fractions?",
    "Can anyone tell me the answer to number three?",
    "點解植物需要陽光？",
    "你點樣知道個答案係啱㗎？",
    "邊個可以話俾我聽三分之二大定四分之三大？",
    "What would happen if we doubled the length?",
    "呢兩個 shapes 有咩分別？",
    "Is that always true, or only sometimes?",
    "有冇人有唔同嘅諗法？",
    "What do you notice about the pattern?",
]
ANSWERS = [
    "Beijing.",
    "Because the sun is hotter.",
    "Three quarters is bigger because twelfths show it.",
    "二十四。",
    "因為佢要製造養分。",
    "我覺得係四分之三大，因為佢多啲。",
    "I think it becomes four times bigger.",
    "個 area 會大咗一倍。",
    "Because the denominators are the same, so we compare the numerators.",
    "唔知。",
    "I agree with Mary, it is only sometimes true.",
    "Can you say that again?",
]
CHORUS = ["Yes!", "No!", "係！", "好！", "Three quarters!", "Good morning, Miss Chan!", "明白！"]
FEEDBACK = [
    "Good.",
    "Very good!",
    "好叻！",
    "啱，好好。",
    "No, not quite. Try again.",
    "唔係喎，再諗下。",
    "So you are saying the sun makes it melt faster?",
    "即係話你覺得分母愈大，份數愈細？",
    "Interesting. Can you explain why?",
    "你可唔可以解釋多少少？",
]
DIRECTIONS = [
    "Open your books to page 42.",
    "Please work with your partner for five minutes.",
    "大家打開書第四十二頁。",
    "請同你隔離嘅同學討論一下。",
    "Write this down in your notebook.",
    "舉手先講，唔好嗌。",
]
GROUP_TALK = [
    "我哋一齊計下先。",
    "You do the first one and I do the second.",
    "呢題點做呀？",
    "I think the answer is twelve.",
    "Let me check with my calculator.",
]


def synthetic_lesson(rng: random.Random, lesson_seconds: float = LESSON_SECONDS) -> list[Utterance]:
    students = [f"S{n:02d}" for n in range(1, 33)]
    talkative = students[:8]
    utterances: list[Utterance] = []
    t = 0.0

    def say(speaker: str, role: str, text: str, seconds: float, gap: float) -> None:
        nonlocal t
        t += gap
        utterances.append(Utterance(speaker, role, text, round(t, 2), round(t + seconds, 2)))  # type: ignore[arg-type]
        t += seconds

    while t < lesson_seconds:
        phase = rng.random()
        if phase < 0.2:  # lecture
            for _ in range(rng.randint(2, 6)):
                say("T", "teacher", rng.choice(LECTURE), rng.uniform(1.8, 5), rng.uniform(0.1, 0.8))
        elif phase < 0.8:  # question and answer
            say("T", "teacher", rng.choice(QUESTIONS), rng.uniform(1.5, 4), rng.uniform(0.2, 1))
            if rng.random() < 0.2:
                say(
                    "Ss", "students", rng.choice(CHORUS), rng.uniform(0.5, 1.5), rng.uniform(0.3, 2)
                )
            else:
                student = rng.choice(talkative if rng.random() < 0.6 else students)
                say(
                    student,
                    "student",
                    rng.choice(ANSWERS),
                    rng.uniform(0.8, 4),
                    rng.uniform(0.3, 5),
                )
            say("T", "teacher", rng.choice(FEEDBACK), rng.uniform(0.8, 3), rng.uniform(0.1, 1.2))
            if rng.random() < 0.4:
                student = rng.choice(students)
                say(student, "student", rng.choice(ANSWERS), rng.uniform(1, 5), rng.uniform(0.5, 3))
                say("T", "teacher", rng.choice(FEEDBACK), rng.uniform(0.8, 3), rng.uniform(0.2, 1))
        elif phase < 0.93:  # directions, then practice with some group talk
            say("T", "teacher", rng.choice(DIRECTIONS), rng.uniform(2, 4), rng.uniform(0.2, 1))
            for _ in range(rng.randint(1, 4)):
                say(
                    rng.choice(students),
                    "student",
                    rng.choice(GROUP_TALK),
                    rng.uniform(1, 3),
                    rng.uniform(2, 10),
                )
        else:
            say("Ss", "students", rng.choice(CHORUS), rng.uniform(0.5, 1.5), rng.uniform(0.3, 1))
    return utterances


def timed(function, *args, repeat: int = 1):  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        function(*args)
        best = min(best, time.process_time() - started)
    return best


def main() -> int:
    rng = random.Random(SEED)
    lessons = [synthetic_lesson(rng) for _ in range(100)]
    sizes = [len(lesson) for lesson in lessons]
    classifiers = engine.load_classifiers()
    present = [name for name, there in classifiers.available().items() if there]
    missing = [name for name, there in classifiers.available().items() if not there]
    print(
        f"lessons: 100 synthetic 45-minute lessons, {statistics.mean(sizes):.0f} utterances on average "
        f"({min(sizes)}–{max(sizes)}); classifiers present: {', '.join(present) or 'none'}"
        + (f"; missing (default labels): {', '.join(missing)}" if missing else "")
    )
    engine.analyse(lessons[0], classifiers=classifiers)  # imports, regex compilation, model loading

    # CPU time of this process (wall time in brackets): steadier on a shared, busy machine
    per_lesson, wall = [], []
    for lesson in lessons:
        started, cpu = time.perf_counter(), time.process_time()
        engine.analyse(lesson, classifiers=classifiers)
        per_lesson.append(time.process_time() - cpu)
        wall.append(time.perf_counter() - started)
    for n in (1, 10, 100):
        elapsed = sum(per_lesson[:n])
        utterances = sum(sizes[:n])
        print(
            f"analyse {n:>3} lesson{'s' if n > 1 else ' '}: {elapsed:7.3f} s CPU ({sum(wall[:n]):.3f} s wall), "
            f"{utterances / elapsed:,.0f} utterances/s"
        )
    median, worst = statistics.median(per_lesson), max(per_lesson)
    print(f"per lesson: median {1000 * median:.0f} ms, max {1000 * worst:.0f} ms CPU")

    # where the time goes, on the first ten lessons
    sample = lessons[:10]
    none = engine.Classifiers()
    base = sum(timed(engine.code_lesson, lesson, none, repeat=3) for lesson in sample) / len(sample)
    print(f"  coding without classifiers: {1000 * base:6.1f} ms/lesson")
    for f in fields(engine.Classifiers):
        function = getattr(classifiers, f.name)
        if function is None:
            continue
        only = replace(none, **{f.name: function})
        cost = (
            sum(timed(engine.code_lesson, lesson, only) for lesson in sample) / len(sample) - base
        )
        print(f"  + {f.name:<18} {1000 * cost:6.1f} ms/lesson")
    coded = [engine.code_lesson(lesson, classifiers) for lesson in sample]
    cost = sum(timed(metrics.lesson_metrics, c, repeat=3) for c in coded) / len(coded)
    print(f"  lesson_metrics:             {1000 * cost:6.1f} ms/lesson")

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "lessons.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for number, lesson in enumerate(lessons):
                for u in lesson:
                    row = {
                        "lesson": number,
                        "speaker": u.speaker,
                        "role": u.role,
                        "start": u.start,
                        "end": u.end,
                    }
                    f.write(json.dumps({**row, "text": u.text}, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        with source.open("rb") as stdin:
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "lessons.analysis",
                    "--lesson-field",
                    "lesson",
                    "--summary",
                    str(Path(tmp) / "s.json"),
                ],
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                cwd=ROOT,
                check=False,
            )
        elapsed = time.perf_counter() - started
        print(
            f"command line: 100 lessons ({sum(sizes):,} rows, {source.stat().st_size / 2**20:.1f} MiB) in "
            f"{elapsed:.2f} s, exit {done.returncode}"
        )

    ok = worst < GOAL_SECONDS and done.returncode == 0
    print(
        f"goal: a 45-minute lesson in under {GOAL_SECONDS:.0f} s — {'PASS' if ok else 'FAIL'} (max {worst:.3f} s CPU)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
