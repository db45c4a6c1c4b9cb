"""Open data may be read from any web page: the public, read-only resources (the
API, its description and the bulk files) allow every origin (CORS).

Only simple GET and HEAD requests are meant: nothing here needs credentials or
custom request headers, so no preflight answer is offered.
"""

import functools

# Response headers a script on another origin may read besides the safelisted
# ones (Content-Type, Last-Modified, …): the validator for conditional requests.
EXPOSED_HEADERS = "ETag"


def allow_any_origin(response):
    """`response` with the headers that let any origin read it."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def cors_public(view):
    """A view decorator: every answer of `view`, errors and 304 included, may be
    read from any origin."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return allow_any_origin(view(request, *args, **kwargs))

    return wrapped
