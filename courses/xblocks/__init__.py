"""The portal's XBlocks, registered under the ``xblock.v1`` entry point (pyproject.toml)."""

from courses.xblocks.classroom_task import ClassroomTaskBlock
from courses.xblocks.journal import JournalBlock
from courses.xblocks.quiz import QuizBlock
from courses.xblocks.video import VideoBlock

#: The block types our runtime runs, by OLX tag; the same names as the entry points.
PORTAL_XBLOCKS = {
    "tdl_quiz": QuizBlock,
    "tdl_journal": JournalBlock,
    "tdl_video": VideoBlock,
    "tdl_classroom_task": ClassroomTaskBlock,
}

__all__ = ["PORTAL_XBLOCKS", "ClassroomTaskBlock", "JournalBlock", "QuizBlock", "VideoBlock"]
