"""The pure credential module: test vectors, independent verification, schema, mutations,
revocation, expiry and baked images. No database."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from badges import credentials as ob
from tests.badges import ob3data
from tests.badges.ob3data import needs_data

pytestmark = needs_data

ISSUER_URL = "https://portal.example/ob/issuers/0b9e0c6e-6f0a-4c55-9d3f-6a4d2b1c9e11"
LIST_URL = "https://portal.example/ob/status/5d1f1d33-42a3-4bb1-a1b2-1c2d3e4f5a6b"


@pytest.fixture(scope="module")
def keys() -> ob.KeyPair:
    return ob.generate_key_pair()


@pytest.fixture(scope="module")
def issuer(keys) -> ob.IssuerSpec:
    return ob.IssuerSpec(
        id=ISSUER_URL,
        name="Education Bureau 教育局",
        url="https://www.edb.gov.hk/",
        verification_method=f"{ISSUER_URL}#key-1",
        public_key_multibase=keys.public_multibase,
    )


ACHIEVEMENT = ob.AchievementSpec(
    id="urn:uuid:8b3c7f0e-2a51-4d7e-9d36-0f3b5c2a9e70",
    name="Higher-order questioning 高階提問",
    description="Asks questions that make students analyse, evaluate and create.",
    criteria="A mentor approved the performance task 'Higher-order questioning'.",
    image_url="https://portal.example/ob/achievements/8b3c7f0e/image.png",
    alignments=(
        ob.AlignmentSpec(
            code="3.2.2",
            name="Teaching interaction",
            url="https://portal.example/framework/jyt-0646-2022/3.2.2",
            framework="JY/T 0646-2022",
        ),
    ),
)


def award(index: int = 7, **overrides: Any) -> ob.AwardSpec:
    values: dict[str, Any] = dict(
        credential_id=f"https://portal.example/ob/credentials/{index:08d}-0000-4000-8000-000000000000",
        recipient_email="Chan.Tai.Man@school.example",
        salt="d2c1b0a9",
        issued_at=datetime(2026, 9, 1, 8, 30, tzinfo=UTC),
        status_list_url=LIST_URL,
        status_index=index,
        evidence=(
            ob.EvidenceSpec(
                id="https://portal.example/en/tasks/submissions/42/",
                name="Approved performance task",
                narrative="Mentor Ms Wong: the open questions rose from 12% to 31%.",
                genre="Performance task",
            ),
        ),
    )
    values.update(overrides)
    return ob.AwardSpec(**values)


@pytest.fixture(scope="module")
def signed(issuer, keys) -> dict[str, Any]:
    return ob.issue(
        issuer=issuer, achievement=ACHIEVEMENT, award=award(), private_pem=keys.private_pem
    )


def verify(document, issuer, revoked: frozenset[int] = frozenset()) -> ob.VerificationResult:
    bits = bytearray(ob.DEFAULT_SIZE_BITS // 8)
    for i in revoked:
        bits[i // 8] |= 0x80 >> (i % 8)

    def find_issuer(issuer_id: str) -> ob.TrustedIssuer | None:
        if issuer_id != issuer.id:
            return None
        return ob.TrustedIssuer(issuer.id, issuer.verification_method, issuer.public_key_multibase)

    return ob.verify(
        document,
        find_issuer=find_issuer,
        find_status_list=lambda url: bytes(bits) if url == LIST_URL else None,
    )


# --- test vectors ----------------------------------------------------------------------------


def test_w3c_vector_canonical_forms_and_hashes_match_byte_for_byte():
    folder = "test-vectors/w3c-eddsa-rdfc-2022/"
    unsigned = ob3data.read_json(folder + "unsigned.json")
    config = ob3data.read_json(folder + "proofConfigDataInt.json")
    assert ob3data.canonical(unsigned) == ob3data.read_text(folder + "canonDocDataInt.txt")
    assert ob3data.canonical(config) == ob3data.read_text(folder + "proofCanonDataInt.txt")
    doc_hash = hashlib.sha256(ob3data.canonical(unsigned).encode()).hexdigest()
    proof_hash = hashlib.sha256(ob3data.canonical(config).encode()).hexdigest()
    assert doc_hash == ob3data.read_text(folder + "docHashDataInt.txt").strip()
    assert proof_hash == ob3data.read_text(folder + "proofHashDataInt.txt").strip()
    assert proof_hash + doc_hash == ob3data.read_text(folder + "combinedHashDataInt.txt").strip()


def test_signing_reproduces_the_w3c_vector_signature():
    folder = "test-vectors/w3c-eddsa-rdfc-2022/"
    pair = ob3data.read_json(folder + "keyPair.json")
    seed = ob3data.b58decode(pair["privateKeyMultibase"][1:])
    assert seed[:2] == b"\x80\x26"
    keys = ob.key_pair_from_seed(seed[2:])
    assert keys.public_multibase == pair["publicKeyMultibase"]
    config = ob3data.read_json(folder + "proofConfigDataInt.json")
    examples = "https://www.w3.org/ns/credentials/examples/v2"
    signed = ob.sign_document(
        ob3data.read_json(folder + "unsigned.json"),
        private_pem=keys.private_pem,
        verification_method=config["verificationMethod"],
        created=datetime.fromisoformat(config["created"]),
        extra_contexts={examples: ob3data.read_json("contexts/credentials-examples-v2.jsonld")},
    )
    expected = ob3data.read_json(folder + "signedDataInt.json")
    assert signed["proof"][0]["proofValue"] == ob3data.read_text(folder + "sigBTC58DataInt.txt")
    assert ob3data.b58decode(signed["proof"][0]["proofValue"][1:]).hex() == ob3data.read_text(
        folder + "sigHexDataInt.txt"
    )
    assert {**signed, "proof": signed["proof"][0]} == expected
    assert ob3data.independently_verified(expected, pair["publicKeyMultibase"])


def test_signing_reproduces_the_1edtech_open_badges_vector():
    folder = "test-vectors/ob-v3p0-eddsa-rdfc-2022/"
    vector = ob3data.read_json(folder + "vector.json")
    keys = ob.key_pair_from_seed(bytes.fromhex(vector["privateKeyHex"])[:32])
    assert keys.public_multibase == vector["publicKeyMultibase"]
    unsigned = ob3data.read_json(folder + "unsigned.json")
    config = ob3data.read_json(folder + "proof-config.json")
    assert ob3data.canonical(unsigned) == ob3data.read_text(folder + "document-canon.txt")
    assert ob3data.canonical({**config, "@context": unsigned["@context"]}) == ob3data.read_text(
        folder + "proof-canon.txt"
    )
    signed = ob.sign_document(
        unsigned,
        private_pem=keys.private_pem,
        verification_method=vector["verificationMethod"],
        created=datetime.fromisoformat(config["created"]),
    )
    proof_value = signed["proof"][0]["proofValue"]
    assert proof_value == vector["proofValue"]
    assert ob3data.b58decode(proof_value[1:]).hex() == vector["signatureHex"]
    assert ob3data.hash_data(signed).hex() == vector["dataToSignHex"]
    official = ob3data.read_json(folder + "signed.json")
    assert official["proof"]["proofValue"] == proof_value
    assert ob3data.independently_verified(official, vector["publicKeyMultibase"])


def test_the_independent_verifier_accepts_the_official_signed_complete_example():
    example = ob3data.read_json("examples/ob-v3p0-complete-openbadgecredential-signed.json")
    proof = example["proof"][0] if isinstance(example["proof"], list) else example["proof"]
    assert ob3data.independently_verified(example, proof["verificationMethod"].split("#")[1])


# --- issued credentials ----------------------------------------------------------------------


def test_issued_credential_carries_what_open_badges_3_requires(signed, issuer):
    assert signed["@context"][:2] == [ob.VC_CONTEXT, ob.OB_CONTEXT]
    assert signed["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert isinstance(signed["proof"], list) and len(signed["proof"]) == 1
    proof = signed["proof"][0]
    assert (proof["type"], proof["cryptosuite"]) == ("DataIntegrityProof", "eddsa-rdfc-2022")
    assert proof["verificationMethod"] == issuer.verification_method
    assert signed["credentialSchema"] == [
        {"id": ob.SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}
    ]
    status = signed["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    assert (status["statusListCredential"], status["statusListIndex"]) == (LIST_URL, "7")
    identifier = signed["credentialSubject"]["identifier"][0]
    expected = hashlib.sha256(b"chan.tai.man@school.example" + b"d2c1b0a9").hexdigest()
    assert identifier == {
        "type": "IdentityObject",
        "hashed": True,
        "identityHash": f"sha256${expected}",
        "identityType": "emailAddress",
        "salt": "d2c1b0a9",
    }
    assert "chan" not in json.dumps(signed).lower()
    alignment = signed["credentialSubject"]["achievement"]["alignment"][0]
    assert alignment["targetCode"] == "3.2.2"
    assert signed["evidence"][0]["narrative"].startswith("Mentor Ms Wong")
    assert signed["issuer"]["id"] == ISSUER_URL


def test_issued_credential_validates_against_the_1edtech_schema(signed):
    assert ob3data.schema_errors(signed) == []


def test_issued_credential_verifies_independently_and_with_the_portal(signed, issuer):
    assert ob3data.independently_verified(signed, issuer.public_key_multibase)
    result = verify(signed, issuer)
    assert (result.verdict, result.reason) == (ob.Verdict.VALID, ob.Reason.VERIFIED)
    assert result.achievement_name == ACHIEVEMENT.name


def test_recipient_can_be_matched_by_email_but_not_read(signed):
    assert ob.recipient_matches(signed, "chan.tai.man@school.example")
    assert not ob.recipient_matches(signed, "someone.else@school.example")


def test_a_credential_signed_by_another_key_reads_tampered(signed, issuer):
    impostor = ob.generate_key_pair()
    forged = ob.issue(
        issuer=issuer, achievement=ACHIEVEMENT, award=award(), private_pem=impostor.private_pem
    )
    assert not ob3data.independently_verified(forged, issuer.public_key_multibase)
    assert verify(forged, issuer).verdict is ob.Verdict.TAMPERED


def test_revoked_credential_reads_revoked(signed, issuer):
    result = verify(signed, issuer, revoked=frozenset({7}))
    assert (result.verdict, result.reason) == (ob.Verdict.REVOKED, ob.Reason.REVOKED)
    assert verify(signed, issuer, revoked=frozenset({6, 8})).verdict is ob.Verdict.VALID


def test_expired_credential_reads_expired(issuer, keys):
    past = datetime.now(UTC) - timedelta(days=400)
    expired = ob.issue(
        issuer=issuer,
        achievement=ACHIEVEMENT,
        award=award(issued_at=past, valid_until=past + timedelta(days=365)),
        private_pem=keys.private_pem,
    )
    assert ob3data.independently_verified(expired, issuer.public_key_multibase)
    assert ob3data.schema_errors(expired) == []
    assert verify(expired, issuer).verdict is ob.Verdict.EXPIRED
    assert verify(expired, issuer, revoked=frozenset({7})).verdict is ob.Verdict.REVOKED


def test_credential_valid_until_a_future_date_is_valid(issuer, keys):
    credential = ob.issue(
        issuer=issuer,
        achievement=ACHIEVEMENT,
        award=award(valid_until=datetime.now(UTC) + timedelta(days=30)),
        private_pem=keys.private_pem,
    )
    assert verify(credential, issuer).verdict is ob.Verdict.VALID


@pytest.mark.parametrize(
    "garbage, reason",
    [
        (b"", ob.Reason.NOT_JSON),
        (b"not json at all", ob.Reason.NOT_JSON),
        (b"[1, 2, 3]", ob.Reason.NOT_A_CREDENTIAL),
        (b'{"type": ["VerifiableCredential"]}', ob.Reason.NOT_A_CREDENTIAL),
        (
            b'{"type": "OpenBadgeCredential", "issuer": "https://elsewhere.example/"}',
            ob.Reason.UNKNOWN_ISSUER,
        ),
        (b"\xff\xfe\x00garbage", ob.Reason.NOT_JSON),
        (b'{"a":' * 5000, ob.Reason.NOT_JSON),
        (b" " * (300 * 1024), ob.Reason.TOO_LARGE),
    ],
)
def test_garbage_reads_invalid_with_a_reason(garbage, reason, issuer):
    result = verify(garbage, issuer)
    assert (result.verdict, result.reason) == (ob.Verdict.INVALID, reason)


def test_a_credential_without_its_proof_reads_invalid(signed, issuer):
    bare = {k: v for k, v in signed.items() if k != "proof"}
    assert verify(bare, issuer).reason is ob.Reason.NO_PROOF


# --- every single-field mutation is rejected -------------------------------------------------


def _leaves(node: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(node, list):
        return [leaf for i, value in enumerate(node) for leaf in _leaves(value, (*path, i))]
    return [path]


def _set(document: dict, path: tuple, value: Any) -> None:
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _get(document: dict, path: tuple) -> Any:
    node = document
    for key in path:
        node = node[key]
    return node


def _mutated(value: Any, data) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return data.draw(
            st.one_of(
                st.text(min_size=0, max_size=12),
                st.just(value + "x"),
                st.just(value[:-1]),
                st.just(value.upper() if value != value.upper() else value.lower()),
                st.integers(),
                st.none(),
            ).filter(lambda new: new != value),
            label="new value",
        )
    return data.draw(st.text(max_size=8), label="new value")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_single_field_mutation_is_rejected(signed, issuer, data):
    leaves = _leaves(signed)
    path = data.draw(st.sampled_from(leaves), label="field")
    mutated = copy.deepcopy(signed)
    _set(mutated, path, _mutated(_get(signed, path), data))
    assert mutated != signed
    result = verify(mutated, issuer)
    assert result.verdict is not ob.Verdict.VALID, (path, result)
    if path[0] != "proof":
        assert not ob3data.independently_verified(mutated, issuer.public_key_multibase) or (
            result.reason is ob.Reason.UNSIGNED_CONTENT
        )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_adding_or_removing_a_field_is_rejected(signed, issuer, data):
    objects = [p for p in _leaves(signed)]
    path = data.draw(st.sampled_from(objects), label="field")
    mutated = copy.deepcopy(signed)
    parent = _get(mutated, path[:-1])
    if data.draw(st.booleans(), label="remove"):
        parent.pop(path[-1])
    elif isinstance(parent, dict):
        parent[data.draw(st.sampled_from(["note", "name", "id", "extra"]))] = "added"
    else:
        parent.append("added")
    if mutated == signed:
        return
    assert verify(mutated, issuer).verdict is not ob.Verdict.VALID, path


# --- status lists and baked images -----------------------------------------------------------


def test_status_list_credential_is_signed_and_reads_back_the_revoked_bits(issuer, keys):
    status_list = ob.signed_status_list(
        issuer_id=issuer.id,
        url=LIST_URL,
        revoked=[3, 7, 131071],
        private_pem=keys.private_pem,
        verification_method=issuer.verification_method,
        issued=datetime(2026, 9, 1, tzinfo=UTC),
    )
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert status_list["credentialSubject"]["statusPurpose"] == "revocation"
    bits = ob.bitstring_of(status_list)
    assert len(bits) * 8 == ob.DEFAULT_SIZE_BITS
    assert [i for i in (2, 3, 4, 7, 131070, 131071) if ob.is_bit_set(bits, i)] == [3, 7, 131071]
    assert ob3data.independently_verified(status_list, issuer.public_key_multibase)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_baked_image_round_trips_and_verifies(fmt, signed, issuer):
    text = ob.to_json(signed)
    if fmt == "png":
        image = ob.default_png(key="hoq", name="Higher-order questioning", caption="TDL")
        baked = ob.bake_png(image, text)
        assert baked.startswith(b"\x89PNG") and b"openbadgecredential" in baked
    else:
        image = ob.default_svg(key="hoq", name="Higher-order questioning", caption="高階提問")
        baked = ob.bake_svg(image, text)
        assert b"<openbadges:credential" in baked
        assert b'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in baked
    extracted = ob.extract(baked)
    assert json.loads(extracted) == signed
    assert verify(extracted, issuer).verdict is ob.Verdict.VALID


@pytest.mark.parametrize(
    "upload",
    [
        ob.default_png(key="k", name="Plain"),
        ob.default_svg(key="k", name="Plain"),
        b"\x89PNG\r\n\x1a\nbroken",
        b"<svg",
    ],
)
def test_images_without_a_credential_are_refused_with_a_reason(upload):
    with pytest.raises(ob.BakingError):
        ob.extract(upload)


def test_sealed_private_key_opens_only_with_the_same_secret(keys):
    token = ob.seal_private_key(keys.private_pem, secret="server secret one")
    assert b"PRIVATE" not in token.encode()
    assert ob.unseal_private_key(token, secret="server secret one") == keys.private_pem
    with pytest.raises(ob.IssuerKeyError):
        ob.unseal_private_key(token, secret="server secret two")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_json_put_anywhere_in_a_credential_never_crashes_the_verifier(signed, issuer, data):
    mutated = copy.deepcopy(signed)
    leaves = _leaves(signed)
    path = data.draw(st.sampled_from(leaves), label="field")
    depth = data.draw(st.integers(min_value=1, max_value=len(path)), label="depth")
    _set(mutated, path[:depth], data.draw(JSON_VALUES, label="value"))
    result = verify(mutated, issuer)
    assert isinstance(result, ob.VerificationResult)
    assert result.verdict is not ob.Verdict.VALID or mutated == signed
