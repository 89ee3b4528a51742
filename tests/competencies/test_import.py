"""Importing frameworks: counts, idempotence, corrections that keep references, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from competencies.models import (
    CrosswalkLink,
    Dimension,
    Framework,
    Indicator,
    SubDimension,
    Verification,
)
from competencies.services import DATA_DIR, FrameworkImportError, import_crosswalk, import_framework

pytestmark = pytest.mark.django_db
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "frameworks"
JYT = DATA_DIR / "jyt-0646-2022.yaml"


def test_jyt_import_yields_5_13_33():
    framework, _report = import_framework(path=JYT, make_default=True)
    assert framework.dimensions.count() == 5
    assert SubDimension.objects.filter(dimension__framework=framework).count() == 13
    assert framework.indicators.count() == 33
    assert framework.is_default
    assert Indicator.objects.get(framework=framework, code="1.1.1").name_zh_hant.startswith("理解")


def test_the_bundled_copy_matches_the_shared_data():
    if not SHARED.exists():
        pytest.skip("../shared/data is not beside the checkout")
    assert yaml.safe_load(JYT.read_text()) == yaml.safe_load(
        (SHARED / "jyt-0646-2022.yaml").read_text()
    )


def test_reimport_changes_nothing():
    import_framework(path=JYT)
    ids = dict(Indicator.objects.values_list("code", "pk"))
    _framework, report = import_framework(path=JYT)
    assert not report.changed_anything
    assert dict(Indicator.objects.values_list("code", "pk")) == ids


def test_a_corrected_name_updates_in_place(tmp_path):
    framework, _ = import_framework(path=JYT)
    indicator = Indicator.objects.get(framework=framework, code="1.3.1")
    data = yaml.safe_load(JYT.read_text())
    node = data["dimensions"][0]["children"][2]["children"][0]
    assert node["code"] == "1.3.1"
    node["name_zh_hant"] = "戰勝數碼化實踐困難的信心與決心"
    node["verification"] = "verified_text"
    corrected = tmp_path / "corrected.yaml"
    corrected.write_text(yaml.safe_dump(data, allow_unicode=True))
    _framework, report = import_framework(path=corrected)
    assert report.updated == {"indicators": 1}
    indicator.refresh_from_db()
    assert indicator.name_zh_hant == "戰勝數碼化實踐困難的信心與決心"
    assert indicator.verification == Verification.VERIFIED_TEXT
    assert Indicator.objects.filter(code="1.3.1").count() == 1


def test_digcompedu_is_a_two_level_framework():
    framework, _ = import_framework(path=DATA_DIR / "digcompedu.yaml")
    assert framework.dimensions.count() == 6
    assert framework.indicators.count() == 22
    assert not framework.indicators.exclude(sub_dimension=None).exists()
    assert framework.levels.count() == 6


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("framework: [", "not valid YAML"),
        ("- a list\n", "does not describe a framework"),
        ("framework: {slug: x}\n", "needs a slug and an English name"),
        (
            "framework: {slug: x, name_en: X, counts: {indicators: 2}}\n"
            "dimensions: [{code: '1', name_en: D, children: [{code: '1.1', name_en: I}]}]\n",
            "announces 2 indicators but describes 1",
        ),
        (
            "framework: {slug: x, name_en: X}\n"
            "dimensions: [{code: '1', name_en: D, verification: maybe}]\n",
            "unknown verification",
        ),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(FrameworkImportError, match=message):
        import_framework(path=path)
    assert not Framework.objects.exists() and not Dimension.objects.exists()


def test_crosswalk_links_two_frameworks(tmp_path):
    import_framework(path=JYT)
    import_framework(path=DATA_DIR / "digcompedu.yaml")
    path = tmp_path / "cw.yaml"
    path.write_text(
        "source: jyt-0646-2022\ntarget: digcompedu\nlinks:\n"
        "  - {source: '5.1.2', target: '1.3', strength: full, note: reflective practice}\n"
    )
    report = import_crosswalk(path=path)
    assert report.created == {"crosswalk links": 1}
    link = CrosswalkLink.objects.get()
    assert (link.source.code, link.target.code, link.strength) == ("5.1.2", "1.3", "full")
    assert not import_crosswalk(path=path).changed_anything


def test_load_framework_command_loads_the_bundled_data_idempotently(capsys):
    call_command("load_framework")
    call_command("load_framework")
    out = capsys.readouterr().out
    assert "JY/T 0646-2022: no changes" in out
    assert Framework.objects.get(is_default=True).slug == "jyt-0646-2022"


def test_editing_an_indicator_in_the_admin_keeps_a_revision(client, people):
    framework, _ = import_framework(path=JYT, make_default=True)
    indicator = Indicator.objects.get(framework=framework, code="2.1.1")
    client.force_login(people["edb_admin"])
    from django.urls import reverse

    url = reverse("wagtailsnippets_competencies_indicator:edit", args=[indicator.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "name_en": "Understanding digital technology knowledge (checked)",
            "name_zh_hant": indicator.name_zh_hant,
            "name_zh_hans": indicator.name_zh_hans,
            "description_en": indicator.description_en,
            "description_zh_hant": "",
            "description_zh_hans": "",
            "verification": "verified_text",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert indicator.name_en.endswith("(checked)")
    assert indicator.code == "2.1.1"
    assert indicator.revisions.count() == 1
