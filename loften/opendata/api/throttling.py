from django.conf import settings
from rest_framework.throttling import BaseThrottle

from loften.core.clients import client_address
from loften.core.rate import rate_allows

# The scope of the API's count in the shared cache (`core/rate.py`), which the
# page cache counts a stored API page under too.
SCOPE = "api"


def api_rate() -> str | None:
    """The API's rate limit per client address (API_THROTTLE_RATE, e.g.
    "120/minute"); None when it is off."""
    return getattr(settings, "API_THROTTLE_RATE", None) or None


class AnonymousThrottle(BaseThrottle):
    """Requests per client address, at the rate in the API_THROTTLE_RATE setting;
    empty turns throttling off. Counted in the shared cache in a fixed window
    (`core/rate.py`), so the limit holds across all the web server's processes,
    and a page the page cache answers counts the same."""

    def allow_request(self, request, view) -> bool:
        # The same client address as the login throttle; a client cannot pick
        # a new one by sending X-Forwarded-For itself.
        allowed, self._wait = rate_allows(SCOPE, client_address(request), api_rate())
        return allowed

    def wait(self) -> int:
        return self._wait
