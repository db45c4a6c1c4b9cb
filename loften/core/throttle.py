"""Limits on failed logins and on password-reset requests.

Each limit counts attempts per identity (an account's user name, a client's
address, an e-mail address) in the default cache, which every process of the
web server shares in production (Redis, or the database cache; see
docs/operations.md), so the limit holds whichever process answers.

The design: a counter per identity lives for `window` seconds from the first
attempt; when it reaches `attempts`, the identity is locked for `lockout`
seconds, a lock that holds its end time so that the message can say when to try
again. Identities are stored hashed, so the cache holds no user names.
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger("loften.security")


@dataclass(frozen=True)
class Limit:
    """`attempts` within `window` seconds lock the identity for `lockout` seconds."""

    scope: str
    attempts: int
    window: int
    lockout: int


@dataclass(frozen=True)
class Lockout:
    """An identity that may not try again until `until`."""

    scope: str
    until: datetime.datetime

    @property
    def seconds_left(self) -> int:
        return max(1, int((self.until - timezone.now()).total_seconds()) + 1)


def login_limits() -> tuple[Limit, Limit]:
    """The limits on failed logins: per account, and per client address."""
    minutes = settings.LOGIN_LOCKOUT_MINUTES * 60
    return (
        Limit("login-account", settings.LOGIN_FAILURES_PER_ACCOUNT, minutes, minutes),
        Limit("login-address", settings.LOGIN_FAILURES_PER_ADDRESS, minutes, minutes),
    )


def password_reset_limits() -> tuple[Limit, Limit]:
    """The limits on password-reset requests: per e-mail address, and per client
    address, each per hour."""
    hour = 60 * 60
    return (
        Limit("reset-email", settings.PASSWORD_RESETS_PER_EMAIL, hour, hour),
        Limit("reset-address", settings.PASSWORD_RESETS_PER_ADDRESS, hour, hour),
    )


def _key(kind: str, limit: Limit, identity: str) -> str:
    digest = hashlib.sha256(identity.strip().casefold().encode()).hexdigest()[:32]
    return f"throttle:{kind}:{limit.scope}:{digest}"


def throttle_lockout(*, limit: Limit, identity: str) -> Lockout | None:
    """The lock on `identity` under `limit`, if there is one now."""
    until = cache.get(_key("lock", limit, identity))
    if until is None:
        return None
    end = datetime.datetime.fromtimestamp(until, tz=datetime.UTC)
    return Lockout(scope=limit.scope, until=end) if end > timezone.now() else None


def throttle_count(*, limit: Limit, identity: str) -> Lockout | None:
    """Count one attempt by `identity`; returns the lock when this attempt
    reaches the limit."""
    key = _key("count", limit, identity)
    cache.add(key, 0, timeout=limit.window)
    try:
        count = cache.incr(key)
    except ValueError:  # the counter ran out between add and incr
        cache.set(key, 1, timeout=limit.window)
        count = 1
    if count < limit.attempts:
        return None
    until = timezone.now() + datetime.timedelta(seconds=limit.lockout)
    cache.set(_key("lock", limit, identity), until.timestamp(), timeout=limit.lockout)
    cache.delete(key)
    return Lockout(scope=limit.scope, until=until)


def throttle_forget(*, limit: Limit, identity: str) -> None:
    """Forget the attempts counted for `identity` (not a lock already set)."""
    cache.delete(_key("count", limit, identity))


def _first_lockout(checks: list[tuple[Limit, str]]) -> Lockout | None:
    found = [throttle_lockout(limit=limit, identity=who) for limit, who in checks]
    locks = [lock for lock in found if lock is not None]
    return max(locks, key=lambda lock: lock.until) if locks else None


def login_lockout(*, username: str, address: str) -> Lockout | None:
    """The lock that stops a login for `username` from `address` now, if any."""
    account, client = login_limits()
    lockout = _first_lockout([(account, username), (client, address)])
    if lockout is not None:
        logger.warning(
            "Refused a login for %r from %s: locked (%s) until %s",
            username,
            address,
            lockout.scope,
            lockout.until.isoformat(),
        )
    return lockout


def login_failed(*, username: str, address: str) -> Lockout | None:
    """Count a failed login; returns the lock it causes, if any."""
    account, client = login_limits()
    locks = [
        throttle_count(limit=account, identity=username),
        throttle_count(limit=client, identity=address),
    ]
    caused = [lock for lock in locks if lock is not None]
    for lock in caused:
        logger.warning(
            "Too many failed logins (%s) for %r from %s: locked until %s",
            lock.scope,
            username,
            address,
            lock.until.isoformat(),
        )
    return max(caused, key=lambda lock: lock.until) if caused else None


def login_succeeded(*, username: str) -> None:
    """A successful login forgets the account's failed attempts."""
    account, _client = login_limits()
    throttle_forget(limit=account, identity=username)


def password_reset_requested(*, email: str, address: str) -> Lockout | None:
    """Check and count a request for a password-reset e-mail; returns the lock
    that refuses it, if any (a refused request is not counted)."""
    per_email, per_address = password_reset_limits()
    lockout = _first_lockout([(per_email, email), (per_address, address)])
    if lockout is None:
        throttle_count(limit=per_email, identity=email)
        throttle_count(limit=per_address, identity=address)
        return None
    logger.warning(
        "Refused a password reset for %r from %s: too many requests (%s) until %s",
        email,
        address,
        lockout.scope,
        lockout.until.isoformat(),
    )
    return lockout


# Public forms (an accessibility report, an e-mail subscription): at most this
# many posts per client address within an hour.
PUBLIC_POSTS_PER_HOUR = 5
PUBLIC_POST_WINDOW_SECONDS = 60 * 60


def public_post_allowed(*, scope: str, address: str) -> bool:
    """Count one post of a public form from `address`; False once the address
    has sent PUBLIC_POSTS_PER_HOUR within the hour (one window per hour from
    the first post, counted per form)."""
    limit = Limit(
        scope=scope,
        attempts=PUBLIC_POSTS_PER_HOUR + 1,
        window=PUBLIC_POST_WINDOW_SECONDS,
        lockout=PUBLIC_POST_WINDOW_SECONDS,
    )
    if throttle_lockout(limit=limit, identity=address) is not None:
        return False
    return throttle_count(limit=limit, identity=address) is None
