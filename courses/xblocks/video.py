"""Video with a transcript and questions that pause the video at set moments.

Without a video file the transcript is read instead: the questions then follow its paragraphs.
"""

from __future__ import annotations

import math
from typing import Any

from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Float, List, Scope, String

from courses.xblocks.base import PortalBlockMixin, texts, truthy

WATCHED_SHARE = 0.9


def _seconds(value: str | None) -> float:
    """ "75", "1:15" or "0:01:15" as seconds."""
    parts = [float(p) for p in (value or "0").split(":")]
    total = 0.0
    for part in parts:
        total = total * 60 + part
    return total


@XBlock.needs("i18n")
class VideoBlock(PortalBlockMixin, XBlock):
    display_name = String(default="Video", scope=Scope.settings)
    display_name_zh_hant = String(default="", scope=Scope.settings)
    src = String(default="", scope=Scope.content, help="URL of an MP4 or WebM file")
    transcript = List(default=[], scope=Scope.content)
    questions = List(default=[], scope=Scope.content)

    furthest = Float(default=0.0, scope=Scope.user_state)
    duration = Float(default=0.0, scope=Scope.user_state)
    transcript_read = Boolean(default=False, scope=Scope.user_state)
    answers = Dict(default={}, scope=Scope.user_state)

    js_class = "TdlVideo"
    script = "video.js"
    template = "video.html"

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = cls.construct_named(node, runtime, keys)
        block.src = node.get("src", "")
        block.transcript = [
            {"at": _seconds(cue.get("at")), "text": texts(cue, "text")}
            for cue in node.findall("transcript/cue")
        ]
        block.questions = [
            {
                "id": q.get("id") or f"v{i + 1}",
                "at": _seconds(q.get("at")),
                "prompt": texts(q, "prompt"),
                "choices": [
                    {
                        "id": c.get("id") or str(j),
                        "text": texts(c, "text"),
                        "correct": truthy(c.get("correct")),
                        "feedback": texts(c, "feedback"),
                    }
                    for j, c in enumerate(q.findall("choice"))
                ],
            }
            for i, q in enumerate(node.findall("question"))
        ]
        return block

    def validate_definition(self) -> None:
        if not self.transcript:
            raise ValueError("A video needs a <transcript> with at least one <cue>.")
        for q in self.questions:
            if sum(c["correct"] for c in q["choices"]) != 1:
                raise ValueError(f"In-video question {q['id']!r} needs exactly one correct choice.")

    def completion_rule(self) -> str:
        if self.src:
            return self.gettext(
                # xgettext:no-python-format
                "Complete: watch at least 90% of the video and answer its questions."
            )
        return self.gettext("Complete: read the transcript and answer its questions.")

    def watched(self) -> bool:
        if self.src:
            return self.duration > 0 and self.furthest >= WATCHED_SHARE * self.duration
        return self.transcript_read

    def is_complete(self) -> bool:
        answered = all(q["id"] in self.answers for q in self.questions)
        return answered and self.watched()

    def _check(self, question: dict[str, Any], choice_id: str) -> dict[str, Any]:
        choice = next((c for c in question["choices"] if c["id"] == choice_id), None)
        if choice is None:
            return {"error": self.gettext("Choose one of the answers.")}
        return {
            "correct": choice["correct"],
            "verdict": self.gettext("Correct.") if choice["correct"] else self.gettext("Not yet."),
            "feedback": self.pick(choice["feedback"]),
        }

    def student_view(self, context=None):
        cues = [{"at": c["at"], "text": self.pick(c["text"])} for c in self.transcript]
        questions = []
        for q in self.questions:
            answered = self.answers.get(q["id"])
            questions.append(
                {
                    "id": q["id"],
                    "at": q["at"],
                    "prompt": self.pick(q["prompt"]),
                    "choices": [
                        {
                            "id": c["id"],
                            "text": self.pick(c["text"]),
                            "checked": c["id"] == answered,
                        }
                        for c in q["choices"]
                    ],
                    "result": self._check(q, answered) if answered else None,
                }
            )
        return self.render({"cues": cues, "questions": questions})

    def client_state(self):
        return {
            "src": self.src,
            "questions": [{"id": q["id"], "at": q["at"]} for q in self.questions],
            "answered": sorted(self.answers),
            "furthest": self.furthest,
        }

    @XBlock.json_handler
    def progress(self, data, suffix=""):
        try:
            position = float(data.get("position", 0))
            duration = float(data.get("duration", 0))
        except (AttributeError, TypeError, ValueError):
            return {"error": "position and duration are numbers"}
        if not (math.isfinite(position) and math.isfinite(duration)):
            return {"error": "position and duration are numbers"}
        if duration > 0:
            self.duration = duration
            # Only forward progress counts; seeking back does not undo it.
            self.furthest = max(self.furthest, min(position, duration))
        self.mark_complete_if_done()
        return {"furthest": self.furthest, "complete": self.is_complete()}

    @XBlock.json_handler
    def read_transcript(self, data, suffix=""):
        self.transcript_read = True
        self.mark_complete_if_done()
        return {"complete": self.is_complete()}

    @XBlock.json_handler
    def answer(self, data, suffix=""):
        question_id = str(data.get("question", "")) if isinstance(data, dict) else ""
        question = next((q for q in self.questions if q["id"] == question_id), None)
        if question is None:
            return {"error": self.gettext("Unknown question.")}
        result = self._check(question, str(data.get("choice", "")))
        if "error" in result:
            return result
        self.answers = {**self.answers, question_id: str(data["choice"])}
        self.mark_complete_if_done()
        return {**result, "complete": self.is_complete()}

    @staticmethod
    def workbench_scenarios():
        return [
            (
                "TDL video with transcript and an in-video question",
                """<tdl_video display_name="Wait time">
                  <transcript>
                    <cue at="0"><text lang="en">The teacher asks: why do leaves change colour?</text>
                      <text lang="zh-hant">老師問：為甚麼樹葉會變色？</text></cue>
                    <cue at="0:08"><text lang="en">She waits five seconds before taking answers.</text></cue>
                  </transcript>
                  <question id="v1" at="0:08">
                    <prompt lang="en">Why wait before taking answers?</prompt>
                    <choice id="a" correct="true"><text lang="en">More students get time to think.</text>
                      <feedback lang="en">Yes: wait time widens participation.</feedback></choice>
                    <choice id="b"><text lang="en">To keep the class quiet.</text>
                      <feedback lang="en">Silence is not the aim; thinking is.</feedback></choice>
                  </question>
                </tdl_video>""",
            )
        ]
