"""/sitemap.xml lists every public page in both languages."""

import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from loften.public.sitemaps import _address
from loften.testing.public import (
    published_promise,
    sitemap_documents,
    sitemap_locations,
)

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def _locations(client) -> list[str]:
    return [unquote(location) for location in sitemap_locations(client)]


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
    root = ET.fromstring(sitemap_documents(client)[0])  # noqa: S314 - our own output
    first = root.find("s:url", NS)
    languages = {link.get("hreflang") for link in first.findall("x:link", NS)}
    assert languages == {"sv", "en", "x-default"}


def test_the_sitemap_is_built_once_per_publication(client):
    published_promise(activities=1, periods=0)
    for address in ("/sitemap.xml", "/sitemap-promises.xml"):
        first = client.get(address)
        assert first["X-Robots-Tag"] == "noindex, noodp, noarchive"
        with CaptureQueriesContext(connection) as captured:
            again = client.get(address)
        assert again.content == first.content
        assert len(captured) == 0


def test_the_index_names_sections_and_each_section_comes_in_pages(client, monkeypatch):
    from loften.public import sitemaps

    published = published_promise(activities=1, periods=3)
    monkeypatch.setattr(sitemaps.VersionSitemap, "limit", 2)
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    sections = [
        unquote(loc.text.removeprefix("http://testserver"))
        for loc in root.findall("s:sitemap/s:loc", NS)
    ]
    assert "/sitemap-pages.xml" in sections
    assert "/sitemap-promises.xml" in sections
    # Three earlier versions, one a page, each in both languages.
    assert [s for s in sections if s.startswith("/sitemap-versions.xml")] == [
        "/sitemap-versions.xml",
        "/sitemap-versions.xml?p=2",
        "/sitemap-versions.xml?p=3",
    ]
    slug = published.promise.slug
    for page, number in ((1, 1), (2, 2), (3, 3)):
        response = client.get("/sitemap-versions.xml", {"p": page})
        page_root = ET.fromstring(response.content)  # noqa: S314 - our own output
        locations = [
            unquote(loc.text.removeprefix("http://testserver"))
            for loc in page_root.findall("s:url/s:loc", NS)
        ]
        assert locations == [
            f"/lofte/{slug}/version/{number}/",
            f"/en/lofte/{slug}/version/{number}/",
        ]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    "slug", ["genererad-nässjö-2026", "malmö-stad-trygghet", "a b&c'(d)+é~:@"]
)
def test_section_addresses_are_those_reverse_gives(language, slug):
    with override(language):
        assert _address("public:promise", slug=slug) == reverse(
            "public:promise", kwargs={"slug": slug}
        )
        for name in ("public:promise_version", "public:promise_changes"):
            assert _address(name, slug=slug, number=12) == reverse(
                name, kwargs={"slug": slug, "number": 12}
            )
