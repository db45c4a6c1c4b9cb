from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("data/", views.data, name="data"),
    path("data/loften-data.zip", views.data_csv, name="data-csv"),
    path("data/loften-data.json", views.data_json, name="data-json"),
    path("api/", views.api_docs, name="api-docs"),
]
