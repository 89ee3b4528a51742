"""Revocation through a W3C Bitstring Status List.

Each issuer has lists of ``size_bits`` entries; every credential owns one index. The list is
published as a ``BitstringStatusListCredential`` signed with the issuer's key (Data Integrity,
eddsa-rdfc-2022), like the credentials it speaks for.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from openbadgeslib.ob3 import build_status_list_credential, decode_encoded_list

from badges.credentials.issue import STATUS_PURPOSE, sign_document

#: The W3C minimum, so the population of a list hides in a large anonymity set.
DEFAULT_SIZE_BITS = 131072


def signed_status_list(
    *,
    issuer_id: str,
    url: str,
    revoked: Iterable[int],
    private_pem: bytes,
    verification_method: str,
    issued: datetime,
    size_bits: int = DEFAULT_SIZE_BITS,
) -> dict[str, Any]:
    document = build_status_list_credential(
        issuer_id, url, STATUS_PURPOSE, sorted(revoked), size_bits=size_bits, issued=issued
    )
    return sign_document(
        document, private_pem=private_pem, verification_method=verification_method, created=issued
    )


def is_bit_set(bitstring: bytes, index: int) -> bool:
    """Bit ``index`` of a status list, most significant bit first (Bitstring Status List §3)."""
    if index < 0 or index // 8 >= len(bitstring):
        raise IndexError(f"status index {index} is outside the list")
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


def bitstring_of(status_list: dict[str, Any]) -> bytes:
    subject = status_list["credentialSubject"]
    return decode_encoded_list(subject["encodedList"])
