"""The site's addresses and one public page that holds a form with a CSRF
token, for the page cache's per-visitor token (no public page has one today)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from loften.core.page_cache import public_page

FORM = engines["django"].from_string(
    '<form method="post" action="/i18n/setlang/">{% csrf_token %}</form>'
)


@public_page
def page_with_form(request):
    return HttpResponse(FORM.render({}, request))


urlpatterns = [path("sida-med-formular/", page_with_form), *site_urlpatterns]
