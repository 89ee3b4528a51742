"""Each gate is shown to fail on a deliberately broken fixture."""

from __future__ import annotations

from django.db import models
from django.test.utils import isolate_apps, override_settings

from accounts.personal_data import Registry, uncovered_models
from tests import authz
from tests.portal import broken_urls
from tests.portal.test_authorization_matrix import GROUPS, ROWS, mismatches, world  # noqa: F401


def test_matrix_gate_reports_an_undeclared_url():
    missing = authz.undeclared(ROWS, GROUPS, patterns=broken_urls.urlpatterns)
    assert any(m.startswith("undeclared_report") for m in missing), missing


@override_settings(ROOT_URLCONF="tests.portal.broken_urls")
def test_matrix_gate_reports_a_view_that_shows_another_schools_data(world):  # noqa: F811
    problems = mismatches("accounts:staff_list", ROWS["accounts:staff_list"], world)
    assert any("other_principal: expected 404, got 200" in p for p in problems), problems
    assert any("teacher: expected 404, got 200" in p for p in problems), problems


@isolate_apps("tests")
def test_privacy_gate_reports_an_unregistered_model_with_a_user_key():
    class LessonNote(models.Model):
        author = models.ForeignKey("accounts.User", on_delete=models.CASCADE)

        class Meta:
            app_label = "tests"

    class Attachment(models.Model):
        file = models.FileField()

        class Meta:
            app_label = "tests"

    class Harmless(models.Model):
        title = models.CharField(max_length=10)

        class Meta:
            app_label = "tests"

    uncovered = uncovered_models([LessonNote, Attachment, Harmless], Registry())
    assert uncovered == ["tests.Attachment", "tests.LessonNote"]
