"""Verifying an OpenBadgeCredential: valid, revoked, expired, tampered or invalid, with the reason.

Only credentials of issuers this portal knows are verified: their keys are looked up locally
(``find_issuer``), never fetched. Revocation is read from our own status lists
(``find_status_list``), not over HTTP. The cryptography, the JSON-LD canonicalisation and the
check that the JSON is exactly what the proof covers are openbadgeslib's ``OB3LdpVerifier``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from openbadgeslib.ob3 import (
    OB3GuardUnavailable,
    OB3LdpVerifier,
    OB3VerificationError,
    verify_data_integrity_proof,
)
from openbadgeslib.ob3.ldp import MAX_LDP_DOCUMENT_BYTES

from badges.credentials.keys import IssuerKeyError, public_pem_from_multibase
from badges.credentials.status import is_bit_set

CREDENTIAL_TYPES = frozenset({"OpenBadgeCredential", "AchievementCredential"})


class Verdict(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    TAMPERED = "tampered"
    INVALID = "invalid"


class Reason(StrEnum):
    """Why, as a code the web layer turns into a sentence in the reader's language."""

    VERIFIED = "verified"
    NOT_JSON = "not_json"
    TOO_LARGE = "too_large"
    NOT_A_CREDENTIAL = "not_a_credential"
    UNKNOWN_ISSUER = "unknown_issuer"
    NO_PROOF = "no_proof"
    WRONG_KEY = "wrong_key"
    SIGNATURE_MISMATCH = "signature_mismatch"
    UNSIGNED_CONTENT = "unsigned_content"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    STATUS_UNKNOWN = "status_unknown"


@dataclass(frozen=True)
class TrustedIssuer:
    id: str
    verification_method: str
    public_key_multibase: str


@dataclass(frozen=True)
class VerificationResult:
    verdict: Verdict
    reason: Reason
    #: The verifier's own words (English), for logs and for the curious.
    detail: str = ""
    credential_id: str | None = None
    issuer_id: str | None = None
    issuer_name: str | None = None
    achievement_name: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None

    @property
    def is_valid(self) -> bool:
        return self.verdict is Verdict.VALID

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "reason": self.reason.value,
            "detail": self.detail,
            "credential": {
                "id": self.credential_id,
                "issuer": {"id": self.issuer_id, "name": self.issuer_name},
                "achievement": self.achievement_name,
                "validFrom": self.valid_from,
                "validUntil": self.valid_until,
            },
        }


FindIssuer = Callable[[str], TrustedIssuer | None]
#: Status list URL → its bitstring, or None when the list is not ours.
FindStatusList = Callable[[str], bytes | None]


