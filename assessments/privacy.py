from accounts.personal_data import Erasure, registry
from assessments.models import (
    Attempt,
    MentorAssignment,
    Response,
    SubmissionVersion,
    TaskReview,
    TaskSubmission,
    TranscriptComment,
)

registry.register(
    Attempt,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Your self-assessments and their scored results.",
)
registry.register(
    Response,
    user_paths=("attempt__user",),
    erasure=Erasure.DELETE,
    purpose="Your answers and reflections in self-assessments.",
)
registry.register(
    TaskSubmission,
    user_paths=("teacher",),
    erasure=Erasure.DELETE,
    also_anonymise=("mentor",),
    purpose="Your performance-task submissions: chosen lessons, reflections and status.",
)
registry.register(
    SubmissionVersion,
    user_paths=("submission__teacher",),
    erasure=Erasure.DELETE,
    purpose="Each version of a task submission you sent to a mentor.",
)
# A mentor's reviews and comments belong to the teacher's record: erasing the mentor keeps them
# and removes the mentor's name. Erasing the teacher deletes them with the submission.
registry.register(
    TaskReview,
    user_paths=("reviewer",),
    erasure=Erasure.ANONYMISE,
    purpose="Reviews you wrote as a mentor.",
)
registry.register(
    TranscriptComment,
    user_paths=("author",),
    erasure=Erasure.ANONYMISE,
    purpose="Comments you pinned to moments of a teacher's lesson as a mentor.",
)
registry.register(
    MentorAssignment,
    user_paths=("teacher", "mentor"),
    erasure=Erasure.DELETE,
    also_anonymise=("assigned_by",),
    purpose="Which mentor your school assigned to you, or to whom you were assigned.",
)
