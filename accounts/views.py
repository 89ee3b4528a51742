from __future__ import annotations

import hashlib
import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors, services
from accounts.forms import InviteForm, ProfileForm, SetPasswordForm, StaffFileForm
from accounts.models import Invitation, Membership, TeacherProfile, User
from accounts.personal_data import export_personal_data
from accounts.staff_import import (
    IMPORTABLE_ROLES,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    StaffFileError,
    decode_staff_file,
    parse_staff_csv,
)

_IMPORT_SESSION_KEY = "staff_import"
_VALID_RANKS = frozenset(TeacherProfile.Rank.values)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    instance, _created = TeacherProfile.objects.get_or_create(user=user)
    initial = {
        "full_name": user.full_name,
        "name_zh": user.name_zh,
        "preferred_language": user.preferred_language,
    }
    form = ProfileForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_profile(
            user=user,
            full_name=form.cleaned_data["full_name"],
            name_zh=form.cleaned_data["name_zh"],
            preferred_language=form.cleaned_data["preferred_language"],
            **{name: form.cleaned_data[name] for name in ProfileForm.Meta.fields},
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def export_my_data(request: HttpRequest) -> HttpResponse:
    data = export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-tdl-portal-data.json"'
    return response


@login_required
def staff_list(request: HttpRequest, school_id: int) -> HttpResponse:
    school = selectors.school_led_by_or_404(request.user, school_id)
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.staff_of(school, search=search), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/staff_list.html",
        {
            "school": school,
            "page": page,
            "search": search,
            "counts": selectors.staff_counts(school),
            "invitations": selectors.pending_invitations(school),
            "invite_form": InviteForm(),
        },
    )


