"""Multiple-choice and multiple-response quiz with feedback on every choice and a score."""

from __future__ import annotations

from typing import Any

from xblock.core import XBlock
from xblock.fields import Dict, Float, Integer, List, Scope, String

from courses.xblocks.base import PortalBlockMixin, texts, truthy


def grade(questions: list[dict[str, Any]], answers: dict[str, list[str]]) -> dict[str, Any]:
    """Score answers against the questions: a question counts when exactly the right choices are
    chosen (for multiple response, all of them and nothing else)."""
    results: dict[str, Any] = {}
    correct = 0
    for question in questions:
        chosen = set(answers.get(question["id"], []))
        right = {c["id"] for c in question["choices"] if c["correct"]}
        ok = chosen == right
        correct += ok
        results[question["id"]] = {
            "correct": ok,
            "chosen": sorted(chosen),
            "feedback": [c["feedback"] for c in question["choices"] if c["id"] in chosen],
        }
    total = len(questions)
    return {
        "score": correct,
        "max": total,
        "percent": round(100 * correct / total) if total else 0,
        "results": results,
    }


@XBlock.needs("i18n")
class QuizBlock(PortalBlockMixin, XBlock):
    display_name = String(default="Quiz", scope=Scope.settings, help="Shown above the quiz")
    display_name_zh_hant = String(default="", scope=Scope.settings)
    questions = List(default=[], scope=Scope.content)
    pass_percent = Integer(default=70, scope=Scope.settings)

    answers = Dict(default={}, scope=Scope.user_state)
    attempts = Integer(default=0, scope=Scope.user_state)
    best_percent = Float(default=None, scope=Scope.user_state)
    last_percent = Float(default=None, scope=Scope.user_state)

    has_score = True
    js_class = "TdlQuiz"
    script = "quiz.js"
    template = "quiz.html"

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = cls.construct_named(node, runtime, keys)
        if node.get("pass_percent"):
            block.pass_percent = int(node.get("pass_percent"))
        questions = []
        for q in node.findall("question"):
            choices = [
                {
                    "id": c.get("id") or str(i),
                    "text": texts(c, "text"),
                    "correct": truthy(c.get("correct")),
                    "feedback": texts(c, "feedback"),
                }
                for i, c in enumerate(q.findall("choice"))
            ]
            questions.append(
                {
                    "id": q.get("id") or f"q{len(questions) + 1}",
                    "multiple": truthy(q.get("multiple")),
                    "prompt": texts(q, "prompt"),
                    "choices": choices,
                }
            )
        block.questions = questions
        return block

    def validate_definition(self) -> None:
        if not self.questions:
            raise ValueError("A quiz needs at least one <question>.")
        if not 0 < self.pass_percent <= 100:
            raise ValueError("pass_percent runs from 1 to 100.")
        seen = set()
        for q in self.questions:
            if q["id"] in seen:
                raise ValueError(f"Question id {q['id']!r} is used twice.")
            seen.add(q["id"])
            right = [c for c in q["choices"] if c["correct"]]
            if len(q["choices"]) < 2 or not right:
                raise ValueError(f"Question {q['id']!r} needs two choices and a correct one.")
            if not q["multiple"] and len(right) != 1:
                raise ValueError(f"Question {q['id']!r} is single-choice: mark one choice correct.")
            if not q["prompt"].get("en"):
                raise ValueError(f"Question {q['id']!r} needs an English prompt.")

    def max_score(self) -> int:
        return len(self.questions)

    def completion_rule(self) -> str:
        return self.gettext("Complete: score at least %(percent)d%%; you may try again.") % {
            "percent": self.pass_percent
        }

    def is_complete(self) -> bool:
        return self.best_percent is not None and self.best_percent >= self.pass_percent

    def view_questions(self) -> list[dict[str, Any]]:
        outcome = grade(self.questions, self.answers) if self.attempts else None
        out = []
        for q in self.questions:
            chosen = set(self.answers.get(q["id"], []))
            result = outcome["results"][q["id"]] if outcome else None
            out.append(
                {
                    "id": q["id"],
                    "multiple": q["multiple"],
                    "prompt": self.pick(q["prompt"]),
                    "choices": [
                        {
                            "id": c["id"],
                            "text": self.pick(c["text"]),
                            "checked": c["id"] in chosen,
                            "feedback": self.pick(c["feedback"]) if c["id"] in chosen else "",
                        }
                        for c in q["choices"]
                    ],
                    "result": result,
                }
            )
        return out

    def student_view(self, context=None):
        return self.render({"questions": self.view_questions()})

    @XBlock.json_handler
    def submit(self, data, suffix=""):
        raw = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(raw, dict):
            return {"error": self.gettext("Choose an answer for every question.")}
        answers: dict[str, list[str]] = {}
        for q in self.questions:
            chosen = raw.get(q["id"]) or []
            if not isinstance(chosen, str | list):
                return {"error": self.gettext("Choose an answer for every question.")}
            chosen = [chosen] if isinstance(chosen, str) else list(chosen)
            valid = {c["id"] for c in q["choices"]}
            chosen = [str(c) for c in chosen if str(c) in valid]
            if not chosen or (not q["multiple"] and len(chosen) != 1):
                return {"error": self.gettext("Choose an answer for every question.")}
            answers[q["id"]] = sorted(set(chosen))
        outcome = grade(self.questions, answers)
        self.answers = answers
        self.attempts += 1
        self.last_percent = float(outcome["percent"])
        self.best_percent = max(self.best_percent or 0.0, self.last_percent)
        self.runtime.publish(
            self, "grade", {"value": outcome["score"], "max_value": outcome["max"]}
        )
        self.mark_complete_if_done()
        for question_id, result in outcome["results"].items():
            result["feedback"] = [self.pick(f) for f in result["feedback"]]
            result["verdict"] = (
                self.gettext("Correct.") if result["correct"] else self.gettext("Not yet.")
            )
            outcome["results"][question_id] = result
        outcome["passed"] = self.is_complete()
        outcome["summary"] = self.gettext(
            "You scored %(score)d out of %(max)d (%(percent)d%%)."
        ) % {
            "score": outcome["score"],
            "max": outcome["max"],
            "percent": outcome["percent"],
        }
        return outcome

    @staticmethod
    def workbench_scenarios():
        return [
            (
                "TDL quiz: one single-choice and one multiple-response question",
                """<tdl_quiz display_name="Check your understanding" pass_percent="50">
                  <question id="q1">
                    <prompt lang="en">Which question invites reasoning?</prompt>
                    <prompt lang="zh-hant">哪一條問題引發推理？</prompt>
                    <choice id="a"><text lang="en">What is 3 x 4?</text>
                      <feedback lang="en">A recall question: one right answer.</feedback></choice>
                    <choice id="b" correct="true"><text lang="en">Why does 3 x 4 equal 4 x 3?</text>
                      <feedback lang="en">Yes: students must explain.</feedback></choice>
                  </question>
                  <question id="q2" multiple="true">
                    <prompt lang="en">Which are personal data?</prompt>
                    <choice id="a" correct="true"><text lang="en">A student's name</text>
                      <feedback lang="en">Right.</feedback></choice>
                    <choice id="b" correct="true"><text lang="en">A class photo</text>
                      <feedback lang="en">Right: people can be identified.</feedback></choice>
                    <choice id="c"><text lang="en">The school's address</text>
                      <feedback lang="en">Not about a person.</feedback></choice>
                  </question>
                </tdl_quiz>""",
            )
        ]
