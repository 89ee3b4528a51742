from __future__ import annotations

import csv
import io
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments import charts, selectors, services
from assessments.models import Attempt, Item
from assessments.report_pdf import render_report_pdf
from competencies.models import Framework, Indicator
from competencies.registries import evidence_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    attempts = list(selectors.attempts_of(request.user))
    instruments = list(selectors.published_instruments())
    in_progress = {a.instrument_id: a for a in attempts if not a.is_submitted}
    history = selectors.history_of(request.user, instruments[0].slug) if instruments else []
    return render(
        request,
        "assessments/home.html",
        {
            "instruments": [(i, in_progress.get(i.pk)) for i in instruments],
            "attempts": [a for a in attempts if a.is_submitted],
            "history": history,
        },
    )


@login_required
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    instrument = get_object_or_404(selectors.published_instruments(), slug=slug)
    try:
        attempt = services.start_attempt(user=request.user, instrument=instrument)
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessments:home")
    return redirect(
        "assessments:section", attempt_id=attempt.pk, number=max(1, attempt.last_section or 1)
    )


def _read_answers(
    request: HttpRequest, items: list[Item]
) -> tuple[dict[int, int | None], dict[int, str]]:
    answers: dict[int, int | None] = {}
    texts: dict[int, str] = {}
    for item in items:
        field = f"item-{item.pk}"
        if item.type == Item.Type.REFLECTION:
            if field in request.POST:
                texts[item.pk] = request.POST.get(field, "")
            continue
        raw = request.POST.get(field)
        if raw is None:
            continue
        try:
            answers[item.pk] = int(raw) if raw else None
        except ValueError:
            raise services.AssessmentError(
                _("The form does not match this self-assessment. Reload the page.")
            ) from None
    return answers, texts


