from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from webob import Request as WebobRequest
from xblock.exceptions import NoSuchHandlerError

from courses import selectors, services
from courses.forms import OutsideActivityForm
from courses.models import CoursePage, UnitPage, canonical
from courses.pdf import (
    CertificateText,
    LedgerDocument,
    LedgerRow,
    LedgerSection,
    render_certificate,
    render_ledger,
)
from courses.runtime import PortalRuntime, render_unit, unit_pk_of


def _course_of(unit: UnitPage) -> CoursePage:
    course = unit.get_ancestors().type(CoursePage).specific().last()
    if course is None:
        raise Http404
    return course


def serve_unit(request: HttpRequest, page: UnitPage, *, preview: bool = False) -> HttpResponse:
    """A unit page: its text and XBlocks, run for the enrolled person. An editor's preview shows
    the draft to anyone allowed to preview it, and stores nothing."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    unit = canonical(page)
    course = _course_of(unit)
    if not preview:
        enrolment = selectors.enrolment_of(request.user, course)
        if enrolment is None:
            messages.info(request, _("Enrol in the course to take part in its units."))
            return redirect(course.localized.url)
        services.record_visit(enrolment=enrolment, unit=unit)
    runtime = PortalRuntime(user=request.user, unit=unit)
    runtime.preload()
    rendered = render_unit(runtime)
    sections = []
    for child in page.body:
        if child.block_type == "xblock":
            usage_id = f"u{unit.pk}.{child.id}"
            sections.append(("xblock", rendered["html"].get(usage_id, "")))
        else:
            sections.append(("text", child))
    outline = selectors.course_outline(course, user=request.user)
    previous_unit, this_unit, next_unit = outline.around(unit)
    return render(
        request,
        "courses/unit_page.html",
        {
            "page": page,
            "unit": unit,
            "preview": preview,
            "course": course,
            "outline": outline,
            "sections": sections,
            "resources": rendered["resources"],
            "has_xblocks": bool(rendered["html"]),
            "unit_done": this_unit is not None and this_unit.done,
            "percent_after_unit": outline.percent_after_one_more,
            "previous_unit": previous_unit,
            "next_unit": next_unit,
        },
    )


@login_required
@require_POST
def enrol(request: HttpRequest, course_id: int) -> HttpResponse:
    course = CoursePage.objects.live().filter(pk=course_id).first()
    if course is None:
        raise Http404
    try:
        services.enrol(user=request.user, course=course)
    except services.CourseError as exc:
        messages.error(request, str(exc))
        return redirect(course.localized.url)
    return redirect("courses:resume", course_id=canonical(course).pk)


@login_required
def resume(request: HttpRequest, course_id: int) -> HttpResponse:
    course = CoursePage.objects.live().filter(pk=course_id).first()
    enrolment = selectors.enrolment_of(request.user, course) if course else None
    if enrolment is None:
        raise Http404
    if enrolment.is_completed:
        return redirect(course.localized.url)
    outline = selectors.course_outline(course, user=request.user)
    target = outline.next_unit or course
    return redirect(target.localized.url)


@login_required
@require_POST
def handler(request: HttpRequest, usage_id: str, handler: str, suffix: str = "") -> HttpResponse:
    """An XBlock handler, for the signed-in person only; Django's CSRF check applies."""
    unit_pk = unit_pk_of(usage_id)
    unit = UnitPage.objects.live().filter(pk=unit_pk).first() if unit_pk else None
    if unit is None:
        raise Http404
    enrolment = selectors.enrolment_of(request.user, _course_of(unit))
    if enrolment is None:
        raise Http404
    try:
        response = services.run_handler(
            enrolment=enrolment,
            unit=unit,
            usage_id=usage_id,
            handler=handler,
            request=_webob_request(request),
            suffix=suffix,
        )
    except (services.CourseError, NoSuchHandlerError) as exc:
        raise Http404 from exc
    return HttpResponse(
        response.body, status=response.status_code, content_type=response.content_type
    )


