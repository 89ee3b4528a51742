"""Performance tasks: the teacher's submission pages, the mentor's review pages, school mentors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.selectors import mentors_at, school_led_by_or_404
from assessments import selectors, services
from assessments.forms import MentorAssignmentForm, PinForm, ReviewForm, SubmissionForm
from assessments.models import TaskSubmission
from lessons.report import BLOOM_LABELS


@login_required
def index(request: HttpRequest) -> HttpResponse:
    submissions = list(selectors.submissions_of(request.user))
    by_task = {}
    for submission in submissions:
        by_task.setdefault(submission.task_id, submission)
    tasks = [(task, by_task.get(task.pk)) for task in selectors.published_tasks()]
    return render(
        request,
        "assessments/tasks/index.html",
        {
            "tasks": tasks,
            "submissions": submissions,
            "to_review": selectors.waiting_for(request.user).count(),
        },
    )


@login_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    task = selectors.task_or_404(slug)
    current = selectors.submissions_of(request.user).filter(task=task).first()
    return render(
        request,
        "assessments/tasks/detail.html",
        {"task": task, "current": current, "conditions": selectors.task_condition_rows(task)},
    )


@login_required
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    task = selectors.task_or_404(slug)
    try:
        submission = services.start_submission(task=task, teacher=request.user)
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("tasks:detail", slug=slug)
    return redirect("tasks:submission", submission_id=submission.pk)


@login_required
@require_http_methods(["GET", "POST"])
def submission(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = selectors.own_submission_or_404(request.user, submission_id)
    initial = {
        "lessons": submission.lesson_ids,
        "mentor": submission.mentor_id,
        **{f"answer_{k}": v for k, v in submission.answers.items()},
    }
    form = SubmissionForm(
        request.POST or None,
        initial=initial,
        submission=submission,
        lessons=selectors.eligible_lessons(submission),
        mentors=selectors.mentors_for(submission),
    )
    fixed = selectors.fixed_mentor(submission)
    if fixed is not None:
        form.fields["mentor"].disabled = True
        form.initial["mentor"] = fixed.mentor_id
        form.fields["mentor"].help_text = (
            _("Your submission stays with the mentor who reviewed it.")
            if fixed.reason == "reviewed"
            else _("Assigned by your school.")
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_draft(
                submission=submission,
                by=request.user,
                lesson_ids=form.lesson_ids(),
                answers=form.answers(),
                mentor=form.chosen_mentor(),
            )
            if "submit" in request.POST:
                services.submit_submission(submission=submission, by=request.user)
                messages.success(request, _("Submitted. Your mentor has been asked to review it."))
            else:
                messages.success(request, _("Draft saved."))
            return redirect("tasks:submission", submission_id=submission.pk)
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
    readiness = selectors.readiness_of(submission)
    return render(
        request,
        "assessments/tasks/submission.html",
        {
            "submission": submission,
            "task": submission.task,
            "form": form,
            "readiness": readiness,
            "conditions": selectors.condition_rows([r.as_dict() for r in readiness.conditions]),
            "history": selectors.submission_history(submission, for_teacher=True),
            "has_lessons": form.fields["lessons"].queryset.exists(),
            "can_delete": submission.status == TaskSubmission.Status.DRAFT
            and not submission.versions.exists(),
        },
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = selectors.own_submission_or_404(request.user, submission_id)
    try:
        services.withdraw_submission(submission=submission, by=request.user)
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Withdrawn. Edit it, choose a mentor if you need to, and submit again.")
        )
    return redirect("tasks:submission", submission_id=submission.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = selectors.own_submission_or_404(request.user, submission_id)
    if request.method == "POST":
        try:
            services.delete_draft(submission=submission, by=request.user)
        except services.AssessmentError as exc:
            messages.error(request, str(exc))
            return redirect("tasks:submission", submission_id=submission.pk)
        messages.success(request, _("Draft deleted."))
        return redirect("tasks:index")
    return render(
        request,
        "portal/confirm.html",
        {
            "title": _("Delete this draft?"),
            "danger": True,
            "question": _(
                "Your choices and reflection answers for “%(task)s” will be deleted. Your lessons are not affected."
            )
            % {"task": submission.task.title},
            "confirm_label": _("Delete the draft"),
            "cancel_url": reverse("tasks:submission", kwargs={"submission_id": submission.pk}),
        },
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    submissions = list(selectors.review_queue(request.user))
    return render(
        request,
        "assessments/tasks/review_queue.html",
        {
            "waiting": [s for s in submissions if s.status == TaskSubmission.Status.SUBMITTED],
            "done": [s for s in submissions if s.status != TaskSubmission.Status.SUBMITTED],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = selectors.reviewable_submission_or_404(request.user, submission_id)
    version = submission.latest_version()
    if version is None:  # a submitted submission always has a version
        raise Http404
    form = ReviewForm(request.POST or None, task=submission.task)
    waiting = submission.status == TaskSubmission.Status.SUBMITTED
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submission(
                submission=submission,
                by=request.user,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                scores=form.scores(),
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Review sent to the teacher."))
            return redirect("tasks:review_queue")
    comments = {}
    for comment in version.transcript_comments.select_related("utterance"):
        comments.setdefault(comment.utterance_id, []).append(comment)
    return render(
        request,
        "assessments/tasks/review.html",
        {
            "submission": submission,
            "task": submission.task,
            "version": version,
            "waiting": waiting,
            "form": form,
            "lessons": selectors.version_lessons(version),
            "conditions": selectors.condition_rows(version.condition_results),
            "comments": comments,
            "question_labels": {"open": _("open question"), "closed": _("closed question")},
            "level_labels": BLOOM_LABELS,
            # Earlier rounds only: the version under review is the page itself.
            "history": [
                entry
                for entry in selectors.submission_history(submission, for_teacher=False)
                if entry.review is not None
            ],
        },
    )


@login_required
@require_POST
def pin(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = selectors.reviewable_submission_or_404(request.user, submission_id)
    form = PinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment, then choose the moment to pin it to."))
        return redirect("tasks:review", submission_id=submission.pk)
    try:
        comment = services.pin_comment(
            submission=submission,
            by=request.user,
            utterance_id=form.cleaned_data["utterance"],
            text=form.cleaned_data["text"],
        )
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("tasks:review", submission_id=submission.pk)
    messages.success(request, _("Comment pinned."))
    url = reverse("tasks:review", kwargs={"submission_id": submission.pk})
    return redirect(f"{url}#u{comment.utterance_id}")


@login_required
@require_http_methods(["GET", "POST"])
def school_mentors(request: HttpRequest, school_id: int) -> HttpResponse:
    school = school_led_by_or_404(request.user, school_id)
    if request.method == "POST":
        form = MentorAssignmentForm(request.POST, school=school)
        if form.is_valid():
            try:
                services.assign_mentor(
                    school=school,
                    teacher=form.cleaned_data["teacher"],
                    mentor=form.cleaned_data["mentor"],
                    by=request.user,
                )
            except services.AssessmentError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Mentor assignment saved."))
        else:
            messages.error(request, _("Choose a person from the list."))
        return redirect("tasks:school_mentors", school_id=school.pk)
    return render(
        request,
        "assessments/tasks/school_mentors.html",
        {
            "school": school,
            "staff": selectors.mentor_assignments(school),
            "mentors": list(mentors_at(school).distinct()),
        },
    )
