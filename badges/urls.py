from django.urls import path

from badges import views

app_name = "badges"

#: Pages people read, under the language prefix (/en/badges/…).
urlpatterns = [
    path("", views.backpack, name="backpack"),
    path("verify/", views.verify, name="verify"),
    path("c/<uuid:credential_uuid>/", views.credential, name="credential"),
    path("c/<uuid:credential_uuid>/credential.json", views.download_json, name="download_json"),
    path("c/<uuid:credential_uuid>/badge.<str:fmt>", views.download_baked, name="download_baked"),
    path("c/<uuid:credential_uuid>/share/", views.share, name="share"),
    path("c/<uuid:credential_uuid>/revoke/", views.revoke, name="revoke"),
]

#: Stable, language-independent Open Badges endpoints (/ob/…): their URLs are inside signed
#: credentials, so they never change. The ``.json`` suffix keeps a 404 a 404: without it the
#: locale middleware would redirect a missing one to a language-prefixed page.
ob_urlpatterns = [
    path("issuers/<uuid:issuer_uuid>.json", views.issuer_profile, name="issuer"),
    path("credentials/<uuid:credential_uuid>.json", views.credential_json, name="credential"),
    path("status/<uuid:list_uuid>.json", views.status_list, name="status"),
    path("badges/<uuid:badge_uuid>/image.<str:fmt>", views.badge_image, name="badge_image"),
    path("verify", views.verify_api, name="verify"),
]
