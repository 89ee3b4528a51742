"""Writes for self-assessments and performance tasks."""

from assessments.services.instruments import (
    DATA_DIR,
    MAX_REFLECTION,
    AssessmentError,
    delete_attempt,
    instrument_matches,
    load_default_instrument,
    load_instrument,
    save_responses,
    stage_of,
    start_attempt,
    submit_attempt,
)
from assessments.services.performance import (
    assign_mentor,
    delete_draft,
    load_default_tasks,
    load_tasks,
    pin_comment,
    review_submission,
    save_draft,
    start_submission,
    submit_submission,
)

__all__ = [
    "DATA_DIR",
    "MAX_REFLECTION",
    "AssessmentError",
    "assign_mentor",
    "delete_attempt",
    "delete_draft",
    "instrument_matches",
    "load_default_instrument",
    "load_default_tasks",
    "load_instrument",
    "load_tasks",
    "pin_comment",
    "review_submission",
    "save_draft",
    "save_responses",
    "stage_of",
    "start_attempt",
    "start_submission",
    "submit_attempt",
    "submit_submission",
]
