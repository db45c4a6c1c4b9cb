"""The public record of a change in a real browser: an editor changes a
published target with a reason, both parties approve and it is published; the
public page shows the change and its reason on the activity, the earlier period
against the old target, every version's page of what changed (the newest too),
a feed entry with a summary, and the first report still downloadable. Every new
page passes axe in Swedish and English."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from urllib.parse import unquote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from loften.followups.services import activity_event_log
from loften.publication.models import ChangeReason
from loften.testing.browser import log_in
from loften.testing.record import follow_up, promise_with_published_tertial
from loften.testing.reference import reference_data_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Fler kontroller efter medborgardialogen i september"
ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    # An earlier transactional test may have flushed the migrations' data.
    reference_data_ensure()


def _tab(chromium, **options):
    context = chromium.new_context(locale="sv-SE", **options)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    return context, tab


def _axe(axe, tab, label) -> list[str]:
    lines = []
    for violation in axe.run(tab).response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{label}: {violation['id']} ({violation['impact']}) {targets}")
    return lines


def _approve(chromium, base, user, organisation, promise):
    context, tab = _tab(chromium)
    log_in(tab, base, user)
    tab.goto(f"{base}/redaktion/loften/{promise.pk}/godkannande/")
    tab.get_by_role("button", name=f"Godkänn för {organisation.name}").click()
    expect(tab.locator(".notification--success")).to_have_count(1)
    context.close()


def test_a_changed_target_is_on_the_public_record(live_server, chromium, page):
    base = live_server.url
    record = promise_with_published_tertial()
    parties, promise = record.parties, record.parties.promise
    axe = Axe()
    problems: list[str] = []

    # The editor changes the published target; a reason is asked for.
    log_in(page, base, parties.municipality_editor)
    page.goto(f"{base}/redaktion/loften/{promise.pk}/aktiviteter/{record.activity.pk}/")
    page.get_by_label(re.compile(r"^Antal\b")).fill("50")
    page.get_by_role("button", name="Spara aktiviteten").click()
    expect(page.locator(".error-summary")).to_contain_text("Varför ändras detta?")
    problems += _axe(axe, page, "activity form asking for a reason")
    page.get_by_label("Varför ändras detta?").fill(REASON)
    page.get_by_role("button", name="Spara aktiviteten").click()
    expect(page.locator(".notification--success")).to_have_count(1)
    assert ChangeReason.objects.get().reason == REASON

    # ... sends the plan for approval; both parties approve and it is published.
    page.goto(f"{base}/redaktion/loften/{promise.pk}/godkannande/")
    page.get_by_role("button", name="Skicka för godkännande").click()
    _approve(
        chromium, base, parties.municipality_approver, parties.municipality, promise
    )
    _approve(chromium, base, parties.police_approver, parties.police, promise)
    promise.refresh_from_db()
    assert promise.status == "published"
    assert promise.versions.count() == 3
    follow_up(record, record.tertials[1], 20)  # version 4: T2 against the new target

    # The public page marks the change, with its reason, on the activity.
    context, public = _tab(chromium)
    public.goto(f"{base}/lofte/{promise.slug}/")
    activity = public.locator(f"#aktivitet-{record.activity.pk}")
    expect(activity.locator(".activity__changes")).to_contain_text("Målet ändrades")
    expect(activity.locator(".activity__changes")).to_contain_text(
        "från minst 40 trafikkontroller till minst 50 trafikkontroller: " + REASON
    )
    t1 = activity.locator("tr", has_text="Tertial 1 2026")
    expect(t1).to_contain_text("hittills i år: 14 av minst 40 trafikkontroller")
    expect(t1).to_contain_text("Målet har ändrats sedan dess")
    expect(t1).to_contain_text("Denna period: 14 gånger")
    t2 = activity.locator("tr", has_text="Tertial 2 2026")
    expect(t2).to_contain_text("hittills i år: 34 av minst 50 trafikkontroller")

    # The mark links to what changed in the version that published it.
    activity.get_by_role("link", name="Vad som ändrades i version 3").click()
    expect(public.locator("h1")).to_have_text("Vad som ändrades i version 3")
    expect(public.locator("main")).to_contain_text(REASON)
    expect(public.locator("main")).to_contain_text("minst 40 trafikkontroller per år")

    # The newest version has its page too, from the versions table, not a redirect.
    public.goto(f"{base}/lofte/{promise.slug}/")
    public.locator("#versioner").get_by_role(
        "link", name="Vad som ändrades i version 4"
    ).click()
    expect(public).to_have_url(f"{base}/lofte/{promise.slug}/version/4/andringar/")
    expect(public.locator("h1")).to_have_text("Vad som ändrades i version 4")
    expect(public.locator("main")).to_contain_text("Tertial 2 2026")

    # The feed's entry says what changed and why.
    feed = public.request.get(f"{base}/flode/")
    root = ET.fromstring(feed.body())  # noqa: S314 - our own output
    summaries = " ".join(
        e.find("a:summary", ATOM).text or "" for e in root.findall("a:entry", ATOM)
    )
    assert "Målet för ”Genomföra riktade trafikkontroller" in summaries
    assert REASON in summaries
    assert "Uppföljningen av tertial 2 2026 publicerades." in summaries

    # The report as first published (version 2) is still downloadable.
    public.goto(f"{base}/lofte/{promise.slug}/version/2/")
    link = public.locator("#rapporter").get_by_role("link", name=re.compile("^CSV"))
    href = link.get_attribute("href")
    assert href == (f"/rapporter/{promise.pk}/version/2/{record.tertials[0].pk}/csv/")
    report = public.request.get(base + href)
    assert report.ok
    assert "14" in report.text()
    assert "Kontroller vid resecentrum." in report.text()
    context.close()

    # axe on the new pages and marks, in Swedish and English.
    context, tab = _tab(chromium)
    for prefix in ("", "/en"):
        for path in (
            f"/lofte/{promise.slug}/",
            f"/lofte/{promise.slug}/version/2/",
            f"/lofte/{promise.slug}/version/1/andringar/",
            f"/lofte/{promise.slug}/version/3/andringar/",
            f"/lofte/{promise.slug}/version/4/andringar/",
        ):
            response = tab.goto(base + prefix + path)
            assert response.status == 200, prefix + path
            problems += _axe(axe, tab, unquote(prefix + path))
    context.close()
    assert not problems, "\n".join(problems)


def test_the_activity_log_says_which_figure_is_which_on_a_phone(live_server, chromium):
    base = live_server.url
    record = promise_with_published_tertial()
    activity_event_log(
        activity=record.activity,
        actor=record.parties.municipality_editor,
        date=record.tertials[1].start_date,
        quantity=3,
        hours=Decimal("4.5"),
    )
    context, tab = _tab(chromium, viewport={"width": 375, "height": 800})
    log_in(tab, base, record.parties.municipality_editor)
    tab.goto(
        f"{base}/redaktion/loften/{record.parties.promise.pk}/aktiviteter/"
        f"{record.activity.pk}/logg/"
    )
    row = tab.locator("tbody tr").first
    quantity = row.locator("td").nth(1)
    hours = row.locator("td").nth(2)
    label = "return getComputedStyle(el, '::before').content"
    assert "Hur många" in quantity.evaluate(f"el => {{ {label} }}")
    assert "Timmar" in hours.evaluate(f"el => {{ {label} }}")
    expect(hours).to_have_text("4,5")
    context.close()
