"""Pages and endpoints: verification (page and API), public credential page, downloads and baked
images, sharing, revoking, the issuer profile and the status list."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from badges import credentials as ob
from badges import services
from badges.models import Credential
from tests.badges import ob3data
from tests.badges.conftest import stand_in_submission

pytestmark = ob3data.needs_data


@pytest.fixture
def held(people, questioning_badge, award_now) -> Credential:
    submission = stand_in_submission(
        people["teacher"], people["mentor"], "higher-order-questioning"
    )
    [credential] = award_now(services.award_for_task, submission=submission)
    credential.refresh_from_db()
    return credential


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def verify_page(data=None, files=None, language="en"):
    with translation.override(language):
        url = reverse("badges:verify")
    return Client().post(url, {**(data or {}), **(files or {})})


def test_verification_page_says_valid_for_a_pasted_credential(held):
    response = verify_page({"credential": json.dumps(held.document)})
    assert response.status_code == 200
    assert b'data-verdict="valid"' in response.content
    assert held.badge_class.name_en.encode() in response.content


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_downloaded_baked_image_verifies_on_the_verification_page(held, people, fmt):
    response = client_for(people["teacher"]).get(
        reverse("badges:download_baked", kwargs={"credential_uuid": held.uuid, "fmt": fmt})
    )
    assert response.status_code == 200
    assert json.loads(ob.extract(response.content)) == held.document
    upload = SimpleUploadedFile(f"badge.{fmt}", response.content)
    page = verify_page(files={"file": upload})
    assert b'data-verdict="valid"' in page.content


def test_a_tampered_credential_reads_tampered_on_the_page(held):
    document = json.loads(json.dumps(held.document))
    document["credentialSubject"]["achievement"]["name"] = "Master of everything"
    response = verify_page({"credential": json.dumps(document)})
    assert b'data-verdict="tampered"' in response.content


@pytest.mark.parametrize(
    "data, files",
    [
        ({"credential": "garbage {"}, {}),
        ({"credential": "[]"}, {}),
        ({"credential": '{"@context": 5, "type": "OpenBadgeCredential", "issuer": {}}'}, {}),
        ({}, {"file": SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\nnot really")}),
        ({}, {"file": SimpleUploadedFile("x.svg", b"<svg><unclosed")}),
        ({}, {"file": SimpleUploadedFile("x.bin", bytes(range(256)))}),
        ({}, {}),
    ],
)
def test_verification_page_answers_garbage_with_a_translated_error(db, data, files):
    english = verify_page(data, files)
    chinese = verify_page(data, files, language="zh-hant")
    assert english.status_code == chinese.status_code == 200
    assert b'data-verdict="valid"' not in english.content
    assert english.content.count(b'role="alert"') + english.content.count(b'data-verdict="invalid"')
    assert chinese.context["LANGUAGE_CODE"] == "zh-hant"


def test_verify_api_returns_the_verdict_as_json(held, people):
    api = reverse("ob:verify")
    valid = Client().post(api, json.dumps(held.document), content_type="application/json")
    assert valid.json()["verdict"] == "valid"
    baked = client_for(people["teacher"]).get(
        reverse("badges:download_baked", kwargs={"credential_uuid": held.uuid, "fmt": "png"})
    )
    as_image = Client().post(api, baked.content, content_type="image/png")
    assert as_image.json()["verdict"] == "valid"
    forged = dict(held.document, issuer=dict(held.document["issuer"]))
    forged["issuer"]["id"] = settings.SITE_URL.rstrip("/") + "//[x/"  # urlsplit raises on it
    answer = Client().post(api, json.dumps(forged), content_type="application/json")
    assert answer.status_code == 200 and answer.json()["verdict"] != "valid"
    garbage = Client().post(api, b"\x00\x01", content_type="application/octet-stream")
    assert garbage.status_code == 200
    assert garbage.json()["verdict"] == "invalid"
    assert garbage.json()["message"]
    services.revoke_credential(credential=held, by=people["edb_admin"], reason="Issued in error")
    revoked = Client().post(api, json.dumps(held.document), content_type="application/json")
    assert revoked.json()["verdict"] == "revoked"


def test_private_credential_is_the_holders_alone_until_shared(held, people):
    page = reverse("badges:credential", kwargs={"credential_uuid": held.uuid})
    json_url = reverse("ob:credential", kwargs={"credential_uuid": held.uuid})
    for url in (page, json_url):
        assert client_for(people["teacher"]).get(url).status_code == 200
        assert client_for().get(url).status_code == 404
        assert client_for(people["principal"]).get(url).status_code == 404
    assert (
        client_for(people["other_teacher"])
        .post(reverse("badges:share", kwargs={"credential_uuid": held.uuid}), {"is_public": "on"})
        .status_code
        == 404
    )
    client_for(people["teacher"]).post(
        reverse("badges:share", kwargs={"credential_uuid": held.uuid}), {"is_public": "on"}
    )
    shared = client_for().get(page)
    assert shared.status_code == 200
    assert people["teacher"].full_name.encode() not in shared.content
    assert client_for().get(json_url).json() == held.document
    client_for(people["teacher"]).post(
        reverse("badges:share", kwargs={"credential_uuid": held.uuid}),
        {"is_public": "on", "show_name": "on"},
    )
    assert people["teacher"].full_name.encode() in client_for().get(page).content


def test_public_page_offers_downloads_verification_and_linkedin(held, people):
    response = client_for(people["teacher"]).get(
        reverse("badges:credential", kwargs={"credential_uuid": held.uuid})
    )
    content = response.content.decode()
    assert 'data-verdict="valid"' in content
    assert "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in content
    assert f"certId={held.uuid}" in content
    assert "credential.json" in content and "badge.png" in content and "badge.svg" in content


def test_revoke_page_asks_for_confirmation_and_a_reason(held, people):
    url = reverse("badges:revoke", kwargs={"credential_uuid": held.uuid})
    assert client_for(people["teacher"]).get(url).status_code == 404
    assert client_for(people["principal"]).get(url).status_code == 404
    admin = client_for(people["edb_admin"])
    assert admin.get(url).status_code == 200
    assert admin.post(url, {"reason": "Issued in error"}).status_code == 200
    held.refresh_from_db()
    assert not held.is_revoked
    assert admin.post(url, {"reason": "Issued in error", "confirm": "on"}).status_code == 302
    held.refresh_from_db()
    assert held.is_revoked and held.revocation_reason == "Issued in error"


def test_issuer_profile_and_status_list_are_public_json(held):
    issuer = held.badge_class.issuer
    profile = Client().get(reverse("ob:issuer", kwargs={"issuer_uuid": issuer.uuid})).json()
    assert profile["id"] == held.document["issuer"]["id"]
    assert profile["verificationMethod"][0]["publicKeyMultibase"] == issuer.public_key_multibase
    assert issuer.sealed_private_key not in json.dumps(profile)
    list_url = held.document["credentialStatus"]["statusListCredential"]
    path = list_url.removeprefix("http://127.0.0.1:8000").removeprefix("http://testserver")
    status_list = Client().get(path).json()
    assert status_list["id"] == list_url
    assert ob3data.independently_verified(status_list, issuer.public_key_multibase)


def test_badge_images_are_served_for_published_badges_only(questioning_badge):
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<svg")):
        url = reverse("ob:badge_image", kwargs={"badge_uuid": questioning_badge.uuid, "fmt": fmt})
        assert Client().get(url).content.startswith(magic)
    gif = reverse("ob:badge_image", kwargs={"badge_uuid": questioning_badge.uuid, "fmt": "gif"})
    assert Client().get(gif).status_code == 404
    questioning_badge.is_published = False
    questioning_badge.save()
    assert Client().get(url).status_code == 404


def test_backpack_lists_badges_and_pathway_progress(held, pathway_badge, people):
    response = client_for(people["teacher"]).get(reverse("badges:backpack"))
    assert response.status_code == 200
    content = response.content.decode()
    assert held.badge_class.name_en in content
    assert "1 of 2 badges held" in content
    other = client_for(people["other_teacher"]).get(reverse("badges:backpack")).content.decode()
    assert held.badge_class.name_en not in other.split("<h2>")[0].split("badge-list")[-1]


def test_admin_list_of_issued_credentials_is_for_edb_administrators(held, people):
    url = reverse("badges_credentials")
    response = client_for(people["edb_admin"]).get(url)
    assert response.status_code == 200
    assert people["teacher"].email.encode() in response.content


def test_a_badge_image_that_is_not_what_its_name_says_is_refused(questioning_badge):
    from django.core.exceptions import ValidationError

    questioning_badge.image = SimpleUploadedFile("fake.png", b"GIF89a not a png")
    with pytest.raises(ValidationError):
        questioning_badge.full_clean()
    questioning_badge.image = SimpleUploadedFile("real.png", ob.default_png(key="k", name="Real"))
    questioning_badge.full_clean()


def test_an_uploaded_image_that_cannot_be_baked_falls_back_to_the_default(
    held, people, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    badge = held.badge_class
    badge.image.save("broken.png", SimpleUploadedFile("broken.png", b"\x89PNG\r\n\x1a\ntruncated"))
    response = client_for(people["teacher"]).get(
        reverse("badges:download_baked", kwargs={"credential_uuid": held.uuid, "fmt": "png"})
    )
    assert response.status_code == 200
    assert json.loads(ob.extract(response.content)) == held.document


def test_a_shared_badge_never_shows_the_holders_email(held, people):
    teacher = people["teacher"]
    teacher.full_name, teacher.name_zh = "", ""
    teacher.save()
    services.set_sharing(credential=held, by=teacher, is_public=True, show_name=True)
    page = Client().get(reverse("badges:credential", kwargs={"credential_uuid": held.uuid}))
    assert page.status_code == 200
    assert teacher.email not in page.content.decode()
    teacher.full_name = "Chan Siu Ming"
    teacher.save()
    page = Client().get(reverse("badges:credential", kwargs={"credential_uuid": held.uuid}))
    assert "Chan Siu Ming" in page.content.decode()
