from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from loften.core.clients import client_address


class AnonymousThrottle(AnonRateThrottle):
    """Requests per client address, at the rate in the API_THROTTLE_RATE setting
    (e.g. "120/minute"); empty turns throttling off. Counted in the shared cache,
    so the limit holds across all the web server's processes."""

    def get_rate(self):
        return getattr(settings, "API_THROTTLE_RATE", None) or None

    def get_ident(self, request):
        # The same client address as the login throttle; a client cannot pick
        # a new one by sending X-Forwarded-For itself.
        return client_address(request)
