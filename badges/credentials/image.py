"""A clean default badge image, in SVG and PNG, for badge classes without an uploaded one.

A circular medal in a colour derived from the badge's key, with a monogram of its English name.
The same drawing in both formats, so the baked SVG and the baked PNG look alike.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

SIZE = 400
STOP_WORDS = frozenset({"a", "an", "and", "for", "of", "on", "the", "to", "with", "in"})


def palette(key: str) -> tuple[str, str]:
    """A dark and a light shade of one hue, stable for a given key."""
    hue = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:4], 16) / 0xFFFF
    dark = colorsys.hls_to_rgb(hue, 0.32, 0.55)
    light = colorsys.hls_to_rgb(hue, 0.86, 0.55)
    return _hex(dark), _hex(light)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def monogram(name: str) -> str:
    words = [w for w in "".join(c if c.isalnum() else " " for c in name).split() if w]
    initials = [w[0] for w in words if w.lower() not in STOP_WORDS and w.isascii()]
    return ("".join(initials[:3]) or "★").upper()


def default_svg(*, key: str, name: str, caption: str = "") -> bytes:
    dark, light = palette(key)
    mark = escape(monogram(name))
    title = escape(name)
    sub = escape(caption)
    font = 'font-family="Helvetica, Arial, sans-serif" text-anchor="middle"'
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 400 400" role="img" aria-label="{title}">\n'
        f"<title>{title}</title>\n"
        f'<circle cx="200" cy="200" r="190" fill="{dark}"/>\n'
        f'<circle cx="200" cy="200" r="160" fill="{light}"/>\n'
        f'<circle cx="200" cy="200" r="148" fill="none" stroke="{dark}" stroke-width="4" '
        f'stroke-dasharray="6 8"/>\n'
        f'<text x="200" y="232" {font} font-size="104" font-weight="700" '
        f'fill="{dark}">{mark}</text>\n'
        f'<text x="200" y="300" {font} font-size="22" fill="{dark}">{sub}</text>\n'
        "</svg>\n"
    )
    return svg.encode("utf-8")


def default_png(*, key: str, name: str, caption: str = "") -> bytes:
    dark, light = palette(key)
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 390, 390), fill=dark)
    draw.ellipse((40, 40, 360, 360), fill=light)
    draw.ellipse((52, 52, 348, 348), outline=dark, width=4)
    big = ImageFont.load_default(size=104)
    draw.text((200, 195), monogram(name), font=big, fill=dark, anchor="mm")
    if caption.isascii() and caption:
        small = ImageFont.load_default(size=22)
        draw.text((200, 293), caption, font=small, fill=dark, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
