from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.import_start, name="start"),
    path("<int:job_id>/", views.import_job_detail, name="job"),
    path("<int:job_id>/fil/", views.import_job_source, name="source"),
    path("<int:job_id>/ta-bort/", views.import_job_discard_view, name="discard"),
    path(
        "<int:job_id>/aktivitet/",
        views.import_job_make_activity_view,
        name="make_activity",
    ),
]
