"""Django's WSGI handler with the page cache's layer in front of it
(`loften.core.page_cache`), called as a WSGI server calls it."""

import io
import urllib.parse

from django.core.handlers.wsgi import WSGIHandler

from loften.core.page_cache import PublicPageCacheApplication


class Site:
    """Django's WSGI handler, the layer in front of it, and how often Django ran."""

    def __init__(self):
        self.django = WSGIHandler()
        self.django_calls = 0

        def counted(environ, start_response):
            self.django_calls += 1
            return self.django(environ, start_response)

        self.layer = PublicPageCacheApplication(counted)

    def get(self, path: str, **extra) -> tuple[str, list, bytes]:
        """The layer's answer, as a WSGI server would send it."""
        return wsgi_call(self.layer, wsgi_environ(path, **extra))

    def get_from_django(self, path: str, **extra) -> tuple[str, list, bytes]:
        return wsgi_call(self.django, wsgi_environ(path, **extra))

    def served_by_layer(self, path: str, **extra) -> bool:
        before = self.django_calls
        self.get(path, **extra)
        return self.django_calls == before


def wsgi_environ(path: str, *, method: str = "GET", **headers) -> dict:
    """The environ a WSGI server passes for a request of `path` over HTTPS, with
    the headers given as keyword arguments (`hx_request="true"`)."""
    parts = urllib.parse.urlsplit(path)
    environ = {
        "REQUEST_METHOD": method,
        # As a WSGI server passes it: the address's bytes, read as Latin-1.
        "PATH_INFO": urllib.parse.unquote_to_bytes(parts.path).decode("latin-1"),
        "QUERY_STRING": parts.query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        environ[f"HTTP_{name.upper()}"] = value
    return environ


def wsgi_call(application, environ: dict) -> tuple[str, list, bytes]:
    """The status, headers and body `application` answers, as a server sends them."""
    answer: dict = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=headers)

    result = application(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return answer["status"], answer["headers"], body


def header(headers: list, name: str) -> str | None:
    """The value of the header `name` in a WSGI answer's headers, if there."""
    return next((v for n, v in headers if n.lower() == name.lower()), None)
