"""Baked badge images (OB 3.0 §5.3): the signed credential inside the PNG or SVG itself.

PNG: an uncompressed ``iTXt`` chunk with the keyword ``openbadgecredential``. SVG: an
``<openbadges:credential>`` element (namespace ``https://purl.imsglobal.org/ob/v3p0``) whose text
is the credential JSON. openbadgeslib writes and reads both carriers.
"""

from __future__ import annotations

from openbadgeslib import baking

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class BakingError(Exception):
    """The upload is not an image that carries a credential."""


def bake_png(image: bytes, credential_json: str) -> bytes:
    return baking.bake_png(image, credential_json, keyword=baking.ITXT_KEYWORD_OB3)


def bake_svg(image: bytes, credential_json: str) -> bytes:
    return baking.bake_svg(
        image,
        credential_json,
        element=baking.SVG_ELEMENT_OB3,
        namespace=baking.SVG_NS_OB3,
        as_text=True,
    )


def extract(data: bytes) -> str:
    """The credential text carried by a baked PNG or SVG, or the upload itself when it is JSON."""
    stripped = data.lstrip()
    if data.startswith(PNG_SIGNATURE):
        try:
            text = baking.extract_png(data, keyword=baking.ITXT_KEYWORD_OB3)
        except Exception as exc:
            raise BakingError("the PNG image cannot be read") from exc
        if text is None:
            raise BakingError("the PNG image carries no Open Badges credential")
        return text
    if stripped.startswith(b"<"):
        try:
            text = baking.extract_svg(data, element=baking.SVG_ELEMENT_OB3, text_fallback=True)
        except Exception as exc:
            raise BakingError("the SVG image cannot be read") from exc
        if text is None:
            raise BakingError("the SVG image carries no Open Badges credential")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BakingError("the file is neither JSON nor a PNG or SVG image") from exc
