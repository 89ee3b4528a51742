from courses.models.learning import (
    Certificate,
    CPDEntry,
    Enrolment,
    UnitCompletion,
    XBlockState,
)
from courses.models.pages import (
    Audience,
    CourseCataloguePage,
    CourseLanguage,
    CoursePage,
    ModulePage,
    UnitPage,
    canonical,
)

__all__ = [
    "Audience",
    "CPDEntry",
    "Certificate",
    "CourseCataloguePage",
    "CourseLanguage",
    "CoursePage",
    "Enrolment",
    "ModulePage",
    "UnitCompletion",
    "UnitPage",
    "XBlockState",
    "canonical",
]
