"""Block definitions: OLX parsed into content and settings field values, once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lxml import etree
from xblock.core import XBlock
from xblock.exceptions import NoSuchDefinition
from xblock.fields import Scope, ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData, MemoryIdManager, Runtime

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