def _webob_request(request: HttpRequest) -> WebobRequest:
    """The XBlock handler's view of the request: method, body, content type and query."""
    return WebobRequest.blank(
        request.get_full_path(),
        method=request.method,
        body=request.body,
        content_type=request.content_type or "application/octet-stream",
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = UnitPage.objects.live().filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    enrolment = selectors.enrolment_of(request.user, _course_of(unit))
    if enrolment is None:
        raise Http404
    try:
        services.mark_unit_read(enrolment=enrolment, unit=unit)
    except services.CourseError as exc:
        messages.error(request, str(exc))
    return redirect("courses:resume", course_id=enrolment.course_id)


@login_required
def my_courses(request: HttpRequest) -> HttpResponse:
    enrolments = list(selectors.enrolments_of(request.user))
    counts = selectors.progress_counts(enrolments)
    urls = selectors.localized_urls([e.course for e in enrolments])
    rows = [(e, urls[e.course_id], *counts[e.pk]) for e in enrolments]
    return render(
        request,
        "courses/my_courses.html",
        {"rows": rows, "ledger": selectors.ledger(request.user)[:1]},
    )


def _certificate_text(request: HttpRequest, certificate) -> CertificateText:
    return CertificateText(
        holder_name=certificate.holder_name,
        holder_name_zh=certificate.holder_name_zh,
        course_title_en=certificate.course_title_en,
        course_title_zh_hant=certificate.course_title_zh_hant,
        cpd_hours=certificate.cpd_hours,
        issued_on=timezone.localdate(certificate.issued_at),
        certificate_id=str(certificate.uuid),
        verify_url=request.build_absolute_uri(
            reverse("courses:verify_certificate", kwargs={"uuid": certificate.uuid})
        ),
        valid=certificate.is_valid,
    )


@login_required
def certificate_pdf(request: HttpRequest, uuid) -> HttpResponse:
    certificate = selectors.own_certificate_or_404(request.user, uuid)
    response = HttpResponse(
        render_certificate(_certificate_text(request, certificate)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.uuid}.pdf"'
    return response


def verify_certificate(request: HttpRequest, uuid) -> HttpResponse:
    """Public: anyone with the link sees whether the certificate is genuine and still valid."""
    certificate = selectors.certificate_by_uuid(uuid)
    return render(
        request,
        "courses/verify_certificate.html",
        {"certificate": certificate},
        status=200 if certificate else 404,
    )


@login_required
def cpd_ledger(request: HttpRequest) -> HttpResponse:
    return render(request, "courses/cpd_ledger.html", {"cycles": selectors.ledger(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def cpd_add(request: HttpRequest) -> HttpResponse:
    form = OutsideActivityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_outside_activity(user=request.user, **form.cleaned_data)
        except services.CourseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The activity is in your CPD ledger."))
            return redirect("courses:cpd_ledger")
    return render(request, "courses/cpd_add.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def cpd_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.own_cpd_entry_or_404(request.user, entry_id)
    if request.method == "POST":
        try:
            services.delete_outside_activity(entry=entry, by=request.user)
        except services.CourseError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The activity is no longer in your CPD ledger."))
        return redirect("courses:cpd_ledger")
    return render(
        request,
        "portal/confirm.html",
        {
            "title": _("Delete activity"),
            "question": _(
                "Delete “%(title)s” (%(hours)s hours) and its evidence from your CPD ledger? "
                "This cannot be undone."
            )
            % {"title": entry.title, "hours": entry.hours},
            "confirm_label": _("Delete"),
            "danger": True,
            "cancel_url": reverse("courses:cpd_ledger"),
        },
    )


@login_required
def cpd_evidence(request: HttpRequest, entry_id: int) -> FileResponse:
    entry = selectors.own_cpd_entry_or_404(request.user, entry_id)
    if not entry.evidence:
        raise Http404
    return FileResponse(entry.evidence.open("rb"), as_attachment=True)


def _ledger_labels() -> dict[str, str]:
    return {
        "date": _("Date"),
        "activity": _("Activity"),
        "provider": _("Provider"),
        "category": _("Category"),
        "source": _("Source"),
        "hours": _("hours"),
        "cycle": _("Cycle"),
        "empty": _("No CPD hours recorded yet."),
    }


@login_required
def cpd_export(request: HttpRequest, fmt: str) -> HttpResponse:
    cycles = selectors.ledger(request.user)
    labels = _ledger_labels()
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="cpd-ledger.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 (Chinese titles) only with the BOM.
        writer = csv.writer(response)
        writer.writerow(
            [labels[k] for k in ("cycle", "date", "activity", "provider", "category", "source")]
            + [labels["hours"]]
        )
        for cycle in cycles:
            for e in cycle.entries:
                writer.writerow(
                    [
                        cycle.cycle.label,
                        e.date.isoformat(),
                        e.title,
                        e.provider,
                        e.get_category_display(),
                        e.get_source_display(),
                        f"{e.hours:f}",
                    ]
                )
        return response
    if fmt != "pdf":
        raise Http404
    user = request.user
    document = LedgerDocument(
        language=request.LANGUAGE_CODE,
        title=_("CPD ledger"),
        person=" ".join(n for n in (user.full_name, user.name_zh) if n) or user.email,
        labels=labels,
        sections=[
            LedgerSection(
                label=_("Cycle %(label)s") % {"label": c.cycle.label},
                total=c.total,
                target=c.target,
                rows=[
                    LedgerRow(
                        e.date,
                        e.title,
                        e.provider,
                        e.get_category_display(),
                        e.get_source_display(),
                        e.hours,
                    )
                    for e in c.entries
                ],
            )
            for c in cycles
        ],
    )
    response = HttpResponse(render_ledger(document), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="cpd-ledger.pdf"'
    return response


@login_required
def shared_reflections(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "courses/shared_reflections.html",
        {"reflections": selectors.shared_reflections(request.user)},
    )
