"""Typed records in and out of the discourse-analysis engine. Pure Python, no Django.

Every classifier module follows the same contract: it takes the whole lesson (a list of
``Utterance``) and an index, so that a label may depend on the turns before it, and it returns
plain values. ``engine.analyse`` calls them in order and assembles ``CodedUtterance`` rows and the
``LessonMetrics``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["teacher", "student", "students", "other"]
Language = Literal["en", "yue", "zh-Hant", "zh-Hans", "mixed"]

TEACHER_MOVES = (
    "none",
    "keeping_everyone_together",
    "getting_students_to_relate",
    "restating",
    "revoicing",
    "pressing_for_accuracy",
    "pressing_for_reasoning",
)
STUDENT_MOVES = (
    "none",
    "relating_to_another_student",
    "asking_for_more_information",
    "making_a_claim",
    "providing_evidence_or_reasoning",
)
QUESTION_TYPES = ("open", "closed")
BLOOM_LEVELS = ("remember", "understand", "apply", "analyse", "evaluate", "create")
LOWER_ORDER = frozenset({"remember", "understand", "apply"})
FEEDBACK = ("praise", "evaluative", "uptake", "none")
#: DialogID's nine teacher dialogue acts, with the data's label strings.
TEACHER_ACTS = (
    "commending",
    "guidance",
    "summarization",
    "greeting",
    "note-taking",
    "repeating",
    "reviewing",
    "example-giving",
    "others",
)


@dataclass(frozen=True)
class Utterance:
    speaker: str
    role: Role
    text: str
    start: float | None = None  # seconds from the start of the lesson
    end: float | None = None
    #: Every other input field, passed through unchanged.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_teacher(self) -> bool:
        return self.role == "teacher"

    @property
    def is_student(self) -> bool:
        return self.role in ("student", "students")

    @property
    def duration(self) -> float | None:
        if self.start is None or self.end is None or self.end < self.start:
            return None
        return self.end - self.start


@dataclass(frozen=True)
class QuestionCodes:
    is_question: bool
    question_type: str | None = None  # open | closed, None when not a question
    cognitive_level: str | None = None  # a BLOOM_LEVELS value, None when not a question


@dataclass(frozen=True)
class CodedUtterance:
    utterance: Utterance
    language: str
    is_question: bool
    question_type: str | None
    cognitive_level: str | None
    teacher_move: str  # "none" for student turns
    student_move: str  # "none" for teacher turns
    feedback: str | None  # on a teacher turn that follows a student turn, else None
    uptake: float | None  # in [0, 1], on the same turns as feedback
    teacher_act: str | None  # DialogID label for Chinese teacher talk, else None

    def as_row(self) -> dict[str, Any]:
        u = self.utterance
        row: dict[str, Any] = dict(u.extra)
        row.update(
            {
                "speaker": u.speaker,
                "role": u.role,
                "start": u.start,
                "end": u.end,
                "text": u.text,
                "language": self.language,
                "is_question": self.is_question,
                "question_type": self.question_type,
                "cognitive_level": self.cognitive_level,
                "teacher_move": self.teacher_move,
                "student_move": self.student_move,
                "feedback": self.feedback,
                "uptake": self.uptake,
                "teacher_act": self.teacher_act,
            }
        )
        return row
