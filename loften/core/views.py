"""The error pages of the whole site (404, 403 and 500, in the site's own
shell), the throttled login and password-reset pages, and the health check.

The CSRF failure page needs no view: Django's own `csrf_failure` renders
`403_csrf.html`, which is in this app's templates.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from .clients import client_address
from .context_processors import site
from .forms import LoginForm, lockout_message
from .models import WorkerProcess
from .throttle import password_reset_requested

logger = logging.getLogger(__name__)

# What the 500 page falls back to when even its template cannot be rendered.
_BARE_500 = (
    '<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
    "<title>Ett fel uppstod – Löften</title></head><body><main>"
    "<h1>Ett fel uppstod</h1><p>Något gick fel hos oss. Försök igen om en stund."
    ' <a href="/">Till startsidan</a></p>'
    '<p lang="en">Something went wrong on our side. Please try again later.</p>'
    "</main></body></html>"
)


@requires_csrf_token
def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@requires_csrf_token
def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def server_error(request):
    """The 500 page, rendered without the database and without the context
    processors (the error may be that the database or the session is down)."""
    try:
        body = loader.get_template("500.html").render(site(request))
    except Exception:  # the page about an error must not fail in its turn
        logger.exception("The 500 page could not be rendered")
        body = _BARE_500.format(lang=get_language() or "sv")
    return HttpResponseServerError(body)


def _too_many(response, lockout):
    """A page that refuses an attempt for now: 429, and when to come back."""
    response.status_code = 429
    response["Retry-After"] = str(lockout.seconds_left)
    return response


class LoginView(auth_views.LoginView):
    """Django's login page with the login throttle (see `LoginForm`)."""

    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.lockout is not None:
            return _too_many(response, form.lockout)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's request for a password-reset e-mail, limited per e-mail address
    and per client address."""

    def form_valid(self, form):
        lockout = password_reset_requested(
            email=form.cleaned_data["email"], address=client_address(self.request)
        )
        if lockout is not None:
            form.add_error(None, lockout_message(lockout, login=False))
            return _too_many(self.form_invalid(form), lockout)
        return super().form_valid(form)


@never_cache
def health(request):
    """For a load balancer: 200 when this process can use the database and the
    shared cache, 503 (saying which failed) when it cannot. How many background
    workers were seen lately is reported, but does not fail the check: the web
    pages work without them."""
    checks = {"database": "ok", "cache": "ok"}
    workers = None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        seen = timezone.now() - datetime.timedelta(
            seconds=settings.WORKER_LEASE_SECONDS
        )
        workers = WorkerProcess.objects.filter(seen_at__gte=seen).count()
    except DatabaseError:
        logger.exception("Health check: the database cannot be used")
        checks["database"] = "failed"
    try:
        key, value = "health-check", get_random_string(12)
        cache.set(key, value, 30)
        if cache.get(key) != value:
            raise RuntimeError("the cache did not keep a value")
    except Exception:  # any cache backend's error means the same here
        logger.exception("Health check: the cache cannot be used")
        checks["cache"] = "failed"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failed", **checks, "workers": workers},
        status=200 if healthy else 503,
    )
