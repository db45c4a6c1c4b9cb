"""/sitemap.xml lists every public page in both languages."""

import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loften.testing.public import published_promise

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def _locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    return [
        unquote(loc.text.removeprefix("http://testserver"))
        for loc in root.findall("s:url/s:loc", NS)
    ]


def test_the_sitemap_lists_the_fixed_pages_in_both_languages(client):
    locations = _locations(client)
    for path in [
        "/",
        "/kommuner/",
        "/loften/",
        "/oversikt/",
        "/sok/",
        "/tillganglighet/",
        "/tillganglighet/rapportera-problem/",
    ]:
        assert path in locations
        assert "/en" + path in locations
    assert "/lan/jönköpings-län/" in locations
    assert sum(1 for p in locations if p.startswith("/lan/")) == 21


def test_the_sitemap_lists_promises_their_earlier_versions_and_their_places(client):
    published = published_promise(activities=1, periods=2)
    locations = _locations(client)
    slug = published.promise.slug
    assert f"/lofte/{slug}/" in locations
    assert f"/lofte/{slug}/version/1/" in locations
    assert f"/lofte/{slug}/version/2/" in locations
    # The latest version is the promise page itself.
    assert f"/lofte/{slug}/version/3/" not in locations
    assert "/kommun/nässjö/" in locations
    assert "/en/kommun/nässjö/" in locations
    # Municipalities without a promise have a noindex page and no entry.
    assert "/kommun/aneby/" not in locations


def test_entries_name_their_other_language(client):
    published_promise(activities=1, periods=0)
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    first = root.find("s:url", NS)
    languages = {link.get("hreflang") for link in first.findall("x:link", NS)}
    assert languages == {"sv", "en", "x-default"}


def test_the_sitemap_is_built_once_per_publication(client):
    published_promise(activities=1, periods=0)
    first = client.get("/sitemap.xml")
    assert first["X-Robots-Tag"] == "noindex, noodp, noarchive"
    with CaptureQueriesContext(connection) as captured:
        again = client.get("/sitemap.xml")
    assert again.content == first.content
    assert len(captured) == 0
