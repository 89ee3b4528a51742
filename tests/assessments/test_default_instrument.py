"""The instrument, levels and crosswalk that ship with the portal."""

from __future__ import annotations

import pytest

from assessments.models import Attempt, Audience, Item, Option
from assessments.services import DATA_DIR, AssessmentError, load_default_instrument, load_instrument
from competencies.models import CrosswalkLink, Indicator, LevelDescriptor
from competencies.services import load_bundled

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(db):
    framework = load_bundled()
    return framework, load_default_instrument()


@pytest.mark.parametrize("stage", [Audience.PRE_SERVICE, Audience.IN_SERVICE])
def test_every_indicator_has_a_ladder_item_for_every_teacher(shipped, stage):
    framework, instrument = shipped
    covered = set(
        Item.objects.filter(
            instrument=instrument, type="ladder", audience__in=[Audience.ALL, stage]
        ).values_list("indicator__code", flat=True)
    )
    assert covered == set(framework.indicators.values_list("code", flat=True))
    assert len(covered) == 33


def test_items_are_bilingual_and_well_formed(shipped):
    _framework, instrument = shipped
    for item in Item.objects.filter(instrument=instrument):
        assert item.stem_en and item.stem_zh_hant, item.key
        options = list(Option.objects.filter(item=item).order_by("sort_order"))
        if item.type == "ladder":
            assert [o.level for o in options] == [1, 2, 3, 4, 5, 6], item.key
        elif item.type == "likert":
            assert [o.level for o in options] == [1, 2, 3, 4, 5], item.key
        elif item.type == "scenario":
            assert sum(o.is_correct for o in options) == 1, item.key
        assert all(o.text_en and o.text_zh_hant for o in options), item.key


@pytest.mark.parametrize("stage", [Audience.PRE_SERVICE, Audience.IN_SERVICE])
def test_it_takes_twenty_to_twenty_five_minutes(shipped, stage):
    """About 20 s for a Likert item, 25 s for a ladder, 40 s for a scenario, 2 min per reflection."""
    _framework, instrument = shipped
    seconds = {"likert": 20, "ladder": 25, "scenario": 40, "reflection": 60}
    items = Item.objects.filter(instrument=instrument, audience__in=[Audience.ALL, stage])
    minutes = sum(seconds[i.type] for i in items) / 60
    assert 18 <= minutes <= 27, minutes


def test_every_indicator_has_six_descriptors_and_the_crosswalk_reaches_all_competences(shipped):
    framework, _instrument = shipped
    assert LevelDescriptor.objects.filter(indicator__framework=framework).count() == 33 * 6
    reached = set(CrosswalkLink.objects.values_list("target__code", flat=True))
    assert reached == set(
        Indicator.objects.filter(framework__slug="digcompedu").values_list("code", flat=True)
    )


def test_loading_again_changes_nothing(shipped):
    _framework, instrument = shipped
    ids = list(Item.objects.filter(instrument=instrument).values_list("pk", flat=True))
    again = load_default_instrument()
    assert again.pk == instrument.pk
    assert list(Item.objects.filter(instrument=instrument).values_list("pk", flat=True)) == ids


def test_a_changed_file_needs_a_new_version_once_attempts_are_submitted(shipped, tmp_path, school):
    import yaml

    from tests.factories import member

    _framework, instrument = shipped
    Attempt.objects.create(
        user=member("teacher", school),
        instrument=instrument,
        stage="in_service",
        status="submitted",
        submitted_at="2026-01-01T00:00:00Z",
        result={},
    )
    data = yaml.safe_load((DATA_DIR / "default-instrument.yaml").read_text())
    data["items"][0]["stem_en"] = "A corrected question?"
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(AssessmentError, match="new version"):
        load_instrument(path=changed)
    data["instrument"]["version"] = 2
    changed.write_text(yaml.safe_dump(data, allow_unicode=True))
    v2, created = load_instrument(path=changed)
    assert created and v2.version == 2 and v2.pk != instrument.pk
    assert (
        Item.objects.filter(instrument=instrument).count()
        == Item.objects.filter(instrument=v2).count()
    )
