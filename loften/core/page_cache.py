"""The whole response of a public page, cached for visitors without a session.

A view marked with `@public_page` is stored after it answered an anonymous GET;
the next anonymous GET of the same address in the same language (and the same
`HX-Request` header, for pages that answer htmx with a fragment) is answered
from the cache without running the view. Each stored page holds the public
cache's generation (`core/cache.py`) it was made in, and is served only while
that is still the generation, so a publication, or a change of the reference
data the pages show, makes every stored page stale at once. The generation and
the page are fetched together, in one round trip to the shared cache.

Never cached or served from the cache: a request that carries a session cookie
(a signed-in editor, or anyone who logged in before), one that carries queued
messages, anything but GET and HEAD, a response other than 200, one that sets a
cookie of its own, and every view not marked. A page with a form holds the
visitor's CSRF token: it is stored as a marker and each visitor gets a token of
their own in its place, as Django would render it; a page without one (the
language switcher is made of links, and htmx sends a token only for signed-in
users) is served as stored, without any CSRF work.

The middleware sits early in MIDDLEWARE, right after the security headers and
the static files: a cached answer skips sessions, language, authentication,
messages and the Content-Security-Policy, whose headers are stored with the page
(all but cookies), and gets its CSRF cookie from Django's own CSRF middleware.
"""

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (
    CsrfViewMiddleware,
    _unmask_cipher_token,
    get_token,
)
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

from .cache import PUBLIC_CACHE_SECONDS, public_generation_and

_MARK = "_loften_public_page"
_TOKEN_MARKER = b"\x00csrf-token\x00"
# A masked CSRF token as Django renders it: 64 letters and digits.
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# Headers not stored with the page: set again for each answer.
_LEFT_OUT_HEADERS = {"content-length", "x-page-cache"}


class _Stored(NamedTuple):
    """A page as stored, with the generation it belongs to."""

    generation: int
    status: int
    headers: dict[str, str]
    content: bytes
    has_token: bool


def public_page(view: Callable) -> Callable:
    """Mark a view whose answer to an anonymous GET may be served to every
    anonymous visitor until the next publication."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, _MARK, True)
        return response

    return wrapper


def _enabled() -> bool:
    return getattr(settings, "PUBLIC_PAGE_CACHE", True)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request: HttpRequest) -> str:
    # The language is the address's (i18n_patterns, without a prefix for the
    # default language), as LocaleMiddleware decides it, which has not run yet.
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    raw = "\x1f".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
        )
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"public-page:{language}:{digest}"


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (_enabled() and _cacheable_request(request)):
            return self.get_response(request)
        key = _key(request)
        generation, stored = public_generation_and(key)
        if stored is not None and stored.generation == generation:
            return self._answer(request, stored)
        # Stored under the generation read before the page was made: a
        # publication meanwhile leaves it stale, never a stale page current.
        response = self.get_response(request)
        if self._storable(request, response):
            cache.set(
                key, self._stored(request, response, generation), PUBLIC_CACHE_SECONDS
            )
        return response

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            getattr(response, _MARK, False)
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            # The CSRF cookie is set for each visitor; any other means the
            # answer was made for this one.
            and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
            and not request.user.is_authenticated
        )

    @staticmethod
    def _stored(request: HttpRequest, response: HttpResponse, generation: int):
        content = response.content
        secret = request.META.get("CSRF_COOKIE")
        if secret:

            def marker(match: re.Match) -> bytes:
                token = match.group(0).decode()
                return (
                    _TOKEN_MARKER
                    if _unmask_cipher_token(token) == secret
                    else token.encode()
                )

            content = _TOKEN.sub(marker, content)
        # The page differs for a visitor with a session, who never gets it.
        patch_vary_headers(response, ["Cookie"])
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in _LEFT_OUT_HEADERS
        }
        return _Stored(
            generation=generation,
            status=response.status_code,
            headers=headers,
            content=content,
            has_token=_TOKEN_MARKER in content,
        )

    @staticmethod
    def _answer(request: HttpRequest, stored: _Stored) -> HttpResponse:
        content = stored.content
        csrf = None
        if stored.has_token:
            csrf = CsrfViewMiddleware(_no_view)
            csrf.process_request(request)  # the visitor's CSRF cookie, if any
            content = content.replace(_TOKEN_MARKER, get_token(request).encode())
        response = HttpResponse(content, status=stored.status, headers=stored.headers)
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "hit"
        if csrf is not None:
            csrf.process_response(request, response)  # sets the cookie if new
        return response


def _no_view(request: HttpRequest) -> HttpResponse:
    raise AssertionError("not called")
