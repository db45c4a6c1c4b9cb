"""The shell of every page in a real browser: skip link and language switch."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till huvudinnehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_the_language_switch_works_without_javascript(live_server, chromium):
    context = chromium.new_context(java_script_enabled=False, locale="sv-SE")
    tab = context.new_page()
    tab.goto(live_server.url + "/")
    tab.get_by_role("link", name="English").click()
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    expect(tab.locator("h1")).to_contain_text("Citizen promises")
    context.close()


def test_an_error_summary_takes_the_focus_when_the_page_loads(live_server, page):
    page.goto(live_server.url + "/sok/?q=och")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title().startswith("Fel: ")


def test_the_error_pages_pass_axe_in_both_languages(live_server, page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for path in ("/finns-inte/", "/en/finns-inte/"):
        response = page.goto(live_server.url + path)
        assert response.status == 404
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
