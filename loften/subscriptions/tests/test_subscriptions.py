"""A citizen follows a municipality or a promise by e-mail: double opt-in, one
e-mail per publication, one-click unsubscribe that deletes the address."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from loften.subscriptions.models import Subscription
from loften.testing import factories
from loften.testing.workflow import promise_with_parties, publish_plan

pytestmark = pytest.mark.django_db

ADDRESS = "medborgare@example.invalid"


@pytest.fixture
def parties():
    parties = promise_with_parties()
    factories.ActivityFactory(promise=parties.promise)
    return parties


def _ask(client, capture, **target):
    with capture(execute=True):
        return client.post(
            reverse("subscriptions:subscribe"), {"email": ADDRESS, **target}
        )


def _link(body: str, name: str) -> str:
    return re.search(rf"http://[^\s]+/prenumerera/{name}/[^\s/]+/", body).group(0)


def _publish(parties, capture):
    with capture(execute=True):
        return publish_plan(parties)


def test_the_whole_lifecycle_of_a_municipality_subscription(
    client, parties, django_capture_on_commit_callbacks
):
    place = parties.promise.municipalities.get()
    response = _ask(client, django_capture_on_commit_callbacks, kommun=place.slug)
    assert response.status_code == 302
    (confirmation,) = mail.outbox
    assert confirmation.to == [ADDRESS]
    assert "Bekräfta" in confirmation.subject
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    mail.outbox.clear()

    # Not confirmed: a publication sends nothing.
    version = _publish(parties, django_capture_on_commit_callbacks)
    assert [m for m in mail.outbox if ADDRESS in m.to] == []

    confirm = _link(confirmation.body, "bekrafta").removeprefix("http://127.0.0.1:8000")
    assert "Bekräfta" in client.get(confirm).content.decode()
    assert Subscription.objects.get().confirmed_at is None  # GET confirms nothing
    client.post(confirm)
    assert Subscription.objects.get().is_confirmed

    mail.outbox.clear()
    from loften.subscriptions.tasks import subscribers_notify

    assert subscribers_notify.call(version.pk) == 1
    (news,) = mail.outbox
    assert news.to == [ADDRESS]
    assert parties.promise.title in news.subject
    assert "Löftet har publicerats." in news.body
    assert "Aktiviteter: 1." in news.body
    assert f"/lofte/{parties.promise.slug}/" in news.body
    unsubscribe = _link(news.body, "avsluta")
    assert news.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"

    # Unsubscribing works without logging in and deletes the address.
    path = unsubscribe.removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 200
    assert Subscription.objects.filter(email=ADDRESS).exists()
    response = client.post(path)
    assert response.status_code == 200
    assert not Subscription.objects.filter(email=ADDRESS).exists()


def test_a_mail_program_unsubscribes_with_one_post_without_a_csrf_token(parties):
    from django.test import Client

    subscription = Subscription.objects.create(
        email=ADDRESS, promise=parties.promise, token="t" * 43, language="sv"
    )
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("subscriptions:unsubscribe", args=[subscription.token]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_the_form_on_a_cached_public_page_needs_no_csrf_token(
    parties, django_capture_on_commit_callbacks
):
    from django.test import Client

    publish_plan(parties)
    strict = Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = strict.post(
            reverse("subscriptions:subscribe"),
            {"email": ADDRESS, "lofte": parties.promise.slug},
        )
    assert response.status_code == 302
    assert not Subscription.objects.get(email=ADDRESS).is_confirmed
    assert len(mail.outbox) == 1  # only the confirmation


def test_asking_again_while_confirmed_sends_nothing(
    client, parties, django_capture_on_commit_callbacks
):
    publish_plan(parties)
    Subscription.objects.create(
        email=ADDRESS,
        promise=parties.promise,
        token="x" * 43,
        language="sv",
        confirmed_at="2026-01-01T00:00:00Z",
    )
    response = _ask(
        client, django_capture_on_commit_callbacks, lofte=parties.promise.slug
    )
    assert response.status_code == 302
    assert mail.outbox == []
    assert Subscription.objects.count() == 1


def test_an_unpublished_promise_cannot_be_followed(
    client, parties, django_capture_on_commit_callbacks
):
    response = _ask(
        client, django_capture_on_commit_callbacks, lofte=parties.promise.slug
    )
    assert response.status_code == 404
    assert not Subscription.objects.exists()


def test_a_robot_filling_the_trap_gets_thanks_and_nothing_is_stored(
    client, parties, django_capture_on_commit_callbacks
):
    place = parties.promise.municipalities.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("subscriptions:subscribe"),
            {"email": ADDRESS, "kommun": place.slug, "webbplats": "http://spam"},
        )
    assert response.status_code == 302
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_one_address_may_ask_a_few_times_an_hour(client, parties):
    place = parties.promise.municipalities.get()
    url = reverse("subscriptions:subscribe")
    for number in range(5):
        data = {"email": f"a{number}@example.invalid", "kommun": place.slug}
        assert client.post(url, data).status_code == 302
    response = client.post(url, {"email": "b@example.invalid", "kommun": place.slug})
    assert response.status_code == 429
    assert Subscription.objects.count() == 5


def test_the_form_is_on_the_municipality_and_the_promise_pages(client, parties):
    publish_plan(parties)
    place = parties.promise.municipalities.get()
    for url in (f"/kommun/{place.slug}/", f"/lofte/{parties.promise.slug}/"):
        html = client.get(url).content.decode()
        assert 'action="/prenumerera/"' in html
        assert 'name="webbplats"' in html
    assert (
        "Vad vi sparar" in client.get(reverse("subscriptions:about")).content.decode()
    )


def test_unconfirmed_addresses_are_deleted_after_a_week(parties):
    import datetime

    from django.utils import timezone

    from loften.subscriptions.services import subscriptions_unconfirmed_purge

    Subscription.objects.create(
        email=ADDRESS, promise=parties.promise, token="y" * 43, language="sv"
    )
    assert subscriptions_unconfirmed_purge() == 0
    later = timezone.now() + datetime.timedelta(days=8)
    assert subscriptions_unconfirmed_purge(now=later) == 1
