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
messages, anything but GET and HEAD, a static file (WhiteNoise's), a response
other than 200, one that sets a cookie of its own, and every view not marked. A
page with a form holds the visitor's CSRF token: it is stored as a marker and
each visitor gets a token of their own in its place, as Django would render it;
a page without one (the language switcher is made of links, and htmx sends a
token only for signed-in users) is served as stored, without any CSRF work.

A hit is answered in one of two places. The middleware is the first in
MIDDLEWARE, so a page is stored with every header Django's middleware gives it
(the security headers, the Content-Security-Policy, X-Frame-Options, Vary,
Content-Language; all but cookies), and a hit inside Django skips all of them.
In front of Django, `PublicPageCacheApplication` wraps the WSGI application
(config/wsgi.py, which gunicorn and runserver load): it makes the same key from
the same rules, asks the cache the same once, and answers a current page without
a token straight from the stored status, headers and body, before Django's
request, middleware and signals; the answer is the same, byte for byte, as the
middleware's. Anything else (a miss, a stale page, a page with a token, a
request the rules leave out, a Host Django refuses, a cache that fails) goes on
to Django with what was read, so the middleware does not ask the cache again.
Conditional requests are answered as Django answers them: no public page has a
validator of its own to compare (the feeds' Last-Modified is informative), so
they get the whole page.
"""

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
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
# Part of every key: changed whenever what is stored changes, so that new code
# never serves a page that the code before it stored.
_FORMAT = 2
# What the WSGI layer read, handed on to the middleware in the WSGI environ
# (which a request's own headers cannot set: those are HTTP_*).
_LOOKED_UP = "loften.page_cache.looked_up"


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


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        getattr(settings, "PUBLIC_PAGE_CACHE", True)
        and request.method in {"GET", "HEAD"}
        # Static files are WhiteNoise's, answered without the cache.
        and not request.path.startswith(settings.STATIC_URL)
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
            request.META.get("HTTP_HX_REQUEST", ""),
        )
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"public-page:{_FORMAT}:{language}:{digest}"


def _current(key: str) -> tuple[int, _Stored | None]:
    """The generation, and the page stored under `key` if it is current."""
    generation, stored = public_generation_and(key)
    if stored is not None and stored.generation != generation:
        stored = None
    return generation, stored


def _answer_headers(stored: _Stored, content: bytes) -> dict[str, str]:
    return {
        **stored.headers,
        "Content-Length": str(len(content)),
        "X-Page-Cache": "hit",
    }


class PublicPageCacheApplication:
    """WSGI middleware: a current stored page without a CSRF token, answered
    before Django builds its request (see the module's docstring)."""

    def __init__(self, application: Callable):
        self.application = application

    def __call__(self, environ: dict, start_response: Callable):
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        if path.startswith(settings.STATIC_URL):
            # WhiteNoise's files, which the page cache never holds: straight on.
            return self.application(environ, start_response)
        stored = self._look_up(environ)
        if stored is None or stored.has_token:
            return self.application(environ, start_response)
        status = f"{stored.status} {HTTPStatus(stored.status).phrase}"
        start_response(status, list(_answer_headers(stored, stored.content).items()))
        return [stored.content]

    @staticmethod
    def _look_up(environ: dict) -> _Stored | None:
        # Over a copy: a WSGIRequest rewrites the PATH_INFO of its environ, which
        # Django's handler decodes again.
        request = WSGIRequest(environ.copy())
        try:
            if not _cacheable_request(request):
                return None
            key = _key(request)
            generation, stored = _current(key)
        except Exception:
            # A Host that is not allowed, a cache that does not answer: Django
            # answers these as it would without this layer.
            return None
        environ[_LOOKED_UP] = (key, generation, stored)
        return stored


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        looked_up = request.META.pop(_LOOKED_UP, None)
        if looked_up is not None and looked_up[0] == key:
            generation, stored = looked_up[1:]
        else:
            generation, stored = _current(key)
        if stored is not None:
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
        response = HttpResponse(
            content, status=stored.status, headers=_answer_headers(stored, content)
        )
        if csrf is not None:
            csrf.process_response(request, response)  # sets the cookie if new
        return response


def _no_view(request: HttpRequest) -> HttpResponse:
    raise AssertionError("not called")
