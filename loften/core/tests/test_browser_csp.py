"""The browser tests notice a page that breaks the Content-Security-Policy, and
the policy leaves htmx working."""

import pytest
from playwright.sync_api import expect

from loften.testing.browser import CSP_VIOLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_script_is_refused_and_noticed(live_server, page):
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'document.body.dataset.ran = 1';"
        " document.head.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("document.body.dataset.ran") is None
    assert any("Content Security Policy" in found for found in CSP_VIOLATIONS)
    # The refusal was the point here; every other browser test fails on one.
    CSP_VIOLATIONS.clear()


def test_htmx_runs_under_the_policy(live_server, page):
    page.goto(live_server.url + "/")
    assert page.evaluate("typeof htmx") == "object"
    # htmx adds no style element of its own, which the policy would refuse.
    expect(page.locator("head style")).to_have_count(0)
