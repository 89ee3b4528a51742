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
from functools import lru_cache
from typing import Any

from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from lxml import etree
from xblock.core import XBlock
from xblock.exceptions import NoSuchDefinition, NoSuchUsage
from xblock.fields import Scope, ScopeIds
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import (
    DictKeyValueStore,
    IdGenerator,
    IdReader,
    KeyValueStore,
    KvsFieldData,
    MemoryIdManager,
    NullI18nService,
    Runtime,
)

from courses.xblocks import PORTAL_XBLOCKS

DEFINITION_SCOPES = (Scope.content, Scope.settings)


class DefinitionError(ValueError):
    """The OLX of a block cannot be read; the message says what to fix."""


class _OwnBlocksOnly:
    def load_block_type(self, block_type: str) -> type[XBlock]:
        # Only our own blocks run here: an OLX naming any other installed XBlock is refused.
        try:
            return PORTAL_XBLOCKS[block_type]
        except KeyError as exc:
            raise NoSuchDefinition(block_type) from exc


class _ParsingRuntime(_OwnBlocksOnly, Runtime):
    """Reads OLX into field values; never renders and never handles."""

    def __init__(self) -> None:
        ids = MemoryIdManager()
        super().__init__(ids, ids, services={"field-data": KvsFieldData(DictKeyValueStore())})

    def handler_url(self, *args, **kwargs):  # pragma: no cover - parsing only
        raise NotImplementedError

    def local_resource_url(self, *args, **kwargs):  # pragma: no cover - parsing only
        raise NotImplementedError

    def resource_url(self, *args, **kwargs):  # pragma: no cover - parsing only
        raise NotImplementedError

    def publish(self, *args, **kwargs):  # pragma: no cover - parsing only
        raise NotImplementedError


@lru_cache(maxsize=2048)
def _parse(block_type: str, olx: str) -> tuple[tuple[str, Any], ...]:
    cls = PORTAL_XBLOCKS.get(block_type)
    if cls is None:
        raise DefinitionError(f"Unknown XBlock type {block_type!r}.")
    try:
        node = etree.fromstring(olx.strip().encode())
    except etree.XMLSyntaxError as exc:
        raise DefinitionError(f"The OLX is not well-formed XML: {exc}") from exc
    if node.tag != block_type:
        raise DefinitionError(f"The OLX must start with <{block_type}>, not <{node.tag}>.")
    runtime = _ParsingRuntime()
    try:
        usage_id = runtime.parse_xml_string(etree.tostring(node, encoding="unicode"))
        definition_id = runtime.id_reader.get_definition_id(usage_id)
        block = runtime.construct_xblock(
            block_type, ScopeIds(None, block_type, definition_id, usage_id)
        )
        validate = getattr(block, "validate_definition", None)
        if validate is not None:
            validate()
    except (ValueError, KeyError, TypeError) as exc:
        raise DefinitionError(str(exc)) from exc
    values = {
        name: field.to_json(field.read_from(block))
        for name, field in block.fields.items()
        if field.scope in DEFINITION_SCOPES and field.is_set_on(block)
    }
    return tuple(sorted(values.items()))


def parse_definition(block_type: str, olx: str) -> dict[str, Any]:
    """The content and settings field values of a block, as JSON (cached per process)."""
    return dict(_parse(block_type, olx))


def usage_id_for(unit_pk: int, block_id: str) -> str:
    return f"u{unit_pk}.{block_id}"


def unit_pk_of(usage_id: str) -> int | None:
    head = usage_id.split(".", 1)[0]
    return int(head[1:]) if head.startswith("u") and head[1:].isdigit() else None


def preference_id(block_type: str) -> str:
    return f"type:{block_type}"


