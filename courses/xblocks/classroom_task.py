"""“Try it in your classroom”: plan a change, then record a lesson for a lesson-analysis task."""

from __future__ import annotations

import datetime as dt
import re

from xblock.core import XBlock
from xblock.fields import Dict, Scope, String

from courses.xblocks.base import PortalBlockMixin, texts

#: The performance tasks the portal ships (assessments.PerformanceTask slugs).
DEFAULT_TASKS = ("higher-order-questioning", "more-student-talk", "building-on-student-ideas")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_PLAN = 20


@XBlock.needs("i18n")
@XBlock.wants("tdl_tasks")
class ClassroomTaskBlock(PortalBlockMixin, XBlock):
    display_name = String(default="Try it in your classroom", scope=Scope.settings)
    display_name_zh_hant = String(default="", scope=Scope.settings)
    task_slug = String(default=DEFAULT_TASKS[0], scope=Scope.content)
    intro = Dict(default={}, scope=Scope.content)

    plan = String(default="", scope=Scope.user_state)
    started_at = String(default="", scope=Scope.user_state)

    js_class = "TdlClassroomTask"
    script = "classroom_task.js"
    template = "classroom_task.html"

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = cls.construct_named(node, runtime, keys)
        if node.get("task"):
            block.task_slug = node.get("task")
        block.intro = texts(node, "intro")
        return block

    def validate_definition(self) -> None:
        if not SLUG.match(self.task_slug):
            raise ValueError(f"task={self.task_slug!r} is not a task slug.")
        if not self.intro.get("en"):
            raise ValueError("The block needs an English <intro>.")

    def task_url(self) -> str:
        service = self.runtime.service(self, "tdl_tasks")
        if service is None:
            return ""
        return service.task_url(self.task_slug) or service.fallback_url()

    def completion_rule(self) -> str:
        return self.gettext("Complete: write what you will try, then start the task.")

    def is_complete(self) -> bool:
        return bool(self.started_at)

    def student_view(self, context=None):
        return self.render({"intro": self.pick(self.intro), "task_url": self.task_url()})

    @XBlock.json_handler
    def start(self, data, suffix=""):
        plan = str(data.get("plan", "")).strip()[:2000] if isinstance(data, dict) else ""
        if len(plan) < MIN_PLAN:
            return {
                "error": self.gettext(
                    "Say in a sentence or two what you will try (at least %(n)d characters)."
                )
                % {"n": MIN_PLAN}
            }
        self.plan = plan
        if not self.started_at:
            self.started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.mark_complete_if_done()
        return {"url": self.task_url(), "complete": True}

    def client_state(self):
        return {"started": bool(self.started_at)}

    @staticmethod
    def workbench_scenarios():
        return [
            (
                "TDL try it in your classroom",
                """<tdl_classroom_task task="higher-order-questioning">
                  <intro lang="en">Plan three questions that ask students to explain, compare or predict.</intro>
                  <intro lang="zh-hant">設計三條要求學生解釋、比較或預測的問題。</intro>
                </tdl_classroom_task>""",
            )
        ]
