"""The whole cycle in a real browser, as the editors and approvers of both parties:
renew last year's promise, add an activity with a target, log it, write and send
the T1 follow-up, approve it jointly, and check that later draft edits stay out
of public view."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from loften.followups.models import ReportingPeriod
from loften.promises.models import Promise
from loften.publication.models import PromiseVersion, PublishedActivity
from loften.testing.browser import log_in
from loften.testing.editor import (
    public_text_from_browser,
    published_promise,
)
from loften.testing.reference import reference_data_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    # An earlier transactional test may have flushed the migrations' data.
    reference_data_ensure()


def _new_tab(chromium):
    context = chromium.new_context(
        locale="sv-SE", viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    return context, tab


def _approve_everything(chromium, base_url, user, organisation):
    """An approver opens the start page and approves each waiting item."""
    context, tab = _new_tab(chromium)
    log_in(tab, base_url, user)
    for what in ("Själva löftet", "Uppföljning Tertial 1"):
        tab.goto(base_url + "/redaktion/")
        row = tab.locator("tr", has_text=what)
        row.get_by_role("link", name=re.compile("Granska och godkänn")).click()
        tab.get_by_role("button", name=f"Godkänn för {organisation.name}").click()
        expect(tab.locator(".notification--success")).to_have_count(1)
    context.close()


def test_the_whole_cycle_with_two_parties(live_server, chromium, page):
    today = timezone.localdate()
    year = today.year
    old = published_promise(year - 1)
    base = live_server.url

    # The municipality editor renews last year's promise.
    log_in(page, base, old.municipality_editor)
    page.locator("li", has_text=old.promise.title).get_by_role(
        "link", name=re.compile("Förnya inför nästa period")
    ).click()
    page.get_by_role("button", name="Skapa det förnyade utkastet").click()
    expect(page.locator("h1")).to_have_text(f"Medborgarlöfte Testköping {year}")
    renewed = Promise.objects.get(previous=old.promise)

    # ... adds an activity with the target "minst 4 trygghetsvandringar" ...
    page.locator("#activities").get_by_role(
        "link", name="Lägg till en aktivitet", exact=True
    ).click()
    page.get_by_label("Aktivitet", exact=True).fill(
        "Genomföra trygghetsvandringar i centrum med boende."
    )
    page.get_by_label("Kommunen ansvarar").check()
    page.get_by_label(re.compile(r"^Mål\b")).select_option(label="minst")
    page.get_by_label(re.compile(r"^Antal\b")).fill("4")
    page.get_by_label("Vad som räknas").fill("trygghetsvandringar")
    page.get_by_label("Målet gäller").select_option(label="per period")
    page.get_by_role("button", name="Lägg till aktiviteten").click()
    expect(page.locator("#activities")).to_contain_text("minst 4 trygghetsvandringar")
    activity = renewed.activities.get(text__startswith="Genomföra trygghetsvandringar")
    assert (
        "minst 4 trygghetsvandringar"
        in page.locator(f"#activity-{activity.pk}").inner_text()
    )

    # ... logs three occurrences ...
    page.locator(f"#activity-{activity.pk}").get_by_role(
        "link", name=re.compile("^Logga")
    ).click()
    for offset in range(3):
        day = min(datetime.date(year, 1, 1) + datetime.timedelta(days=offset), today)
        page.get_by_label("Datum").fill(day.isoformat())
        page.get_by_label("Hur många").fill("1")
        page.get_by_label("Timmar").fill("1.5")
        page.get_by_role("button", name="Logga", exact=True).click()
        expect(page.locator(".notifications")).to_contain_text("Tillfället loggades.")
    assert activity.events.count() == 3

    # ... writes the T1 follow-up, the quantity pre-filled as 3, and sends it.
    page.get_by_role("link", name=renewed.title).first.click()
    page.locator("#followups").get_by_role(
        "link", name=re.compile(f"Tertial 1 {year}")
    ).click()
    row = page.locator(f"#row-{activity.pk}")
    assert row.get_by_label("Utfört antal").input_value() == "3"
    row.get_by_label("Status").select_option(label="Genomfört")
    row.get_by_label("Vad som gjordes").fill(
        "Tre trygghetsvandringar med boende och fastighetsägare."
    )
    for other in page.locator(".sheet-row").all():
        if other.get_attribute("id") != f"row-{activity.pk}":
            other.get_by_label("Status").select_option(label="Pågår")
    page.get_by_role("button", name="Spara och skicka för godkännande").click()
    expect(page.locator(".notifications")).to_contain_text("Uppföljningen skickades")

    # The plan itself is sent for approval too.
    page.get_by_role("link", name=renewed.title).click()
    page.get_by_role("link", name="Godkännande och publicering").first.click()
    page.get_by_role("button", name="Skicka för godkännande").click()
    expect(page.locator(".notifications")).to_contain_text("Löftet skickades")

    # The municipality's approver and the police's approver approve both.
    _approve_everything(chromium, base, old.municipality_approver, old.municipality)
    assert not PromiseVersion.objects.filter(promise=renewed).exists()
    _approve_everything(chromium, base, old.police_approver, old.police)

    # The published version exists: the plan, then the T1 follow-up.
    versions = list(renewed.versions.order_by("number"))
    assert [v.kind for v in versions] == ["plan", "period"]
    t1 = ReportingPeriod.objects.get(kind="tertial", year=year, number=1)
    (published,) = [
        f
        for f in versions[-1].snapshot["followups"]
        if f["activity_id"] == activity.pk and f["period_id"] == t1.pk
    ]
    assert published["quantity"] == 3
    page.goto(base + f"/redaktion/loften/{renewed.pk}/historik/")
    assert "Version 2" in page.locator("main").inner_text()

    # Later the editor makes draft edits: a new title and a changed activity.
    page.goto(base + f"/redaktion/loften/{renewed.pk}/uppgifter/")
    page.get_by_label("Titel").fill("Hemlig utkasttitel")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".notification--success")).to_be_visible()
    page.goto(base + f"/redaktion/loften/{renewed.pk}/aktiviteter/{activity.pk}/")
    page.get_by_label("Aktivitet", exact=True).fill("Hemlig utkasttext.")
    # The activity is published: changing its text asks for a public reason.
    page.get_by_label(re.compile("^Varför ändras detta")).fill("Tydligare text.")
    page.get_by_role("button", name="Spara aktiviteten").click()
    expect(page.locator(".notification--success")).to_be_visible()
    assert renewed.activities.get(pk=activity.pk).text == "Hemlig utkasttext."

    # An anonymous visitor sees what was published, not the draft edits.
    context, anonymous = _new_tab(chromium)
    seen = public_text_from_browser(anonymous, base, renewed)
    assert f"Medborgarlöfte Testköping {year}" in seen
    assert "Hemlig utkasttitel" not in seen
    assert "Hemlig utkasttext" not in seen
    assert PublishedActivity.objects.get(pk=activity.pk).text.startswith(
        "Genomföra trygghetsvandringar"
    )
    # ... and the editors' screens send them to the login page.
    for path in (
        f"/redaktion/loften/{renewed.pk}/",
        f"/redaktion/loften/{renewed.pk}/historik/",
        f"/redaktion/loften/{renewed.pk}/aktiviteter/{activity.pk}/logg/",
    ):
        anonymous.goto(base + path)
        assert "/konto/logga-in/" in anonymous.url
        assert "Hemlig" not in anonymous.locator("main").inner_text()
    context.close()


def _htmx_settled(tab):
    """Wait until htmx has swapped in new content and wired it up."""
    tab.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-added, .htmx-settling')"
    )


def test_the_plan_is_edited_in_place_with_live_checks(live_server, page):
    parties = published_promise(timezone.localdate().year)
    promise = parties.promise
    log_in(page, live_server.url, parties.municipality_editor)
    plan_url = f"{live_server.url}/redaktion/loften/{promise.pk}/"
    page.goto(plan_url)

    # The situational picture opens as a form where it is, without leaving the page.
    page.locator("#situation").get_by_role("link", name=re.compile("Ändra")).click()
    summary = page.get_by_role("textbox", name="Lägesbild")
    summary.wait_for()
    _htmx_settled(page)
    summary.fill("Boende känner sig otrygga. Kontakt 880320-0016.")
    checks = page.locator(f"#{summary.get_attribute('id')}-checks")
    checks.locator(".text-check--block").wait_for()
    assert "personnummer" in checks.inner_text()
    summary.fill("Boende känner sig otrygga i centrum på kvällen.")
    checks.locator(".text-check--block").wait_for(state="detached")
    page.locator("#situation").get_by_role("button", name="Spara").click()
    page.locator("#situation p.prose").wait_for()
    assert page.url == plan_url
    assert "otrygga i centrum" in page.locator("#situation").inner_text()
    # The edit made a new draft, and the banner says so without a reload.
    assert "nytt utkast" in page.locator("#plan-status").inner_text()

    # A commitment is added and moved without a reload.
    page.locator("#commitments summary").click()
    page.locator("#commitments").get_by_label("Löfte").fill("Vi ska lyssna mer.")
    page.get_by_role("button", name="Lägg till löftet").click()
    page.locator("#commitments li", has_text="Vi ska lyssna mer.").wait_for()
    page.locator("#commitments li", has_text="Vi ska lyssna mer.").get_by_role(
        "button", name=re.compile("Flytta upp")
    ).click()
    # A function, not an expression: Playwright evaluates an expression with
    # eval(), which the Content-Security-Policy forbids.
    page.wait_for_function(
        "() => document.querySelector('#commitments li').textContent"
        ".includes('Vi ska lyssna mer.')"
    )
    assert promise.commitments.order_by("order").first().text == "Vi ska lyssna mer."
    assert page.url == plan_url


def test_logging_and_following_up_work_without_javascript(live_server, chromium):
    parties = published_promise(timezone.localdate().year)
    promise = parties.promise
    activity = promise.activities.order_by("order").first()
    context = chromium.new_context(java_script_enabled=False, locale="sv-SE")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    log_in(tab, live_server.url, parties.municipality_editor)

    tab.get_by_role("link", name="Logga en aktivitet").first.click()
    tab.get_by_label("Aktivitet").select_option(value=str(activity.pk))
    tab.get_by_label("Datum").fill(promise.start_date.isoformat())
    tab.get_by_label("Hur många").fill("2")
    tab.get_by_role("button", name="Logga", exact=True).click()
    expect(tab.locator(".notifications")).to_contain_text("Loggat")

    period = f"{promise.start_date.year}-t1"
    tab.goto(f"{live_server.url}/redaktion/loften/{promise.pk}/uppfoljning/{period}/")
    row = tab.locator(f"#row-{activity.pk}")
    assert row.get_by_label("Utfört antal").input_value() == "2"
    row.get_by_label("Utfört antal").fill("5")
    tab.get_by_role("button", name="Spara som utkast").click()
    # Without a reason the quantity is refused, with a summary linking to the field.
    summary = tab.locator(".error-summary")
    assert "Loggen säger 2" in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert tab.url.endswith(f"#id_a{activity.pk}-quantity_note")
    row = tab.locator(f"#row-{activity.pk}")
    assert row.get_by_label("Utfört antal").input_value() == "5"
    row.get_by_label("Varför antalet").fill("Tre pass loggades i ett annat system.")
    tab.get_by_role("button", name="Spara som utkast").click()
    expect(tab.locator(".notifications")).to_contain_text("sparades som utkast")
    assert activity.followups.get().quantity == 5
    context.close()


def test_the_editor_pages_have_no_accessibility_violations(live_server, page):
    from axe_playwright_python.sync_playwright import Axe

    year = timezone.localdate().year
    parties = published_promise(year)
    promise = parties.promise
    activity = promise.activities.order_by("order").first()
    base = f"/redaktion/loften/{promise.pk}"
    log_in(page, live_server.url, parties.municipality_editor)
    axe = Axe()
    for path in (
        "/redaktion/",
        "/redaktion/logga/",
        "/redaktion/loften/nytt/",
        f"{base}/",
        f"{base}/uppgifter/",
        f"{base}/fornya/",
        f"{base}/aktiviteter/{activity.pk}/",
        f"{base}/aktiviteter/{activity.pk}/logg/",
        f"{base}/uppfoljning/{year}-t1/",
        f"{base}/uppfoljning/{year}-t1/godkannande/",
        f"{base}/godkannande/",
        f"{base}/historik/",
    ):
        page.goto(live_server.url + path)
        results = axe.run(page)
        assert results.violations_count == 0, f"{path}\n{results.generate_report()}"


def _focused(tab) -> dict:
    return tab.evaluate(
        "() => ({tag: document.activeElement.tagName,"
        " id: document.activeElement.id,"
        " text: document.activeElement.textContent.trim(),"
        " name: document.activeElement.name || ''})"
    )


def test_the_keyboard_focus_follows_an_in_place_change_and_removal(live_server, page):
    parties = published_promise(timezone.localdate().year)
    promise = parties.promise
    commitment = promise.commitments.get()
    log_in(page, live_server.url, parties.municipality_editor)
    page.goto(f"{live_server.url}/redaktion/loften/{promise.pk}/")
    item = page.locator(f"#commitment-{commitment.pk}")

    # "Ändra" by keyboard: the form replaces the item and its field has the focus.
    item.get_by_role("link", name=re.compile("Ändra")).focus()
    page.keyboard.press("Enter")
    item.locator("textarea").wait_for()
    _htmx_settled(page)
    assert _focused(page)["tag"] == "TEXTAREA"

    # Typing and saving by keyboard brings the focus back to the item's "Ändra".
    page.keyboard.press("Control+A")
    page.keyboard.type("Vi ska lyssna på de boende.")
    item.get_by_role("button", name="Spara").focus()
    page.keyboard.press("Enter")
    item.locator("p.prose", has_text="lyssna på de boende").wait_for()
    _htmx_settled(page)
    focused = _focused(page)
    assert (focused["tag"], focused["text"].split(":")[0]) == ("A", "Ändra")
    commitment.refresh_from_db()
    assert commitment.text == "Vi ska lyssna på de boende."

    # "Ta bort" by keyboard: the section is redrawn and its heading has the focus.
    page.once("dialog", lambda dialog: dialog.accept())
    item.get_by_role("link", name=re.compile("Ta bort")).focus()
    page.keyboard.press("Enter")
    item.wait_for(state="detached")
    _htmx_settled(page)
    assert _focused(page)["id"] == "commitments-heading"
    assert not promise.commitments.exists()
