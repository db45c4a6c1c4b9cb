from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("konto/logga-in/", views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "konto/nytt-losenord/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "konto/nytt-losenord/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/nytt-losenord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/nytt-losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
