"""The lesson report as PDF: headline metrics, who talks when, the question ladder, findings with
quotes. Chinese text renders through ``reporting``'s embedded CJK font."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from lessons.models import Lesson
from lessons.report import LessonReport
from reporting import document, para, styles

BRAND = colors.HexColor("#0b5cab")
AMBER = colors.HexColor("#f2a900")


def _timeline(report: LessonReport) -> Drawing | None:
    bins = report.timeline
    if not bins:
        return None
    width, height = 170 * mm, 30 * mm
    drawing = Drawing(width, height + 6 * mm)
    step = width / max(1, len(bins))
    for i, b in enumerate(bins):
        t = float(b.get("teacher_pct") or 0) / 100 * height
        s = float(b.get("student_pct") or 0) / 100 * height
        drawing.add(Rect(i * step, 0, step * 0.9, t, fillColor=BRAND, strokeColor=None))
        drawing.add(Rect(i * step, t, step * 0.9, s, fillColor=AMBER, strokeColor=None))
        if i % 5 == 0:
            drawing.add(
                String(i * step, height + 2 * mm, f"{i}′", fontName="Helvetica", fontSize=6)
            )
    return drawing


def render_lesson_pdf(lesson: Lesson, report: LessonReport) -> bytes:
    st = styles()
    body, small, h1, h2, h3 = st["body"], st["small"], st["h1"], st["h2"], st["h3"]
    buffer = io.BytesIO()
    doc = document(buffer, title=lesson.title, language=translation.get_language() or "en")
    teacher = lesson.teacher
    names = " ".join(n for n in (teacher.full_name, teacher.name_zh) if n) or teacher.email
    story: list = [
        para(_("Lesson report"), h1),
        para(f"{lesson.title} · {names}", h3),
        para(
            " ".join(
                x for x in (lesson.class_level, lesson.subject, str(lesson.taught_on or "")) if x
            ),
            small,
        ),
        para(_("Students' names were replaced before the transcript was stored."), small),
        para(_("At a glance"), h2),
    ]
    rows = [
        [para(h.label, body), para(h.display, body), para(h.reference, small)]
        for h in report.headlines
    ]
    table = Table(rows, colWidths=[55 * mm, 20 * mm, 95 * mm])
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    chart = _timeline(report)
    if chart is not None:
        story += [
            para(_("Who talks when"), h2),
            para(
                _("Each column is one minute: teacher talk in blue, student talk in orange."), small
            ),
            chart,
        ]
    story.append(para(_("Question ladder"), h2))
    for _level, label, count in report.ladder:
        story.append(para(f"{label}: {count}", body))
    story.append(para(_("What stands out"), h2))
    for finding in report.findings:
        story.append(para(finding.title, h3))
        story.append(para(finding.text, body))
        for q in finding.quotes:
            stamp = q.timestamp or f"#{q.index}"
            story.append(para(f"[{stamp}] {q.speaker}: {q.text}", small))
        story.append(
            para(
                _("Framework indicators: %(codes)s") % {"codes": ", ".join(finding.indicators)},
                small,
            )
        )
    story.append(Spacer(1, 4 * mm))
    doc.build(story)
    return buffer.getvalue()
