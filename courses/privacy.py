from accounts.personal_data import Erasure, registry
from courses.models import Certificate, CPDEntry, Enrolment, UnitCompletion, XBlockState

registry.register(
    Enrolment,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="The courses you enrolled in and where you left off.",
)
registry.register(
    UnitCompletion,
    user_paths=("enrolment__user",),
    erasure=Erasure.DELETE,
    purpose="The course units you completed.",
)
registry.register(
    XBlockState,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Your answers, scores and reflections in course activities.",
)
registry.register(
    Certificate,
    user_paths=("enrolment__user",),
    erasure=Erasure.DELETE,
    purpose="Certificates of the courses you completed; once erased they no longer verify.",
)
registry.register(
    CPDEntry,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Your CPD ledger: hours from courses and outside activities, with your evidence files.",
)
