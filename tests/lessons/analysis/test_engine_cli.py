"""The engine (coding, classifier wiring, row validation) and the JSON Lines command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.analysis import engine
from lessons.analysis.types import QuestionCodes, Utterance

ROOT = Path(__file__).resolve().parents[3]
CODE_FIELDS = {
    "language",
    "is_question",
    "question_type",
    "cognitive_level",
    "teacher_move",
    "student_move",
    "feedback",
    "uptake",
    "teacher_act",
}


def rows_of_a_lesson(lesson_id: str = "L1", offset: float = 0.0) -> list[dict[str, Any]]:
    return [
        {
            "transcript_id": lesson_id,
            "speaker": "T",
            "role": "teacher",
            "start": offset + 0,
            "end": offset + 4.5,
            "text": "Good morning, everyone. What is photosynthesis?",
            "confidence": 0.93,
        },
        {
            "transcript_id": lesson_id,
            "speaker": "S1",
            "role": "student",
            "start": offset + 7,
            "end": offset + 10,
            "text": "Plants make food from light.",
            "meta": {"seat": "B4", "tags": [1, 2]},
        },
        {
            "transcript_id": lesson_id,
            "speaker": "T",
            "role": "teacher",
            "start": offset + 10.5,
            "end": offset + 13,
            "text": "Good! 點解植物需要光？",
        },
        {
            "transcript_id": lesson_id,
            "speaker": "全班",
            "role": "students",
            "start": offset + 16,
            "end": offset + 17,
            "text": "因為要製造養分！",
        },
        {
            "transcript_id": lesson_id,
            "speaker": "T",
            "role": "teacher",
            "start": None,
            "end": None,
            "text": "好叻。Open your books to page 12.",
        },
        {
            "transcript_id": lesson_id,
            "speaker": "visitor",
            "role": "other",
            "text": "Sorry to interrupt.",
        },
    ]


def to_jsonl(rows: list[Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def run_cli(stdin: str | bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "lessons.analysis", *args],
        input=data,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def output_rows(result: subprocess.CompletedProcess[bytes]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


# --- engine ----------------------------------------------------------------------------------


LESSON = [
    Utterance("T", "teacher", "今日我哋講 fractions. 一半係幾多？", 0, 4),
    Utterance("S1", "student", "Four.", 5, 6),
    Utterance("T", "teacher", "Good, why?", 6, 8),
    Utterance("T", "teacher", "你點樣知道？", 8, 10),
    Utterance("Ss", "students", "因為佢除二！", 11, 12),
    Utterance("T", "teacher", "Excellent work.", 12, 13),
    Utterance("X", "other", "(bell rings)", 13, 14),
]


def test_without_classifiers_the_engine_still_codes_every_utterance() -> None:
    coded, summary = engine.analyse(LESSON, classifiers=engine.Classifiers())
    assert [c.utterance for c in coded] == LESSON
    assert [c.is_question for c in coded] == [True, False, True, True, False, False, False]
    assert all(c.question_type is None and c.cognitive_level is None for c in coded)
    assert {c.teacher_move for c in coded} == {c.student_move for c in coded} == {"none"}
    assert all(c.feedback is None and c.uptake is None and c.teacher_act is None for c in coded)
    assert [c.language for c in coded][:2] == ["mixed", "en"]
    assert coded[4].language == "yue"
    assert summary["classifiers"] == dict.fromkeys(
        (
            "detect_language",
            "classify_question",
            "teacher_move",
            "student_move",
            "feedback",
            "teacher_act",
        ),
        False,
    )
    assert summary["utterances"] == len(LESSON)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("What is it?", "en"),
        ("係咪呀？", "yue"),
        ("为什么这样？", "zh-Hans"),
        ("為甚麼？", "zh-Hant"),
        ("Look at 圖一", "mixed"),
        ("", "en"),
    ],
)
def test_the_script_fallback_for_language(text: str, language: str) -> None:
    assert engine.script_language(text) == language


def recording_classifiers(calls: dict[str, list[int]], **overrides: Any) -> engine.Classifiers:
    def record(name: str, result: Any) -> Any:
        def classifier(lesson: list[Utterance], i: int, *rest: Any) -> Any:
            calls.setdefault(name, []).append(i)
            return result

        return classifier

    def act(text: str) -> str:
        calls.setdefault("teacher_act", []).append(text)  # type: ignore[arg-type]
        return "guidance"

    defaults: dict[str, Any] = {
        "detect_language": engine.script_language,
        "classify_question": record("classify_question", QuestionCodes(True, "open", "analyse")),
        "teacher_move": record("teacher_move", "pressing_for_reasoning"),
        "student_move": record("student_move", "making_a_claim"),
        "feedback": record("feedback", ("uptake", 0.75)),
        "teacher_act": act,
    }
    defaults.update(overrides)
    return engine.Classifiers(**defaults)


def test_each_classifier_is_called_on_the_turns_the_contract_names() -> None:
    calls: dict[str, list[Any]] = {}
    coded, summary = engine.analyse(LESSON, classifiers=recording_classifiers(calls))
    assert calls["classify_question"] == list(range(len(LESSON)))
    assert calls["teacher_move"] == [0, 2, 3, 5]
    assert calls["student_move"] == [1, 4]
    assert calls["feedback"] == [2, 5]  # teacher turns right after a student turn
    # Chinese or mixed-with-CJK teacher talk only
    assert calls["teacher_act"] == ["今日我哋講 fractions. 一半係幾多？", "你點樣知道？"]
    assert [c.feedback for c in coded] == [None, None, "uptake", None, None, "uptake", None]
    assert coded[2].uptake == 0.75
    assert coded[1].teacher_move == "none" and coded[0].student_move == "none"
    assert coded[6].teacher_move == coded[6].student_move == "none"  # role "other"
    assert all(summary["classifiers"].values())


def test_question_codes_are_cleared_on_a_non_question() -> None:
    classifiers = recording_classifiers(
        {}, classify_question=lambda lesson, i, lang: QuestionCodes(False, "open", "create")
    )
    coded, _ = engine.analyse(LESSON[:2], classifiers=classifiers)
    assert [(c.is_question, c.question_type, c.cognitive_level) for c in coded] == [
        (False, None, None)
    ] * 2


@pytest.mark.parametrize(
    "override",
    [
        {"teacher_move": lambda lesson, i: "lecturing"},
        {"student_move": lambda lesson, i: "shouting"},
        {"feedback": lambda lesson, i: ("great", 1.0)},
        {"detect_language": lambda text: "fr"},
        {"teacher_act": lambda text: "singing"},
        {"classify_question": lambda lesson, i, lang: QuestionCodes(True, "rhetorical", None)},
    ],
)
def test_a_label_outside_the_contract_is_an_error_not_a_silent_metric(
    override: dict[str, Any],
) -> None:
    with pytest.raises(ValueError, match="expected one of"):
        engine.analyse(LESSON, classifiers=recording_classifiers({}, **override))


def test_a_missing_classifier_module_is_skipped_but_a_broken_one_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert engine._optional_module("no_such_classifier_module") is None

    def broken(name: str) -> None:
        raise ModuleNotFoundError("No module named 'sklearn'", name="sklearn")

    monkeypatch.setattr(engine.importlib, "import_module", broken)
    with pytest.raises(ModuleNotFoundError, match="sklearn"):
        engine._optional_module("talkmoves")


def test_the_installed_classifiers_follow_the_contract() -> None:
    classifiers = engine.load_classifiers()
    for name, present in classifiers.available().items():
        assert present == callable(getattr(classifiers, name))
    coded, summary = engine.analyse(LESSON)  # whatever is installed, labels are checked
    assert len(coded) == len(LESSON)
    assert summary["classifiers"] == classifiers.available()


def test_analyse_rows_passes_every_field_through_in_order() -> None:
    rows = rows_of_a_lesson()
    out, summary = engine.analyse_rows(rows)
    assert len(out) == len(rows)
    for row, coded in zip(rows, out, strict=True):
        assert {k: coded[k] for k in row} == row
        assert set(coded) == set(row) | CODE_FIELDS
    assert summary["utterances"] == len(rows)
    assert summary["timing"] == "partial"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"role": "teacher", "speaker": "T"}, "line 12: missing 'text'"),
        ({"role": "teacher", "text": 5}, "line 12: 'text' must be a string"),
        ({"role": "principal", "text": "hi"}, "line 12: unknown role 'principal'"),
        ({"text": "hi"}, "line 12: unknown role None"),
        (
            {"role": "teacher", "text": "hi", "start": 5, "end": 4},
            "line 12: start 5 is after end 4",
        ),
        (
            {"role": "teacher", "text": "hi", "start": "00:01:05"},
            "line 12: 'start' must be a number",
        ),
        ({"role": "teacher", "text": "hi", "end": True}, "line 12: 'end' must be a number"),
        (
            {"role": "teacher", "text": "hi", "start": float("nan")},
            "line 12: 'start' must be a finite",
        ),
        (
            {"role": "teacher", "text": "hi", "start": -1},
            "line 12: 'start' must be a finite number of seconds ≥ 0",
        ),
        (
            {"role": "teacher", "text": "hi", "speaker": ["T"]},
            "line 12: 'speaker' must be a string",
        ),
        (["teacher", "hi"], "line 12: expected a JSON object"),
    ],
)
def test_analyse_rows_names_the_line_of_a_bad_row(row: Any, message: str) -> None:
    rows = [{"role": "teacher", "text": "Fine."}, row]
    with pytest.raises(ValueError) as raised:
        engine.analyse_rows(rows, first_line=11)
    assert message in str(raised.value)


ROW = st.fixed_dictionaries(
    {
        "speaker": st.sampled_from(["T", "S1", "S2", "Ss", ""]),
        "role": st.sampled_from(list(engine.ROLES)),
        "text": st.one_of(
            st.text(max_size=60),
            st.sampled_from(
                ["Why do you think so?", "點解？", "Good. 好叻！", "OK", "为什么这样想？", ""]
            ),
        ),
    },
    optional={
        "extra": st.one_of(
            st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=3)
        )
    },
)


@st.composite
def row_lessons(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows = draw(st.lists(ROW, max_size=30))
    t = 0.0
    timed = draw(st.booleans())
    for i, row in enumerate(rows):
        row["n"] = i
        if timed:
            t += draw(st.floats(0, 5))
            row["start"], t = t, t + draw(st.floats(0, 15))
            row["end"] = t
    return rows


@settings(max_examples=100, deadline=None)
@given(row_lessons())
def test_rows_out_equal_rows_in_count_and_order(rows: list[dict[str, Any]]) -> None:
    out, summary = engine.analyse_rows(rows)
    assert [r["n"] for r in out] == list(range(len(rows)))
    for row, coded in zip(rows, out, strict=True):
        assert {k: coded[k] for k in row} == row
        assert set(coded) >= CODE_FIELDS
    assert summary["utterances"] == len(rows)
    json.dumps(summary, allow_nan=False)


# --- command line ---------------------------------------------------------------------------


def test_cli_round_trip_keeps_every_field_and_the_order_and_writes_the_summary(
    tmp_path: Path,
) -> None:
    rows = rows_of_a_lesson()
    summary_file = tmp_path / "summary.json"
    result = run_cli(to_jsonl(rows), "--summary", str(summary_file))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    out = output_rows(result)
    assert len(out) == len(rows)
    for row, coded in zip(rows, out, strict=True):
        assert {k: coded[k] for k in row} == row
        assert set(coded) - set(row) == CODE_FIELDS
    assert list(out[0])[: len(rows[0])] == list(rows[0])  # the input's own field order first
    assert "點解植物需要光" in result.stdout.decode("utf-8")  # not \u-escaped
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    assert summary["utterances"] == len(rows)
    assert summary["timing"] == "partial"
    expected = json.loads(json.dumps(engine.analyse_rows(rows)[1]))
    assert summary == expected


def test_cli_groups_a_stream_of_lessons_by_the_lesson_field(tmp_path: Path) -> None:
    a, b = rows_of_a_lesson("A"), rows_of_a_lesson("B", offset=1000)
    b[1]["text"] = "I think it needs sunlight and water."
    interleaved = [row for pair in zip(a, b, strict=True) for row in pair] + [
        {
            "transcript_id": "A",
            "speaker": "T",
            "role": "teacher",
            "start": 30,
            "end": 33,
            "text": "Bye!",
        }
    ]
    summary_file = tmp_path / "lessons.json"
    result = run_cli(
        to_jsonl(interleaved), "--lesson-field", "transcript_id", "--summary", str(summary_file)
    )
    assert result.returncode == 0, result.stderr.decode()
    out = output_rows(result)
    assert [(r["transcript_id"], r["text"]) for r in out] == [
        (r["transcript_id"], r["text"]) for r in interleaved
    ]
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    assert set(summary) == {"A", "B"}
    lesson_a = [r for r in interleaved if r["transcript_id"] == "A"]
    lesson_b = [r for r in interleaved if r["transcript_id"] == "B"]
    assert summary["A"] == json.loads(json.dumps(engine.analyse_rows(lesson_a)[1]))
    assert summary["B"] == json.loads(json.dumps(engine.analyse_rows(lesson_b)[1]))
    assert summary["A"]["utterances"] == 7 and summary["B"]["utterances"] == 6
    assert summary["B"]["start_seconds"] == 1000  # each lesson on its own timeline
    # codes come from the lesson's own context: the same rows analysed alone code the same
    alone = output_rows(run_cli(to_jsonl(lesson_b)))
    assert [r for r in out if r["transcript_id"] == "B"] == alone


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ('{"role": "teacher", "text": "unterminated', "line 3: not valid JSON"),
        ('{"role": "teacher", "speaker": "T"}', "line 3: missing 'text'"),
        ('{"role": "head", "text": "Hello"}', "line 3: unknown role 'head'"),
        (
            '{"role": "teacher", "text": "Hi", "start": 9, "end": 3}',
            "line 3: start 9 is after end 3",
        ),
        ('{"role": "teacher", "text": "Hi", "start": "9s"}', "line 3: 'start' must be a number"),
        ("[1, 2]", "line 3: expected a JSON object"),
    ],
)
def test_cli_bad_input_exits_2_naming_the_line_and_writes_nothing(
    tmp_path: Path, bad_line: str, message: str
) -> None:
    good = to_jsonl(rows_of_a_lesson()[:1])
    summary_file = tmp_path / "summary.json"
    result = run_cli(good + "\n" + bad_line + "\n" + good, "--summary", str(summary_file))
    assert result.returncode == 2
    assert result.stdout == b""
    assert message in result.stderr.decode("utf-8")
    assert not summary_file.exists()


def test_cli_needs_the_lesson_field_on_every_row() -> None:
    rows = rows_of_a_lesson()
    del rows[3]["transcript_id"]
    result = run_cli(to_jsonl(rows), "--lesson-field", "transcript_id")
    assert result.returncode == 2 and result.stdout == b""
    assert "line 4: no 'transcript_id' field" in result.stderr.decode()


def test_cli_rejects_text_that_is_not_utf8() -> None:
    result = run_cli(b'{"role": "teacher", "text": "ok"}\n{"role": "teacher", "text": "\xff"}\n')
    assert result.returncode == 2 and result.stdout == b""
    assert "line 2: not UTF-8" in result.stderr.decode()


def test_cli_an_unwritable_summary_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    result = run_cli(
        to_jsonl(rows_of_a_lesson()), "--summary", str(tmp_path / "missing" / "s.json")
    )
    assert result.returncode == 2 and result.stdout == b""
    assert "summary" in result.stderr.decode()


def test_cli_replaces_code_fields_already_in_the_input() -> None:
    row = {"role": "teacher", "speaker": "T", "text": "Why?", "language": "fr", "uptake": "high"}
    (out,) = output_rows(run_cli(to_jsonl([row])))
    assert out["language"] == "en" and out["uptake"] is None
    assert list(out).count("language") == 1


def test_cli_with_no_input_writes_nothing_and_an_empty_summary(tmp_path: Path) -> None:
    summary_file = tmp_path / "s.json"
    result = run_cli("\n\n", "--summary", str(summary_file))
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads(summary_file.read_text())["utterances"] == 0
    result = run_cli("", "--lesson-field", "transcript_id", "--summary", str(summary_file))
    assert result.returncode == 0 and json.loads(summary_file.read_text()) == {}
