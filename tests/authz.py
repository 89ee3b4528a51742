"""The authorisation matrix: every URL the portal serves, with what each role must get.

A URL pattern with no declared row fails ``test_every_url_pattern_is_declared``; a row whose
expectation does not hold fails the matrix. Third-party URL trees (Wagtail admin, Django admin,
allauth, Wagtail page serving) are declared as a whole, by route prefix, with a representative
URL checked per role: their per-view checks are the framework's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = (
    "anonymous",
    "teacher",
    "other_teacher",
    "mentor",
    "principal",
    "other_principal",
    "edb_admin",
)

#: Expected outcome: an HTTP status, or "login" for a redirect to the sign-in page.
Outcome = int | str


@dataclass(frozen=True)
class Row:
    """What each role gets from one URL pattern."""

    method: str
    expect: dict[str, Outcome]
    #: Builds the URL's keyword arguments from the world (people, schools, objects).
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda world: {})
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"expectation lacks roles: {sorted(missing)}")


@dataclass(frozen=True)
class Group:
    """A third-party URL tree, declared by route prefix, checked through one representative URL."""

    prefix: str
    representative: str
    expect: dict[str, Outcome]


def everyone(outcome: Outcome, **overrides: Outcome) -> dict[str, Outcome]:
    return {role: overrides.get(role, outcome) for role in ROLES}


def signed_in(outcome: Outcome, **overrides: Outcome) -> dict[str, Outcome]:
    return everyone(outcome, anonymous="login", **overrides)


def walk(
    patterns: list[URLPattern | URLResolver] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """Yield (key, route) for every URL pattern; key is "namespace:name" or the route."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from walk(p.url_patterns, route, ns)
        else:
            name = p.name
            key = f"{namespace}:{name}" if namespace and name else (name or route)
            yield key, route


def undeclared(
    rows: dict[str, Row], groups: list[Group], patterns: list | None = None
) -> list[str]:
    """URL patterns that have neither a row nor a group covering their route."""
    missing = []
    for key, route in walk(patterns):
        if key in rows:
            continue
        if any(route.startswith(g.prefix) for g in groups):
            continue
        missing.append(f"{key}  ({route})")
    return sorted(set(missing))
