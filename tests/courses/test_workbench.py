"""Our XBlocks run in the XBlock SDK's workbench runtime too, with its own per-student state."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CHECK = Path(__file__).with_name("workbench_check.py")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("workbench") / "workbench.sqlite3"
    done = subprocess.run(
        [sys.executable, str(CHECK), str(db)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=CHECK.parent,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("block_type", "init", "text"),
    [
        ("tdl_quiz", "TdlQuiz", "Which question invites reasoning?"),
        ("tdl_journal", "TdlJournal", "Which tool helped your students think this week?"),
        ("tdl_video", "TdlVideo", "She waits five seconds before taking answers."),
        ("tdl_classroom_task", "TdlClassroomTask", "Plan three questions"),
    ],
)
def test_each_block_renders_in_the_workbench(report, block_type, init, text):
    html = report[block_type]["html"]
    assert f"data-init='{init}'" in html
    assert text in html


def test_handlers_run_in_the_workbench_and_state_stays_with_its_student(report):
    assert report["tdl_quiz"]["result"]["passed"] is True
    assert report["tdl_journal"]["result"]["submitted"] is True
    assert report["tdl_video"]["result"]["correct"] is True
    assert report["tdl_classroom_task"]["result"]["complete"] is True
    for block_type in ("tdl_quiz", "tdl_journal", "tdl_classroom_task"):
        assert report[block_type]["alice_complete"] is True, block_type
        assert report[block_type]["bob_complete"] is False, block_type
    # The video also wants its transcript read: one answer is not enough.
    assert report["tdl_video"]["alice_complete"] is False
