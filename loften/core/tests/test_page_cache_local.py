"""The pages a process keeps: served while the shared cache's generation is still
theirs, reading only that number; stale at once after a publication in any
process; within PUBLIC_PAGE_CACHE_LOCAL_BYTES, least recently used first; and
keys that change with the settings that shape a stored page."""

import pytest
from django.core.cache import cache, caches

from loften.core import cache as shared_cache
from loften.core import page_cache
from loften.core.page_cache import public_page_local_clear
from loften.testing.public import published_promise
from loften.testing.wsgi import header

from .test_configuration import run_loften

pytestmark = pytest.mark.django_db

GENERATION = "public:generation"


@pytest.fixture
def published():
    return published_promise(activities=2, periods=1)


def _promise_page(published) -> str:
    return f"/lofte/{published.promise.slug}/"


def _reads(monkeypatch) -> list[list[str]]:
    """The keys of each read of the shared cache from now on."""
    reads: list[list[str]] = []
    get_many = shared_cache._get_many

    def recorded(keys):
        reads.append(list(keys))
        return get_many(keys)

    monkeypatch.setattr(shared_cache, "_get_many", recorded)
    return reads


def _is_page(key: str) -> bool:
    return key.startswith("public-page:")


def _made_again(site, path: str) -> bool:
    """Whether Django made the page again (neither the layer nor the middleware
    answered it from a cache)."""
    before = site.django_calls
    _, headers, _ = site.get(path)
    return site.django_calls == before + 1 and header(headers, "X-Page-Cache") is None


@pytest.mark.parametrize("shared", ["memory", "redis"])
def test_a_kept_page_is_djangos_answer_and_a_hit_reads_only_the_generation(
    request, shared, site, published, monkeypatch
):
    if shared == "redis":
        request.getfixturevalue("redis_cache")
    path = _promise_page(published)
    made = site.get(path)
    reads = _reads(monkeypatch)
    assert site.served_by_layer(path)
    hit = site.get(path)
    assert reads == [[GENERATION], [GENERATION]]
    assert hit[2] == made[2]
    assert sorted(hit[1]) == sorted([*made[1], ("X-Page-Cache", "hit")])
    assert hit == site.get_from_django(path)


def test_a_page_another_process_stored_is_read_once_and_then_kept(
    site, published, monkeypatch
):
    path = _promise_page(published)
    site.get(path)
    public_page_local_clear()  # as a process that has not served it yet
    reads = _reads(monkeypatch)
    assert site.served_by_layer(path)
    assert site.served_by_layer(path)
    assert len(reads) == 2
    assert reads[0][0] == GENERATION
    assert _is_page(reads[0][1])
    assert reads[1] == [GENERATION]


def test_a_publication_in_another_process_makes_a_kept_page_stale_at_once(
    redis_cache, site, published
):
    path = _promise_page(published)
    site.get(path)
    assert site.served_by_layer(path)
    # Another process publishes: the shared generation goes up in Redis itself.
    redis_cache.incr(caches["default"].make_key(GENERATION))
    assert _made_again(site, path)
    assert site.served_by_layer(path)


def test_an_emptied_shared_cache_makes_kept_pages_stale(site, published):
    path = _promise_page(published)
    site.get(path)
    assert site.served_by_layer(path)
    # The generation starts again from the clock, a number no page was kept under.
    cache.clear()
    assert _made_again(site, path)


def test_a_redis_connection_the_server_closed_is_opened_again(
    redis_cache, site, published
):
    path = _promise_page(published)
    site.get(path)
    assert site.served_by_layer(path)
    kept = shared_cache._redis_connections[caches["default"]]
    address, port = kept._sock.getsockname()[:2]
    redis_cache.client_kill(f"{address}:{port}")
    assert site.served_by_layer(path)


def test_with_no_bytes_to_keep_every_hit_reads_the_page_from_the_shared_cache(
    site, published, settings, monkeypatch
):
    settings.PUBLIC_PAGE_CACHE_LOCAL_BYTES = 0
    path = _promise_page(published)
    site.get(path)
    reads = _reads(monkeypatch)
    assert site.served_by_layer(path)
    assert site.served_by_layer(path)
    assert [len(keys) for keys in reads] == [2, 2]


def test_a_page_larger_than_the_bytes_to_keep_is_read_from_the_shared_cache(
    site, published, settings, monkeypatch
):
    # robots.txt and its headers fit; the promise page does not.
    settings.PUBLIC_PAGE_CACHE_LOCAL_BYTES = 4000
    path = _promise_page(published)
    for address in ("/robots.txt", path):
        site.get(address)
        reads = _reads(monkeypatch)
        assert site.served_by_layer(address)
        assert site.served_by_layer(address)
        kept = address == "/robots.txt"
        assert [len(keys) for keys in reads] == ([1, 1] if kept else [2, 2])
        monkeypatch.undo()


