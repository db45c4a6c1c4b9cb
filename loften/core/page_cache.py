"""The whole response of a public page, cached for visitors without a session.

A view marked with `@public_page` is stored after it answered an anonymous GET;
the next anonymous GET of the same address in the same language (and the same
`HX-Request` header, for pages that answer htmx with a fragment) is answered
from the cache without running the view. Each stored page holds the public
cache's generation (`core/cache.py`) it was made in, and is served only while
that is still the generation, so a publication, or a change of the reference
data the pages show, makes every stored page stale at once.

Each process also keeps the pages it served lately (at most
PUBLIC_PAGE_CACHE_LOCAL_BYTES of bodies and headers, the least recently used
going first; 0 keeps none). A hit of a page kept here reads only the generation
from the shared cache, one small number, and serves the page while that is still
the page's generation: a publication in any process makes every process's copy
stale at the next request, with no time during which an old page may be served.
Any other lookup reads the generation and the page together, in one round trip,
and keeps a current page here; so does storing a page. A page whose generation
is gone from the shared cache (`cache.clear()`, an eviction) is stale too: the
generation starts again from the clock, a number no page was stored under.

The key holds the address, the language, the `HX-Request` header and a
fingerprint of the stored format and of the settings that shape a stored page's
headers or the rules (every SECURE_* setting, the Content-Security-Policy,
X-Frame-Options, the languages, the middleware, the cookie names…; worked out
once in each process): a deploy that changes one of them uses keys of its own,
so it never serves a page with the headers of the settings before it.

A page of text (HTML, CSS, XML, JSON) of 200 bytes or more and without a
token is stored compressed too, once, with gzip, and a client whose
Accept-Encoding names gzip (read as Django's GZipMiddleware reads it) gets that
copy, with `Vary: Accept-Encoding`; any other client gets the page as made. A
page with a CSRF token is never compressed: a secret beside text an address can
put on the page is what BREACH reads.

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
the same rules, looks it up the same way (`_current`), and answers a current
page without a token straight from the stored status, headers and body, before
Django's request, middleware and signals; the answer is the same, byte for byte,
as the middleware's. Anything else (a miss, a stale page, a page with a token, a
request the rules leave out, a Host Django refuses, a cache that fails) goes on
to Django with what was read, so the middleware does not ask the cache again.
Conditional requests are answered as Django answers them: no public page has a
validator of its own to compare (the feeds' Last-Modified is informative), so
they get the whole page.
"""

import functools
import gzip
import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (
    CsrfViewMiddleware,
    _unmask_cipher_token,
    get_token,
)
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

from .cache import (
    PUBLIC_CACHE_SECONDS,
    public_generation,
    public_generation_and,
    public_generation_counting,
)
from .clients import client_address
from .rate import Window, rate_allows, rate_window

_MARK = "_loften_public_page"
_RATE_LIMIT = "_loften_public_page_rate_limit"
_TOKEN_MARKER = b"\x00csrf-token\x00"
# A masked CSRF token as Django renders it: 64 letters and digits.
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# Headers not stored with the page: set again for each answer.
_LEFT_OUT_HEADERS = {"content-length", "x-page-cache"}
# Part of every key (through its fingerprint): changed whenever what is stored
# changes, so that new code never serves a page that the code before it stored.
_FORMAT = 4
# The settings that shape a stored page's headers (Django's security middleware,
# the CSP, X-Frame-Options, Content-Language, the charset) or the rules (which
# cookies mean a session, which paths are static files), and every SECURE_*
# setting: their fingerprint is part of every key, so a deploy that changes one
# never serves a page with the headers of the settings before it.
_KEYED_SETTINGS = (
    # The rate a stored API answer is counted against (`public_page_mark`).
    "API_THROTTLE_RATE",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "CSRF_COOKIE_NAME",
    "DEFAULT_CHARSET",
    "LANGUAGE_CODE",
    "MIDDLEWARE",
    "SESSION_COOKIE_NAME",
    "STATIC_URL",
    "X_FRAME_OPTIONS",
)
# A page of a kind browsers read compressed (HTML, CSS, XML feeds and sitemaps,
# JSON), of at least this many bytes, is stored compressed too.
_COMPRESSIBLE = re.compile(r"^(text/|application/([\w.-]+\+)?(xml|json)\b)")
_COMPRESS_FROM_BYTES = 200
# How Django's GZipMiddleware reads Accept-Encoding.
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# What a process keeps of the pages it served, at most, unless set.
_LOCAL_BYTES = 32 * 1024 * 1024
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
    # The body compressed with gzip, for a page without a token (None if not).
    gzipped: bytes | None
    # (scope, rate) of a rate limit that every answer counts against first.
    rate_limit: tuple[str, str] | None = None


