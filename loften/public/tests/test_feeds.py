"""Atom feeds of new publications."""

import xml.etree.ElementTree as ET

import pytest

from loften.geography.models import Municipality
from loften.testing.public import published_promise

pytestmark = pytest.mark.django_db

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def _entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    return root, root.findall("a:entry", ATOM)


def test_the_national_feed_lists_every_publication_newest_first(client):
    nassjo = published_promise(activities=1, periods=2)
    aneby = published_promise(
        activities=1, periods=0, municipality=Municipality.objects.get(code="0604")
    )
    root, entries = _entries(client, "/flode/")
    assert root.find("a:title", ATOM).text == "Medborgarlöften: nya publiceringar"
    titles = [e.find("a:title", ATOM).text for e in entries]
    assert titles[0] == f"{aneby.promise.title}: Medborgarlöftet publicerades"
    assert f"{nassjo.promise.title}: Uppföljning för tertial 2 2026" in titles
    assert len(entries) == 4
    ids = {e.find("a:id", ATOM).text for e in entries}
    assert f"tag:127.0.0.1,2026:promise-{nassjo.promise.pk}-v3" in ids
    link = entries[0].find("a:link", ATOM).get("href")
    assert link.endswith(f"/lofte/{aneby.promise.slug}/version/1/")


def test_a_municipality_feed_has_only_its_own_publications(client):
    published_promise(activities=1, periods=1)
    aneby = published_promise(
        activities=1, periods=0, municipality=Municipality.objects.get(code="0604")
    )
    root, entries = _entries(client, "/flode/kommun/aneby/")
    assert "Aneby" in root.find("a:title", ATOM).text
    assert [e.find("a:title", ATOM).text for e in entries] == [
        f"{aneby.promise.title}: Medborgarlöftet publicerades"
    ]


def test_the_english_feed_is_in_english(client):
    published_promise(activities=1, periods=1)
    root, _ = _entries(client, "/en/flode/")
    assert root.find("a:title", ATOM).text == "Citizen promises: new publications"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_an_unknown_municipality_has_no_feed(client):
    assert client.get("/flode/kommun/atlantis/").status_code == 404
