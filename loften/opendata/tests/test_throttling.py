"""The API's rate limit counts per client address in the shared cache, and a
client cannot pick a new address by sending X-Forwarded-For itself."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def _statuses(client, forwarded_for: list[str]) -> list[int]:
    return [
        client.get("/api/v1/promises/", HTTP_X_FORWARDED_FOR=address).status_code
        for address in forwarded_for
    ]


def test_a_forged_forwarded_address_does_not_escape_the_limit(client, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    settings.PROXY_COUNT = 0
    cache.clear()
    assert _statuses(client, ["198.51.100.1", "198.51.100.2", "198.51.100.3"]) == [
        200,
        200,
        429,
    ]


def test_behind_a_proxy_each_client_has_its_own_limit(client, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    settings.PROXY_COUNT = 1
    cache.clear()
    assert _statuses(client, ["198.51.100.1"] * 3) == [200, 200, 429]
    assert _statuses(client, ["10.0.0.1, 198.51.100.2"]) == [200]
