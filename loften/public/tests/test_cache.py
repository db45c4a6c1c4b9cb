"""Public page data is cached per language and dropped when something is published."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from loften.core.cache import public_cache_invalidate, public_cache_key
from loften.followups.services import followup_save
from loften.promises.models import FocusArea
from loften.testing import factories
from loften.testing.public import published_promise
from loften.testing.workflow import publish_period

pytestmark = pytest.mark.django_db


def test_publishing_a_followup_shows_at_once_on_a_cached_page(
    client, django_capture_on_commit_callbacks
):
    published = published_promise(activities=1, periods=1, quantity=1)
    url = f"/lofte/{published.promise.slug}/"
    assert "1 av minst 4" in client.get(url).content.decode()
    parties = published.parties
    period = factories.tertial(2026, 2)
    followup_save(
        activity=published.activities[0],
        period=period,
        actor=parties.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text="Tre till",
        quantity=3,
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish_period(parties, period)
    assert "4 av minst 4" in client.get(url).content.decode()


def test_languages_are_cached_apart(client):
    published = published_promise(activities=1, periods=1)
    url = f"/lofte/{published.promise.slug}/"
    assert "Fokusområden och aktiviteter" in client.get(url).content.decode()
    english = client.get("/en" + url).content.decode()
    assert "Focus areas and activities" in english
    assert "Tertial 1 2026" in english


def test_a_signed_in_user_gets_cached_content_in_their_own_page_shell(client):
    published = published_promise(activities=1, periods=1)
    url = f"/lofte/{published.promise.slug}/"
    client.get(url)
    editor = published.parties.municipality_editor
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    assert editor.display_name in html
    # Only the session and the user are read; the page's data comes from the cache.
    assert all(
        "publication_" not in query["sql"] for query in captured.captured_queries
    )
    client.logout()
    assert editor.display_name not in client.get(url).content.decode()


def test_a_publication_signal_makes_every_key_new():
    with translation.override("sv"):
        before = public_cache_key("promise", "slug")
        public_cache_invalidate(sender=None, promise_id=1, version_id=1)
        assert public_cache_key("promise", "slug") != before


def test_a_lost_generation_never_brings_old_entries_back():
    with translation.override("sv"):
        before = public_cache_key("promise", "slug")
        cache.delete("public:generation")
        assert public_cache_key("promise", "slug") != before


def test_changed_contact_details_show_at_once_on_a_cached_municipality_page(
    client, django_capture_on_commit_callbacks
):
    published = published_promise(activities=1, periods=0)
    place = published.promise.municipalities.get()
    url = f"/kommun/{place.slug}/"
    assert "https://synpunkter.example.se/" not in client.get(url).content.decode()
    organisation = published.parties.municipality
    organisation.feedback_url = "https://synpunkter.example.se/"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    assert "https://synpunkter.example.se/" in client.get(url).content.decode()


def test_a_changed_police_area_mapping_shows_at_once(
    client, django_capture_on_commit_callbacks
):
    published = published_promise(activities=1, periods=0)
    place = published.promise.municipalities.get()
    url = f"/kommun/{place.slug}/"
    area = factories.PoliceAreaFactory(name="Lokalpolisområde Nytt")
    assert "Lokalpolisområde Nytt" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        area.municipalities.add(place)
    assert "Lokalpolisområde Nytt" in client.get(url).content.decode()


@pytest.mark.parametrize("model", ["municipality", "focus_area", "police_area"])
def test_saving_or_deleting_reference_data_makes_every_key_new(
    model, django_capture_on_commit_callbacks
):
    instance = {
        "municipality": lambda: factories.municipality(),
        "focus_area": lambda: FocusArea.objects.get(slug="trafik"),
        "police_area": lambda: factories.PoliceAreaFactory(),
    }[model]()
    with translation.override("sv"):
        before = public_cache_key("overview", "2026")
        with django_capture_on_commit_callbacks(execute=True):
            instance.save()
        saved = public_cache_key("overview", "2026")
        assert saved != before
        if model == "police_area":
            with django_capture_on_commit_callbacks(execute=True):
                instance.delete()
            assert public_cache_key("overview", "2026") != saved


def test_reference_data_changes_invalidate_only_once_committed():
    before = public_cache_key("overview", "2026")
    FocusArea.objects.get(slug="trafik").save()  # the transaction is not committed
    assert public_cache_key("overview", "2026") == before
