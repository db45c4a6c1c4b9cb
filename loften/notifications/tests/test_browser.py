"""The cycle between the two parties in a real browser, with what each is told:
submit, the police approver sends back with a comment, the editor resubmits,
both approve, and a confirmed subscriber (only) gets one e-mail."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from loften.promises.models import Promise
from loften.subscriptions.models import Subscription
from loften.testing import factories
from loften.testing.browser import log_in
from loften.testing.reference import reference_data_ensure
from loften.testing.workflow import promise_with_parties

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Aktiviteten saknar plats. Skriv var vandringen går."


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    reference_data_ensure()


def _tab(chromium):
    context = chromium.new_context(
        locale="sv-SE", viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    return context, tab


def _to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_the_cycle_with_notifications(live_server, chromium, page):
    base = live_server.url
    parties = promise_with_parties()
    promise = parties.promise
    factories.ActivityFactory(promise=promise)
    place = promise.municipalities.get()
    Subscription.objects.create(
        email="bekraftad@example.invalid",
        municipality=place,
        token="c" * 43,
        language="sv",
        confirmed_at=timezone.now(),
    )
    Subscription.objects.create(
        email="obekraftad@example.invalid",
        municipality=place,
        token="u" * 43,
        language="sv",
    )
    approval = f"{base}/redaktion/loften/{promise.pk}/godkannande/"

    # The municipality's editor sends the promise for approval ...
    log_in(page, base, parties.municipality_editor)
    page.goto(approval)
    page.get_by_role("button", name="Skicka för godkännande").click()
    expect(page.locator(".notification--success")).to_have_count(1)
    # ... and the approvers of both parties are told.
    assert {a for m in mail.outbox for a in m.to} == {
        parties.municipality_approver.email,
        parties.police_approver.email,
    }
    mail.outbox.clear()

    # The police approver sees it on the start page and sends it back.
    police, police_tab = _tab(chromium)
    log_in(police_tab, base, parties.police_approver)
    police_tab.goto(base + "/redaktion/")
    expect(police_tab.locator("#unread-count")).to_have_text("1 oläst")
    police_tab.locator(".notification-list").get_by_role(
        "link", name=re.compile("för godkännande")
    ).click()
    police_tab.get_by_label("Vad behöver ändras?").fill(REASON)
    police_tab.get_by_role(
        "button", name=f"Skicka tillbaka för {parties.police.name}"
    ).click()
    expect(police_tab.locator(".comment--send-back")).to_contain_text(REASON)
    promise.refresh_from_db()
    assert promise.status == Promise.Status.DRAFT
    # The editors of both parties are told, with the comment.
    told = {a for m in mail.outbox for a in m.to}
    assert told == {parties.municipality_editor.email, parties.police_editor.email}
    assert all(REASON in m.body for m in mail.outbox)
    mail.outbox.clear()

    # The editor sees why, fixes the activity and sends it again.
    page.goto(base + "/redaktion/")
    expect(page.locator(".notification-list")).to_contain_text("skickade tillbaka")
    page.goto(approval)
    expect(page.locator("#sent-back")).to_contain_text(REASON)
    activity = promise.activities.get()
    page.goto(f"{base}/redaktion/loften/{promise.pk}/aktiviteter/{activity.pk}/")
    page.get_by_label(re.compile(r"^Plats")).fill("Stortorget")
    page.get_by_role("button", name="Spara aktiviteten").click()
    page.goto(approval)
    page.get_by_role("button", name="Skicka för godkännande").click()
    expect(page.locator(".notification--success")).to_have_count(1)
    mail.outbox.clear()

    # Both parties approve; the second approval publishes.
    municipality, municipality_tab = _tab(chromium)
    log_in(municipality_tab, base, parties.municipality_approver)
    for tab, party in (
        (municipality_tab, parties.municipality),
        (police_tab, parties.police),
    ):
        tab.goto(approval)
        tab.get_by_role("button", name=f"Godkänn för {party.name}").click()
        expect(tab.locator(".notification--success")).to_have_count(1)
    promise.refresh_from_db()
    assert promise.status == Promise.Status.PUBLISHED
    assert _to(parties.municipality_editor.email)

    # The confirmed subscriber gets one e-mail with the summary; the other none.
    (news,) = _to("bekraftad@example.invalid")
    assert "Löftet har publicerats." in news.body
    assert "Aktiviteter: 1." in news.body
    assert "/prenumerera/avsluta/" in news.body
    assert _to("obekraftad@example.invalid") == []
    police.close()
    municipality.close()
