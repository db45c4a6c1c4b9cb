from django.conf import settings


def site(request):
    """Values every template may use: the site name and its public address."""
    return {"SITE_NAME": "Löften", "SITE_URL": settings.SITE_URL}
