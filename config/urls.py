from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from loften.core.views import health

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # For load balancers and monitoring (docs/operations.md).
    path("health/", health, name="health"),
    # The open-data API keeps one address whatever the language.
    path("api/v1/", include("loften.opendata.api.urls")),
    path("", include("loften.public.urls_root")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("redaktion/import/", include("loften.imports.urls")),
    path("redaktion/", include("loften.editor.urls")),
    path("", include("loften.core.urls")),
    path("", include("loften.reports.urls")),
    path("", include("loften.opendata.urls")),
    path("", include("loften.public.urls")),
    path("sok/", include("loften.search.urls")),
    path("prenumerera/", include("loften.subscriptions.urls")),
    prefix_default_language=False,
)

# Error pages in the site's own shell (loften/core/views.py); a failed CSRF check
# renders loften/core/templates/403_csrf.html through Django's own view.
handler403 = "loften.core.views.permission_denied"
handler404 = "loften.core.views.page_not_found"
handler500 = "loften.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
