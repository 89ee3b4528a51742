"""Lesson metrics from coded utterances: talk shares, questions, IRF, wait time, participation,
S-T analysis, the Flanders (FIAS) matrix and a per-minute timeline.

Pure Python and JSON-ready. Every value, its formula and its source are in ``docs/lesson-analysis.md``.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from lessons.analysis.types import (
    BLOOM_LEVELS,
    FEEDBACK,
    LOWER_ORDER,
    STUDENT_MOVES,
    TEACHER_ACTS,
    TEACHER_MOVES,
    CodedUtterance,
)

ST_INTERVAL = 30.0  # seconds between S-T samples
FIAS_UNIT = 3.0  # seconds per FIAS code
WAIT_TIME_THRESHOLD = 3.0  # Rowe
TIMELINE_BIN = 60.0
#: Speaking rates used only to estimate time when the transcript has no timestamps.
LATIN_WORDS_PER_SECOND = 2.5  # 150 words a minute
CJK_CHARS_PER_SECOND = 4.0  # 240 characters a minute
MIN_ESTIMATED_SECONDS = 0.5

TEACHER, STUDENT, OTHER = 1, 2, 4  # bits of a timeline segment's mask
HIGHER_ORDER = frozenset(BLOOM_LEVELS) - LOWER_ORDER

_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN_WORD = re.compile(r"\S*?[^\W_]\S*")
_NEGATIVE = re.compile(
    r"^\W*(no\b|nope\b|not (quite|really|exactly|right)\b|wrong\b|incorrect\b|that'?s not\b|that is not\b"
    r"|唔係|唔啱|唔對|錯|错|不對|不对|不是|不正確|不正确)",
    re.IGNORECASE,
)
_DIRECTIVE = re.compile(
    r"^\W*(please\b|let'?s\b|open your\b|close your\b|turn (to|and|around)\b|look at\b|listen\b|write\b"
    r"|take out\b|put\b|sit\b|stand\b|stop\b|come (here|to|and)\b|go ahead\b|copy\b|underline\b|circle\b"
    r"|raise your\b|hands up\b|work (with|in|on)\b|talk to\b|discuss\b|read\b|everyone,? (look|read|say)\b"
    r"|請|请|打開|打开|翻到|揭開|揭到|寫低|写下|抄低|抄下|坐好|坐低|企起身|站起來|站起来|安靜|安静"
    r"|舉手|举手|跟我讀|跟我读|一齊讀|一起读|大家一齊|大家一起|討論|讨论)",
    re.IGNORECASE,
)


def word_count(text: str) -> int:
    """Words in ``text``: each CJK character counts as a word, other text by whitespace tokens
    that hold at least one letter or digit."""
    if text.isascii():
        return len(_LATIN_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    if cjk:
        text = _CJK.sub(" ", text)
    return cjk + len(_LATIN_WORD.findall(text))


def estimated_seconds(text: str) -> float:
    """Speaking time of ``text`` estimated from its words (no timestamps available)."""
    if text.isascii():
        return max(MIN_ESTIMATED_SECONDS, len(_LATIN_WORD.findall(text)) / LATIN_WORDS_PER_SECOND)
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN_WORD.findall(_CJK.sub(" ", text))) if cjk else len(_LATIN_WORD.findall(text))
    return max(MIN_ESTIMATED_SECONDS, cjk / CJK_CHARS_PER_SECOND + latin / LATIN_WORDS_PER_SECOND)


def gini(values: Sequence[float]) -> float | None:
    """Gini coefficient Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄): 0 when equal, (n − 1)/n when one has all.
    None for no values or an all-zero total."""
    n = len(values)
    total = sum(values)
    if n == 0 or total <= 0:
        return None
    ranked = sum(rank * x for rank, x in enumerate(sorted(values), start=1))
    return max(0.0, 2 * ranked / (n * total) - (n + 1) / n)


def st_mode(n_t: int, n: int, runs: int) -> str | None:
    """S-T lesson mode from the sample counts, with exact (integer) threshold tests:
    practice Rt ≤ 0.3, lecture Rt ≥ 0.7, then dialogue Ch ≥ 0.4, else mixed."""
    if n <= 0:
        return None
    if 10 * n_t <= 3 * n:
        return "practice"
    if 10 * n_t >= 7 * n:
        return "lecture"
    if 10 * (runs - 1) >= 4 * n:
        return "dialogue"
    return "mixed"


def _group(role: str) -> int:
    if role == "teacher":
        return TEACHER
    if role in ("student", "students"):
        return STUDENT
    return OTHER


def _share(part: float, whole: float, digits: int = 4) -> float | None:
    return round(part / whole, digits) if whole else None


def _pct(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 3) if whole else None


def _sec(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


# --- timing ---------------------------------------------------------------------------------


def _measured(coded: Sequence[CodedUtterance]) -> list[bool]:
    return [
        c.utterance.start is not None
        and c.utterance.end is not None
        and c.utterance.end >= c.utterance.start
        for c in coded
    ]


def timeline_spans(
    coded: Sequence[CodedUtterance], measured: Sequence[bool] | None = None
) -> tuple[list[tuple[float, float]], str]:
    """One (start, end) per utterance on the lesson's timeline and how it was obtained:
    ``measured`` (every utterance timed), ``estimated`` (no times: consecutive, from word
    counts) or ``partial`` (given times kept, missing ones filled from word counts)."""
    if measured is None:
        measured = _measured(coded)
    if all(measured):
        return [(c.utterance.start, c.utterance.end) for c in coded], "measured"  # type: ignore[misc]
    untimed = all(c.utterance.start is None and c.utterance.end is None for c in coded)
    spans: list[tuple[float, float]] = []
    if untimed:
        t = 0.0
        for c in coded:
            d = estimated_seconds(c.utterance.text)
            spans.append((t, t + d))
            t += d
        return spans, "estimated"
    next_start: list[float | None] = [None] * len(coded)
    upcoming: float | None = None
    for i in range(len(coded) - 1, -1, -1):
        next_start[i] = upcoming
        if coded[i].utterance.start is not None:
            upcoming = coded[i].utterance.start
    talk_end: float | None = None
    for i, c in enumerate(coded):
        u = c.utterance
        if measured[i]:
            s, e = u.start, u.end
        else:
            d = estimated_seconds(u.text)
            s = u.start
            e = u.end if u.end is not None and (s is None or u.end >= s) else None
            if s is None:
                s = e - d if e is not None else (talk_end if talk_end is not None else 0.0)
                if e is not None and talk_end is not None:
                    s = min(e, max(talk_end, s))
            if e is None:
                e = s + d
                nxt = next_start[i]
                if nxt is not None and nxt >= s:
                    e = min(e, nxt)
        assert s is not None and e is not None
        spans.append((s, e))
        talk_end = e if talk_end is None else max(talk_end, e)
    return spans, "partial"


def _segments(
    spans: Sequence[tuple[float, float]], groups: Sequence[int]
) -> list[tuple[float, float, int]]:
    """Cut the timeline at every start and end: (from, to, mask of who talks), silence = 0."""
    events: list[tuple[float, int, int]] = []
    for (s, e), g in zip(spans, groups, strict=True):
        if e > s:
            events.append((s, 1, g))
            events.append((e, -1, g))
    events.sort()
    active = [0] * 5  # speakers talking, by group bit
    mask = 0
    segments: list[tuple[float, float, int]] = []
    previous = events[0][0] if events else 0.0
    for t, step, g in events:
        if t > previous:
            if segments and segments[-1][2] == mask:
                segments[-1] = (segments[-1][0], t, mask)
            else:
                segments.append((previous, t, mask))
            previous = t
        active[g] += step
        mask = mask | g if active[g] else mask & ~g
    return segments


def _seconds_by_mask(segments: Sequence[tuple[float, float, int]]) -> list[float]:
    totals = [0.0] * 8
    for a, b, mask in segments:
        totals[mask] += b - a
    return totals


def _by_group(totals: Sequence[float]) -> dict[str, float]:
    """Seconds of teacher, student and other talk, overlap and silence from per-mask totals."""
    return {
        "teacher": sum(totals[m] for m in range(8) if m & TEACHER),
        "student": sum(totals[m] for m in range(8) if m & STUDENT),
        "other": sum(totals[m] for m in range(8) if m & OTHER),
        "overlap": sum(totals[m] for m in (3, 5, 6, 7)),
        "silence": totals[0],
    }


# --- the metric families ------------------------------------------------------------------


def _talk(
    coded: Sequence[CodedUtterance],
    words: Sequence[int],
    segments: Sequence[tuple[float, float, int]],
    duration: float,
    timing: str,
) -> dict[str, Any]:
    seconds = _by_group(_seconds_by_mask(segments))
    word_totals = {"teacher": 0, "student": 0, "other": 0}
    utterances = {"teacher": 0, "student": 0, "students": 0, "other": 0}
    for c, w in zip(coded, words, strict=True):
        role = c.utterance.role
        utterances[role] = utterances.get(role, 0) + 1
        key = (
            "teacher"
            if role == "teacher"
            else "student"
            if role in ("student", "students")
            else "other"
        )
        word_totals[key] += w
    total_words = sum(word_totals.values())
    unknown = ("silence",) if timing == "estimated" else ()
    return {
        "utterances": utterances,
        "seconds": {k: None if k in unknown else round(v, 2) for k, v in seconds.items()},
        "time_share": {
            k: None if k in unknown else _share(v, duration) for k, v in seconds.items()
        },
        "words": word_totals,
        "word_share": {k: _share(v, total_words) for k, v in word_totals.items()},
    }


def _silence(
    segments: Sequence[tuple[float, float, int]], duration: float, timing: str
) -> dict[str, Any]:
    if timing == "estimated":
        return {
            "seconds": None,
            "share": None,
            "gaps": None,
            "gaps_3s_or_more": None,
            "longest_seconds": None,
        }
    gaps = [b - a for a, b, mask in segments if mask == 0]
    total = sum(gaps)
    return {
        "seconds": round(total, 2),
        "share": _share(total, duration),
        "gaps": len(gaps),
        "gaps_3s_or_more": sum(1 for g in gaps if g >= WAIT_TIME_THRESHOLD),
        "longest_seconds": round(max(gaps), 2) if gaps else 0.0,
    }


def _questions(coded: Sequence[CodedUtterance], duration: float) -> dict[str, Any]:
    teacher_q = [c for c in coded if c.is_question and c.utterance.role == "teacher"]
    typed = [c.question_type for c in teacher_q if c.question_type is not None]
    levelled = [c.cognitive_level for c in teacher_q if c.cognitive_level is not None]
    levels = Counter(levelled)
    higher = sum(levels[level] for level in HIGHER_ORDER)
    return {
        "teacher_questions": len(teacher_q),
        "student_questions": sum(
            1 for c in coded if c.is_question and c.utterance.role in ("student", "students")
        ),
        "per_10_min": round(len(teacher_q) * 600 / duration, 2) if duration > 0 else None,
        "with_type": len(typed),
        "open": typed.count("open"),
        "closed": typed.count("closed"),
        "open_share": _share(typed.count("open"), len(typed)),
        "with_level": len(levelled),
        "higher_order": higher,
        "higher_order_share": _share(higher, len(levelled)),
        "cognitive_levels": {level: levels[level] for level in BLOOM_LEVELS},
    }


def _same_turn(a: CodedUtterance, b: CodedUtterance) -> bool:
    return a.utterance.role == b.utterance.role and a.utterance.speaker == b.utterance.speaker


def _irf(coded: Sequence[CodedUtterance], groups: Sequence[int]) -> dict[str, Any]:
    n = len(coded)
    # next_other[i]: first utterance after i by someone else (a different turn)
    next_other = [n] * n
    for i in range(n - 2, -1, -1):
        next_other[i] = next_other[i + 1] if _same_turn(coded[i], coded[i + 1]) else i + 1
    questions = answered = 0
    for i, c in enumerate(coded):
        if c.is_question and groups[i] == TEACHER:
            questions += 1
            j = next_other[i]
            if j < n and groups[j] == STUDENT:
                answered += 1
    third = Counter[str]()
    i = 0
    while i < n:
        if groups[i] != STUDENT:
            i += 1
            continue
        a = i
        while i < n and groups[i] == STUDENT:
            i += 1
        if a == 0 or groups[a - 1] != TEACHER or i >= n or groups[i] != TEACHER:
            continue
        k = a - 1
        asked = False
        while k >= 0 and _same_turn(coded[k], coded[a - 1]):
            asked = asked or coded[k].is_question
            k -= 1
        if asked:
            feedback = coded[i].feedback
            third[
                "ire"
                if feedback in ("praise", "evaluative")
                else "irf_uptake"
                if feedback == "uptake"
                else "no_feedback"
                if feedback == "none"
                else "not_assessed"
            ] += 1
    chains = sum(third.values())
    return {
        "chains": chains,
        "ire": third["ire"],
        "irf_uptake": third["irf_uptake"],
        "no_feedback": third["no_feedback"],
        "not_assessed": third["not_assessed"],
        "teacher_questions": questions,
        "answered_questions": answered,
        "answered_share": _share(answered, questions),
    }


def _wait_stats(waits: Sequence[float]) -> dict[str, Any]:
    return {
        "n": len(waits),
        "mean_seconds": _sec(statistics.fmean(waits)) if waits else None,
        "median_seconds": _sec(statistics.median(waits)) if waits else None,
        "share_3s_or_more": _share(sum(1 for w in waits if w >= WAIT_TIME_THRESHOLD), len(waits)),
    }


def _wait_time(
    coded: Sequence[CodedUtterance], groups: Sequence[int], measured: Sequence[bool]
) -> dict[str, Any]:
    after_question: list[float] = []
    after_student: list[float] = []
    for i in range(len(coded) - 1):
        if not (measured[i] and measured[i + 1]):
            continue
        wait = max(0.0, coded[i + 1].utterance.start - coded[i].utterance.end)  # type: ignore[operator]
        if groups[i] == TEACHER and coded[i].is_question:
            after_question.append(wait)
        elif groups[i] == STUDENT and groups[i + 1] == TEACHER:
            after_student.append(wait)
    return {
        "threshold_seconds": WAIT_TIME_THRESHOLD,
        **_wait_stats(after_question),
        "after_student": _wait_stats(after_student),
    }


def _participation(
    coded: Sequence[CodedUtterance], words: Sequence[int], class_size: int | None
) -> dict[str, Any]:
    turns: Counter[str] = Counter()
    student_words: Counter[str] = Counter()
    chorus_turns = chorus_words = unidentified_turns = 0
    for i, c in enumerate(coded):
        u = c.utterance
        new_turn = i == 0 or not _same_turn(coded[i - 1], c)
        if u.role == "students":
            chorus_turns += new_turn
            chorus_words += words[i]
        elif u.role == "student":
            if u.speaker:
                turns[u.speaker] += new_turn
                student_words[u.speaker] += words[i]
            else:
                unidentified_turns += new_turn
    speakers = sorted(turns)
    silent = max(0, (class_size or 0) - len(speakers))
    turn_counts = [turns[s] for s in speakers] + [0] * silent
    word_counts = [student_words[s] for s in speakers] + [0] * silent
    g_turns, g_words = gini(turn_counts), gini(word_counts)
    return {
        "student_speakers": len(speakers),
        "class_size": class_size,
        "share_of_class_who_spoke": _share(len(speakers), class_size) if class_size else None,
        "turns_per_student": {s: turns[s] for s in speakers},
        "words_per_student": {s: student_words[s] for s in speakers},
        "mean_turns_per_student": round(statistics.fmean(turn_counts), 2) if turn_counts else None,
        "gini_turns": None if g_turns is None else round(g_turns, 4),
        "gini_words": None if g_words is None else round(g_words, 4),
        "chorus_turns": chorus_turns,
        "chorus_words": chorus_words,
        "unidentified_student_turns": unidentified_turns,
    }


def _st(
    segments: Sequence[tuple[float, float, int]], t0: float, duration: float, timing: str
) -> dict[str, Any]:
    codes: list[str] = []
    if duration >= ST_INTERVAL / 2:
        n = int((duration - ST_INTERVAL / 2) // ST_INTERVAL) + 1
        k = 0
        for i in range(n):
            t = t0 + ST_INTERVAL * i + ST_INTERVAL / 2
            while k < len(segments) and segments[k][1] <= t:
                k += 1
            teacher = k < len(segments) and segments[k][0] <= t and bool(segments[k][2] & TEACHER)
            codes.append("T" if teacher else "S")
    n = len(codes)
    n_t = codes.count("T")
    runs = sum(1 for i in range(n) if i == 0 or codes[i] != codes[i - 1])
    return {
        "interval_seconds": ST_INTERVAL,
        "timing": timing,
        "n": n,
        "n_t": n_t,
        "n_s": n - n_t,
        "rt": _share(n_t, n),
        "runs": runs,
        "ch": _share(runs - 1, n) if n else None,
        "mode": st_mode(n_t, n, runs),
        "sequence": "".join(codes),
    }


def fias_categories(coded: Sequence[CodedUtterance]) -> list[int]:
    """One Flanders category (1–10) per utterance (see docs/lesson-analysis.md for the rules)."""
    categories: list[int] = []
    response_run = False
    for i, c in enumerate(coded):
        role = c.utterance.role
        previous = coded[i - 1] if i else None
        if role == "teacher":
            categories.append(_teacher_category(c, previous))
        elif role in ("student", "students"):
            if previous is None or previous.utterance.role not in ("student", "students"):
                response_run = previous is not None and categories[-1] in (2, 3, 4, 6)
            initiates = c.is_question or c.student_move == "asking_for_more_information"
            categories.append(8 if response_run and not initiates else 9)
        else:
            categories.append(10)
    return categories


def _teacher_category(c: CodedUtterance, previous: CodedUtterance | None) -> int:
    text = c.utterance.text
    feedback = c.feedback
    after_student = previous is not None and previous.utterance.role in ("student", "students")
    if feedback == "evaluative" or (feedback is None and after_student and _NEGATIVE.match(text)):
        return 7 if _NEGATIVE.match(text) else 2
    if feedback == "praise" or c.teacher_act == "commending":
        return 2
    if (
        feedback == "uptake"
        or c.teacher_move in ("revoicing", "restating")
        or c.teacher_act == "repeating"
    ):
        return 3
    if c.is_question:
        return 4
    if (
        c.teacher_move == "keeping_everyone_together"
        or c.teacher_act == "note-taking"
        or _DIRECTIVE.match(text)
    ):
        return 6
    return 5


def _fias(coded: Sequence[CodedUtterance], measured: Sequence[bool]) -> dict[str, Any]:
    # the code sequence as runs of (category, units)
    runs: list[tuple[int, int]] = []
    talk_end: float | None = None
    for i, cat in enumerate(fias_categories(coded)):
        u = coded[i].utterance
        if measured[i]:
            if talk_end is not None and u.start - talk_end >= FIAS_UNIT:  # type: ignore[operator]
                runs.append((10, int((u.start - talk_end) // FIAS_UNIT)))  # type: ignore[operator]
            units = max(1, math.floor((u.end - u.start) / FIAS_UNIT + 0.5))  # type: ignore[operator]
            talk_end = u.end if talk_end is None else max(talk_end, u.end)  # type: ignore[type-var]
        else:
            units = 1
            talk_end = None
        runs.append((cat, units))
    counts = [0] * 10
    for cat, units in runs:
        counts[cat - 1] += units
    matrix = [[0] * 10 for _ in range(10)]
    previous = 10  # Flanders: every record starts and ends with a 10
    for cat, units in [*runs, (10, 1)]:
        matrix[previous - 1][cat - 1] += 1
        matrix[cat - 1][cat - 1] += units - 1
        previous = cat
    c = [sum(matrix[i][j] for i in range(10)) for j in range(10)]  # column totals
    total = sum(c)
    units_total = sum(counts)
    n1, n2, n3, n4, n5, n6, n7, n8, n9, n10 = counts

    def cells(rows: Sequence[int], columns: Sequence[int]) -> int:
        return sum(matrix[r - 1][k - 1] for r in rows for k in columns)

    cross = sum(matrix[r][k] for r in range(10) for k in range(10) if r in (3, 4) or k in (3, 4))
    return {
        "unit_seconds": FIAS_UNIT,
        "units": units_total,
        "counts": {str(k + 1): counts[k] for k in range(10)},
        "matrix": matrix,
        "matrix_total": total,
        "ratios": {
            "teacher_talk_pct": _pct(n1 + n2 + n3 + n4 + n5 + n6 + n7, units_total),
            "pupil_talk_pct": _pct(n8 + n9, units_total),
            "silence_pct": _pct(n10, units_total),
            "indirect_direct_ratio": _ratio(n1 + n2 + n3 + n4, n5 + n6 + n7),
            "revised_indirect_direct_ratio": _ratio(n1 + n2 + n3, n6 + n7),
            "teacher_response_ratio_pct": _pct(n1 + n2 + n3, n1 + n2 + n3 + n6 + n7),
            "teacher_question_ratio_pct": _pct(n4, n4 + n5),
            "pupil_initiation_ratio_pct": _pct(n9, n8 + n9),
            "instant_teacher_response_ratio_pct": _pct(
                cells((8, 9), (1, 2, 3)), cells((8, 9), (1, 2, 3, 6, 7))
            ),
            "instant_teacher_question_ratio_pct": _pct(cells((8, 9), (4,)), cells((8, 9), (4, 5))),
            "content_cross_ratio_pct": _pct(cross, total),
            "steady_state_ratio_pct": _pct(sum(matrix[k][k] for k in range(10)), total),
            "pupil_steady_state_ratio_pct": _pct(matrix[7][7] + matrix[8][8], c[7] + c[8]),
            "accepting_region_pct": _pct(cells((1, 2, 3), (1, 2, 3)), total),
            "defect_region_pct": _pct(cells((6, 7), (6, 7)), total),
        },
    }


def _timeline(
    coded: Sequence[CodedUtterance],
    spans: Sequence[tuple[float, float]],
    segments: Sequence[tuple[float, float, int]],
    t0: float,
    duration: float,
    timing: str,
) -> list[dict[str, Any]]:
    n_bins = math.ceil(duration / TIMELINE_BIN) if duration > 0 else 0
    by_mask = [[0.0] * 8 for _ in range(n_bins)]
    for a, b, mask in segments:
        k = min(n_bins - 1, int((a - t0) // TIMELINE_BIN))
        while a < b:
            cut = min(b, t0 + (k + 1) * TIMELINE_BIN) if k < n_bins - 1 else b
            by_mask[k][mask] += cut - a
            a = cut
            k += 1
    questions = [0] * n_bins
    for c, (s, _) in zip(coded, spans, strict=True):
        if c.is_question and c.utterance.role == "teacher" and n_bins:
            questions[min(n_bins - 1, max(0, int((s - t0) // TIMELINE_BIN)))] += 1
    out: list[dict[str, Any]] = []
    for k in range(n_bins):
        seconds = _by_group(by_mask[k])
        out.append(
            {
                "minute": k,
                "start": round(t0 + k * TIMELINE_BIN, 2),
                "teacher": round(seconds["teacher"], 2),
                "student": round(seconds["student"], 2),
                "other": round(seconds["other"], 2),
                "silence": None if timing == "estimated" else round(seconds["silence"], 2),
                "questions": questions[k],
            }
        )
    return out


def _counts(
    coded: Sequence[CodedUtterance], groups: Sequence[int], words: Sequence[int]
) -> dict[str, Any]:
    teacher_moves = Counter(
        c.teacher_move for c, g in zip(coded, groups, strict=True) if g == TEACHER
    )
    student_moves = Counter(
        c.student_move for c, g in zip(coded, groups, strict=True) if g == STUDENT
    )
    feedback = Counter(c.feedback for c in coded if c.feedback is not None)
    uptake = [c.uptake for c in coded if c.uptake is not None]
    acts = Counter(c.teacher_act for c in coded if c.teacher_act is not None)
    languages: Counter[str] = Counter()
    language_words: Counter[str] = Counter()
    for c, w in zip(coded, words, strict=True):
        languages[c.language] += 1
        language_words[c.language] += w
    return {
        "talk_moves": {
            "teacher": {m: teacher_moves[m] for m in TEACHER_MOVES},
            "student": {m: student_moves[m] for m in STUDENT_MOVES},
        },
        "feedback": {
            "counts": {f: feedback[f] for f in FEEDBACK},
            "assessed": sum(feedback.values()),
            "mean_uptake": round(statistics.fmean(uptake), 4) if uptake else None,
        },
        "teacher_acts": {a: acts[a] for a in TEACHER_ACTS},
        "languages": {
            "utterances": dict(sorted(languages.items())),
            "words": dict(sorted(language_words.items())),
        },
    }


def lesson_metrics(
    coded: Sequence[CodedUtterance], *, class_size: int | None = None
) -> dict[str, Any]:
    """Every metric of one lesson as a JSON-ready dict (keys documented in docs/lesson-analysis.md).

    ``class_size``, when known, counts the students who never spoke as zeros in the
    participation Gini coefficients."""
    measured = _measured(coded)
    words = [word_count(c.utterance.text) for c in coded]
    groups = [_group(c.utterance.role) for c in coded]
    if coded:
        spans, timing = timeline_spans(coded, measured)
    else:
        spans, timing = [], "none"
    segments = _segments(spans, groups)
    t0 = min((s for s, _ in spans), default=0.0)
    t_end = max((e for _, e in spans), default=0.0)
    # utterances of zero length at either end still bound the lesson: the rest is silence
    if segments and segments[0][0] > t0:
        segments.insert(0, (t0, segments[0][0], 0))
    if segments and segments[-1][1] < t_end:
        segments.append((segments[-1][1], t_end, 0))
    if not segments and t_end > t0:
        segments.append((t0, t_end, 0))
    duration = t_end - t0
    result: dict[str, Any] = {
        "utterances": len(coded),
        "timing": timing,
        "timed_utterances": sum(measured),
        "start_seconds": round(t0, 2),
        "end_seconds": round(t_end, 2),
        "duration_seconds": round(duration, 2),
        "duration_minutes": round(duration / 60, 2),
        "talk": _talk(coded, words, segments, duration, timing),
        "silence": _silence(segments, duration, timing),
        "questions": _questions(coded, duration),
        "irf": _irf(coded, groups),
        "wait_time": _wait_time(coded, groups, measured),
        "participation": _participation(coded, words, class_size),
        "st": _st(segments, t0, duration, timing),
        "fias": _fias(coded, measured),
        "timeline_bin_seconds": TIMELINE_BIN,
        "timeline": _timeline(coded, spans, segments, t0, duration, timing),
    }
    result.update(_counts(coded, groups, words))
    return result
