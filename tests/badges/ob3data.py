"""The shared Open Badges 3.0 data bundle (contexts, schemas, test vectors) and an independent
verifier built only on it, PyLD and PyNaCl: no code of openbadgeslib or of badges.credentials.

The bundle lives outside the repository (../shared/data/ob3, or $OB3_DATA_DIR) and is read in
place, never copied.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest

DATA_DIR = Path(
    os.environ.get("OB3_DATA_DIR", Path(__file__).resolve().parents[2] / "../shared/data/ob3")
).resolve()

needs_data = pytest.mark.skipif(
    not (DATA_DIR / "contexts.json").exists(),
    reason=f"the OB 3.0 data bundle is not at {DATA_DIR} (set OB3_DATA_DIR)",
)

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 58 + B58_ALPHABET.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    pad = len(text) - len(text.lstrip("1"))
    return b"\x00" * pad + body


def read_json(relative: str) -> Any:
    return json.loads((DATA_DIR / relative).read_text(encoding="utf-8"))


def read_text(relative: str) -> str:
    return (DATA_DIR / relative).read_text(encoding="utf-8")


@cache
def _contexts() -> dict[str, Any]:
    mapping = read_json("contexts.json")
    return {url: read_json(path) for url, path in mapping.items()}


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    contexts = _contexts()
    if url not in contexts:
        raise ValueError(f"context {url} is not in the bundle; nothing is fetched")
    return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(contexts[url])}


def canonical(document: dict[str, Any]) -> str:
    from pyld import jsonld

    return jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": document_loader,
        },
    )


def proof_and_document(signed: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    proofs = signed["proof"] if isinstance(signed["proof"], list) else [signed["proof"]]
    assert len(proofs) == 1
    config = {k: v for k, v in proofs[0].items() if k != "proofValue"}
    config["@context"] = signed["@context"]
    unsecured = {k: v for k, v in signed.items() if k != "proof"}
    return config, unsecured


def hash_data(signed: dict[str, Any]) -> bytes:
    config, unsecured = proof_and_document(signed)
    return (
        hashlib.sha256(canonical(config).encode()).digest()
        + hashlib.sha256(canonical(unsecured).encode()).digest()
    )


def independently_verified(signed: dict[str, Any], public_key_multibase: str) -> bool:
    """eddsa-rdfc-2022 checked from first principles: RDFC-1.0 by PyLD, Ed25519 by PyNaCl."""
    from nacl.exceptions import BadSignatureError
    from nacl.signing import VerifyKey

    raw = b58decode(public_key_multibase[1:])
    assert raw[:2] == b"\xed\x01", "not an Ed25519 Multikey"
    proof = signed["proof"][0] if isinstance(signed["proof"], list) else signed["proof"]
    if proof.get("cryptosuite") != "eddsa-rdfc-2022" or proof.get("type") != "DataIntegrityProof":
        return False
    from pyld.jsonld import JsonLdError

    try:
        signature = b58decode(proof["proofValue"][1:])
        VerifyKey(raw[2:]).verify(hash_data(signed), signature)
    except (BadSignatureError, JsonLdError, ValueError, TypeError, KeyError, AttributeError):
        # A document that cannot be canonicalised, or a malformed proof, is not verified.
        return False
    return True


@cache
def credential_schema_validator():
    from jsonschema import Draft201909Validator

    schema = read_json("schemas/ob_v3p0_achievementcredential_schema.json")
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(schema)


def schema_errors(document: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in credential_schema_validator().iter_errors(document)
    ]
