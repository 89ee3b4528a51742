from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from badges import urls as badges_urls
from portal import health, views

# Both admin sites sign people in through allauth, with its rate limits and second factor:
# there is no side door.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path(
        "django-admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)
    ),
    path("django-admin/", admin.site.urls),
    path("cms/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("cms/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Open Badges endpoints: stable, language-independent URLs named inside signed credentials.
    path("ob/", include((badges_urls.ob_urlpatterns, "ob"))),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("dashboard/", views.dashboard, name="dashboard"),
    # Wagtail's front-end log-in for private pages would be a side door past allauth.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("self-assessment/", include("assessments.urls")),
    path("lessons/", include("lessons.urls")),
    path("learning/", include("courses.urls")),
    path("tasks/", include("assessments.task_urls")),
    path("badges/", include("badges.urls")),
    path("", include("accounts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
