"""Whole public pages from the cache: only for visitors without a session, with a
CSRF token of the visitor's own, per language, and stale after a publication."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test.utils import CaptureQueriesContext

from loften.core.cache import public_cache_invalidate
from loften.followups.services import followup_save
from loften.testing.factories import status, tertial
from loften.testing.public import published_promise
from loften.testing.workflow import publish_period

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


@pytest.fixture
def published():
    return published_promise(activities=2, periods=1)


def _page(published) -> str:
    return f"/lofte/{published.promise.slug}/"


def test_an_anonymous_visitor_gets_the_stored_page_without_a_query(client, published):
    first = client.get(_page(published))
    assert first.status_code == 200
    assert "X-Page-Cache" not in first
    with CaptureQueriesContext(connection) as captured:
        again = client.get(_page(published))
    assert again["X-Page-Cache"] == "hit"
    assert len(captured) == 0
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["Content-Type"] == first["Content-Type"]
    assert "Cookie" in again["Vary"]


@pytest.mark.urls("loften.core.tests.urls_with_form")
def test_each_visitor_gets_a_csrf_token_of_their_own(client, published):
    from django.test import Client

    client.get("/sida-med-formular/")
    other = Client()
    response = other.get("/sida-med-formular/")
    assert response["X-Page-Cache"] == "hit"
    token = TOKEN.search(response.content.decode()).group(1)
    secret = other.cookies["csrftoken"].value
    assert _unmask_cipher_token(token) == secret
    assert "\x00" not in response.content.decode()
    # The language switcher works with it.
    switched = other.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302


def test_a_signed_in_editor_never_gets_a_stored_page(client, published):
    client.get(_page(published))
    editor = published.parties.municipality_editor
    client.force_login(editor)
    for _ in range(2):
        response = client.get(_page(published))
        assert "X-Page-Cache" not in response
        assert editor.display_name in response.content.decode()
    # What the editor saw is not stored for anonymous visitors either.
    client.logout()
    client.cookies.pop("sessionid", None)
    anonymous = client.get(_page(published))
    assert editor.display_name not in anonymous.content.decode()


def test_the_page_is_stored_per_language(client, published):
    swedish = client.get("/oversikt/")
    english = client.get("/en/oversikt/")
    assert swedish.content != english.content
    assert client.get("/en/oversikt/")["X-Page-Cache"] == "hit"
    assert 'lang="en"' in client.get("/en/oversikt/").content.decode()
    assert 'lang="sv"' in client.get("/oversikt/").content.decode()


def test_a_publication_makes_stored_pages_stale(
    client, published, django_capture_on_commit_callbacks
):
    before = client.get(_page(published))
    assert client.get(_page(published))["X-Page-Cache"] == "hit"
    period = tertial(2026, 2)
    for activity in published.activities:
        followup_save(
            activity=activity,
            period=period,
            actor=published.parties.municipality_editor,
            expected_version=None,
            status=status(),
            text="Tre trygghetsvandringar gjordes under andra tertialen.",
            quantity=3 if activity.has_target else None,
        )
    with django_capture_on_commit_callbacks(execute=True):
        publish_period(published.parties, period)
    after = client.get(_page(published))
    assert "X-Page-Cache" not in after
    assert after.content != before.content
    assert "Tre trygghetsvandringar gjordes under andra tertialen." in (
        after.content.decode()
    )


def test_posts_forms_with_errors_and_redirects_are_not_stored(client, published):
    response = client.post("/tillganglighet/rapportera-problem/", {})
    assert response.status_code == 200
    again = client.post("/tillganglighet/rapportera-problem/", {})
    assert "X-Page-Cache" not in again
    client.get("/kommuner/", {"q": "Nässjö"})
    assert "X-Page-Cache" not in client.get("/kommuner/", {"q": "Nässjö"})


def test_a_visitor_with_messages_waiting_gets_a_fresh_page(client, published):
    client.get("/tillganglighet/")
    client.cookies["messages"] = "something"
    assert "X-Page-Cache" not in client.get("/tillganglighet/")


def test_the_cache_can_be_switched_off(client, published, settings):
    settings.PUBLIC_CACHE = settings.PUBLIC_PAGE_CACHE = False
    client.get(_page(published))
    with CaptureQueriesContext(connection) as captured:
        again = client.get(_page(published))
    assert "X-Page-Cache" not in again
    assert len(captured) > 0


def _cache_calls(monkeypatch) -> list[str]:
    """The calls made to the cache from outside it, recorded from now on."""
    backend = caches["default"]
    calls: list[str] = []
    depth = [0]
    for name in ("get", "get_many", "set", "add", "incr", "delete"):
        original = getattr(backend, name)

        def recorded(*args, _original=original, _name=name, **kwargs):
            if not depth[0]:
                calls.append(_name)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(backend, name, recorded)
    return calls


def test_a_hit_asks_the_cache_once(client, published, monkeypatch):
    client.get(_page(published))
    calls = _cache_calls(monkeypatch)
    assert client.get(_page(published))["X-Page-Cache"] == "hit"
    assert calls == ["get_many"]


def test_a_page_stored_before_the_generation_changed_is_made_again(client, published):
    client.get("/oversikt/")
    assert client.get("/oversikt/")["X-Page-Cache"] == "hit"
    public_cache_invalidate()
    assert "X-Page-Cache" not in client.get("/oversikt/")
    assert client.get("/oversikt/")["X-Page-Cache"] == "hit"


def test_a_page_without_a_form_is_served_as_stored_without_a_csrf_cookie(
    client, published
):
    from django.test import Client

    client.get("/oversikt/")
    first, second = Client(), Client()
    one = first.get("/oversikt/")
    other = second.get("/oversikt/")
    assert one["X-Page-Cache"] == other["X-Page-Cache"] == "hit"
    assert one.content == other.content
    assert "csrfmiddlewaretoken" not in one.content.decode()
    assert "csrftoken" not in first.cookies


@pytest.mark.parametrize("page", ["promise", "municipality"])
def test_a_page_with_the_subscription_form_is_served_as_stored_too(
    client, published, page
):
    from django.test import Client

    path = (
        _page(published)
        if page == "promise"
        else f"/kommun/{published.promise.municipalities.first().slug}/"
    )
    client.get(path)
    first, second = Client(), Client()
    one = first.get(path)
    other = second.get(path)
    assert one["X-Page-Cache"] == other["X-Page-Cache"] == "hit"
    assert 'action="/prenumerera/' in one.content.decode()
    assert one.content == other.content
    assert "csrftoken" not in first.cookies
