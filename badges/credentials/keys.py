"""Issuer key pairs: Ed25519, published as Multikey, stored sealed.

The private key never leaves the server in clear: it is kept as a Fernet token whose key is
derived (HKDF-SHA256) from a server secret, and unsealed only in memory to sign.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from openbadgeslib.ob3.did import _b58btc_decode, multikey_from_pem

#: Multicodec prefix of an Ed25519 public key in a Multikey ``publicKeyMultibase``.
ED25519_PUB_PREFIX = b"\xed\x01"


class IssuerKeyError(Exception):
    """A key that cannot be used: wrong secret, corrupt token, not Ed25519."""


@dataclass(frozen=True)
class KeyPair:
    private_pem: bytes
    public_multibase: str

    @property
    def public_pem(self) -> bytes:
        return public_pem_from_multibase(self.public_multibase)


def generate_key_pair() -> KeyPair:
    key = Ed25519PrivateKey.generate()
    return key_pair_from_private(key)


def key_pair_from_seed(seed: bytes) -> KeyPair:
    """The key pair of a 32-byte Ed25519 seed (Ed25519 is deterministic: same seed, same key)."""
    return key_pair_from_private(Ed25519PrivateKey.from_private_bytes(seed))


def key_pair_from_private(key: Ed25519PrivateKey) -> KeyPair:
    private_pem = key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption())
    public_pem = key.public_key().public_bytes(
        ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo
    )
    return KeyPair(private_pem, multikey_from_pem(public_pem))


def public_key_bytes(multibase: str) -> bytes:
    """The raw 32-byte Ed25519 key of a ``z…`` Multikey value."""
    if not multibase.startswith("z"):
        raise IssuerKeyError("publicKeyMultibase must be base58btc ('z…')")
    data = _b58btc_decode(multibase[1:])
    if not data.startswith(ED25519_PUB_PREFIX) or len(data) != 34:
        raise IssuerKeyError("publicKeyMultibase is not an Ed25519 Multikey")
    return data[2:]


def public_pem_from_multibase(multibase: str) -> bytes:
    key = Ed25519PublicKey.from_public_bytes(public_key_bytes(multibase))
    return key.public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo)


def _fernet(secret: str) -> Fernet:
    if not secret:
        raise IssuerKeyError("no secret to seal issuer keys with")
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"tdl-portal badges issuer key"
    ).derive(secret.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(derived))


def seal_private_key(private_pem: bytes, *, secret: str) -> str:
    return _fernet(secret).encrypt(private_pem).decode("ascii")


def unseal_private_key(token: str, *, secret: str) -> bytes:
    try:
        pem = _fernet(secret).decrypt(token.encode("ascii"))
    except InvalidToken as exc:
        raise IssuerKeyError("the issuer key cannot be unsealed with this server's secret") from exc
    key = ser.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise IssuerKeyError("the issuer key is not an Ed25519 key")
    return pem
