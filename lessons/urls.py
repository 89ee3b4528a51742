from django.urls import path

from lessons import views

app_name = "lessons"

urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("compare/", views.compare, name="compare"),
    path("<int:lesson_id>/", views.detail, name="detail"),
    path("<int:lesson_id>/status.json", views.status, name="status"),
    path("<int:lesson_id>/speakers/", views.speakers, name="speakers"),
    path("<int:lesson_id>/report/", views.report, name="report"),
    path("<int:lesson_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:lesson_id>/coded.csv", views.export_csv, name="export_csv"),
    path("<int:lesson_id>/share/", views.share, name="share"),
    path("<int:lesson_id>/share/<int:share_id>/stop/", views.unshare, name="unshare"),
    path("<int:lesson_id>/delete/", views.delete, name="delete"),
]
