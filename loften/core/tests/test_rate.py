"""The API's rate limit: requests per client in a fixed window, counted in the
shared cache."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from loften.core import rate
from loften.core.rate import rate_allows, rate_parse


def test_a_rate_is_a_number_per_period():
    assert rate_parse("120/minute") == (120, 60)
    assert rate_parse("5/s") == (5, 1)
    assert rate_parse("1000/hour") == (1000, 3600)
    assert rate_parse("10/day") == (10, 86400)
    assert rate_parse("") is None
    assert rate_parse(None) is None
    for wrong in ("many/minute", "120", "120/fortnight"):
        with pytest.raises(ImproperlyConfigured, match="such as"):
            rate_parse(wrong)


def test_each_client_has_its_own_count_which_starts_again_in_the_next_window(
    monkeypatch,
):
    now = [1_000_040.0]  # 20 s into a minute
    monkeypatch.setattr(rate.time, "time", lambda: now[0])
    answers = [rate_allows("test", "192.0.2.1", "2/minute") for _ in range(3)]
    assert [allowed for allowed, _ in answers] == [True, True, False]
    assert answers[-1][1] == 41  # seconds until the minute is over, rounded up
    assert rate_allows("test", "192.0.2.2", "2/minute")[0]  # another client
    assert rate_allows("other", "192.0.2.1", "2/minute")[0]  # another scope
    now[0] += 40  # the next minute
    assert rate_allows("test", "192.0.2.1", "2/minute")[0]


def test_no_rate_allows_everything_and_counts_nothing(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("counted")

    monkeypatch.setattr(rate, "shared_counter_increment", never)
    assert rate_allows("test", "192.0.2.1", "") == (True, 0)


def test_with_redis_the_count_is_one_counter_that_expires(redis_cache):
    from django.core.cache import caches

    assert [rate_allows("test", "192.0.2.9", "3/minute")[0] for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]
    backend = caches["default"]
    client = backend._cache.get_client()
    (key,) = client.keys(backend.make_key("rate:test:*"))
    assert int(client.get(key)) == 4
    assert 0 < client.ttl(key) <= 61