def parse(document: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """The credential as a dict; raises ValueError with a reason code as its message."""
    if isinstance(document, dict):
        return document
    if len(document) > MAX_LDP_DOCUMENT_BYTES:
        raise ValueError(Reason.TOO_LARGE)
    try:
        parsed = json.loads(document)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(Reason.NOT_JSON) from exc
    if not isinstance(parsed, dict):
        raise ValueError(Reason.NOT_A_CREDENTIAL)
    return parsed


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def verify(
    document: str | bytes | dict[str, Any],
    *,
    find_issuer: FindIssuer,
    find_status_list: FindStatusList,
) -> VerificationResult:
    try:
        doc = parse(document)
    except ValueError as exc:
        return VerificationResult(Verdict.INVALID, Reason(str(exc)))
    types = {t for t in _as_list(doc.get("type")) if isinstance(t, str)}
    if not types & CREDENTIAL_TYPES:
        return VerificationResult(
            Verdict.INVALID, Reason.NOT_A_CREDENTIAL, "type names no OpenBadgeCredential"
        )
    issuer = doc.get("issuer")
    issuer_id = _text(issuer.get("id") if isinstance(issuer, dict) else issuer)
    subject = doc.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    facts = {
        "credential_id": _text(doc.get("id")),
        "issuer_id": issuer_id,
        "issuer_name": _text(issuer.get("name")) if isinstance(issuer, dict) else None,
        "achievement_name": (
            _text(achievement.get("name")) if isinstance(achievement, dict) else None
        ),
        "valid_from": _text(doc.get("validFrom")),
        "valid_until": _text(doc.get("validUntil")),
    }

    def result(verdict: Verdict, reason: Reason, detail: str = "") -> VerificationResult:
        return VerificationResult(verdict, reason, detail, **facts)

    trusted = find_issuer(issuer_id) if issuer_id else None
    if trusted is None:
        return result(Verdict.INVALID, Reason.UNKNOWN_ISSUER, f"issuer {issuer_id!r}")
    proofs = [
        p
        for p in _as_list(doc.get("proof"))
        if isinstance(p, dict) and p.get("type") == "DataIntegrityProof"
    ]
    if not proofs:
        return result(Verdict.INVALID, Reason.NO_PROOF, "no DataIntegrityProof")
    if len(proofs) > 1 or proofs[0].get("verificationMethod") != trusted.verification_method:
        return result(
            Verdict.INVALID,
            Reason.WRONG_KEY,
            f"the proof is not by {trusted.verification_method}",
        )
    try:
        pem = public_pem_from_multibase(trusted.public_key_multibase)
    except IssuerKeyError as exc:
        return result(Verdict.INVALID, Reason.WRONG_KEY, str(exc))

    expired = False
    try:
        OB3LdpVerifier(pubkey_pem=pem).verify(doc, check_status=False)
    except OB3GuardUnavailable:
        # The canonicalisation guard cannot run with the installed PyLD: the verifier is down,
        # which says nothing about the credential.
        raise
    except OB3VerificationError as exc:
        message = str(exc)
        # The library checks the validity window last, after the signature and the JSON form.
        if message.startswith("Credential has expired"):
            expired = True
        elif message.startswith("Credential is not yet valid"):
            return result(Verdict.INVALID, Reason.NOT_YET_VALID, message)
        elif _signature_holds(doc, pem):
            return result(Verdict.TAMPERED, Reason.UNSIGNED_CONTENT, message)
        else:
            return result(Verdict.TAMPERED, Reason.SIGNATURE_MISMATCH, message)

    for entry in _as_list(doc.get("credentialStatus")):
        if not isinstance(entry, dict):
            return result(Verdict.INVALID, Reason.STATUS_UNKNOWN, "malformed credentialStatus")
        url = entry.get("statusListCredential")
        bits = find_status_list(url) if isinstance(url, str) else None
        try:
            index = int(entry.get("statusListIndex", ""))
            revoked = bits is not None and is_bit_set(bits, index)
        except (TypeError, ValueError, IndexError):
            bits = None
        if bits is None:
            return result(
                Verdict.INVALID, Reason.STATUS_UNKNOWN, f"status list {url!r} is not known here"
            )
        if revoked and entry.get("statusPurpose") in ("revocation", "suspension"):
            return result(Verdict.REVOKED, Reason.REVOKED, f"bit {index} of {url} is set")
    if expired:
        return result(Verdict.EXPIRED, Reason.EXPIRED, f"validUntil {facts['valid_until']}")
    return result(Verdict.VALID, Reason.VERIFIED)


def _signature_holds(doc: dict[str, Any], pem: bytes) -> bool:
    try:
        verify_data_integrity_proof(doc, pem)
    except OB3VerificationError:
        return False
    return True


def recipient_matches(document: dict[str, Any], email: str) -> bool:
    """Whether one of the credential's hashed identifiers is this e-mail address."""
    from badges.credentials.issue import recipient_identity

    subject = document.get("credentialSubject")
    if not isinstance(subject, dict):
        return False
    for identifier in _as_list(subject.get("identifier")):
        if not isinstance(identifier, dict) or identifier.get("identityType") != "emailAddress":
            continue
        salt = identifier.get("salt") or ""
        expected = recipient_identity(email, salt).identity_hash
        if identifier.get("identityHash") == expected:
            return True
    return False
