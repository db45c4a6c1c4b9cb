from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """Requests per client address, at the rate in the API_THROTTLE_RATE setting
    (e.g. "120/minute"); empty turns throttling off."""

    def get_rate(self):
        return getattr(settings, "API_THROTTLE_RATE", None) or None
