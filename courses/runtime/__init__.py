"""Our XBlock runtime: the unit page's XBlocks, run for one person.

- Content and settings come from the OLX stored in the unit's body (parsed once per process and
  cached); nothing about the content is written to the database.
- Per-person state (``Scope.user_state``, and ``Scope.preferences`` per block type) lives in
  :class:`courses.models.XBlockState`, one JSON row per person and block. The key-value store
  belongs to one user and refuses keys of anyone else, so two people never see each other's
  answers. A page's rows are read in one query (:meth:`PortalRuntime.preload`).
- Services: ``user`` (who is taking part), ``i18n`` (Django's translation), ``grading``
  (scores and completion, fed by ``runtime.publish``), ``tdl_mentors`` (whom a reflection can be
  shared with) and ``tdl_tasks`` (where a lesson-analysis task starts).
- Handler URLs go through ``courses:handler``, a POST view behind Django's CSRF check.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from xblock.core import XBlock
from xblock.exceptions import NoSuchUsage
from xblock.fields import ScopeIds
from xblock.runtime import KvsFieldData, Runtime

from courses.runtime.definitions import DefinitionError, _OwnBlocksOnly, parse_definition
from courses.runtime.services import (
    GradingService,
    MentorService,
    PortalI18nService,
    PortalUserService,
    TaskService,
)
from courses.runtime.store import (
    PortalKeyValueStore,
    UnitIdManager,
    preference_id,
    unit_pk_of,
    usage_id_for,
)

__all__ = [
    "DefinitionError",
    "GradingService",
    "MentorService",
    "PortalKeyValueStore",
    "PortalRuntime",
    "TaskService",
    "parse_definition",
    "render_unit",
    "unit_pk_of",
    "usage_id_for",
]


class PortalRuntime(_OwnBlocksOnly, Runtime):
    def __init__(self, *, user, unit) -> None:
        self.unit = unit
        self.unit_pk = unit.pk
        self.definitions: dict[str, dict[str, Any]] = {}
        types: dict[str, str] = {}
        for block_id, block_type, olx in unit.xblock_values():
            usage_id = usage_id_for(unit.pk, block_id)
            types[usage_id] = block_type
            self.definitions[usage_id] = parse_definition(block_type, olx)
        self.kvs = PortalKeyValueStore(user, self.definitions, unit.pk)
        self.grading = GradingService(self.kvs)
        ids = UnitIdManager(types)
        super().__init__(
            ids,
            ids,
            services={
                "field-data": KvsFieldData(self.kvs),
                "user": PortalUserService(user),
                "i18n": PortalI18nService(),
                "grading": self.grading,
                "tdl_mentors": MentorService(user),
                "tdl_tasks": TaskService(),
            },
        )
        self.user = user
        self.types = types

    def preload(self) -> None:
        """Read the person's state of every block on the unit, and their preferences, at once."""
        from courses.models import XBlockState

        wanted = list(self.types) + [preference_id(t) for t in set(self.types.values())]
        for row in XBlockState.objects.filter(user=self.user, usage_id__in=wanted):
            self.kvs.rows[row.usage_id] = row

    def get_block(self, usage_id, for_parent=None) -> XBlock:
        try:
            block_type = self.types[usage_id]
        except KeyError as exc:
            raise NoSuchUsage(repr(usage_id)) from exc
        keys = ScopeIds(self.user.pk, block_type, usage_id, usage_id)
        return self.construct_xblock(block_type, keys, for_parent=for_parent)

    def usage_ids(self) -> list[str]:
        return list(self.types)

    def block(self, usage_id: str) -> XBlock:
        return self.get_block(usage_id)

    def blocks(self) -> Iterable[XBlock]:
        for usage_id in self.types:
            yield self.get_block(usage_id)

    def flush(self) -> None:
        self.kvs.flush()

    def is_complete(self, usage_id: str) -> bool:
        row = self.kvs.rows.get(usage_id)
        return bool(row and row.completed_at)

    # Runtime interface

    def applicable_aside_types(self, block) -> list[str]:
        # No asides run here; XBlock's default scans every installed entry point per render.
        return []

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        url = reverse(
            "courses:handler",
            kwargs={
                "usage_id": block.scope_ids.usage_id,
                "handler": handler_name,
                "suffix": suffix,
            },
        )
        return f"{url}?{query}" if query else url

    def resource_url(self, resource: str) -> str:
        return static(resource)

    def local_resource_url(self, block, uri: str) -> str:
        return static(f"courses/xblocks/{uri.removeprefix('public/')}")

    def publish(self, block, event_type: str, event_data: dict[str, Any]) -> None:
        if event_type == "grade":
            self.grading.record_score(block, event_data["value"], event_data["max_value"])
        elif event_type == "completion":
            self.grading.record_completion(block, float(event_data.get("completion", 0)))

    def _wrap_ele(self, block, view, frag, extra_data=None):
        data = dict(extra_data or {})
        data["handler-base"] = reverse(
            "courses:handler",
            kwargs={"usage_id": block.scope_ids.usage_id, "handler": "HANDLER", "suffix": ""},
        )
        return super()._wrap_ele(block, view, frag, data)


def render_unit(runtime: PortalRuntime, view: str = "student_view") -> dict[str, Any]:
    """Each block's wrapped HTML by usage id, and the page's resources without repeats."""
    html: dict[str, str] = {}
    resources: list[Any] = []
    for usage_id in runtime.usage_ids():
        fragment = runtime.render(runtime.block(usage_id), view, {})
        html[usage_id] = fragment.body_html()
        for resource in fragment.resources:
            if resource not in resources:
                resources.append(resource)
    return {"html": html, "resources": resources}
