"""The open-data pages and the report status page in a real browser, checked
with axe against WCAG 2.1 AA."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from loften.testing.reference import reference_data_ensure
from loften.testing.reports import promise_with_followups
from loften.testing.workflow import promise_with_parties

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
}


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def published():
    reference_data_ensure()
    parties = promise_with_parties()
    periods = promise_with_followups(parties, activities=2, tertials=1)
    return parties, periods


@pytest.mark.parametrize("name", ["opendata:data", "opendata:api-docs"])
def test_the_open_data_pages_pass_axe(live_server, page, published, name):
    page.goto(live_server.url + reverse(name))
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_the_report_status_page_passes_axe_and_shows_the_link_when_ready(
    live_server, page, published, settings, tmp_path
):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    settings.REPORTS_SYNC_MAX_SIZE = 1
    parties, periods = published
    url = reverse(
        "reports:published_report",
        kwargs={
            "promise_id": parties.promise.pk,
            "period_id": periods[0].pk,
            "fmt": "pdf",
        },
    )
    page.goto(live_server.url + url)
    assert "Rapporten skapas" in page.locator("#report-status").inner_text()
    assert_accessible(page)
    call_command("worker", "--batch")
    # htmx polls the status and swaps in the download link without a reload.
    page.get_by_role("link", name="Ladda ner rapporten").wait_for(timeout=10_000)
    assert_accessible(page)
