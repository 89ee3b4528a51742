from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from badges import credentials as ob
from badges import presentation, selectors, services
from badges.forms import MAX_UPLOAD_BYTES, RevokeForm, ShareForm, VerifyForm
from badges.models import BadgeClass, Credential, Issuer, StatusList

JSON_LD = "application/ld+json"


def _json(document: dict, content_type: str = JSON_LD) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type=content_type
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- pages -----------------------------------------------------------------------------------


@login_required
def backpack(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "badges/backpack.html",
        {
            "credentials": selectors.credentials_of(request.user),
            "pathways": selectors.pathway_progress(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    result = error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            text = (
                ob.extract(upload.read(MAX_UPLOAD_BYTES + 1))
                if upload is not None
                else form.cleaned_data["credential"]
            )
        except ob.BakingError:
            error = _(
                "This file does not carry an Open Badges credential. Upload the credential file "
                "(.json) or a badge image downloaded from the credential's page."
            )
        else:
            result = selectors.verify_credential(text.encode("utf-8"))
    return render(
        request,
        "badges/verify.html",
        {
            "form": form,
            "error": error,
            **presentation.verdict_context(result),
        },
    )


def credential(request: HttpRequest, credential_uuid) -> HttpResponse:
    held = selectors.visible_credential_or_404(request.user, credential_uuid)
    is_holder = request.user.is_authenticated and held.user_id == request.user.pk
    result = selectors.verify_credential(held.document) if held.document else None
    page_url = presentation.page_url(held)
    return render(
        request,
        "badges/credential.html",
        {
            "credential": held,
            "badge": held.badge_class,
            "is_holder": is_holder,
            **presentation.verdict_context(result),
            "page_url": page_url,
            "linkedin_url": presentation.linkedin_url(held, page_url),
            "share_form": ShareForm(
                initial={"is_public": held.is_public, "show_name": held.show_name}
            ),
            "may_revoke": request.user.is_authenticated
            and not held.is_revoked
            and selectors.may_revoke(request.user, held),
        },
    )


def _signed_or_404(request: HttpRequest, credential_uuid) -> Credential:
    held = selectors.visible_credential_or_404(request.user, credential_uuid)
    if held.document is None:
        raise Http404
    return held


def download_json(request: HttpRequest, credential_uuid) -> HttpResponse:
    held = _signed_or_404(request, credential_uuid)
    response = HttpResponse(presentation.credential_json(held), content_type=JSON_LD)
    response["Content-Disposition"] = f'attachment; filename="badge-{held.uuid}.json"'
    return response


def download_baked(request: HttpRequest, credential_uuid, fmt: str) -> HttpResponse:
    if fmt not in presentation.IMAGE_TYPES:
        raise Http404
    held = _signed_or_404(request, credential_uuid)
    response = HttpResponse(
        presentation.baked(held, fmt), content_type=presentation.IMAGE_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="badge-{held.uuid}.{fmt}"'
    return response


@login_required
@require_POST
def share(request: HttpRequest, credential_uuid) -> HttpResponse:
    held = selectors.own_credential_or_404(request.user, credential_uuid)
    form = ShareForm(request.POST)
    form.is_valid()
    services.set_sharing(
        credential=held,
        by=request.user,
        is_public=form.cleaned_data.get("is_public", False),
        show_name=form.cleaned_data.get("show_name", False),
    )
    messages.success(
        request,
        _("Anyone with the link can now see this badge.")
        if held.is_public
        else _("This badge is private again."),
    )
    return redirect("badges:credential", credential_uuid=held.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, credential_uuid) -> HttpResponse:
    held = selectors.revocable_credential_or_404(request.user, credential_uuid)
    form = RevokeForm(request.POST) if request.method == "POST" else RevokeForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_credential(
                credential=held, by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.BadgeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The credential is revoked."))
            return redirect("badges:revoke", credential_uuid=held.uuid)
    return render(request, "badges/revoke.html", {"credential": held, "form": form})


# --- stable Open Badges endpoints ------------------------------------------------------------


@require_GET
def issuer_profile(request: HttpRequest, issuer_uuid) -> HttpResponse:
    issuer = get_object_or_404(Issuer, uuid=issuer_uuid)
    issuer = services.ensure_issuer_key(issuer=issuer)
    return _json(ob.issuer_profile(selectors.issuer_spec(issuer)))


@require_GET
def credential_json(request: HttpRequest, credential_uuid) -> HttpResponse:
    held = _signed_or_404(request, credential_uuid)
    return _json(held.document, content_type="application/vc+ld+json")


@require_GET
def status_list(request: HttpRequest, list_uuid) -> HttpResponse:
    found = get_object_or_404(StatusList, uuid=list_uuid)
    if found.document is None:
        found = services.sign_status_list(status_list=found)
    response = _json(found.document, content_type="application/vc+ld+json")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def badge_image(request: HttpRequest, badge_uuid, fmt: str) -> HttpResponse:
    if fmt not in presentation.IMAGE_TYPES:
        raise Http404
    badge = get_object_or_404(BadgeClass.objects.published(), uuid=badge_uuid)
    response = HttpResponse(
        presentation.badge_image(badge, fmt), content_type=presentation.IMAGE_TYPES[fmt]
    )
    response["Cache-Control"] = "public, max-age=3600"
    if fmt == "svg":
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@csrf_exempt
@require_POST
def verify_api(request: HttpRequest) -> JsonResponse:
    """POST a credential (the JSON itself, or a baked PNG/SVG) and get its verdict."""
    body = request.body[: MAX_UPLOAD_BYTES + 1]
    try:
        text = ob.extract(body)
    except ob.BakingError as exc:
        result = ob.VerificationResult(ob.Verdict.INVALID, ob.Reason.NOT_A_CREDENTIAL, str(exc))
    else:
        result = selectors.verify_credential(text.encode("utf-8"))
    payload = result.to_dict()
    payload["message"] = str(presentation.REASONS.get(result.reason, ""))
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def admin_credentials(request: HttpRequest) -> HttpResponse:
    """Issued credentials, newest first, for the Education Bureau's administrators."""
    if not (request.user.is_superuser or request.user.is_edb_admin):
        raise Http404
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "badges/admin_credentials.html",
        {"credentials": selectors.issued_credentials(query=query)[:200], "query": query},
    )
