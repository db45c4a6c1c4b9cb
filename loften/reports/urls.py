from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path(
        "rapporter/<int:promise_id>/<int:period_id>/<str:fmt>/",
        views.published_report,
        name="published_report",
    ),
    path(
        "rapporter/<int:promise_id>/version/<int:number>/<int:period_id>/<str:fmt>/",
        views.version_report,
        name="version_report",
    ),
    path(
        "rapporter/utkast/<int:promise_id>/<int:period_id>/<str:fmt>/",
        views.draft_report,
        name="draft_report",
    ),
    path(
        "rapporter/atgardsplan/<int:promise_id>/",
        views.action_plan,
        name="action_plan",
    ),
    path(
        "rapporter/fil/<uuid:report_id>/",
        views.report_status,
        name="report_status",
    ),
    path(
        "rapporter/fil/<uuid:report_id>/hamta/",
        views.report_download,
        name="report_download",
    ),
]
