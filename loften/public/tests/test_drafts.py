"""Drafts never leak: every public page, feed, search result and sitemap entry
shows only what was published."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from loften.followups.services import followup_save
from loften.geography.models import Municipality
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import promise as promise_services
from loften.publication import services as publication
from loften.testing import factories
from loften.testing.public import published_promise, sitemap_locations
from loften.testing.workflow import promise_with_parties

pytestmark = pytest.mark.django_db

SECRETS = [
    "Hemligtutkastlöfte",
    "Hemliglägesbild",
    "Hemligaktivitet",
    "Hemliguppföljning",
    "Hemligändring",
    "Granskningslöfte",
    "Hemligteffektmått",
]


@pytest.fixture
def drafts():
    """A published promise with unpublished edits, and two unpublished promises."""
    published = published_promise(activities=2, periods=1)
    parties = published.parties
    editor = parties.municipality_editor
    promise_services.promise_update(
        promise=parties.promise,
        actor=editor,
        situation_summary="Hemliglägesbild som ingen har godkänt.",
    )
    activity_services.activity_create(
        promise=parties.promise,
        actor=editor,
        text="Hemligaktivitet i utkastet",
        responsible_police=True,
    )
    followup_save(
        activity=published.activities[0],
        period=published.periods[0],
        actor=editor,
        expected_version=1,
        text="Hemligändring av en publicerad uppföljning",
        quantity=99,
    )
    unpublished_measure = indicator_services.indicator_create(
        promise=parties.promise,
        actor=editor,
        name="Hemligteffektmått i utkastet",
        source="Trygghetsmätningen",
        unit="%",
        direction="decrease",
    )
    indicator_services.indicator_value_set(
        indicator=unpublished_measure, actor=editor, year=2026, value=12
    )
    next_period = factories.tertial(2026, 2)
    followup_save(
        activity=published.activities[1],
        period=next_period,
        actor=editor,
        expected_version=None,
        text="Hemliguppföljning för en period som inte är publicerad",
    )
    never = factories.PromiseFactory(
        title="Hemligtutkastlöfte", slug="hemligt-utkast", municipalities=[]
    )
    never.municipalities.set([Municipality.objects.get(code="0604")])
    factories.ActivityFactory(promise=never, text="Hemligaktivitet i ett utkast")
    in_review = promise_with_parties(
        title="Granskningslöfte",
        slug="granskning",
        municipalities=[Municipality.objects.get(code="0686")],
    )
    activity_services.activity_create(
        promise=in_review.promise,
        actor=in_review.municipality_editor,
        text="Granskningslöfte aktivitet",
        responsible_municipality=True,
    )
    publication.promise_submit_for_review(
        promise=in_review.promise, actor=in_review.municipality_editor
    )
    return published


def _sitemap_paths(client) -> list[str]:
    return sitemap_locations(client)


def _assert_no_secret(response, where):
    assert response.status_code in (200, 302, 404), where
    text = response.content.decode().lower()
    for secret in SECRETS:
        assert secret.lower() not in text, f"{secret} leaked on {where}"


def test_no_public_page_feed_or_sitemap_entry_shows_a_draft(client, drafts):
    paths = _sitemap_paths(client)
    assert f"/lofte/{drafts.promise.slug}/" in paths
    assert "/kommun/nässjö/" in _decoded(paths)
    extra = [
        "/sitemap.xml",
        "/robots.txt",
        reverse("public:feed"),
        "/en" + reverse("public:feed"),
        reverse("public:municipality_feed", kwargs={"slug": "nässjö"}),
        reverse("public:municipality_feed", kwargs={"slug": "aneby"}),
        reverse("public:municipality_feed", kwargs={"slug": "eksjö"}),
        "/kommun/aneby/",
        "/kommun/eksjö/",
        "/kommuner/?q=an",
        "/loften/?ar=2026",
        "/oversikt/?ar=2026",
        # Search by filters alone lists every entry they allow.
        "/sok/?ar=2026",
        "/sok/?ansvarig=polisen",
    ]
    for path in paths + extra:
        _assert_no_secret(client.get(path), path)


def _decoded(paths):
    return [unquote(path) for path in paths]


def test_unpublished_promises_have_no_page_and_no_sitemap_entry(client, drafts):
    assert client.get("/lofte/hemligt-utkast/").status_code == 404
    assert client.get("/lofte/granskning/").status_code == 404
    paths = _decoded(_sitemap_paths(client))
    assert not any("hemligt-utkast" in p or "granskning" in p for p in paths)
    assert "/kommun/aneby/" not in paths


def test_search_never_finds_draft_text(client, drafts):
    for word in [*SECRETS, "utkastet", "godkänt"]:
        html = client.get("/sok/", {"q": word}).content.decode()
        # The query itself is repeated in the form; the hits are what matter.
        results = html.split('aria-labelledby="results-heading"', 1)[1]
        assert "0 medborgarlöften matchar." in results, word
        assert 'class="search-result"' not in results, word


def test_the_published_figures_stay_as_published(client, drafts):
    html = client.get(f"/lofte/{drafts.promise.slug}/").content.decode()
    assert "3 av minst 4" in html
    assert "99 av minst 4" not in html


def test_every_version_page_shows_only_what_that_version_published(client, drafts):
    for number in range(1, drafts.version.number):
        path = f"/lofte/{drafts.promise.slug}/version/{number}/"
        _assert_no_secret(client.get(path), path)
