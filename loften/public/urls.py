from django.urls import path

from loften.core.page_cache import public_page

from . import feeds, views

app_name = "public"

urlpatterns = [
    path("", views.start, name="home"),
    path("kommuner/", views.municipality_find, name="municipality_find"),
    path("lan/<str:slug>/", views.county_detail, name="county"),
    path("kommun/<str:slug>/", views.municipality_detail, name="municipality"),
    path("loften/", views.promise_list, name="promise_list"),
    path("lofte/<str:slug>/", views.promise_detail, name="promise"),
    path(
        "lofte/<str:slug>/version/<int:number>/",
        views.promise_version,
        name="promise_version",
    ),
    path(
        "lofte/<str:slug>/version/<int:number>/andringar/",
        views.promise_changes,
        name="promise_changes",
    ),
    path("oversikt/", views.overview, name="overview"),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path(
        "tillganglighet/rapportera-problem/",
        views.accessibility_report,
        name="accessibility_report",
    ),
    path("flode/", public_page(feeds.NationalFeed()), name="feed"),
    path(
        "flode/kommun/<str:slug>/",
        public_page(feeds.MunicipalityFeed()),
        name="municipality_feed",
    ),
]
