"""The LLM coding mode against a local stand-in for an OpenAI-compatible endpoint (the only thing
mocked: it crosses the network to a third party)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from lessons.analysis.llm import LLMConfig, code_lesson
from lessons.analysis.types import Utterance

LESSON = [
    Utterance("T", "teacher", "Why is two thirds bigger?"),
    Utterance("S1", "student", "Because the pieces are more."),
    Utterance("T", "teacher", "So you are saying there are more pieces?"),
]


class Endpoint(BaseHTTPRequestHandler):
    replies: list[dict] = []
    seen: list[dict] = []

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Endpoint.seen.append(body)
        content = json.dumps({"codes": Endpoint.replies})
        payload = {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content},
                }
            ],
        }
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint():
    server = HTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Endpoint.seen.clear()
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()


def test_codes_come_back_in_order_and_are_cleaned(endpoint):
    Endpoint.replies = [
        {
            "index": 0,
            "is_question": True,
            "question_type": "open",
            "cognitive_level": "analyse",
            "teacher_move": "pressing_for_reasoning",
            "student_move": "making_a_claim",
        },
        {
            "index": 1,
            "is_question": False,
            "question_type": "open",
            "teacher_move": "revoicing",
            "student_move": "providing_evidence_or_reasoning",
        },
        {
            "index": 2,
            "is_question": True,
            "question_type": "closed",
            "cognitive_level": "wonderful",
            "teacher_move": "revoicing",
        },
    ]
    codes = code_lesson(LESSON, LLMConfig(endpoint, "test-model"))
    assert codes[0].teacher_move == "pressing_for_reasoning" and codes[0].student_move == "none"
    assert codes[1].question_type is None and codes[1].teacher_move == "none"
    assert codes[1].student_move == "providing_evidence_or_reasoning"
    assert codes[2].cognitive_level is None  # an invented label is dropped
    assert Endpoint.seen[0]["model"] == "test-model"
    assert "[0] teacher T: Why is two thirds bigger?" in Endpoint.seen[0]["messages"][1]["content"]


def test_missing_or_garbled_answers_give_neutral_codes(endpoint):
    Endpoint.replies = [{"index": 99, "is_question": True}, "nonsense"]
    codes = code_lesson(LESSON, LLMConfig(endpoint, "m"))
    assert all(not c.is_question and c.teacher_move == "none" for c in codes)


def test_no_configuration_means_no_llm_mode(monkeypatch):
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_MODEL", raising=False)
    assert LLMConfig.from_env() is None
