"""The page cache's WSGI layer: a current stored page answered before Django, the
same byte for byte as Django's answer, and everything else left to Django."""

import gzip
import urllib.parse

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from loften.core import page_cache
from loften.core.cache import public_cache_invalidate
from loften.core.page_cache import PublicPageCacheApplication
from loften.followups.services import followup_save
from loften.testing.factories import status, tertial
from loften.testing.public import published_promise
from loften.testing.workflow import publish_period
from loften.testing.wsgi import header

pytestmark = pytest.mark.django_db

TEXT = "Fem trygghetsvandringar gjordes under andra tertialen."


@pytest.fixture
def published():
    return published_promise(activities=2, periods=1)


def _promise_page(published) -> str:
    return f"/lofte/{published.promise.slug}/"


def _municipality_page(published) -> str:
    slug = published.promise.municipalities.first().slug
    return "/kommun/" + urllib.parse.quote(slug) + "/"


def test_a_hit_is_the_same_byte_for_byte_as_djangos_answer(site, published):
    for path in ("/", "/oversikt/", _promise_page(published), "/flode/"):
        made = site.get(path)
        assert site.served_by_layer(path)
        hit = site.get(path)
        from_django = site.get_from_django(path)
        assert hit == from_django
        status, headers, body = hit
        assert status == "200 OK"
        # Every header Django's middleware gives the page, stored with it.
        for name in (
            "Content-Type",
            "Content-Security-Policy",
            "X-Frame-Options",
            "Referrer-Policy",
            "X-Content-Type-Options",
            "Cross-Origin-Opener-Policy",
            "Strict-Transport-Security",
            "Content-Language",
            "Vary",
        ):
            assert header(headers, name), (path, name)
        assert header(headers, "X-Page-Cache") == "hit"
        assert header(headers, "Content-Length") == str(len(body))
        assert not header(headers, "Set-Cookie")
        # And the page Django made, but for the cache's own mark.
        assert made[0] == status
        assert made[2] == body
        assert sorted(made[1]) == sorted(h for h in headers if h[0] != "X-Page-Cache")


def test_with_redis_a_hit_is_djangos_answer_and_a_publication_makes_it_stale(
    redis_cache, site, published
):
    path = _promise_page(published)
    made = site.get(path)
    assert site.served_by_layer(path)
    hit = site.get(path)
    assert hit == site.get_from_django(path)
    assert hit[2] == made[2]
    public_cache_invalidate()
    assert not site.served_by_layer(path)
    assert site.served_by_layer(path)


def test_a_head_request_and_a_conditional_one_are_answered_as_django_answers(
    site, published
):
    site.get("/flode/")
    _, headers, _ = site.get("/flode/")
    validators = {
        "If-None-Match": '"anything"',
        "If-Modified-Since": header(headers, "Last-Modified") or "",
    }
    for name, value in validators.items():
        extra = {name.replace("-", "_"): value}
        assert site.served_by_layer("/flode/", **extra)
        assert site.get("/flode/", **extra) == site.get_from_django("/flode/", **extra)
    assert site.served_by_layer("/flode/", method="HEAD")
    assert site.get("/flode/", method="HEAD") == site.get_from_django(
        "/flode/", method="HEAD"
    )


def test_an_address_outside_ascii_is_served_and_passed_on_unchanged(site, published):
    path = _municipality_page(published)
    assert "%C3" in path
    # Django got the address as the server gave it, after the layer read it.
    status, _, made = site.get(path)
    assert status == "200 OK"
    assert published.promise.municipalities.first().name in made.decode()
    assert site.served_by_layer(path)
    assert site.get(path)[2] == made


