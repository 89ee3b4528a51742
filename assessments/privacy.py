from accounts.personal_data import Erasure, registry
from assessments.models import Attempt, Response

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