def _stored(size: int) -> page_cache._Stored:
    return page_cache._Stored(
        generation=1,
        status=200,
        headers={},
        content=b"x" * size,
        has_token=False,
        gzipped=None,
    )


def test_the_least_recently_used_page_goes_first_when_the_bytes_run_out(settings):
    settings.PUBLIC_PAGE_CACHE_LOCAL_BYTES = 1000
    pages = page_cache._LocalPages()
    pages.put("a", _stored(400))
    pages.put("b", _stored(400))
    assert pages.get("a") is not None  # now used after b
    pages.put("c", _stored(400))
    assert pages.get("b") is None
    assert pages.get("a") is not None
    assert pages.get("c") is not None


def test_a_page_kept_again_is_counted_once(settings):
    settings.PUBLIC_PAGE_CACHE_LOCAL_BYTES = 1000
    pages = page_cache._LocalPages()
    for _ in range(3):
        pages.put("a", _stored(400))
    pages.put("b", _stored(400))
    assert pages.get("a") is not None
    assert pages.get("b") is not None


def test_a_page_larger_than_the_bytes_to_keep_is_not_kept_and_drops_nothing(
    settings,
):
    settings.PUBLIC_PAGE_CACHE_LOCAL_BYTES = 1000
    pages = page_cache._LocalPages()
    pages.put("a", _stored(400))
    pages.put("big", _stored(1001))
    assert pages.get("big") is None
    assert pages.get("a") is not None


def test_a_page_stored_under_other_settings_is_not_served(client, published, settings):
    client.get("/oversikt/")
    assert client.get("/oversikt/")["X-Frame-Options"] == "DENY"
    settings.X_FRAME_OPTIONS = "SAMEORIGIN"
    made = client.get("/oversikt/")
    assert "X-Page-Cache" not in made
    assert made["X-Frame-Options"] == "SAMEORIGIN"
    again = client.get("/oversikt/")
    assert again["X-Page-Cache"] == "hit"
    assert again["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SECURE_HSTS_SECONDS", 60),
        ("SECURE_REFERRER_POLICY", "no-referrer"),
        ("SECURE_CROSS_ORIGIN_OPENER_POLICY", "unsafe-none"),
        ("X_FRAME_OPTIONS", "SAMEORIGIN"),
        ("API_THROTTLE_RATE", "7/minute"),
        ("CONTENT_SECURITY_POLICY", {"DIRECTIVES": {"default-src": ["'none'"]}}),
        ("LANGUAGES", [("sv", "Svenska")]),
        ("MIDDLEWARE", ["loften.core.page_cache.PublicPageCacheMiddleware"]),
    ],
)
def test_the_key_changes_with_a_setting_that_shapes_a_stored_page(
    rf, settings, name, value
):
    request = rf.get("/oversikt/")
    before = page_cache._key(request)
    setattr(settings, name, value)
    assert page_cache._key(request) != before


def test_the_key_stays_with_a_setting_that_does_not_shape_a_page(rf, settings):
    request = rf.get("/oversikt/")
    before = page_cache._key(request)
    settings.EMAIL_HOST = "smtp.example.se"
    assert page_cache._key(request) == before


@pytest.mark.processes
def test_every_process_makes_the_same_keys(tmp_path):
    code = "from loften.core.page_cache import _fingerprint; print(_fingerprint())"
    found = {
        run_loften(
            "shell",
            "-v",
            "0",
            "-c",
            code,
            LOFTEN_VAR_DIR=str(tmp_path),
            PYTHONHASHSEED=seed,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(found) == 1
    assert len(found.pop().strip()) == 12


def test_with_redis_a_kept_api_answer_is_counted_in_the_same_round_trip(
    redis_cache, site, published, monkeypatch, settings
):
    settings.API_THROTTLE_RATE = "5/minute"
    path = f"/api/v1/promises/{published.promise.pk}/"
    made = site.get(path)
    trips: list[list[str]] = []
    send = shared_cache._redis_commands

    def recorded(backend, commands):
        trips.append([command[0] for command in commands])
        return send(backend, commands)

    monkeypatch.setattr(shared_cache, "_redis_commands", recorded)
    answers = [site.get(path) for _ in range(5)]
    # Each hit: one round trip with the generation and the count (the first
    # count of a window also sets when it ends).
    # The fifth was over the limit, and the API counted it again as it refused.
    assert [trip for trip in trips if trip != ["EXPIRE"]] == [
        *[["GET", "INCR"]] * 5,
        ["INCR"],
    ]
    assert [a[2] for a in answers[:4]] == [made[2]] * 4
    # Django counted the first request, so the sixth of the minute is refused.
    assert answers[4][0].startswith("429")
