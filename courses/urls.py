from django.urls import path, re_path

from courses import views

app_name = "courses"

urlpatterns = [
    path("", views.my_courses, name="my_courses"),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:course_id>/continue/", views.resume, name="resume"),
    path("units/<int:unit_id>/done/", views.mark_read, name="mark_read"),
    re_path(
        r"^xblock/(?P<usage_id>u\d+\.[\w-]+)/(?P<handler>\w+)/(?P<suffix>.*)$",
        views.handler,
        name="handler",
    ),
    path("certificates/<uuid:uuid>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<uuid:uuid>/", views.verify_certificate, name="verify_certificate"),
    path("cpd/", views.cpd_ledger, name="cpd_ledger"),
    path("cpd/add/", views.cpd_add, name="cpd_add"),
    path("cpd/ledger.<str:fmt>", views.cpd_export, name="cpd_export"),
    path("cpd/<int:entry_id>/evidence/", views.cpd_evidence, name="cpd_evidence"),
    path("cpd/<int:entry_id>/delete/", views.cpd_delete, name="cpd_delete"),
    path("reflections/shared/", views.shared_reflections, name="shared_reflections"),
]
