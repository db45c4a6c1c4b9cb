"""The error pages of the whole site: 404, 403 and 500, in the site's own shell.

The CSRF failure page needs no view: Django's own `csrf_failure` renders
`403_csrf.html`, which is in this app's templates.
"""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.csrf import requires_csrf_token

from .context_processors import site

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
