"""What every portal XBlock shares: bilingual content, templates, completion.

The blocks depend on XBlock and on Django's template engine only, so they run in our runtime and in
the XBlock SDK's workbench alike. Content is bilingual: text comes as ``{"en": …, "zh-hant": …}``
and is shown in the reader's language (the ``i18n`` service's ``get_language``).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from lxml import etree
from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin

LANGUAGES = ("en", "zh-hant")


def texts(node: etree._Element, tag: str) -> dict[str, str]:
    """The text of ``<tag lang="en">…</tag><tag lang="zh-hant">…</tag>`` children of ``node``."""
    out: dict[str, str] = {}
    for child in node.findall(tag):
        language = child.get("lang", "en").lower()
        out[language] = " ".join((child.text or "").split())
    return out


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes")


def _read(*parts: str) -> str:
    return resources.files("courses.xblocks").joinpath(*parts).read_text("utf-8")


@cache
def _template(name: str):
    from django.template import Template

    # Included by hand: the workbench's template loaders do not know this package.
    source = _read("templates", name).replace(
        '{% include "_status.html" %}', _read("templates", "_status.html")
    )
    return Template(source)


@cache
def _script(name: str) -> str:
    return _read("public", name)


class PortalBlockMixin(CompletableXBlockMixin):
    """Rendering and bilingual helpers; subclasses declare their completion rule."""

    #: Name of the JavaScript constructor in ``public/<script>``.
    js_class = ""
    script = ""
    template = ""

    @classmethod
    def construct_named(cls, node, runtime, keys):
        """A block of this class from OLX, with its display names in both languages set."""
        block = runtime.construct_xblock_from_class(cls, keys)
        if node.get("display_name"):
            block.display_name = node.get("display_name")
        block.display_name_zh_hant = node.get("display_name_zh_hant", "")
        return block

    def i18n(self):
        return self.runtime.service(self, "i18n")

    def gettext(self, text: str) -> str:
        return self.i18n().gettext(text)

    def language(self) -> str:
        service = self.i18n()
        get_language = getattr(service, "get_language", None)
        return (get_language() if get_language else "en") or "en"

    def pick(self, text: dict[str, str] | None) -> str:
        text = text or {}
        if self.language().lower().startswith("zh"):
            return text.get("zh-hant") or text.get("en", "")
        return text.get("en") or text.get("zh-hant", "")

    def completion_rule(self) -> str:
        """The rule in words, shown beside the block."""
        raise NotImplementedError

    def is_complete(self) -> bool:
        raise NotImplementedError

    def mark_complete_if_done(self) -> None:
        if self.is_complete():
            self.emit_completion(1.0)

    def render(self, context: dict[str, Any]) -> Fragment:
        from django.template import Context
        from django.utils.safestring import mark_safe

        context = {
            "block": self,
            "title": self.pick(
                {"en": self.display_name, "zh-hant": getattr(self, "display_name_zh_hant", "")}
            ),
            "rule": self.completion_rule(),
            "complete": self.is_complete(),
            # Read by the block's script; "<" escaped so the JSON cannot close its <script>.
            "state_json": mark_safe(  # noqa: S308
                json.dumps(self.client_state()).replace("<", "\\u003c")
            ),
            **context,
        }
        html = _template(self.template).render(Context(context))
        fragment = Fragment(html)
        fragment.add_css(_script("blocks.css"))
        fragment.add_javascript(_script("common.js"))
        fragment.add_javascript(_script(self.script))
        fragment.initialize_js(self.js_class)
        return fragment

    def client_state(self) -> dict[str, Any]:
        return {}
