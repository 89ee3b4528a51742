from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.home, name="home"),
    path("evidence/", views.evidence, name="evidence"),
    path("export.<str:fmt>", views.export, name="export"),
    path("<slug:slug>/start/", views.start, name="start"),
    path("attempts/<int:attempt_id>/sections/<int:number>/", views.section, name="section"),
    path("attempts/<int:attempt_id>/review/", views.review, name="review"),
    path("attempts/<int:attempt_id>/report/", views.report, name="report"),
    path("attempts/<int:attempt_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("attempts/<int:attempt_id>/delete/", views.delete, name="delete"),
]