class PortalKeyValueStore(KeyValueStore):
    """Definitions from OLX, one person's state from XBlockState rows."""

    def __init__(self, user, definitions: dict[str, dict[str, Any]], unit_pk: int | None) -> None:
        self.user = user
        self.definitions = definitions
        self.unit_pk = unit_pk
        self.rows: dict[str, Any] = {}
        self.dirty: set[str] = set()

    def _check_user(self, key: KeyValueStore.Key) -> None:
        if key.user_id != self.user.pk:
            raise KeyError("this store holds one person's state only")

    def row(self, usage_id: str, block_type: str = ""):
        from courses.models import XBlockState

        row = self.rows.get(usage_id)
        if row is None:
            row = XBlockState(
                user=self.user,
                usage_id=usage_id,
                block_type=block_type,
                unit_id=None if usage_id.startswith("type:") else self.unit_pk,
            )
            self.rows[usage_id] = row
        return row

    def _row_key(self, key: KeyValueStore.Key) -> tuple[str, str]:
        if key.scope == Scope.user_state:
            return str(key.block_scope_id), ""
        if key.scope == Scope.preferences:
            return preference_id(str(key.block_scope_id)), str(key.block_scope_id)
        raise KeyError(f"{key.scope} is not stored by this runtime")

    def get(self, key: KeyValueStore.Key) -> Any:
        if key.scope in DEFINITION_SCOPES:
            return self.definitions[str(key.block_scope_id)][key.field_name]
        self._check_user(key)
        usage_id, _ = self._row_key(key)
        row = self.rows.get(usage_id)
        if row is None:
            raise KeyError(key.field_name)
        return row.state[key.field_name]

    def set(self, key: KeyValueStore.Key, value: Any) -> None:
        self.set_many({key: value})

    def set_many(self, update_dict: dict[KeyValueStore.Key, Any]) -> None:
        for key, value in update_dict.items():
            if key.scope in DEFINITION_SCOPES:
                self.definitions.setdefault(str(key.block_scope_id), {})[key.field_name] = value
                continue
            self._check_user(key)
            usage_id, block_type = self._row_key(key)
            row = self.row(usage_id, block_type)
            row.state = {**row.state, key.field_name: value}
            self.dirty.add(usage_id)

    def delete(self, key: KeyValueStore.Key) -> None:
        if key.scope in DEFINITION_SCOPES:
            self.definitions.get(str(key.block_scope_id), {}).pop(key.field_name, None)
            return
        self._check_user(key)
        usage_id, _ = self._row_key(key)
        row = self.rows.get(usage_id)
        if row is not None and key.field_name in row.state:
            row.state = {k: v for k, v in row.state.items() if k != key.field_name}
            self.dirty.add(usage_id)

    def has(self, key: KeyValueStore.Key) -> bool:
        try:
            self.get(key)
        except KeyError:
            return False
        return True

    def flush(self) -> None:
        for usage_id in sorted(self.dirty):
            row = self.rows[usage_id]
            if not row.block_type:
                row.block_type = usage_id.split(":", 1)[-1]
            row.save()
        self.dirty.clear()


class UnitIdManager(IdReader, IdGenerator):
    """Usage ids are "u<unit pk>.<stream block id>"; a usage is its own definition."""

    def __init__(self, types: dict[str, str]) -> None:
        self.types = types

    def get_definition_id(self, usage_id):
        if usage_id not in self.types:
            raise NoSuchUsage(repr(usage_id))
        return usage_id

    def get_block_type(self, def_id):
        try:
            return self.types[def_id]
        except KeyError as exc:
            raise NoSuchDefinition(repr(def_id)) from exc

    def get_usage_id_from_aside(self, aside_id):
        raise NoSuchUsage(aside_id)

    def get_definition_id_from_aside(self, aside_id):
        raise NoSuchDefinition(aside_id)

    def get_aside_type_from_usage(self, aside_id):
        raise NoSuchUsage(aside_id)

    def get_aside_type_from_definition(self, aside_id):
        raise NoSuchDefinition(aside_id)

    def create_aside(self, definition_id, usage_id, aside_type):
        raise NotImplementedError

    def create_usage(self, def_id):
        raise NotImplementedError

    def create_definition(self, block_type, slug=None):
        raise NotImplementedError


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
