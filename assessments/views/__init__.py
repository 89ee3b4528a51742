"""Views: self-assessments (instruments) and performance tasks (tasks)."""

from assessments.views.instruments import (
    delete,
    evidence,
    export,
    home,
    report,
    report_pdf,
    review,
    section,
    start,
)

__all__ = [
    "delete",
    "evidence",
    "export",
    "home",
    "report",
    "report_pdf",
    "review",
    "section",
    "start",
]
