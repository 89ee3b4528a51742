"""Open Badges 3.0 credentials: building, signing, verifying, status lists and baked images.

Pure Python: no Django import. The Django layer (badges.services) loads issuers, badge classes
and awards from the database and passes them in as the dataclasses below.
"""

from badges.credentials.baking import BakingError, bake_png, bake_svg, extract
from badges.credentials.image import default_png, default_svg
from badges.credentials.issue import (
    OB_CONTEXT,
    SCHEMA_URL,
    VC_CONTEXT,
    AchievementSpec,
    AlignmentSpec,
    AwardSpec,
    EvidenceSpec,
    IssuerSpec,
    build_credential,
    issue,
    issuer_profile,
    recipient_identity,
    sign_credential,
    sign_document,
    to_json,
)
from badges.credentials.keys import (
    IssuerKeyError,
    KeyPair,
    generate_key_pair,
    key_pair_from_seed,
    public_key_bytes,
    public_pem_from_multibase,
    seal_private_key,
    unseal_private_key,
)
from badges.credentials.status import (
    DEFAULT_SIZE_BITS,
    bitstring_of,
    is_bit_set,
    signed_status_list,
)
from badges.credentials.verify import (
    Reason,
    TrustedIssuer,
    Verdict,
    VerificationResult,
    recipient_matches,
    verify,
)

__all__ = [
    "DEFAULT_SIZE_BITS",
    "OB_CONTEXT",
    "SCHEMA_URL",
    "VC_CONTEXT",
    "AchievementSpec",
    "AlignmentSpec",
    "AwardSpec",
    "BakingError",
    "EvidenceSpec",
    "IssuerKeyError",
    "IssuerSpec",
    "KeyPair",
    "Reason",
    "TrustedIssuer",
    "Verdict",
    "VerificationResult",
    "bake_png",
    "bake_svg",
    "bitstring_of",
    "build_credential",
    "default_png",
    "default_svg",
    "extract",
    "generate_key_pair",
    "key_pair_from_seed",
    "is_bit_set",
    "issue",
    "issuer_profile",
    "public_key_bytes",
    "public_pem_from_multibase",
    "recipient_identity",
    "recipient_matches",
    "seal_private_key",
    "sign_credential",
    "sign_document",
    "signed_status_list",
    "to_json",
    "unseal_private_key",
    "verify",
]
