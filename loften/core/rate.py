"""Requests per client in a fixed window, counted in the shared cache: the open
data API's rate limit.

One count serves both places that answer an API request: Django (the API's
throttle, `loften/opendata/api/throttling.py`) and the page cache, which answers
a stored API page before Django and counts it first (`core/page_cache.py`). A
client may make `number` requests in each window of `seconds` (a minute for
"120/minute"), counted from the window's start on the clock; so at most twice
the number can come close together, across the end of one window and the start
of the next. Every process of the web server counts in the shared cache
(Redis in production), so the limit holds whichever process answers.
"""

import hashlib
import time
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured

from .cache import shared_counter_increment

_SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


def rate_parse(rate: str | None) -> tuple[int, int] | None:
    """(number, seconds) of a rate such as "120/minute" (DRF's form: the period's
    first letter counts); None for no rate."""
    if not rate:
        return None
    number, _, period = rate.partition("/")
    try:
        return int(number), _SECONDS[period.strip()[:1]]
    except (ValueError, KeyError):
        raise ImproperlyConfigured(
            f"A rate is a number of requests per second, minute, hour or day, "
            f'such as "120/minute", not {rate!r}.'
        ) from None


class Window(NamedTuple):
    """One client's count in one window of a rate."""

    key: str  # in the shared cache
    seconds: int  # how long the count must live
    number: int  # of requests allowed
    wait: int  # seconds until the window ends (what Retry-After says)


def rate_window(scope: str, ident: str, rate: str | None) -> Window | None:
    """The window that a request of `ident` in `scope` counts in now; None when
    `rate` is empty (no limit)."""
    parsed = rate_parse(rate)
    if parsed is None:
        return None
    number, seconds = parsed
    now = time.time()
    # The address hashed: the cache holds no client addresses.
    digest = hashlib.sha256(ident.encode()).hexdigest()[:24]
    return Window(
        key=f"rate:{scope}:{digest}:{int(now // seconds)}",
        seconds=seconds + 1,
        number=number,
        wait=int(seconds - now % seconds) + 1,
    )


def rate_allows(scope: str, ident: str, rate: str | None) -> tuple[bool, int]:
    """Count one request of `ident` in `scope`; whether `rate` allows it, and
    the seconds until the window ends. Every request is allowed, and none
    counted, when `rate` is empty."""
    window = rate_window(scope, ident, rate)
    if window is None:
        return True, 0
    count = shared_counter_increment(window.key, window.seconds)
    return count <= window.number, window.wait
