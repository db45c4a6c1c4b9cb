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
import os
import time
from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

import redis
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.utils.translation import get_language

T = TypeVar("T")

PUBLIC_CACHE_SECONDS = 10 * 60
_GENERATION_KEY = "public:generation"


def public_generation() -> int:
    """The public cache's generation, which every publication bumps: one small
    read of the shared cache."""
    generation = _get_many([_GENERATION_KEY]).get(_GENERATION_KEY)
    if generation is None:
        # Start from the clock, so that a generation key lost to eviction, a
        # restart or `cache.clear()` never comes back as a number that old
        # entries (in the shared cache, or pages a process keeps) were stored
        # under.
        cache.add(_GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(_GENERATION_KEY)
    return generation


def public_generation_and(key: str) -> tuple[int, object]:
    """The public cache's generation and the value stored under `key` (or None),
    asked for together: one round trip to a shared cache such as Redis."""
    found = _get_many([_GENERATION_KEY, key])
    generation = found.get(_GENERATION_KEY)
    if generation is None:
        generation = public_generation()
    return generation, found.get(key)


# Django's Redis backend takes a connection from its pool for each call (checking
# that it holds no unread answer) and checks every key for characters memcached
# refuses; a hit of the page cache is cheaper over a connection kept for each
# backend (there is one for each thread) and keys of its own.
_redis_connections: WeakKeyDictionary = WeakKeyDictionary()


def _get_many(keys: list[str]) -> dict[str, Any]:
    """What `cache.get_many(keys)` answers."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return backend.get_many(keys)
    values = _redis_command(backend, "MGET", *(backend.make_key(key) for key in keys))
    loads = backend._cache._serializer.loads
    return {
        key: loads(value)
        for key, value in zip(keys, values, strict=True)
        if value is not None
    }


def _redis_command(backend: RedisCache, *args: str):
    """Redis's answer to one command, over the connection kept for `backend`."""
    return _redis_commands(backend, [args])[0]


def _redis_commands(backend: RedisCache, commands: list[tuple[str, ...]]) -> list:
    """Redis's answers to `commands`, sent together over the connection kept for
    `backend`."""
    connection = _redis_connections.get(backend)
    if connection is None or connection.pid != os.getpid():
        # The first, or one inherited from the process this one was forked
        # from, whose socket it would share.
        pool = backend._cache.get_client().connection_pool
        connection = _redis_connections[backend] = pool.make_connection()
    try:
        return _sent_together(connection, commands)
    except redis.ConnectionError:
        # Closed by the server while idle (a restart, its timeout): once more,
        # on a new socket.
        return _sent_together(connection, commands)


def _sent_together(connection, commands: list[tuple[str, ...]]) -> list:
    """Redis's answers to `commands`, sent together: one round trip."""
    try:
        connection.send_packed_command(connection.pack_commands(commands))
        return [connection.read_response() for _ in commands]
    except BaseException:
        # Never leave an answer unread: the next command would take it for its own.
        connection.disconnect()
        raise


def public_cache_key(name: str, *parts: object, language: str | None = None) -> str:
    """The cache key of one piece of public data in `language` (by default the
    current one)."""
    raw = "\x1f".join(str(part) for part in parts)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"public:{public_generation()}:{language or get_language()}:{name}:{digest}"


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


def public_generation_counting(key: str, seconds: int) -> tuple[int, int]:
    """The public cache's generation, and the count of the counter `key` after
    adding one (as `shared_counter_increment`), asked together: one round trip
    to Redis."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return public_generation(), shared_counter_increment(key, seconds)
    full_key = backend.make_key(key)
    raw, count = _redis_commands(
        backend, [("GET", backend.make_key(_GENERATION_KEY)), ("INCR", full_key)]
    )
    count = _counted(backend, full_key, count, seconds)
    if raw is None:
        return public_generation(), count
    return backend._cache._serializer.loads(raw), count


def shared_counter_increment(key: str, seconds: int) -> int:
    """Add one to the counter `key` in the shared cache and return its count; a
    new counter lives `seconds` seconds. On Redis one round trip (two for a new
    counter), over the connection kept for the page cache."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        cache.add(key, 0, timeout=seconds)
        try:
            return cache.incr(key)
        except ValueError:  # gone between the two calls (it expired)
            cache.add(key, 1, timeout=seconds)
            return 1
    full_key = backend.make_key(key)
    return _counted(
        backend, full_key, _redis_command(backend, "INCR", full_key), seconds
    )


def _counted(backend: RedisCache, full_key: str, count, seconds: int) -> int:
    """Redis's answer to INCR of `full_key` as a count; a counter it has just
    made is given its lifetime."""
    count = int(count)
    if count == 1:
        _redis_command(backend, "EXPIRE", full_key, str(seconds))
    return count
