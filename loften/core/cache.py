"""Caching of public page data, shared by every public view.

Views cache the data a page is built from (never the rendered page, which holds
the visitor's CSRF token and, for signed-in users, their name), so a cached page
costs no database query and still renders per visitor. Keys carry the language,
and a generation number that every publication bumps, so nothing published is
ever hidden by an old entry. Production shares one cache between all processes
(Redis, or the database cache; see docs/operations.md), so every process sees
the bump at once; with development's local-memory cache other processes catch up
within PUBLIC_CACHE_SECONDS.
It lives in `core` because the public site and the search page both use it.
"""

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar
from weakref import WeakKeyDictionary

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.utils.translation import get_language

T = TypeVar("T")

PUBLIC_CACHE_SECONDS = 10 * 60
_GENERATION_KEY = "public:generation"


def _generation() -> int:
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        # Start from the clock, so that a generation key lost to eviction or a
        # restart never comes back as a number that old entries were stored under.
        cache.add(_GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(_GENERATION_KEY)
    return generation


def public_generation_and(key: str) -> tuple[int, object]:
    """The public cache's generation and the value stored under `key` (or None),
    asked for together: one round trip to a shared cache such as Redis."""
    found = _get_many([_GENERATION_KEY, key])
    generation = found.get(_GENERATION_KEY)
    if generation is None:
        generation = _generation()
    return generation, found.get(key)


# Django's Redis backend makes a client for each call and checks every key for
# characters memcached refuses; a hit of the page cache is cheaper with a client
# kept for each backend (there is one for each thread) and keys of its own.
_redis_clients: WeakKeyDictionary = WeakKeyDictionary()


def _get_many(keys: list[str]) -> dict[str, object]:
    """What `cache.get_many(keys)` answers."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return backend.get_many(keys)
    client = _redis_clients.get(backend)
    if client is None:
        client = _redis_clients[backend] = backend._cache.get_client()
    values = client.mget([backend.make_key(key) for key in keys])
    loads = backend._cache._serializer.loads
    return {
        key: loads(value)
        for key, value in zip(keys, values, strict=True)
        if value is not None
    }


def public_cache_key(name: str, *parts: object, language: str | None = None) -> str:
    """The cache key of one piece of public data in `language` (by default the
    current one)."""
    raw = "\x1f".join(str(part) for part in parts)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"public:{_generation()}:{language or get_language()}:{name}:{digest}"


def public_cached(name: str, *parts: object, build: Callable[[], T]) -> T:
    """The cached value for (name, parts), built and stored on a miss."""
    if not getattr(settings, "PUBLIC_CACHE", True):
        return build()
    key = public_cache_key(name, *parts)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=PUBLIC_CACHE_SECONDS)
    return value


def public_cache_invalidate(**kwargs) -> None:
    """Make every cached public page stale (connected to `promise_published`)."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        # The key is gone (evicted or never set): a new clock value is newer
        # than any generation used before.
        cache.set(_GENERATION_KEY, time.time_ns(), timeout=None)
