"""Self-assessment instruments and attempts; performance tasks with submissions and reviews."""

from assessments.models.instruments import (
    Attempt,
    AttemptQuerySet,
    Audience,
    Instrument,
    InstrumentQuerySet,
    Item,
    Option,
    Response,
)
from assessments.models.performance import (
    Comparison,
    Measure,
    MentorAssignment,
    PerformanceTask,
    ReflectionPrompt,
    RubricCriterion,
    RubricLevel,
    SubmissionVersion,
    TaskCondition,
    TaskReview,
    TaskSubmission,
    TranscriptComment,
)

__all__ = [
    "Attempt",
    "AttemptQuerySet",
    "Audience",
    "Comparison",
    "Instrument",
    "InstrumentQuerySet",
    "Item",
    "Measure",
    "MentorAssignment",
    "Option",
    "PerformanceTask",
    "ReflectionPrompt",
    "Response",
    "RubricCriterion",
    "RubricLevel",
    "SubmissionVersion",
    "TaskCondition",
    "TaskReview",
    "TaskSubmission",
    "TranscriptComment",
]
