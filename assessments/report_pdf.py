"""Turns a report into the plain document the PDF renderer takes, in the reader's language."""

from __future__ import annotations

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import User
from assessments import pdf
from assessments.selectors import Report


def _bar(node) -> pdf.Bar:
    return pdf.Bar(node.code, node.name, node.scale, node.median_scale, node.change)


def build_document(report: Report, *, user: User) -> pdf.ReportDocument:
    language = translation.get_language() or "en"
    attempt = report.attempt
    names = " ".join(n for n in (user.full_name, user.name_zh) if n) or user.email
    notes = [
        _(
            "Scores run from 1 (aware) to 6 (leads innovation), computed from your own answers; they describe "
            "where you see your practice today, not a judgement of you."
        ),
        _("%(percent)d%% of the framework's indicators were assessed.")
        % {"percent": round(100 * report.coverage)},
    ]
    if report.colleagues >= 5:
        notes.append(
            _("The yellow marks show the anonymous median of %(n)d colleagues at your school.")
            % {"n": report.colleagues}
        )
    else:
        notes.append(
            _(
                "Colleagues' median is shown only when at least 5 colleagues at your school have results."
            )
        )
    gaps = []
    for gap in report.gaps:
        level = gap.score.level
        gaps.append(
            pdf.GapText(
                title=f"{gap.indicator.code} {gap.indicator.name}",
                level_text=_("Your level now: %(level)s of 6") % {"level": level or "–"},
                next_step=(
                    _("The next level looks like this: %(text)s") % {"text": gap.next_descriptor}
                )
                if gap.next_descriptor
                else "",
                recommendations=[r.title for r in gap.recommendations],
            )
        )
    return pdf.ReportDocument(
        language="zh-hans"
        if language.startswith("zh-hans")
        else ("zh-hant" if language.startswith("zh") else "en"),
        title=_("Digital literacy self-assessment report"),
        person=names,
        subtitle=_("%(instrument)s · submitted %(date)s")
        % {
            "instrument": attempt.instrument.title,
            "date": formats.date_format(attempt.submitted_at, "DATE_FORMAT"),
        },
        labels={
            "dimensions": _("The five dimensions"),
            "sub_dimensions": _("The thirteen sub-dimensions"),
            "strengths": _("Your strengths"),
            "gaps": _("Three gaps worth working on"),
            "growth": _("Growth since your previous self-assessment"),
            "dimension": _("Dimension"),
            "now": _("Now"),
            "change": pgettext("difference between two results", "Change"),
        },
        dimensions=[_bar(n) for n in report.dimensions],
        sub_dimensions=[_bar(n) for n in report.sub_dimensions],
        strengths=[_bar(n) for n in report.strengths],
        gaps=gaps,
        notes=notes,
    )


def render_report_pdf(report: Report, *, user: User) -> bytes:
    return pdf.render(build_document(report, user=user))
