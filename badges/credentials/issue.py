"""Building and signing an OpenBadgeCredential (OB 3.0 on VC Data Model 2.0).

The credential is modelled with openbadgeslib's dataclasses and signed with its
``OB3LdpSigner`` (eddsa-rdfc-2022 over the RDFC-1.0 canonical form, PyLD with the contexts the
library bundles: nothing is fetched). The signer checks that the JSON is exactly the compacted
form of what it signs before it returns it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openbadgeslib.ob3 import (
    Achievement,
    Alignment,
    Evidence,
    IdentityObject,
    Issuer,
    OB3LdpSigner,
    OpenBadgeCredential,
    add_data_integrity_proof,
    status_entry,
)

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
STATUS_PURPOSE = "revocation"


@dataclass(frozen=True)
class IssuerSpec:
    """Who issues: the profile id is a stable URL that serves the profile and its key."""

    id: str
    name: str
    url: str
    verification_method: str
    public_key_multibase: str
    email: str | None = None
    image_url: str | None = None


@dataclass(frozen=True)
class AlignmentSpec:
    """A framework indicator the achievement is aligned to."""

    code: str
    name: str
    url: str
    framework: str
    description: str | None = None


@dataclass(frozen=True)
class AchievementSpec:
    id: str
    name: str
    description: str
    criteria: str
    image_url: str | None = None
    alignments: Sequence[AlignmentSpec] = ()
    achievement_type: str = "Badge"


@dataclass(frozen=True)
class EvidenceSpec:
    """Evidence of the achievement: a link (may be private to the earner) and/or a narrative."""

    name: str
    narrative: str | None = None
    id: str | None = None
    description: str | None = None
    genre: str | None = None


@dataclass(frozen=True)
class AwardSpec:
    """One credential for one recipient."""

    credential_id: str
    recipient_email: str
    salt: str
    issued_at: datetime
    status_list_url: str
    status_index: int
    valid_until: datetime | None = None
    evidence: Sequence[EvidenceSpec] = field(default_factory=tuple)


def recipient_identity(email: str, salt: str) -> IdentityObject:
    """The recipient as OB 3.0 expects a private identifier: sha256 of e-mail + salt."""
    return IdentityObject.create(email.strip().lower(), salt=salt)


def build_credential(
    *, issuer: IssuerSpec, achievement: AchievementSpec, award: AwardSpec
) -> OpenBadgeCredential:
    return OpenBadgeCredential(
        id=award.credential_id,
        issuer=Issuer(
            id=issuer.id,
            name=issuer.name,
            url=issuer.url,
            email=issuer.email,
            image_url=issuer.image_url,
        ),
        recipient_id=None,
        identifiers=[recipient_identity(award.recipient_email, award.salt)],
        achievement=Achievement(
            id=achievement.id,
            name=achievement.name,
            description=achievement.description,
            criteria_narrative=achievement.criteria,
            image_url=achievement.image_url,
            achievement_type=achievement.achievement_type,
            alignments=[
                Alignment(
                    target_name=a.name,
                    target_url=a.url,
                    target_framework=a.framework,
                    target_code=a.code,
                    target_description=a.description,
                )
                for a in achievement.alignments
            ],
        ),
        name=achievement.name,
        issuance_date=award.issued_at,
        expiration_date=award.valid_until,
        evidence=[
            Evidence(
                id=e.id,
                name=e.name,
                narrative=e.narrative,
                description=e.description,
                genre=e.genre,
            )
            for e in award.evidence
        ],
        credential_status=[status_entry(award.status_list_url, STATUS_PURPOSE, award.status_index)],
    )


def sign_credential(
    credential: OpenBadgeCredential,
    *,
    private_pem: bytes,
    verification_method: str,
    created: datetime | None = None,
) -> dict[str, Any]:
    """The signed credential document, ``proof`` as an array as the 1EdTech schema requires.

    The proof's own members are not part of what is canonicalised for the document hash, so
    wrapping the single proof in an array changes nothing that is signed.
    """
    signer = OB3LdpSigner(private_pem, verification_method=verification_method)
    return _proof_as_array(signer.sign(credential, created=created or credential.issuance_date))


def sign_document(
    document: dict[str, Any],
    *,
    private_pem: bytes,
    verification_method: str,
    created: datetime,
    extra_contexts: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Any JSON-LD document (a status list, a test vector) secured with eddsa-rdfc-2022.

    Unlike :func:`sign_credential` this imposes no Open Badges shape; ``extra_contexts`` adds
    context documents for this call only (still nothing is fetched).
    """
    return _proof_as_array(
        add_data_integrity_proof(
            document,
            private_pem,
            verification_method,
            created=created,
            extra_contexts=extra_contexts,
        )
    )


def _proof_as_array(signed: dict[str, Any]) -> dict[str, Any]:
    signed["proof"] = [signed["proof"]]
    return signed


def issue(
    *,
    issuer: IssuerSpec,
    achievement: AchievementSpec,
    award: AwardSpec,
    private_pem: bytes,
) -> dict[str, Any]:
    """Build and sign in one step."""
    credential = build_credential(issuer=issuer, achievement=achievement, award=award)
    return sign_credential(
        credential, private_pem=private_pem, verification_method=issuer.verification_method
    )


def to_json(document: dict[str, Any]) -> str:
    """The canonical text a credential is stored, downloaded and baked as."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def issuer_profile(issuer: IssuerSpec) -> dict[str, Any]:
    """The issuer's public Profile, with its Ed25519 key as a Multikey verification method."""
    profile: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT, MULTIKEY_CONTEXT],
        "id": issuer.id,
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
    }
    if issuer.email:
        profile["email"] = issuer.email
    if issuer.image_url:
        profile["image"] = {"id": issuer.image_url, "type": "Image"}
    key = {
        "id": issuer.verification_method,
        "type": "Multikey",
        "controller": issuer.id,
        "publicKeyMultibase": issuer.public_key_multibase,
    }
    profile["verificationMethod"] = [key]
    profile["assertionMethod"] = [issuer.verification_method]
    return profile


def without_proof(document: dict[str, Any]) -> dict[str, Any]:
    unsecured = copy.deepcopy(document)
    unsecured.pop("proof", None)
    return unsecured
