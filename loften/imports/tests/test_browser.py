"""The import pages in a real browser: polling while the document is read, the
review without JavaScript, and accessibility (axe)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from loften.imports.models import ImportJob
from loften.imports.tasks import process_import_job
from loften.promises.models import Promise
from loften.testing.browser import log_in
from loften.testing.imports import FOLLOWUP_TEXT, import_people

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def upload(tab, base, tmp_path):
    document = tmp_path / "uppfoljning.txt"
    document.write_text(FOLLOWUP_TEXT, encoding="utf-8")
    tab.goto(base + "/redaktion/import/")
    tab.set_input_files("#id_files", str(document))
    tab.get_by_role("button", name="Ladda upp och läs").click()
    tab.get_by_text("Dokumentet väntar på att läsas.").wait_for()
    return ImportJob.objects.get()


def accept(tab):
    tab.locator("#id_activities-2-responsible_municipality").check()
    tab.get_by_role("button", name="Godta och skapa utkastet").click()
    tab.get_by_role("heading", name="Det här skapades").wait_for()


def test_the_page_shows_the_result_by_itself_once_the_document_is_read(
    live_server, page, tmp_path
):
    people = import_people()
    log_in(page, live_server.url, people.editor)
    job = upload(page, live_server.url, tmp_path)
    process_import_job.call(job.pk)
    # htmx polls every two seconds and reloads the page when the job is read.
    page.get_by_role("heading", name="Det här hittades").wait_for(timeout=8000)
    assert page.get_by_text("Texten kunde inte placeras (rad 16)").is_visible()

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    page.get_by_role("button", name="Godta och skapa utkastet").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "Aktivitet 3" in summary.inner_text()
    assert Axe().run(page).violations_count == 0

    accept(page)
    assert Promise.objects.get().activities.count() == 4
    assert Axe().run(page).violations_count == 0


def test_review_and_accept_work_without_javascript(live_server, chromium, tmp_path):
    people = import_people()
    context = chromium.new_context(java_script_enabled=False, locale="sv-SE")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    log_in(tab, live_server.url, people.editor)
    job = upload(tab, live_server.url, tmp_path)
    process_import_job.call(job.pk)
    tab.get_by_role("link", name="Uppdatera sidan").click()
    tab.get_by_role("heading", name="Det här hittades").wait_for()
    accept(tab)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.ACCEPTED
    context.close()


def test_the_upload_page_is_accessible(live_server, page):
    people = import_people()
    log_in(page, live_server.url, people.editor)
    page.goto(live_server.url + "/redaktion/import/")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