def public_page(view: Callable) -> Callable:
    """Mark a view whose answer to an anonymous GET may be served to every
    anonymous visitor until the next publication."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return public_page_mark(view(request, *args, **kwargs))

    return wrapper


def public_page_mark(
    response: HttpResponse, *, rate_limit: tuple[str, str | None] | None = None
) -> HttpResponse:
    """Mark `response` as `@public_page` marks a view's. With `rate_limit`, a
    (scope, rate) of `core/rate.py` such as ("api", "120/minute"), every answer
    of the stored page counts against the client's limit before it is served,
    and a client over the limit is left to the view (which refuses it)."""
    setattr(response, _MARK, True)
    if rate_limit is not None and rate_limit[1]:
        setattr(response, _RATE_LIMIT, rate_limit)
    return response


def _window(request: HttpRequest, stored: _Stored) -> Window | None:
    """The window of the client's rate limit that an answer of `stored` counts
    in; None for a page without a limit."""
    if stored.rate_limit is None:
        return None
    scope, rate = stored.rate_limit
    return rate_window(scope, client_address(request), rate)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        getattr(settings, "PUBLIC_PAGE_CACHE", True)
        and request.method in {"GET", "HEAD"}
        # Static files are WhiteNoise's, answered without the cache.
        and not request.path.startswith(settings.STATIC_URL)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


@functools.cache
def _fingerprint() -> str:
    """A short digest of the code's format and the settings that shape a stored
    page, worked out once in each process (and again when a test changes one)."""
    return hashlib.sha256(_fingerprint_source().encode()).hexdigest()[:12]


def _fingerprint_source() -> str:
    names = {*_KEYED_SETTINGS, *(n for n in dir(settings) if n.startswith("SECURE_"))}
    values = {name: getattr(settings, name, None) for name in names}
    # The codes only: the names are translated, lazily.
    values["LANGUAGES"] = [code for code, _name in settings.LANGUAGES]
    # JSON, so that every process writes the same text for the same settings (a
    # value JSON cannot write fails here, in the tests, rather than giving each
    # process keys of its own).
    return json.dumps({"format": _FORMAT, "settings": values}, sort_keys=True)


def _key(request: HttpRequest) -> str:
    path = request.path_info
    end = path.find("/", 1)
    language = _language(path if end < 0 else path[: end + 1])
    raw = "\x1f".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            request.META.get("HTTP_HX_REQUEST", ""),
        )
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"public-page:{_fingerprint()}:{language}:{digest}"


@functools.lru_cache(maxsize=256)
def _language(prefix: str) -> str:
    """The language of an address whose first segment (with the slash after it,
    if any) is `prefix`: the address's (i18n_patterns, without a prefix for the
    default language), as LocaleMiddleware decides it, which has not run yet.
    Django's answer depends on nothing else, and an address of each of the few
    sections is read again and again."""
    return get_language_from_path(prefix) or settings.LANGUAGE_CODE


class _LocalPages:
    """The stored pages this process has served lately, each with its
    generation, up to PUBLIC_PAGE_CACHE_LOCAL_BYTES of bodies and headers; the
    least recently used goes first. Safe to use from several threads."""

    def __init__(self):
        self._pages: OrderedDict[str, tuple[_Stored, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> _Stored | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            self._pages.move_to_end(key)
            return found[0]

    def put(self, key: str, stored: _Stored) -> None:
        size = (
            len(stored.content)
            + len(stored.gzipped or b"")
            + sum(len(name) + len(value) for name, value in stored.headers.items())
        )
        limit = getattr(settings, "PUBLIC_PAGE_CACHE_LOCAL_BYTES", _LOCAL_BYTES)
        with self._lock:
            self._drop(key)
            if size > limit:
                return
            self._pages[key] = (stored, size)
            self._bytes += size
            while self._bytes > limit:
                self._drop(next(iter(self._pages)))

    def discard(self, key: str) -> None:
        with self._lock:
            self._drop(key)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        found = self._pages.pop(key, None)
        if found is not None:
            self._bytes -= found[1]


_local_pages = _LocalPages()


def public_page_local_clear() -> None:
    """Forget the pages this process keeps (they are read again from the shared
    cache): for tests, which empty the shared cache before each one."""
    _local_pages.clear()


def _settings_changed(**kwargs) -> None:
    # Only tests change settings in a running process: the keys are made
    # again, and what was kept under the settings before is forgotten.
    _fingerprint.cache_clear()
    _language.cache_clear()
    _local_pages.clear()


setting_changed.connect(_settings_changed)


def _current(key: str, request: HttpRequest) -> tuple[int, _Stored | None, bool]:
    """The generation, the page stored under `key` if it is current, and
    whether the client may have it: an answer of a page under a rate limit is
    counted against the client's limit here, once.

    A page this process keeps is served while its generation is the shared
    cache's, so only the generation is read (with the count, in the same round
    trip); otherwise the generation and the page are read together, and a
    current page is kept here too."""
    kept = _local_pages.get(key)
    allowed = None
    if kept is not None:
        window = _window(request, kept)
        if window is None:
            generation = public_generation()
        else:
            generation, count = public_generation_counting(window.key, window.seconds)
            allowed = count <= window.number
        if kept.generation == generation:
            return generation, kept, allowed is not False
        _local_pages.discard(key)
    generation, found = public_generation_and(key)
    if not isinstance(found, _Stored) or found.generation != generation:
        return generation, None, True
    _local_pages.put(key, found)
    if allowed is None and found.rate_limit is not None:
        scope, rate = found.rate_limit
        allowed = rate_allows(scope, client_address(request), rate)[0]
    return generation, found, allowed is not False


def _answer_headers(stored: _Stored, content: bytes) -> dict[str, str]:
    return {
        **stored.headers,
        "Content-Length": str(len(content)),
        "X-Page-Cache": "hit",
    }


def _token_free_answer(
    stored: _Stored, accept_encoding: str
) -> tuple[bytes, dict[str, str]]:
    """The body and headers of a hit of a page without a token: compressed for
    a client that accepts gzip, when the page was stored compressed."""
    if stored.gzipped is not None and _ACCEPTS_GZIP.search(accept_encoding):
        headers = _answer_headers(stored, stored.gzipped)
        headers["Content-Encoding"] = "gzip"
        return stored.gzipped, headers
    return stored.content, _answer_headers(stored, stored.content)


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
        content, headers = _token_free_answer(
            stored, environ.get("HTTP_ACCEPT_ENCODING", "")
        )
        start_response(status, list(headers.items()))
        return [content]

    @staticmethod
    def _look_up(environ: dict) -> _Stored | None:
        # Over a copy: a WSGIRequest rewrites the PATH_INFO of its environ, which
        # Django's handler decodes again.
        request = WSGIRequest(environ.copy())
        try:
            if not _cacheable_request(request):
                return None
            key = _key(request)
            generation, stored, allowed = _current(key, request)
        except Exception:
            # A Host that is not allowed, a cache that does not answer: Django
            # answers these as it would without this layer.
            return None
        # A client over its rate limit goes on to Django with nothing found,
        # and the view refuses it.
        environ[_LOOKED_UP] = (key, generation, stored if allowed else None)
        return stored if allowed else None


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
            generation, stored, allowed = _current(key, request)
            if not allowed:
                stored = None  # the view refuses the client, over its limit
        if stored is not None:
            return self._answer(request, stored)
        # Stored under the generation read before the page was made: a
        # publication meanwhile leaves it stale, never a stale page current.
        response = self.get_response(request)
        if self._storable(request, response):
            stored = self._stored(request, response, generation)
            cache.set(key, stored, PUBLIC_CACHE_SECONDS)
            _local_pages.put(key, stored)
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
        has_token = _TOKEN_MARKER in content
        gzipped = None
        if (
            not has_token
            and len(content) >= _COMPRESS_FROM_BYTES
            and not response.has_header("Content-Encoding")
            and _COMPRESSIBLE.match(response.get("Content-Type", ""))
        ):
            # Compressed once, here, and served to every browser that accepts
            # it. A page with a token is never compressed: a secret beside text
            # an address can put on the page is what BREACH reads.
            gzipped = gzip.compress(content, compresslevel=6, mtime=0)
            patch_vary_headers(response, ["Accept-Encoding"])
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
            has_token=has_token,
            gzipped=gzipped,
            rate_limit=getattr(response, _RATE_LIMIT, None),
        )

    @staticmethod
    def _answer(request: HttpRequest, stored: _Stored) -> HttpResponse:
        csrf = None
        if stored.has_token:
            csrf = CsrfViewMiddleware(_no_view)
            csrf.process_request(request)  # the visitor's CSRF cookie, if any
            content = stored.content.replace(_TOKEN_MARKER, get_token(request).encode())
            headers = _answer_headers(stored, content)
        else:
            content, headers = _token_free_answer(
                stored, request.META.get("HTTP_ACCEPT_ENCODING", "")
            )
        response = HttpResponse(content, status=stored.status, headers=headers)
        if csrf is not None:
            csrf.process_response(request, response)  # sets the cookie if new
        return response


def _no_view(request: HttpRequest) -> HttpResponse:
    raise AssertionError("not called")
