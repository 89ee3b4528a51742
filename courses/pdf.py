"""The course certificate and the CPD ledger as PDF. Pure: dataclasses in, bytes out.

A certificate is always bilingual (English and Traditional Chinese, Hong Kong), whatever language
the holder reads the portal in, so its wording is fixed here rather than translated.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from reporting import BRAND, document, para, styles


@dataclass(frozen=True)
class CertificateText:
    holder_name: str
    holder_name_zh: str
    course_title_en: str
    course_title_zh_hant: str
    cpd_hours: Decimal
    issued_on: dt.date
    certificate_id: str
    verify_url: str
    valid: bool = True


def certificate_lines(text: CertificateText) -> list[str]:
    """The certificate's wording, line by line, English then Chinese."""
    hours = f"{text.cpd_hours.normalize():f}"
    name_zh = text.holder_name_zh or text.holder_name
    title_zh = text.course_title_zh_hant or text.course_title_en
    date_en = f"{text.issued_on.day} {text.issued_on:%B %Y}"
    date_zh = f"{text.issued_on.year}年{text.issued_on.month}月{text.issued_on.day}日"
    lines = [
        "Certificate of Completion",
        "結業證書",
        "This is to certify that",
        text.holder_name,
        "has completed the course",
        f"“{text.course_title_en}”",
        f"on {date_en}, for {hours} hours of continuing professional development.",
        f"茲證明 {name_zh} 已於{date_zh}完成課程",
        f"《{title_zh}》，",
        f"計持續專業發展時數 {hours} 小時。",
        "Teacher Digital Literacy Portal · 教師數字素養平台",
        f"Certificate ID 證書編號: {text.certificate_id}",
        f"Verify at 核實網址: {text.verify_url}",
    ]
    if not text.valid:
        lines.insert(0, "REVOKED 已撤銷")
    return lines


def render_certificate(text: CertificateText) -> bytes:
    st = styles()
    centre = ParagraphStyle(
        "centre", parent=st["body"], alignment=TA_CENTER, fontSize=12, leading=18
    )
    big = ParagraphStyle(
        "big", parent=centre, fontSize=24, leading=32, textColor=colors.HexColor(BRAND)
    )
    name = ParagraphStyle("name", parent=centre, fontSize=18, leading=26)
    small = ParagraphStyle("small-centre", parent=st["small"], alignment=TA_CENTER)
    lines = certificate_lines(text)
    offset = 0 if text.valid else 1
    buffer = io.BytesIO()
    doc = document(buffer, title=f"{lines[offset]} · {text.course_title_en}", language="en")
    story: list[Any] = [Spacer(1, 25 * mm)]
    if not text.valid:
        story.append(para(lines[0], big))
    story += [
        para(lines[offset], big),
        para(lines[offset + 1], big),
        Spacer(1, 12 * mm),
        para(lines[offset + 2], centre),
        para(lines[offset + 3], name),
    ]
    if text.holder_name_zh:
        story.append(para(text.holder_name_zh, name))
    story += [para(line, centre) for line in lines[offset + 4 : offset + 7]]
    story.append(Spacer(1, 8 * mm))
    story += [para(line, centre) for line in lines[offset + 7 : offset + 10]]
    story.append(Spacer(1, 20 * mm))
    story += [para(line, small) for line in lines[offset + 10 :]]
    doc.build(story)
    return buffer.getvalue()


@dataclass(frozen=True)
class LedgerRow:
    date: dt.date
    title: str
    provider: str
    category: str
    source: str
    hours: Decimal


@dataclass(frozen=True)
class LedgerSection:
    label: str
    total: Decimal
    target: Decimal
    rows: list[LedgerRow] = field(default_factory=list)


@dataclass(frozen=True)
class LedgerDocument:
    language: str
    title: str
    person: str
    labels: dict[str, str]
    sections: list[LedgerSection]


def render_ledger(doc_data: LedgerDocument) -> bytes:
    st = styles()
    buffer = io.BytesIO()
    doc = document(buffer, title=doc_data.title, language=doc_data.language)
    story: list[Any] = [para(doc_data.title, st["h1"]), para(doc_data.person, st["h3"])]
    labels = doc_data.labels
    for section in doc_data.sections:
        story.append(
            para(
                f"{section.label}: {section.total.normalize():f} / {section.target.normalize():f} "
                f"{labels['hours']}",
                st["h2"],
            )
        )
        header = [labels[k] for k in ("date", "activity", "provider", "category", "hours")]
        rows = [[para(h, st["small"]) for h in header]]
        for row in section.rows:
            rows.append(
                [
                    para(row.date.isoformat(), st["small"]),
                    para(row.title, st["small"]),
                    para(row.provider, st["small"]),
                    para(row.category, st["small"]),
                    para(f"{row.hours.normalize():f}", st["small"]),
                ]
            )
        table = Table(rows, colWidths=[22 * mm, 62 * mm, 40 * mm, 30 * mm, 16 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor(BRAND)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    (
                        "ROWBACKGROUNDS",
                        (0, 1),
                        (-1, -1),
                        [colors.white, colors.HexColor("#f4f6f8")],
                    ),
                ]
            )
        )
        story += [table, Spacer(1, 6 * mm)]
    if not doc_data.sections:
        story.append(para(labels["empty"], st["body"]))
    doc.build(story)
    return buffer.getvalue()
