"""Fixtures of the page cache's tests: the site as a WSGI server calls it, and
Redis as the shared cache."""

import os
import uuid

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from loften.testing.wsgi import Site

REDIS_URL = os.environ.get("LOFTEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")


@pytest.fixture
def site(settings):
    # As in production: HSTS over HTTPS, so every header of the security
    # middleware is there to be stored (the handler reads it when made).
    settings.SECURE_HSTS_SECONDS = 3600
    # As Django's test client does: a request must not close the connection
    # that holds the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield Site()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def redis_cache(settings):
    """Redis as the cache, as in production, under keys of this test's own; a
    client of its own, as another process has."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL} ({error}); set LOFTEN_TEST_REDIS_URL")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
