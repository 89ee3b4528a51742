"""The services our runtime offers blocks: user, i18n, grading, mentors, tasks."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from xblock.core import XBlock
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import NullI18nService

from courses.runtime.store import PortalKeyValueStore


class PortalUserService(UserService):
    def __init__(self, user) -> None:
        super().__init__()
        self.user = user

    def get_current_user(self) -> XBlockUser:
        return XBlockUser(
            is_current_user=True,
            emails=[self.user.email],
            full_name=getattr(self.user, "display_name", "") or self.user.email,
            opt_attrs={"tdl.user_id": self.user.pk, "tdl.name_zh": self.user.name_zh},
        )


class PortalI18nService(NullI18nService):
    """Django's translation functions (gettext, get_language, …), as the XBlock SDK's own."""

    def __getattr__(self, name: str):
        from django.utils import translation

        return getattr(translation, name)


class GradingService:
    """Where a block's score and completion land: the person's state row of that block."""

    def __init__(self, kvs: PortalKeyValueStore) -> None:
        self.kvs = kvs

    def record_score(self, block: XBlock, value: float, max_value: float) -> None:
        row = self.kvs.row(str(block.scope_ids.usage_id), block.scope_ids.block_type)
        row.score, row.max_score = float(value), float(max_value)
        self.kvs.dirty.add(row.usage_id)

    def record_completion(self, block: XBlock, completion: float) -> None:
        row = self.kvs.row(str(block.scope_ids.usage_id), block.scope_ids.block_type)
        if completion >= 1.0 and row.completed_at is None:
            row.completed_at = timezone.now()
            self.kvs.dirty.add(row.usage_id)

    def is_complete(self, block: XBlock) -> bool:
        row = self.kvs.rows.get(str(block.scope_ids.usage_id))
        return bool(row and row.completed_at)


class MentorService:
    """The mentors at the person's schools, whom a reflection can be shared with."""

    def __init__(self, user) -> None:
        self.user = user
        self._mentors: list[tuple[int, str]] | None = None

    def mentors(self) -> list[tuple[int, str]]:
        from courses.selectors import mentors_of

        if self._mentors is None:  # once per page, however many journals it holds
            self._mentors = [(m.pk, m.display_name) for m in mentors_of(self.user)]
        return self._mentors


class TaskService:
    """Where a lesson-analysis performance task starts, once the tasks app serves it."""

    def task_url(self, slug: str) -> str:
        try:
            return reverse("tasks:detail", kwargs={"slug": slug})
        except NoReverseMatch:
            return ""

    def fallback_url(self) -> str:
        return reverse("lessons:upload")
