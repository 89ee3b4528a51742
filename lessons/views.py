from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lessons import selectors, services
from lessons.errors import message_for
from lessons.forms import CompareForm, ShareForm, SpeakersForm, UploadForm
from lessons.models import Lesson, LessonShare
from lessons.report import build_report, compare_reports


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "lessons/index.html",
        {
            "lessons": selectors.lessons_of(request.user),
            "shared": selectors.shared_with(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lesson = services.create_lesson(
                teacher=request.user,
                upload=data["file"],
                title=data["title"],
                subject=data["subject"],
                class_level=data["class_level"],
                taught_on=data["taught_on"],
                consent=data["consent"],
            )
        except services.LessonError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("lessons:detail", lesson_id=lesson.pk)
    return render(request, "lessons/upload.html", {"form": form})


def _status_payload(lesson: Lesson) -> dict[str, object]:
    return {
        "status": lesson.status,
        "label": lesson.get_status_display(),
        "progress": lesson.progress,
        "error": message_for(lesson.failure_code) if lesson.status == Lesson.Status.FAILED else "",
        "next": reverse(
            "lessons:speakers"
            if lesson.status == Lesson.Status.AWAITING_SPEAKERS
            else "lessons:detail",
            kwargs={"lesson_id": lesson.pk},
        ),
    }


@login_required
def detail(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.visible_lesson_or_404(request.user, lesson_id)
    if lesson.is_ready:
        return redirect("lessons:report", lesson_id=lesson.pk)
    if lesson.teacher_id != request.user.pk:
        raise Http404
    if lesson.status == Lesson.Status.AWAITING_SPEAKERS:
        return redirect("lessons:speakers", lesson_id=lesson.pk)
    return render(
        request, "lessons/detail.html", {"lesson": lesson, "state": _status_payload(lesson)}
    )


@login_required
def status(request: HttpRequest, lesson_id: int) -> JsonResponse:
    lesson = selectors.own_lesson_or_404(request.user, lesson_id)
    return JsonResponse(_status_payload(lesson))


@login_required
@require_http_methods(["GET", "POST"])
def speakers(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.own_lesson_or_404(request.user, lesson_id)
    if lesson.status not in (Lesson.Status.AWAITING_SPEAKERS, Lesson.Status.READY):
        return redirect("lessons:detail", lesson_id=lesson.pk)
    speaker_list = list(lesson.speakers.all())
    form = SpeakersForm(request.POST or None, speakers=speaker_list)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_speakers(lesson=lesson, roles=form.roles(), by=request.user)
        except services.LessonError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("lessons:detail", lesson_id=lesson.pk)
    samples = selectors.speaker_samples(lesson)
    rows = [(s, form[f"speaker-{s.pk}"], samples.get(s.label, [])) for s in speaker_list]
    return render(request, "lessons/speakers.html", {"lesson": lesson, "form": form, "rows": rows})


@login_required
def report(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.visible_lesson_or_404(request.user, lesson_id)
    if not lesson.is_ready:
        if lesson.teacher_id == request.user.pk:
            return redirect("lessons:detail", lesson_id=lesson.pk)
        raise Http404
    is_owner = lesson.teacher_id == request.user.pk
    context = {
        "lesson": lesson,
        "report": build_report(lesson),
        "is_owner": is_owner,
        "shares": selectors.active_shares(lesson) if is_owner else [],
        "share_form": ShareForm(mentors=selectors.mentors_for(lesson)) if is_owner else None,
    }
    return render(request, "lessons/report.html", context)


@login_required
def report_pdf(request: HttpRequest, lesson_id: int) -> HttpResponse:
    from lessons.report_pdf import render_lesson_pdf

    lesson = selectors.visible_lesson_or_404(request.user, lesson_id)
    if not lesson.is_ready:
        raise Http404
    response = HttpResponse(
        render_lesson_pdf(lesson, build_report(lesson)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="lesson-{lesson.pk}-report.pdf"'
    return response


@login_required
def export_csv(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.visible_lesson_or_404(request.user, lesson_id)
    if not lesson.is_ready:
        raise Http404
    buffer = io.StringIO()
    buffer.write("\ufeff")
    fields = [
        "index",
        "speaker",
        "role",
        "start",
        "end",
        "text",
        "language",
        "is_question",
        "question_type",
        "cognitive_level",
        "teacher_move",
        "student_move",
        "feedback",
        "uptake",
        "teacher_act",
    ]
    writer = csv.writer(buffer)
    writer.writerow(fields)
    for row in lesson.utterances.order_by("index").values_list(*fields):
        writer.writerow(row)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lesson-{lesson.pk}-coded.csv"'
    return response


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    lessons = selectors.lessons_of(request.user).filter(status=Lesson.Status.READY)
    form = CompareForm(request.GET or None, lessons=lessons)
    comparison = None
    if form.is_valid():
        before, after = form.cleaned_data["before"], form.cleaned_data["after"]
        comparison = compare_reports(build_report(before), build_report(after))
    return render(
        request,
        "lessons/compare.html",
        {"form": form, "comparison": comparison, "has_lessons": lessons.count() >= 2},
    )


@login_required
@require_POST
def share(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.own_lesson_or_404(request.user, lesson_id)
    form = ShareForm(request.POST, mentors=selectors.mentors_for(lesson))
    if form.is_valid():
        try:
            services.share_lesson(
                lesson=lesson, mentor=form.cleaned_data["mentor"], by=request.user
            )
        except services.LessonError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Shared with %(name)s.") % {"name": form.cleaned_data["mentor"]}
            )
    else:
        messages.error(request, _("Choose a mentor at your school."))
    return redirect("lessons:report", lesson_id=lesson.pk)


@login_required
@require_POST
def unshare(request: HttpRequest, lesson_id: int, share_id: int) -> HttpResponse:
    lesson = selectors.own_lesson_or_404(request.user, lesson_id)
    share_obj = get_object_or_404(LessonShare.objects.active(), pk=share_id, lesson=lesson)
    services.revoke_share(share=share_obj, by=request.user)
    messages.success(
        request, _("%(name)s can no longer see this lesson.") % {"name": share_obj.mentor}
    )
    return redirect("lessons:report", lesson_id=lesson.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.own_lesson_or_404(request.user, lesson_id)
    if request.method == "POST":
        services.delete_lesson(lesson=lesson, by=request.user)
        messages.success(request, _("The lesson, its transcript and its analysis are deleted."))
        return redirect("lessons:index")
    return render(
        request,
        "portal/confirm.html",
        {
            "title": _("Delete lesson"),
            "question": _(
                "Delete “%(title)s”, its transcript and its analysis? Mentors you shared it with lose access. "
                "This cannot be undone."
            )
            % {"title": lesson.title},
            "confirm_label": _("Delete"),
            "danger": True,
            "cancel_url": reverse("lessons:index"),
        },
    )
