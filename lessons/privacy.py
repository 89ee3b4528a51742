from accounts.personal_data import Erasure, registry
from lessons.models import Analysis, Lesson, LessonShare, Speaker, Utterance

registry.register(
    Lesson,
    user_paths=("teacher",),
    erasure=Erasure.DELETE,
    purpose="Your recorded lessons: title, class, status and, until it is deleted, the recording.",
)
registry.register(
    Utterance,
    user_paths=("lesson__teacher",),
    erasure=Erasure.DELETE,
    purpose="Transcripts of your lessons, with students' names replaced, and their codes.",
)
registry.register(
    Speaker,
    user_paths=("lesson__teacher",),
    erasure=Erasure.DELETE,
    purpose="Speakers in your lessons.",
)
registry.register(
    Analysis,
    user_paths=("lesson__teacher",),
    erasure=Erasure.DELETE,
    purpose="Analyses of your lessons.",
)
registry.register(
    LessonShare,
    user_paths=("mentor", "lesson__teacher"),
    erasure=Erasure.DELETE,
    purpose="Lessons you shared with a mentor, or that were shared with you.",
)
