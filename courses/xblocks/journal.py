"""Reflection journal: private to its writer unless they share it with a mentor at their school."""

from __future__ import annotations

import datetime as dt

from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, Scope, String

from courses.xblocks.base import PortalBlockMixin, texts

MAX_LENGTH = 5000


@XBlock.needs("i18n")
@XBlock.wants("tdl_mentors")
class JournalBlock(PortalBlockMixin, XBlock):
    display_name = String(default="Reflection", scope=Scope.settings)
    display_name_zh_hant = String(default="", scope=Scope.settings)
    prompt = Dict(default={}, scope=Scope.content)
    min_length = Integer(default=80, scope=Scope.settings)

    entry = String(default="", scope=Scope.user_state)
    submitted = Boolean(default=False, scope=Scope.user_state)
    saved_at = String(default="", scope=Scope.user_state)
    #: The mentor (user id) the writer chose to share this reflection with, or None.
    shared_with = Integer(default=None, scope=Scope.user_state)
    shared_with_name = String(default="", scope=Scope.user_state)

    js_class = "TdlJournal"
    script = "journal.js"
    template = "journal.html"

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = cls.construct_named(node, runtime, keys)
        if node.get("min_length"):
            block.min_length = int(node.get("min_length"))
        block.prompt = texts(node, "prompt")
        return block

    def validate_definition(self) -> None:
        if not self.prompt.get("en"):
            raise ValueError("A journal needs an English <prompt>.")

    def completion_rule(self) -> str:
        return self.gettext(
            "Complete: submit a reflection of at least %(n)d characters. Only you can read it "
            "unless you share it with a mentor."
        ) % {"n": self.min_length}

    def is_complete(self) -> bool:
        return self.submitted and len(self.entry.strip()) >= self.min_length

    def mentors(self) -> list[tuple[int, str]]:
        service = self.runtime.service(self, "tdl_mentors")
        return service.mentors() if service else []

    def student_view(self, context=None):
        return self.render({"prompt": self.pick(self.prompt), "mentors": self.mentors()})

    @XBlock.json_handler
    def save_entry(self, data, suffix=""):
        entry = str(data.get("entry", ""))[:MAX_LENGTH] if isinstance(data, dict) else ""
        submit = bool(isinstance(data, dict) and data.get("submit"))
        if submit and len(entry.strip()) < self.min_length:
            return {
                "error": self.gettext("Write at least %(n)d characters before submitting.")
                % {"n": self.min_length}
            }
        self.entry = entry
        self.submitted = self.submitted or submit
        self.saved_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.mark_complete_if_done()
        return {
            "saved": True,
            "submitted": self.submitted,
            "complete": self.is_complete(),
            "message": self.gettext("Submitted.") if submit else self.gettext("Draft saved."),
        }

    @XBlock.json_handler
    def share(self, data, suffix=""):
        mentor = data.get("mentor") if isinstance(data, dict) else None
        if mentor in (None, "", 0, "0"):
            self.shared_with, self.shared_with_name = None, ""
            return {"shared_with": None, "message": self.gettext("Only you can read it now.")}
        allowed = dict(self.mentors())
        try:
            mentor_id = int(mentor)
        except (TypeError, ValueError):
            mentor_id = -1
        if mentor_id not in allowed:
            return {"error": self.gettext("You can share only with a mentor at your school.")}
        if not self.submitted:
            return {"error": self.gettext("Submit your reflection before sharing it.")}
        self.shared_with, self.shared_with_name = mentor_id, allowed[mentor_id]
        return {
            "shared_with": mentor_id,
            "message": self.gettext("Shared with %(name)s.") % {"name": allowed[mentor_id]},
        }

    def client_state(self):
        return {"submitted": self.submitted, "shared_with": self.shared_with}

    @staticmethod
    def workbench_scenarios():
        return [
            (
                "TDL reflection journal",
                """<tdl_journal display_name="Reflect" min_length="20">
                  <prompt lang="en">Which tool helped your students think this week? How do you know?</prompt>
                  <prompt lang="zh-hant">本星期哪一個數碼工具幫助了學生思考？你如何得知？</prompt>
                </tdl_journal>""",
            )
        ]
