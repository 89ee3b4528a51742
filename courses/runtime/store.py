"""Usage ids and the key-value store: definitions from OLX, one person's state from the
database."""

from __future__ import annotations

from typing import Any

from xblock.exceptions import NoSuchDefinition, NoSuchUsage
from xblock.fields import Scope
from xblock.runtime import IdGenerator, IdReader, KeyValueStore

from courses.runtime.definitions import DEFINITION_SCOPES


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