@login_required
@require_POST
def invite(request: HttpRequest, school_id: int) -> HttpResponse:
    school = selectors.school_led_by_or_404(request.user, school_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_staff(
                school=school,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except services.AccountsError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("accounts:staff_list", school_id=school.pk)


@login_required
@require_http_methods(["GET", "POST"])
def revoke_invitation(request: HttpRequest, school_id: int, invitation_id: int) -> HttpResponse:
    school = selectors.school_led_by_or_404(request.user, school_id)
    invitation = get_object_or_404(Invitation.objects.pending(), pk=invitation_id, school=school)
    if request.method == "POST":
        services.revoke_invitation(invitation=invitation, by=request.user)
        messages.success(
            request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
        )
        return redirect("accounts:staff_list", school_id=school.pk)
    return render(
        request,
        "portal/confirm.html",
        {
            "title": _("Withdraw invitation"),
            "question": _(
                "Withdraw the invitation to %(email)s? The link in their e-mail will stop working."
            )
            % {"email": invitation.email},
            "confirm_label": _("Withdraw invitation"),
            "cancel_url": reverse("accounts:staff_list", kwargs={"school_id": school.pk}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_toggle(request: HttpRequest, school_id: int, membership_id: int) -> HttpResponse:
    school = selectors.school_led_by_or_404(request.user, school_id)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, school=school
    )
    activate = not membership.is_active
    if request.method == "POST":
        try:
            services.set_membership_active(
                membership=membership, is_active=activate, by=request.user
            )
        except services.AccountsError as exc:
            messages.error(request, str(exc))
        else:
            if activate:
                messages.success(
                    request, _("%(name)s is back on the staff list.") % {"name": membership.user}
                )
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s no longer has access to this school. You can restore access from the staff list."
                    )
                    % {"name": membership.user},
                )
        return redirect("accounts:staff_list", school_id=school.pk)
    if activate:
        question = _("Restore %(name)s's access to %(school)s?")
        label = _("Restore access")
    else:
        question = _(
            "Remove %(name)s's access to %(school)s? Their own records are kept and access can be restored."
        )
        label = _("Remove access")
    return render(
        request,
        "portal/confirm.html",
        {
            "title": label,
            "question": question % {"name": membership.user, "school": school},
            "confirm_label": label,
            "danger": not activate,
            "cancel_url": reverse("accounts:staff_list", kwargs={"school_id": school.pk}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_import(request: HttpRequest, school_id: int) -> HttpResponse:
    school = selectors.school_led_by_or_404(request.user, school_id)
    form = StaffFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            text = decode_staff_file(raw)
            parse_staff_csv(text, valid_ranks=_VALID_RANKS)
        except StaffFileError as exc:
            form.add_error("file", str(exc))
        else:
            request.session[_IMPORT_SESSION_KEY] = {
                "school_id": school.pk,
                "name": form.cleaned_data["file"].name[:100],
                "sha256": hashlib.sha256(raw).hexdigest(),
                "text": text,
            }
            return redirect("accounts:staff_import_preview", school_id=school.pk)
    return render(
        request,
        "accounts/staff_import.html",
        {
            "school": school,
            "form": form,
            "required_columns": REQUIRED_COLUMNS,
            "optional_columns": OPTIONAL_COLUMNS,
            "roles": IMPORTABLE_ROLES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_import_preview(request: HttpRequest, school_id: int) -> HttpResponse:
    school = selectors.school_led_by_or_404(request.user, school_id)
    pending = request.session.get(_IMPORT_SESSION_KEY)
    if not pending or pending.get("school_id") != school.pk:
        messages.info(request, _("Choose a staff list to import first."))
        return redirect("accounts:staff_import", school_id=school.pk)
    rows = parse_staff_csv(pending["text"], valid_ranks=_VALID_RANKS)
    if request.method == "POST":
        result = services.apply_staff_import(school=school, rows=rows, by=request.user)
        del request.session[_IMPORT_SESSION_KEY]
        if result.changed_anything:
            messages.success(
                request,
                _(
                    "Import finished. New accounts (invited by e-mail): %(created)d · joined the school: "
                    "%(added)d · roles changed: %(changed)d · unchanged: %(unchanged)d · rows skipped: %(skipped)d."
                )
                % {
                    "created": result.created_users,
                    "added": result.added_memberships,
                    "changed": result.changed_roles,
                    "unchanged": result.unchanged,
                    "skipped": result.skipped_rows,
                },
            )
        else:
            messages.info(
                request,
                _(
                    "Nothing to change: everyone on the list is already on the staff with that role."
                ),
            )
        return redirect("accounts:staff_list", school_id=school.pk)
    plan = services.plan_staff_import(school=school, rows=rows)
    summary = {
        action: sum(1 for p in plan if p.action == action)
        for action in ("create", "add", "change_role", "unchanged", "error")
    }
    return render(
        request,
        "accounts/staff_import_preview.html",
        {
            "school": school,
            "plan": plan,
            "summary": summary,
            "file_name": pending["name"],
            "writable": summary["create"] + summary["add"] + summary["change_role"],
        },
    )


def staff_import_template(request: HttpRequest) -> HttpResponse:
    header = ",".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)  # email,full_name,name_zh,…
    example = (
        'chan.taiman@example.edu.hk,Chan Tai Man,陳大文,teacher,in_service,"English, ICT",5,gm'
    )
    response = HttpResponse(
        f"\ufeff{header}\r\n{example}\r\n", content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="staff-list-template.csv"'
    return response


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("school"), token=token)
    if not invitation.is_pending and invitation.accepted_at is None:
        return render(
            request, "accounts/invitation_invalid.html", {"invitation": invitation}, status=410
        )
    existing = User.objects.filter(email__iexact=invitation.email).first()

    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.accept_invitation(invitation=invitation, user=request.user)
            except services.AccountsError as exc:
                messages.error(request, str(exc))
                return redirect("dashboard")
            messages.success(request, _("Welcome to %(school)s.") % {"school": invitation.school})
            return redirect("dashboard")
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})

    if existing is not None and existing.has_usable_password():
        messages.info(
            request,
            _("Sign in as %(email)s to accept the invitation.") % {"email": invitation.email},
        )
        return redirect(f"{reverse('account_login')}?next={request.path}")

    form = SetPasswordForm(request.POST or None, user=existing)
    if request.method == "POST" and form.is_valid():
        user = services.join_through_invitation(
            invitation=invitation,
            existing=existing,
            full_name=form.cleaned_data["full_name"],
            name_zh=form.cleaned_data["name_zh"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to %(school)s.") % {"school": invitation.school})
        return redirect("dashboard")
    return render(
        request,
        "accounts/invitation_set_password.html",
        {"invitation": invitation, "form": form, "existing": existing},
    )
