"""Issuers, badges and rules are authored in /cms/; a new issuer gets its key pair there."""

from __future__ import annotations

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.urls import reverse

from badges import credentials as ob
from badges import services
from badges.credentials.keys import key_pair_from_private
from badges.models import Issuer


def test_edb_admin_lists_and_edits_badges_rules_and_issuers(client, people, questioning_badge):
    client.force_login(people["edb_admin"])
    for name in ("badgeclass", "badgerule", "issuer"):
        response = client.get(reverse(f"wagtailsnippets_badges_{name}:list"))
        assert response.status_code == 200, name
    edit = client.get(
        reverse("wagtailsnippets_badges_badgeclass:edit", args=[questioning_badge.pk])
    )
    assert edit.status_code == 200
    issuer_edit = client.get(
        reverse("wagtailsnippets_badges_issuer:edit", args=[questioning_badge.issuer.pk])
    )
    assert questioning_badge.issuer.sealed_private_key not in issuer_edit.content.decode()


def test_an_issuer_created_in_the_admin_gets_a_key_pair(client, people, school):
    client.force_login(people["edb_admin"])
    response = client.post(
        reverse("wagtailsnippets_badges_issuer:add"),
        {
            "kind": "school",
            "school": school.pk,
            "name_en": school.name_en,
            "name_zh_hant": school.name_zh,
            "name_zh_hans": "",
            "url": "https://school.example/",
            "email": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issuer = Issuer.objects.get(school=school)
    assert issuer.public_key_multibase.startswith("z6Mk")
    pem = ob.unseal_private_key(issuer.sealed_private_key, secret=services.key_secret())
    private = load_pem_private_key(pem, password=None)
    assert key_pair_from_private(private).public_multibase == issuer.public_key_multibase


def test_a_school_issuer_without_its_school_is_refused(client, people):
    client.force_login(people["edb_admin"])
    response = client.post(
        reverse("wagtailsnippets_badges_issuer:add"),
        {"kind": "school", "name_en": "No school", "url": "https://x.example/"},
    )
    assert response.status_code == 200
    assert not Issuer.objects.exists()


def test_a_teacher_cannot_reach_badge_authoring_or_the_credential_list(client, people):
    client.force_login(people["teacher"])
    for url in (reverse("wagtailsnippets_badges_badgeclass:list"), reverse("badges_credentials")):
        assert client.get(url).status_code in (302, 403, 404)
