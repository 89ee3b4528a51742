"""What people read about credentials: verdicts and reasons in their language, badge images,
baked downloads and the LinkedIn link."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from badges import credentials as ob
from badges import selectors
from badges.models import BadgeClass, Credential

VERDICTS = {
    ob.Verdict.VALID: _("Valid"),
    ob.Verdict.REVOKED: _("Revoked"),
    ob.Verdict.EXPIRED: _("Expired"),
    ob.Verdict.TAMPERED: _("Tampered with"),
    ob.Verdict.INVALID: _("Cannot be verified"),
}

REASONS = {
    ob.Reason.VERIFIED: _(
        "The signature matches the issuer's published key, the credential has not been changed, "
        "it is within its validity period and the issuer has not revoked it."
    ),
    ob.Reason.NOT_JSON: _("This is not a credential: it could not be read as JSON."),
    ob.Reason.TOO_LARGE: _("This is too large to be a credential."),
    ob.Reason.NOT_A_CREDENTIAL: _("This JSON is not an Open Badges credential."),
    ob.Reason.UNKNOWN_ISSUER: _(
        "The credential was not issued by this portal, so its key cannot be checked here. "
        "Verify it with its issuer's own service."
    ),
    ob.Reason.NO_PROOF: _("The credential carries no signature."),
    ob.Reason.WRONG_KEY: _("The credential is not signed with its issuer's published key."),
    ob.Reason.SIGNATURE_MISMATCH: _(
        "The signature does not match the content: the credential was changed after it was issued."
    ),
    ob.Reason.UNSIGNED_CONTENT: _(
        "The credential contains data that its signature does not cover: it was changed after it was issued."
    ),
    ob.Reason.EXPIRED: _(
        "The signature is genuine, but the credential's validity period has ended."
    ),
    ob.Reason.NOT_YET_VALID: _("The credential is not valid yet."),
    ob.Reason.REVOKED: _("The signature is genuine, but the issuer has revoked this credential."),
    ob.Reason.STATUS_UNKNOWN: _("The credential's revocation status cannot be read."),
}

logger = logging.getLogger(__name__)


def verdict_context(result: ob.VerificationResult | None) -> dict[str, object]:
    """What the verdict template shows: the result with its verdict and reason in words."""
    return {
        "result": result,
        "verdict_label": VERDICTS.get(result.verdict) if result else None,
        "reason": REASONS.get(result.reason) if result else None,
    }


IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


def default_image(badge_class: BadgeClass, fmt: str) -> bytes:
    draw = ob.default_png if fmt == "png" else ob.default_svg
    return draw(key=str(badge_class.uuid), name=badge_class.name_en, caption="TDL")


def badge_image(badge_class: BadgeClass, fmt: str) -> bytes:
    """The uploaded image in that format, or the default drawing."""
    if badge_class.image and badge_class.image.name.lower().endswith("." + fmt):
        with badge_class.image.open("rb") as f:
            return f.read()
    return default_image(badge_class, fmt)


def credential_json(credential: Credential) -> str:
    return ob.to_json(credential.document)


def baked(credential: Credential, fmt: str) -> bytes:
    bake = ob.bake_png if fmt == "png" else ob.bake_svg
    text = credential_json(credential)
    try:
        return bake(badge_image(credential.badge_class, fmt), text)
    except Exception:
        # An uploaded image that passed validation but cannot carry the credential: the holder
        # still gets a baked badge, on the default drawing.
        logger.warning("badge %s: its %s image cannot be baked", credential.badge_class_id, fmt)
        return bake(default_image(credential.badge_class, fmt), text)


def linkedin_url(credential: Credential, page_url: str) -> str:
    """LinkedIn's "add licence or certification" form, filled in."""
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": credential.badge_class.name_en,
        "organizationName": credential.badge_class.issuer.name_en,
        "issueYear": credential.issued_at.year,
        "issueMonth": credential.issued_at.month,
        "certUrl": page_url,
        "certId": str(credential.uuid),
    }
    if credential.valid_until:
        params["expirationYear"] = credential.valid_until.year
        params["expirationMonth"] = credential.valid_until.month
    return "https://www.linkedin.com/profile/add?" + urlencode(params)


def page_url(credential: Credential) -> str:
    return selectors.absolute(
        reverse("badges:credential", kwargs={"credential_uuid": credential.uuid})
    )
