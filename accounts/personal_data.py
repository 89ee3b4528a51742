"""The personal-data registry: every model that holds data about a person says how that data is
exported and erased.

Each app lists its models in its own ``privacy.py`` (loaded when the app registry is ready).
A test walks every installed model and fails when a model with a foreign key to the user, or
with a file field, is missing here, so a new model cannot quietly escape export and erasure.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q


class Erasure(StrEnum):
    #: Delete the rows that point at the person.
    DELETE = "delete"
    #: Keep the rows (they belong to someone else, or to the record) but cut the link to the person.
    ANONYMISE = "anonymise"


@dataclass(frozen=True)
class Entry:
    model: type[models.Model]
    #: Lookups from the model to the user whose data it is, e.g. ``("user",)`` or ``("owner",)``.
    user_paths: tuple[str, ...]
    erasure: Erasure
    #: Why this handling is right; shown in the export so the person can read it.
    purpose: str = ""
    #: Fields never written to an export (secrets such as hashed passwords or TOTP seeds).
    exclude_fields: tuple[str, ...] = ()
    #: Further nullable links to the person that are cut, not deleted, e.g. "resolved_by".
    also_anonymise: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.model._meta.label

    def rows_for(self, user: models.Model) -> models.QuerySet:
        condition = Q()
        for path in self.user_paths + self.also_anonymise:
            condition |= Q(**{path: user.pk if path == "pk" else user})
        return self.model._default_manager.filter(condition).distinct()


@dataclass(frozen=True)
class Exemption:
    model: type[models.Model]
    reason: str


@dataclass
class Registry:
    entries: dict[str, Entry] = field(default_factory=dict)
    exemptions: dict[str, Exemption] = field(default_factory=dict)

    def register(
        self,
        model: type[models.Model],
        *,
        user_paths: Iterable[str],
        erasure: Erasure,
        purpose: str = "",
        exclude_fields: Iterable[str] = (),
        also_anonymise: Iterable[str] = (),
    ) -> None:
        label = model._meta.label
        if label in self.entries or label in self.exemptions:
            raise ValueError(f"{label} is registered twice in the personal-data registry")
        paths = tuple(user_paths)
        if not paths:
            raise ValueError(f"{label}: give at least one path to the user")
        also = tuple(also_anonymise)
        if erasure is Erasure.ANONYMISE or also:
            for path in (paths if erasure is Erasure.ANONYMISE else ()) + also:
                if "__" in path:
                    raise ValueError(f"{label}: anonymise only direct foreign keys, not {path}")
                field_ = model._meta.get_field(path)
                if not getattr(field_, "null", False):
                    raise ValueError(f"{label}.{path} must be nullable to be anonymised")
        self.entries[label] = Entry(model, paths, erasure, purpose, tuple(exclude_fields), also)

    def exempt(self, model: type[models.Model], *, reason: str) -> None:
        label = model._meta.label
        if label in self.entries or label in self.exemptions:
            raise ValueError(f"{label} is registered twice in the personal-data registry")
        if not reason:
            raise ValueError(f"{label}: say why it holds no personal data")
        self.exemptions[label] = Exemption(model, reason)

    def is_covered(self, model: type[models.Model]) -> bool:
        """Registered itself, or a page type whose personal fields live on a registered parent."""
        labels = [model._meta.label] + [p._meta.label for p in model._meta.get_parent_list()]
        return any(label in self.entries or label in self.exemptions for label in labels)


registry = Registry()


def holds_personal_data(model: type[models.Model]) -> bool:
    """A model with a relation to the user or a stored file may hold personal data."""
    user_label = settings.AUTH_USER_MODEL.lower()
    if model._meta.label_lower == user_label:
        return True
    for f in model._meta.get_fields(include_hidden=False):
        if not f.concrete:
            continue
        if isinstance(f, models.FileField):
            return True
        related = getattr(f, "related_model", None)
        if related is None or not f.is_relation:
            continue
        label = related.lower() if isinstance(related, str) else related._meta.label_lower
        if label == user_label:
            return True
    return False


def uncovered_models(models_: Iterable[type[models.Model]], reg: Registry = registry) -> list[str]:
    return sorted(
        m._meta.label
        for m in models_
        if not m._meta.abstract and holds_personal_data(m) and not reg.is_covered(m)
    )


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if isinstance(value, (bytes, memoryview)):
        return None
    return value


def _row(instance: models.Model, exclude: tuple[str, ...]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        if f.name in exclude:
            continue
        row[f.name] = _plain(getattr(instance, f.attname))
    return row


def export_personal_data(user: models.Model, reg: Registry = registry) -> dict[str, Any]:
    """Everything the portal holds about ``user``, as JSON-ready data, grouped by model."""
    data: dict[str, Any] = {}
    for label, entry in sorted(reg.entries.items()):
        rows = [_row(obj, entry.exclude_fields) for obj in entry.rows_for(user).order_by("pk")]
        if rows:
            data[label] = {
                "purpose": entry.purpose,
                "on_erasure": entry.erasure.value,
                "rows": rows,
            }
    return data


@transaction.atomic
def erase_personal_data(user: models.Model, reg: Registry = registry) -> dict[str, int]:
    """Delete or anonymise every registered row about ``user``, the account last."""
    counts: dict[str, int] = {}
    user_label = user._meta.label
    for label, entry in sorted(reg.entries.items()):
        if label == user_label:
            continue
        manager = entry.model._default_manager
        n = 0
        for path in entry.also_anonymise:
            n += manager.filter(**{path: user}).update(**{path: None})
        if entry.erasure is Erasure.DELETE:
            condition = Q()
            for path in entry.user_paths:
                condition |= Q(**{path: user})
            pks = list(manager.filter(condition).values_list("pk", flat=True))
            n += len(pks)
            manager.filter(pk__in=pks).delete()
        else:
            for path in entry.user_paths:
                n += manager.filter(**{path: user}).update(**{path: None})
        counts[label] = n
    user.delete()
    counts[user_label] = 1
    return counts
