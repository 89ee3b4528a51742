from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/my-data.json", views.export_my_data, name="export_my_data"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path(
        "schools/staff-list-template.csv", views.staff_import_template, name="staff_import_template"
    ),
    path("schools/<int:school_id>/staff/", views.staff_list, name="staff_list"),
    path("schools/<int:school_id>/staff/invite/", views.invite, name="invite"),
    path(
        "schools/<int:school_id>/staff/invitations/<int:invitation_id>/withdraw/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path(
        "schools/<int:school_id>/staff/<int:membership_id>/access/",
        views.membership_toggle,
        name="membership_toggle",
    ),
    path("schools/<int:school_id>/staff/import/", views.staff_import, name="staff_import"),
    path(
        "schools/<int:school_id>/staff/import/preview/",
        views.staff_import_preview,
        name="staff_import_preview",
    ),
]
