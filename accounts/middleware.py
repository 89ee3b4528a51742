"""Privileged roles may use the portal only once their account has a second factor."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from accounts.mfa import user_needs_mfa_setup

#: Pages a signed-in user without a required second factor can still reach: setting it up,
#: signing out, managing e-mail, switching language and the health probes.
_REACHABLE_WITHOUT_MFA = frozenset(
    {
        "account_logout",
        "account_email",
        "account_confirm_email",
        "account_reauthenticate",
        "mfa_reauthenticate",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_generate_recovery_codes",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "set_language",
        "healthz",
        "readyz",
    }
)


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.PORTAL_MFA_REQUIRED and self._must_set_up_mfa(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)

    def _must_set_up_mfa(self, request: HttpRequest) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        if match.url_name in _REACHABLE_WITHOUT_MFA:
            return False
        return user_needs_mfa_setup(user)
