"""What the teacher reads about a lesson: headline metrics with plain-language explanations and
reference ranges, a timeline, a question ladder, quoted examples for each finding, and links to
the framework's indicators."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from lessons.analysis.metrics import HIGHER_ORDER
from lessons.analysis.types import BLOOM_LEVELS as BLOOM
from lessons.models import Lesson, Utterance

BLOOM_LABELS = {
    "remember": _("Remember"),
    "understand": _("Understand"),
    "apply": _("Apply"),
    "analyse": _("Analyse"),
    "evaluate": _("Evaluate"),
    "create": _("Create"),
}

MOVE_LABELS = {
    "keeping_everyone_together": _("Keeping everyone together"),
    "getting_students_to_relate": _("Getting students to relate to each other's ideas"),
    "restating": _("Restating"),
    "revoicing": _("Revoicing"),
    "pressing_for_accuracy": _("Pressing for accuracy"),
    "pressing_for_reasoning": _("Pressing for reasoning"),
}
MODE_LABELS = {
    "lecture": _("lecture"),
    "practice": _("practice"),
    "dialogue": _("dialogue"),
    "mixed": _("mixed"),
}


def lookup(metrics: dict[str, Any], *paths: str, default: Any = None) -> Any:
    """The first of several dotted paths present in the metrics (engine versions name a few keys
    differently)."""
    for path in paths:
        node: Any = metrics
        for part in path.split("."):
            if isinstance(node, dict) and part in node:
                node = node[part]
            else:
                node = None
                break
        if node is not None:
            return node
    return default


@dataclass
class Quote:
    index: int
    speaker: str
    text: str
    start: float | None

    @property
    def timestamp(self) -> str:
        if self.start is None:
            return ""
        minutes, seconds = divmod(int(self.start), 60)
        return f"{minutes:02d}:{seconds:02d}"


@dataclass
class Headline:
    key: str
    label: str
    value: float | None
    unit: str
    explanation: str
    reference: str
    within: bool | None = None

    @property
    def display(self) -> str:
        if self.value is None:
            return "–"
        if self.unit == "%":
            return f"{self.value:.0f}%"
        if self.unit == "s":
            return f"{self.value:.1f} s"
        return f"{self.value:.1f}"


@dataclass
class Finding:
    title: str
    text: str
    indicators: list[str]
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class LessonReport:
    lesson: Lesson
    metrics: dict[str, Any]
    headlines: list[Headline]
    ladder: list[tuple[str, str, int]]
    timeline: list[dict[str, float]]
    findings: list[Finding]
    moves: list[tuple[str, int]]
    mode: str | None
    utterance_count: int

    def headline(self, key: str) -> Headline | None:
        return next((h for h in self.headlines if h.key == key), None)

    @property
    def ladder_max(self) -> int:
        """The longest rung: bars are drawn relative to it, so the ladder always fills its width."""
        return max((count for _level, _label, count in self.ladder), default=0) or 1


@dataclass(frozen=True)
class HeadlineSpec:
    key: str
    label: Any
    paths: tuple[str, ...]
    unit: str
    explanation: Any
    reference: Any
    within: tuple[float, float] | None = None
    """The range, in displayed units, that the reference text calls good."""


# Every value comes from the engine's metrics, so the report, the PDF, comparisons and the
# benches all read the same numbers.
HEADLINES = (
    HeadlineSpec(
        "student_talk",
        _("Student talk"),
        ("talk.time_share.student", "talk.word_share.student"),
        "%",
        _(
            "Share of the lesson's talk that came from students (by time when the transcript has times, else by words)."
        ),
        _(
            # xgettext:no-python-format
            "Dialogic lessons often reach 30–50%; lecture-style lessons are often under 20% (TeachFX, Flanders)."
        ),
        (30, 60),
    ),
    HeadlineSpec(
        "questions_rate",
        _("Teacher questions per 10 minutes"),
        ("questions.per_10_min",),
        "",
        _("How often you asked a question that invited an answer."),
        _(
            "Studies of classroom talk commonly find 10–30 per 10 minutes; more is not always better."
        ),
    ),
    HeadlineSpec(
        "open_share",
        _("Open questions"),
        ("questions.open_share",),
        "%",
        _("Questions with many acceptable answers, which invite students to explain or explore."),
        _(
            # xgettext:no-python-format
            "Often under 20% in ordinary lessons; 25% or more is a common professional-development goal."
        ),
        (25, 100),
    ),
    HeadlineSpec(
        "higher_order",
        _("Higher-order questions"),
        ("questions.higher_order_share",),
        "%",
        _(
            "Questions asking students to analyse, evaluate or create (revised Bloom), among all questions."
        ),
        _(
            # xgettext:no-python-format
            "Typically 10–25% of teacher questions; a rise between lessons is a good sign."
        ),
        (20, 100),
    ),
    HeadlineSpec(
        "wait_time",
        _("Wait time after questions"),
        ("wait_time.mean_seconds",),
        "s",
        _("Seconds between the end of your question and the next person speaking."),
        _(
            "Rowe found that waiting 3 seconds or more leads to longer, more reasoned answers; many teachers wait about 1 second."
        ),
        (3, 60),
    ),
    HeadlineSpec(
        "equity",
        _("Participation equity (Gini)"),
        ("participation.gini_turns",),
        "",
        _(
            "0 means every named student spoke equally often; values near 1 mean a few students did most of the talking."
        ),
        _("Below 0.3 is fairly even; above 0.5 suggests some students are left out."),
        (0, 0.3),
    ),
)


def _headline(spec: HeadlineSpec, raw: float | None) -> Headline:
    value = _pct(raw) if spec.unit == "%" else raw
    within = None
    if value is not None and spec.within is not None:
        low, high = spec.within
        within = low <= value <= high
    return Headline(
        spec.key,
        str(spec.label),
        value,
        spec.unit,
        str(spec.explanation),
        str(spec.reference),
        within,
    )


def _pct(x: float | None) -> float | None:
    if x is None:
        return None
    return 100 * x if x <= 1.0 else x


def _quote(u: Utterance) -> Quote:
    return Quote(u.index, u.speaker, u.text, u.start)


def build_report(lesson: Lesson) -> LessonReport:
    metrics = lesson.analysis.metrics if hasattr(lesson, "analysis") else {}
    rows = list(lesson.utterances.order_by("index"))
    teacher = [u for u in rows if u.role == "teacher"]
    questions = [u for u in teacher if u.is_question]
    levelled = [u for u in questions if u.cognitive_level]
    higher = [u for u in levelled if u.cognitive_level in HIGHER_ORDER]
    open_q = [u for u in questions if u.question_type == "open"]

    headlines = [_headline(spec, lookup(metrics, *spec.paths)) for spec in HEADLINES]

    counts = Counter(u.cognitive_level for u in levelled)
    ladder = [(level, str(BLOOM_LABELS[level]), counts.get(level, 0)) for level in reversed(BLOOM)]
    moves = Counter(u.teacher_move for u in teacher if u.teacher_move and u.teacher_move != "none")

    findings: list[Finding] = []
    if higher:
        findings.append(
            Finding(
                str(_("Questions that stretch thinking")),
                str(_("These questions asked students to analyse, evaluate or create.")),
                ["3.2.2", "5.1.2"],
                [_quote(u) for u in higher[:3]],
            )
        )
    closed = [u for u in questions if u.question_type == "closed"]
    if closed and len(closed) >= len(open_q):
        findings.append(
            Finding(
                str(_("Mostly closed questions")),
                str(
                    _(
                        "Most of your questions had one right answer. Try turning one of them into a “why” or “how do you know” question next time."
                    )
                ),
                ["3.2.2", "5.1.2"],
                [_quote(u) for u in closed[:3]],
            )
        )
    uptake = [
        u
        for u in teacher
        if u.feedback == "uptake"
        or u.teacher_move in ("revoicing", "restating", "pressing_for_reasoning")
    ]
    if uptake:
        findings.append(
            Finding(
                str(_("Building on students' ideas")),
                str(
                    _(
                        "Here you took up what a student said: revoicing it, asking for reasoning, or connecting it to others."
                    )
                ),
                ["3.2.3", "5.1.2"],
                [_quote(u) for u in uptake[:3]],
            )
        )
    praise = [u for u in teacher if u.feedback in ("praise", "evaluative")]
    if praise and len(praise) > len(uptake):
        findings.append(
            Finding(
                str(_("Feedback that closes the exchange")),
                str(
                    _(
                        "After students answered you often praised or judged the answer. Asking a follow-up question keeps the thinking with the students."
                    )
                ),
                ["3.2.2", "3.3.2"],
                [_quote(u) for u in praise[:3]],
            )
        )
    claims = [
        u
        for u in rows
        if u.student_move in ("providing_evidence_or_reasoning", "relating_to_another_student")
    ]
    if claims:
        findings.append(
            Finding(
                str(_("Students reasoning and responding to each other")),
                str(_("Students gave reasons or responded to a classmate's idea.")),
                ["3.2.2", "3.2.3"],
                [_quote(u) for u in claims[:3]],
            )
        )

    bin_seconds = float(lookup(metrics, "timeline_bin_seconds", default=60) or 60)
    timeline = [
        {
            **b,
            "teacher_pct": round(100 * float(b.get("teacher") or 0) / bin_seconds),
            "student_pct": round(100 * float(b.get("student") or 0) / bin_seconds),
        }
        for b in (lookup(metrics, "timeline", default=[]) or [])
        if isinstance(b, dict)
    ]
    mode = lookup(metrics, "st.mode")
    return LessonReport(
        lesson=lesson,
        metrics=metrics,
        headlines=headlines,
        ladder=ladder,
        timeline=timeline if lookup(metrics, "timing") == "measured" else [],
        findings=findings,
        moves=[(str(MOVE_LABELS.get(move, move)), count) for move, count in moves.most_common()],
        mode=str(MODE_LABELS.get(mode, mode)) if mode else None,
        utterance_count=len(rows),
    )


@dataclass
class Comparison:
    before: LessonReport
    after: LessonReport
    rows: list[tuple[str, str, str, float | None]]


def compare_reports(before: LessonReport, after: LessonReport) -> Comparison:
    rows = []
    for h in before.headlines:
        other = after.headline(h.key)
        change = None
        if other is not None and h.value is not None and other.value is not None:
            change = other.value - h.value
        rows.append((h.label, h.display, other.display if other else "–", change))
    return Comparison(before, after, rows)
