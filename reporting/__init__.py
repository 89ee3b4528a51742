"""Shared, pure helpers for PDF output (no Django): the CJK font and mixed-script paragraphs.

Chinese text is set in a TrueType CJK font embedded (subset) in the file, so that every viewer
shows it and text extraction returns the characters: PORTAL_PDF_CJK_FONT if set, else Debian's
fonts-droid-fallback (installed by .ci/run and the Dockerfile). Without one, reportlab's built-in
CID font is used, which viewers render from their own fonts. Latin runs stay in Helvetica, since
the fallback CJK font has no Latin letters.
"""

from __future__ import annotations

import os
import re
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
CJK_RUN = re.compile(r"([\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+)")
CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


@cache
def cjk_font() -> str:
    """Register the CJK font once and return its reportlab name."""
    configured = os.environ.get("PORTAL_PDF_CJK_FONT", "")
    for path in ([configured] if configured else []) + list(CJK_FONT_CANDIDATES):
        if path and os.path.exists(path):
            pdfmetrics.registerFont(TTFont("PortalCJK", path, subfontIndex=0))
            return "PortalCJK"
    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    return "MSung-Light"


def markup(text: str) -> str:
    """Escaped text with every run of CJK characters set in the CJK font, the rest in Helvetica."""
    font = cjk_font()
    parts = CJK_RUN.split(text)
    return "".join(
        f'<font name="{font}">{escape(part)}</font>' if i % 2 else escape(part)
        for i, part in enumerate(parts)
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    if CJK.search(text):
        style = ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")
    return Paragraph(markup(text), style)


def font_for(text: str, latin: str = "Helvetica") -> str:
    return cjk_font() if CJK.search(text) else latin


BRAND = "#0b5cab"
MUTED = "#56606b"


def styles() -> dict[str, ParagraphStyle]:
    """The house paragraph styles of every report: body, small, h1, h2, h3."""
    from reportlab.lib import colors

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=14)
    return {
        "body": body,
        "small": ParagraphStyle(
            "small", parent=body, fontSize=8, leading=11, textColor=colors.HexColor(MUTED)
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontSize=18,
            leading=22,
            textColor=colors.HexColor(BRAND),
            spaceAfter=4,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            textColor=colors.HexColor(BRAND),
        ),
        "h3": ParagraphStyle("h3", parent=body, fontSize=10, leading=13, spaceBefore=6),
    }


def document(buffer, *, title: str, language: str):
    """An A4 document with the house margins."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="TDL Portal",
        lang=language,
    )