def test_a_session_a_signed_in_editor_or_messages_go_to_django(site, published):
    path = _promise_page(published)
    site.get(path)
    assert site.served_by_layer(path)
    assert not site.served_by_layer(path, cookie="sessionid=whatever")
    assert not site.served_by_layer(path, cookie="messages=something")
    editor = published.parties.municipality_editor
    client = Client()
    client.force_login(editor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    _, headers, body = site.get(path, cookie=cookie)
    assert editor.display_name in body.decode()
    assert not header(headers, "X-Page-Cache")
    # What the editor saw is not stored for anonymous visitors either.
    assert editor.display_name not in site.get(path)[2].decode()


def test_a_post_another_language_an_unknown_query_or_htmx_go_to_django(site, published):
    site.get("/oversikt/")
    assert site.served_by_layer("/oversikt/")
    assert not site.served_by_layer("/oversikt/", method="POST")
    for other in ("/en/oversikt/", "/oversikt/?okand=1"):
        assert not site.served_by_layer(other)
        assert site.served_by_layer(other)  # stored by Django, on its own
    assert not site.served_by_layer("/oversikt/", hx_request="true")
    assert b'lang="en"' in site.get("/en/oversikt/")[2]
    assert b'lang="sv"' in site.get("/oversikt/")[2]


def test_a_host_django_refuses_is_refused_by_django(site, published):
    site.get("/oversikt/")
    status, _, _ = site.get("/oversikt/", host="evil.example")
    assert status.startswith("400")
    assert site.django_calls == 2


def test_a_stale_page_goes_to_django_and_a_publication_shows_at_once(
    site, published, django_capture_on_commit_callbacks
):
    path = _promise_page(published)
    site.get(path)
    assert site.served_by_layer(path)
    public_cache_invalidate()
    assert not site.served_by_layer(path)
    assert site.served_by_layer(path)
    period = tertial(2026, 2)
    for activity in published.activities:
        followup_save(
            activity=activity,
            period=period,
            actor=published.parties.municipality_editor,
            expected_version=None,
            status=status(),
            text=TEXT,
            quantity=5 if activity.has_target else None,
        )
    with django_capture_on_commit_callbacks(execute=True):
        publish_period(published.parties, period)
    assert not site.served_by_layer(path)
    _, headers, body = site.get(path)
    assert TEXT in body.decode()
    assert header(headers, "X-Page-Cache") == "hit"


def test_a_miss_asks_the_cache_once_and_a_static_file_never(
    site, published, monkeypatch
):
    backend = caches["default"]
    calls = []
    get_many = backend.get_many

    def counted(keys, *args, **kwargs):
        calls.append(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", counted)
    site.get("/oversikt/")
    # The layer asks for the page, and the middleware takes what it read; the
    # view reads the generation for its data's keys.
    asked = [keys for keys in calls if any(k.startswith("public-page:") for k in keys)]
    assert len(asked) == 1
    calls.clear()
    built = []
    monkeypatch.setattr(
        page_cache, "WSGIRequest", lambda environ: built.append(environ)
    )
    site.get("/static/core/css/loften.css")
    assert calls == []
    assert built == []  # the layer does not even read the request


@pytest.mark.urls("loften.core.tests.urls_with_form")
def test_a_page_with_a_csrf_token_is_answered_by_django_with_a_token_of_its_own(
    site, published
):
    site.get("/sida-med-formular/")
    assert not site.served_by_layer("/sida-med-formular/")
    _, headers, body = site.get("/sida-med-formular/")
    assert header(headers, "X-Page-Cache") == "hit"
    assert "csrftoken=" in header(headers, "Set-Cookie")
    assert b"csrfmiddlewaretoken" in body
    assert b"\x00" not in body


def test_the_cache_switched_off_switches_the_layer_off(site, published, settings):
    settings.PUBLIC_CACHE = settings.PUBLIC_PAGE_CACHE = False
    site.get("/oversikt/")
    assert not site.served_by_layer("/oversikt/")


def test_the_served_application_has_the_layer_in_front_of_django():
    from config.wsgi import application

    assert isinstance(application, PublicPageCacheApplication)
    assert isinstance(application.application, WSGIHandler)


BROWSER_ENCODINGS = "gzip, deflate, br, zstd"


def test_a_browser_that_accepts_gzip_gets_the_stored_page_compressed(site, published):
    for path in (_promise_page(published), "/sitemap.xml", "/flode/"):
        made = site.get(path, accept_encoding=BROWSER_ENCODINGS)
        assert not header(made[1], "Content-Encoding")  # Django's own answer
        assert site.served_by_layer(path, accept_encoding=BROWSER_ENCODINGS)
        status, headers, body = site.get(path, accept_encoding=BROWSER_ENCODINGS)
        assert status == "200 OK"
        assert header(headers, "Content-Encoding") == "gzip"
        assert header(headers, "Content-Length") == str(len(body))
        assert gzip.decompress(body) == made[2]
        assert len(body) < len(made[2]) / 2
        vary = {part.strip() for part in header(headers, "Vary").split(",")}
        assert {"Accept-Encoding", "Cookie"} <= vary
        # Django's middleware answers a hit the same way.
        assert site.get_from_django(path, accept_encoding=BROWSER_ENCODINGS) == (
            status,
            headers,
            body,
        )
        # A client that does not ask for gzip gets the page as made.
        for encodings in (None, "identity", "br"):
            extra = {} if encodings is None else {"accept_encoding": encodings}
            plain = site.get(path, **extra)
            assert not header(plain[1], "Content-Encoding"), encodings
            assert plain[2] == made[2]


@pytest.mark.urls("loften.core.tests.urls_with_form")
def test_a_page_with_a_csrf_token_is_never_compressed(site, published):
    site.get("/sida-med-formular/", accept_encoding="gzip")
    for answer in (
        site.get("/sida-med-formular/", accept_encoding="gzip"),
        site.get_from_django("/sida-med-formular/", accept_encoding="gzip"),
    ):
        _, headers, body = answer
        assert header(headers, "X-Page-Cache") == "hit"
        assert not header(headers, "Content-Encoding")
        assert b"csrfmiddlewaretoken" in body


def test_an_api_answer_from_the_cache_counts_against_the_rate_limit(
    site, published, settings
):
    settings.API_THROTTLE_RATE = "3/minute"
    path = "/api/v1/promises/"
    made = site.get(path)  # Django's answer, counted by the API's throttle
    assert made[0] == "200 OK"
    assert site.served_by_layer(path)  # the second request of the minute
    status, headers, body = site.get(path)  # the third
    assert (status, header(headers, "X-Page-Cache")) == ("200 OK", "hit")
    assert body == made[2]
    assert header(headers, "Access-Control-Allow-Origin") == "*"
    # The fourth is over the limit: the layer leaves it to the API, which refuses.
    before = site.django_calls
    status, headers, body = site.get(path)
    assert site.django_calls == before + 1
    assert status.startswith("429")
    assert int(header(headers, "Retry-After")) > 0
    assert not header(headers, "X-Page-Cache")


def test_an_api_answer_is_served_from_the_cache_to_every_client_when_unlimited(
    site, published, settings
):
    settings.API_THROTTLE_RATE = ""
    path = f"/api/v1/promises/{published.promise.pk}/"
    made = site.get(path)
    assert all(site.served_by_layer(path) for _ in range(10))
    assert site.get(path)[2] == made[2]


def test_django_counts_the_api_answers_it_gives_from_the_cache(
    client, published, settings
):
    settings.API_THROTTLE_RATE = "2/minute"
    answers = [client.get("/api/v1/promises/") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[1]["X-Page-Cache"] == "hit"
    assert answers[1].content == answers[0].content
