"""Content (written in Swedish by the parties) is marked lang="sv" wherever it
appears inside the English interface (WCAG 3.1.2, language of parts)."""

import datetime
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from loften.followups.services import followup_save, reporting_periods_ensure
from loften.promises.models import FocusArea
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.testing import factories
from loften.testing.workflow import promise_with_parties, publish_period, publish_plan

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
VOID |= {"source", "track", "wbr"}


class _TextLanguages(HTMLParser):
    """Every text node of the page's body with the language it is in (the nearest
    lang attribute). Charts are left out: an SVG's title and description are its
    accessible name, which has no language of parts."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []
        self.in_body = False

    def _language(self) -> str:
        return next((lang for _tag, lang in reversed(self.stack) if lang), "")

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.in_body and data.strip() and all(t != "svg" for t, _ in self.stack):
            self.texts.append((data.strip(), self._language()))


def _languages_of(html: str, text: str) -> set[str]:
    parser = _TextLanguages()
    parser.feed(html)
    found = {lang for data, lang in parser.texts if text in data}
    assert found, f"{text!r} is not on the page"
    return found


CONTENT = [
    "Medborgarlöfte Höglandet 2026",
    "Vi ska minska skadegörelsen.",
    "Genomföra riktade trafikkontroller",
    "Resecentrum",
    "trafikkontroller",
    "Nattvandrarna i Nässjö",
    "Trafik",
    "Kontrollerna gjordes vid skolorna.",
    "Anmälda brott",
    "Polisens statistik",
    "Kommunstyrelsens ordförande",
]


@pytest.fixture
def promise():
    parties = promise_with_parties(
        municipalities=[factories.municipality()], title="Medborgarlöfte Höglandet 2026"
    )
    editor = parties.municipality_editor
    partner = factories.OrganisationFactory(name="Nattvandrarna i Nässjö")
    commitment = part_services.commitment_create(
        promise=parties.promise, actor=editor, text="Vi ska minska skadegörelsen."
    )
    activity = activity_services.activity_create(
        promise=parties.promise,
        actor=editor,
        text="Genomföra riktade trafikkontroller",
        focus_area=FocusArea.objects.get(slug="trafik"),
        commitment=commitment,
        responsible_police=True,
        partners=[partner],
        target_comparator="at_least",
        target_value=10,
        target_unit="trafikkontroller",
        place="Resecentrum",
    )
    indicator = indicator_services.indicator_create(
        promise=parties.promise,
        actor=editor,
        name="Anmälda brott",
        source="Polisens statistik",
        unit="brott",
        direction="decrease",
    )
    indicator_services.indicator_value_set(
        indicator=indicator, actor=editor, year=2025, value=12
    )
    part_services.signatory_create(
        promise=parties.promise,
        actor=editor,
        name="Per Holm",
        title="Kommunstyrelsens ordförande",
        organisation="Nässjö kommun",
    )
    publish_plan(parties)
    period = reporting_periods_ensure(promise=parties.promise)[0]
    followup_save(
        activity=activity,
        period=period,
        actor=editor,
        expected_version=None,
        status=factories.status(),
        text="Kontrollerna gjordes vid skolorna.",
        quantity=4,
    )
    publish_period(parties, period)
    return parties.promise


@pytest.mark.parametrize("text", CONTENT)
def test_content_on_the_english_promise_page_is_marked_swedish(client, promise, text):
    html = client.get(f"/en/lofte/{promise.slug}/").content.decode()
    assert _languages_of(html, text) == {"sv"}


def test_the_interface_around_the_content_stays_english(client, promise):
    html = client.get(f"/en/lofte/{promise.slug}/").content.decode()
    assert _languages_of(html, "Focus areas and activities") == {"en"}
    assert _languages_of(html, "The police") == {"en"}


@pytest.mark.parametrize(
    "text", ["Medborgarlöfte Höglandet 2026", "Trafik", "Vi ska minska skadegörelsen."]
)
def test_content_on_the_english_municipality_page_is_marked_swedish(
    client, promise, monkeypatch, text
):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 5, 10))
    html = client.get("/en/kommun/nässjö/").content.decode()
    assert _languages_of(html, text) == {"sv"}


@pytest.mark.parametrize(
    "url", ["/en/", "/en/oversikt/?ar=2026", "/en/loften/?ar=2026&fokusomrade=trafik"]
)
def test_titles_and_focus_areas_in_english_lists_are_marked_swedish(
    client, promise, url
):
    html = client.get(url).content.decode()
    text = "Trafik" if "oversikt" in url or "fokus" in url else promise.title
    assert _languages_of(html, text) == {"sv"}
