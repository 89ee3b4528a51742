"""A deliberately broken URL configuration: the gates must catch both faults in it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path

from accounts.models import School
from portal.urls import urlpatterns as real_urlpatterns


@login_required
def leaky_staff_list(request, school_id):
    # Fault: any signed-in person sees any school's staff list.
    school = get_object_or_404(School, pk=school_id)
    return HttpResponse(school.name_en)


leaky_patterns = (
    [path("schools/<int:school_id>/staff/", leaky_staff_list, name="staff_list")],
    "accounts",
)

urlpatterns = [
    # Fault: a URL that nobody declared in the matrix.
    path("undeclared-report/", lambda request: HttpResponse("secret"), name="undeclared_report"),
    path("en/", include(leaky_patterns)),
    *real_urlpatterns,
]
