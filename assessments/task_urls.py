from django.urls import path

from assessments.views import tasks as views

app_name = "tasks"

urlpatterns = [
    path("", views.index, name="index"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:submission_id>/", views.review, name="review"),
    path("review/<int:submission_id>/pin/", views.pin, name="pin"),
    path("submissions/<int:submission_id>/", views.submission, name="submission"),
    path("submissions/<int:submission_id>/delete/", views.delete, name="delete"),
    path("submissions/<int:submission_id>/withdraw/", views.withdraw, name="withdraw"),
    path("schools/<int:school_id>/mentors/", views.school_mentors, name="school_mentors"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/start/", views.start, name="start"),
]
