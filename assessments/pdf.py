"""The self-assessment report as PDF, with reportlab. Pure: plain data in, bytes out (fonts: see
``reporting``)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from reporting import document, font_for, para, styles

BRAND = colors.HexColor("#0b5cab")
MUTED = colors.HexColor("#56606b")


@dataclass(frozen=True)
class Bar:
    code: str
    label: str
    scale: float | None  # 1–6, None when not assessed
    median: float | None = None
    change: float | None = None


@dataclass(frozen=True)
class GapText:
    title: str
    level_text: str
    next_step: str
    recommendations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReportDocument:
    language: str  # en, zh-hant, zh-hans
    title: str
    person: str
    subtitle: str
    labels: dict[str, str]
    dimensions: list[Bar]
    sub_dimensions: list[Bar]
    strengths: list[Bar]
    gaps: list[GapText]
    notes: list[str]


def _label(drawing: Drawing, x: float, y: float, code: str, label: str, size: float) -> None:
    drawing.add(String(x, y, code, fontName="Helvetica-Bold", fontSize=size))
    drawing.add(String(x + 9 * mm, y, label, fontName=font_for(label), fontSize=size))


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _radar(doc: ReportDocument) -> Drawing:
    drawing = Drawing(170 * mm, 80 * mm)
    chart = SpiderChart()
    chart.x, chart.y = 45 * mm, 8 * mm
    chart.width = chart.height = 64 * mm
    series = [[(b.scale or 1.0) for b in doc.dimensions]]
    if any(b.median is not None for b in doc.dimensions):
        series.append([(b.median or 1.0) for b in doc.dimensions])
    chart.data = series
    chart.labels = [b.code for b in doc.dimensions]
    chart.spokeLabels.fontName = "Helvetica"
    chart.spokeLabels.fontSize = 9
    chart.strands[0].strokeColor = BRAND
    chart.strands[0].fillColor = colors.Color(0.04, 0.36, 0.67, alpha=0.25)
    chart.strands[0].strokeWidth = 1.5
    if len(series) > 1:
        chart.strands[1].strokeColor = colors.HexColor("#f2a900")
        chart.strands[1].fillColor = None
        chart.strands[1].strokeDashArray = (3, 2)
    # The scale runs 1–6 from the centre outwards.
    chart.spokes.strokeColor = colors.lightgrey
    drawing.add(chart)
    y = 70 * mm
    for b in doc.dimensions:
        _label(drawing, 112 * mm, y, b.code, b.label[:24], 8)
        drawing.add(
            String(
                165 * mm, y, _fmt(b.scale), fontName="Helvetica-Bold", fontSize=8, textAnchor="end"
            )
        )
        y -= 5 * mm
    return drawing


def _strip(doc: ReportDocument) -> Drawing:
    row = 6 * mm
    drawing = Drawing(170 * mm, row * len(doc.sub_dimensions) + 4 * mm)
    y = drawing.height - row
    for bar in doc.sub_dimensions:
        _label(drawing, 0, y + 1 * mm, bar.code, bar.label[:28], 7.5)
        x0, width = 75 * mm, 80 * mm
        drawing.add(
            Rect(x0, y, width, 4 * mm, fillColor=colors.HexColor("#eef2f6"), strokeColor=None)
        )
        if bar.scale is not None:
            drawing.add(
                Rect(x0, y, width * (bar.scale - 1) / 5, 4 * mm, fillColor=BRAND, strokeColor=None)
            )
        if bar.median is not None:
            mx = x0 + width * (bar.median - 1) / 5
            drawing.add(
                Rect(
                    mx - 0.4 * mm,
                    y - 0.8 * mm,
                    0.8 * mm,
                    5.6 * mm,
                    fillColor=colors.HexColor("#f2a900"),
                    strokeColor=None,
                )
            )
        drawing.add(
            String(
                170 * mm,
                y + 1 * mm,
                _fmt(bar.scale),
                fontName="Helvetica",
                fontSize=7.5,
                textAnchor="end",
            )
        )
        y -= row
    return drawing


def render(doc: ReportDocument) -> bytes:
    # Latin text in Helvetica, CJK runs in the CJK font (which has no Latin letters).
    st = styles()
    body, small, h1, h2, h3 = st["body"], st["small"], st["h1"], st["h2"], st["h3"]
    buffer = io.BytesIO()
    pdf = document(buffer, title=doc.title, language=doc.language)
    story: list = [
        para(doc.title, h1),
        para(doc.person, h3),
        para(doc.subtitle, small),
        Spacer(1, 4 * mm),
        para(doc.labels["dimensions"], h2),
        _radar(doc),
        para(doc.labels["sub_dimensions"], h2),
        _strip(doc),
    ]
    if doc.strengths:
        story.append(para(doc.labels["strengths"], h2))
        for bar in doc.strengths:
            story.append(para(f"• {bar.code} {bar.label} ({_fmt(bar.scale)})", body))
    if doc.gaps:
        story.append(para(doc.labels["gaps"], h2))
        for gap in doc.gaps:
            story.append(para(gap.title, h3))
            story.append(para(gap.level_text, small))
            if gap.next_step:
                story.append(para(gap.next_step, body))
            for rec in gap.recommendations:
                story.append(para(f"→ {rec}", body))
    if any(b.change is not None for b in doc.dimensions):
        story.append(para(doc.labels["growth"], h2))
        rows = [[para(doc.labels[k], body) for k in ("dimension", "now", "change")]]
        for b in doc.dimensions:
            change = "–" if b.change is None else f"{b.change:+.1f}"
            rows.append([para(f"{b.code} {b.label}", body), _fmt(b.scale), change])
        table = Table(rows, colWidths=[110 * mm, 25 * mm, 25 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("FONTSIZE", (0, 0), (-1, -1), 9),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story.append(table)
    story.append(Spacer(1, 4 * mm))
    for note in doc.notes:
        story.append(para(note, small))
    pdf.build(story)
    return buffer.getvalue()
