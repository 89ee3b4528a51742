"""Runs our XBlocks' scenarios in the XBlock SDK's workbench runtime, in its own Django settings.

Started by test_workbench.py in a subprocess (the workbench is a Django project of its own):
``python tests/courses/workbench_check.py DB_PATH`` prints one JSON report.
"""

from __future__ import annotations

import json
import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "workbench_settings"
os.environ["WORKBENCH_DATABASES"] = json.dumps(
    {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": sys.argv[1]}}
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from webob import Request  # noqa: E402
from workbench.runtime import WorkbenchRuntime  # noqa: E402
from workbench.scenarios import SCENARIOS, init_scenarios  # noqa: E402

OURS = ("tdl_quiz", "tdl_journal", "tdl_video", "tdl_classroom_task")
CALLS = {
    "tdl_quiz": ("submit", {"answers": {"q1": ["b"], "q2": ["a", "b"]}}),
    "tdl_journal": ("save_entry", {"entry": "Padlet let every student answer.", "submit": True}),
    "tdl_video": ("answer", {"question": "v1", "choice": "a"}),
    "tdl_classroom_task": ("start", {"plan": "Three why-questions, then wait five seconds."}),
}


def call(runtime, block, handler, data):
    request = Request.blank(
        "/", method="POST", body=json.dumps(data).encode(), content_type="application/json"
    )
    return json.loads(runtime.handle(block, handler, request).body)


def main() -> None:
    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    init_scenarios()
    report = {}
    for name, scenario in SCENARIOS.items():
        block_type = name.split(".")[0]
        if block_type not in OURS:
            continue
        alice = WorkbenchRuntime(user_id="alice")
        block = alice.get_block(scenario.usage_id)
        html = alice.render(block, "student_view").body_html()
        handler, data = CALLS[block_type]
        result = call(alice, block, handler, data)
        again = WorkbenchRuntime(user_id="alice").get_block(scenario.usage_id)
        bob = WorkbenchRuntime(user_id="bob").get_block(scenario.usage_id)
        report[block_type] = {
            "html": html,
            "result": result,
            "alice_complete": again.is_complete(),
            "bob_complete": bob.is_complete(),
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