@login_required
@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, attempt_id: int, number: int) -> HttpResponse:
    attempt = selectors.attempt_of_user_or_404(request.user, attempt_id)
    if attempt.is_submitted:
        return redirect("assessments:report", attempt_id=attempt.pk)
    items = selectors.items_for(attempt)
    sections = selectors.sections_for(attempt, items)
    if not 1 <= number <= len(sections):
        return redirect("assessments:section", attempt_id=attempt.pk, number=1)
    current = sections[number - 1]
    if request.method == "POST":
        autosave = request.POST.get("autosave") == "1"
        try:
            answers, texts = _read_answers(request, current.items)
            services.save_responses(attempt=attempt, answers=answers, texts=texts, section=number)
        except services.AssessmentError as exc:
            if autosave:
                return JsonResponse({"ok": False, "error": str(exc)}, status=400)
            messages.error(request, str(exc))
            return redirect("assessments:section", attempt_id=attempt.pk, number=number)
        answered, total = selectors.progress_of(attempt, items)
        if autosave:
            return JsonResponse({"ok": True, "answered": answered, "total": total})
        action = request.POST.get("action", "next")
        if action == "exit":
            messages.success(request, _("Your answers are saved. Continue whenever you like."))
            return redirect("assessments:home")
        if action == "previous" and number > 1:
            return redirect("assessments:section", attempt_id=attempt.pk, number=number - 1)
        if action == "next" and number < len(sections):
            return redirect("assessments:section", attempt_id=attempt.pk, number=number + 1)
        return redirect("assessments:review", attempt_id=attempt.pk)
    chosen, texts = selectors.answers_of(attempt)
    answered, total = selectors.progress_of(attempt, items)
    return render(
        request,
        "assessments/section.html",
        {
            "attempt": attempt,
            "section": current,
            "sections": sections,
            "chosen": chosen,
            "texts": texts,
            "answered": answered,
            "total": total,
            "percent": round(100 * answered / total) if total else 0,
            "is_last": number == len(sections),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.attempt_of_user_or_404(request.user, attempt_id)
    if attempt.is_submitted:
        return redirect("assessments:report", attempt_id=attempt.pk)
    if request.method == "POST":
        try:
            services.submit_attempt(attempt=attempt)
        except services.AssessmentError as exc:
            messages.error(request, str(exc))
            return redirect("assessments:review", attempt_id=attempt.pk)
        return redirect("assessments:report", attempt_id=attempt.pk)
    items = selectors.items_for(attempt)
    chosen, texts = selectors.answers_of(attempt)
    sections = selectors.sections_for(attempt, items)
    rows = [
        (s, sum(1 for i in s.items if not i.optional and i.pk not in chosen and i.pk not in texts))
        for s in sections
    ]
    answered, total = selectors.progress_of(attempt, items)
    return render(
        request,
        "assessments/review.html",
        {"attempt": attempt, "rows": rows, "answered": answered, "total": total},
    )


@login_required
def report(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.attempt_of_user_or_404(request.user, attempt_id)
    if not attempt.is_submitted:
        return redirect(
            "assessments:section", attempt_id=attempt.pk, number=max(1, attempt.last_section)
        )
    data = selectors.build_report(attempt, user=request.user)
    # Codes on the chart keep it legible on a phone; the table beside it names each dimension.
    radar = charts.radar_svg(
        [d.code for d in data.dimensions],
        [d.scale for d in data.dimensions],
        median=[d.median_scale for d in data.dimensions],
        previous=[
            (d.scale - d.change) if d.change is not None and d.scale is not None else None
            for d in data.dimensions
        ]
        if data.previous
        else None,
    )
    return render(
        request,
        "assessments/report.html",
        {
            "report": data,
            "radar": radar,
            "crosswalk": selectors.crosswalk_view(attempt),
            "level_codes": ["A1", "A2", "B1", "B2", "C1", "C2"],
        },
    )


@login_required
def report_pdf(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.attempt_of_user_or_404(request.user, attempt_id)
    if not attempt.is_submitted:
        return redirect("assessments:report", attempt_id=attempt.pk)
    data = selectors.build_report(attempt, user=request.user)
    pdf = render_report_pdf(data, user=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="self-assessment-{attempt.pk}.pdf"'
    return response


@login_required
def evidence(request: HttpRequest) -> HttpResponse:
    framework = Framework.objects.filter(is_default=True).first()
    indicators = (
        list(Indicator.objects.filter(framework=framework).with_tree().order_by("sort_order"))
        if framework
        else []
    )
    latest = Attempt.objects.submitted().filter(user=request.user).order_by("-submitted_at").first()
    ratings = selectors.indicator_nodes(latest) if latest else {}
    items = evidence_for(request.user, indicators)
    rows = [(i, ratings.get(i.code), items.get(i.code, [])) for i in indicators]
    return render(request, "assessments/evidence.html", {"rows": rows, "latest": latest})


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.attempt_of_user_or_404(request.user, attempt_id)
    if request.method == "POST":
        services.delete_attempt(attempt=attempt, by=request.user)
        messages.success(request, _("The self-assessment is deleted."))
        return redirect("assessments:home")
    return render(
        request,
        "portal/confirm.html",
        {
            "title": _("Delete self-assessment"),
            "question": _(
                "Delete this self-assessment and all its answers? Its results disappear from your reports. "
                "This cannot be undone; download a copy first if you want to keep it."
            ),
            "confirm_label": _("Delete"),
            "danger": True,
            "cancel_url": reverse("assessments:home"),
        },
    )


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    attempts = list(
        Attempt.objects.of(request.user)
        .select_related("instrument")
        .prefetch_related("responses__item__indicator", "responses__option")
    )
    rows = []
    for attempt in attempts:
        for r in attempt.responses.all():
            rows.append(
                {
                    "attempt": attempt.pk,
                    "instrument": attempt.instrument.slug,
                    "version": attempt.instrument.version,
                    "status": attempt.status,
                    "submitted_at": attempt.submitted_at.isoformat()
                    if attempt.submitted_at
                    else "",
                    "indicator": r.item.indicator.code,
                    "item": r.item.key,
                    "answer": r.option.text_en if r.option else "",
                    "level": r.option.level if r.option and r.option.level is not None else "",
                    "reflection": r.text,
                }
            )
    if fmt == "json":
        payload = {
            "attempts": [
                {
                    "id": a.pk,
                    "instrument": a.instrument.slug,
                    "version": a.instrument.version,
                    "status": a.status,
                    "started_at": a.started_at.isoformat(),
                    "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
                    "result": a.result,
                }
                for a in attempts
            ],
            "responses": rows,
        }
        response = HttpResponse(
            json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="my-self-assessments.json"'
        return response
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 with Chinese text correctly only with a BOM
    writer = csv.DictWriter(
        buffer,
        fieldnames=[
            "attempt",
            "instrument",
            "version",
            "status",
            "submitted_at",
            "indicator",
            "item",
            "answer",
            "level",
            "reflection",
        ],
    )
    writer.writeheader()
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-self-assessments.csv"'
    return response
