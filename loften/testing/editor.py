"""Test support for the editors' workflow: a published promise to renew, and what
an anonymous visitor can see."""

import datetime
import re

from loften.promises.models import FocusArea, Promise
from loften.promises.services import activities as activity_services
from loften.promises.services import parts as part_services
from loften.publication.models import PublishedPromise

from .workflow import Parties, promise_with_parties, publish_plan

# The public pages an anonymous visitor reaches. When the public promise page
# exists, add its path here (e.g. lambda promise: f"/lofte/{promise.slug}/").
# The public pages where anything about a promise could show.
PUBLIC_PAGES = [
    lambda promise: "/",
    lambda promise: f"/lofte/{promise.slug}/",
    lambda promise: f"/kommun/{promise.municipalities.first().slug}/",
    lambda promise: "/flode/",
]


def published_promise(year: int, **promise_kwargs) -> Parties:
    """Last year's promise, published, with a commitment and two activities."""
    parties = promise_with_parties(
        start_date=datetime.date(year, 1, 1),
        end_date=datetime.date(year, 12, 31),
        title=f"Medborgarlöfte Testköping {year}",
        **promise_kwargs,
    )
    promise = parties.promise
    editor = parties.municipality_editor
    commitment = part_services.commitment_create(
        promise=promise, actor=editor, text="Vi ska öka tryggheten i centrum."
    )
    activity_services.activity_create(
        promise=promise,
        actor=editor,
        text="Fotpatrullera vid resecentrum fredag och lördag kväll.",
        focus_area=FocusArea.objects.get(slug="trafik"),
        commitment=commitment,
        responsible_police=True,
        target_comparator="at_least",
        target_value=40,
        target_unit="patrulleringar",
        place="Resecentrum",
    )
    activity_services.activity_create(
        promise=promise,
        actor=editor,
        text="Samverkansmöten mellan skola, socialtjänst och polis.",
        responsible_police=True,
        responsible_municipality=True,
    )
    part_services.situation_source_create(
        promise=promise, actor=editor, kind="survey", title="Trygghetsmätningen"
    )
    publish_plan(parties)
    return parties


def public_text_from_client(client, promise: Promise) -> str:
    """Everything an anonymous visitor reads on the public pages about `promise`,
    fetched with Django's test client (logged out)."""
    client.logout()
    texts = []
    for page in PUBLIC_PAGES:
        response = client.get(page(promise))
        if response.status_code != 200:
            raise AssertionError(f"{page(promise)} answered {response.status_code}")
        texts.append(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return " ".join(" ".join(texts).split())


def public_text_from_browser(tab, base_url: str, promise: Promise) -> str:
    """The same, read in a browser tab that is not signed in."""
    texts = []
    for page in PUBLIC_PAGES:
        tab.goto(base_url + page(promise))
        texts.append(re.sub(r"<[^>]+>", " ", tab.content()))
    return " ".join(" ".join(texts).split())


def published_titles() -> list[str]:
    return list(PublishedPromise.objects.values_list("title", flat=True))
