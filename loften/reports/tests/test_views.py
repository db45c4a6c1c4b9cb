"""The report addresses: published reports for everyone, drafts for the parties."""

import io
import re

import pdfplumber
import pytest
from django.core.management import call_command
from django.urls import reverse

from loften.followups.services import followup_save
from loften.promises.services import activities as activity_services
from loften.publication.models import PublishedPromise
from loften.reports.models import GeneratedReport
from loften.testing import factories
from loften.testing.reports import promise_with_followups

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(parties):
    (t1,) = promise_with_followups(parties, activities=2, tertials=1)
    return parties, t1


def url(name, parties, period, fmt):
    return reverse(
        f"reports:{name}",
        kwargs={"promise_id": parties.promise.pk, "period_id": period.pk, "fmt": fmt},
    )


def content(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("fmt", "content_type", "disposition"),
    [
        ("pdf", "application/pdf", "inline"),
        ("docx", "application/vnd.openxmlformats", "attachment"),
        ("xlsx", "application/vnd.openxmlformats", "attachment"),
        ("csv", "text/csv", "attachment"),
    ],
)
def test_anyone_can_fetch_a_published_report_in_every_format(
    client, published, fmt, content_type, disposition
):
    parties, t1 = published
    response = client.get(url("published_report", parties, t1, fmt))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith(disposition)
    assert f".{fmt}" in response["Content-Disposition"]
    assert "public" in response["Cache-Control"]
    assert content(response)


def test_the_english_site_gives_an_english_report(client, published):
    parties, t1 = published
    response = client.get("/en" + url("published_report", parties, t1, "csv"))
    assert "Quantity achieved" in content(response).decode()


@pytest.mark.parametrize("fmt", ["exe", "PDF", "html"])
def test_an_unknown_format_is_not_found(client, published, fmt):
    parties, t1 = published
    assert client.get(url("published_report", parties, t1, fmt)).status_code == 404


def test_an_unpublished_period_or_promise_has_no_public_report(client, published):
    parties, t1 = published
    t2 = factories.tertial(2026, 2)
    assert client.get(url("published_report", parties, t2, "pdf")).status_code == 404
    unpublished = factories.PromiseFactory()
    response = client.get(
        reverse(
            "reports:published_report",
            kwargs={"promise_id": unpublished.pk, "period_id": t1.pk, "fmt": "pdf"},
        )
    )
    assert response.status_code == 404


@pytest.fixture
def unpublished_changes(published):
    """A published promise with a draft change to its plan and its follow-up."""
    parties, t1 = published
    editor = parties.municipality_editor
    activity = parties.promise.activities.first()
    activity_services.activity_create(
        promise=parties.promise,
        actor=editor,
        text="Hemlig ny aktivitet i utkastet",
        responsible_police=True,
    )
    followup = activity.followups.get(period=t1)
    followup_save(
        activity=activity,
        period=t1,
        actor=editor,
        expected_version=followup.version,
        text="Ändrad uppföljning som inte är publicerad",
        quantity=777,
    )
    return parties, t1


@pytest.mark.parametrize("fmt", ["csv", "pdf"])
def test_no_draft_change_appears_in_a_published_report(
    client, unpublished_changes, fmt
):
    parties, t1 = unpublished_changes
    body = content(client.get(url("published_report", parties, t1, fmt)))
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(body)) as pdf:
            text = " ".join(page.extract_text() for page in pdf.pages)
        # Words hyphenated at a line end, and lines, joined as a reader would.
        text = re.sub(r"\s+", " ", re.sub(r"\u2010\s*\n", "", text))
    else:
        text = body.decode()
    assert "Publicerad uppföljning 1" in text
    assert "Hemlig ny aktivitet" not in text
    assert "Ändrad uppföljning" not in text
    assert "777" not in text
    assert "Utkast" not in text and "UTKAST" not in text


def test_a_draft_report_shows_the_working_copy_marked_as_draft(
    client, unpublished_changes
):
    parties, t1 = unpublished_changes
    client.force_login(parties.police_editor)
    response = client.get(url("draft_report", parties, t1, "csv"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = content(response).decode()
    assert "Hemlig ny aktivitet" in text
    assert "Ändrad uppföljning som inte är publicerad" in text
    assert all(line.startswith("Utkast;") for line in text.splitlines()[1:])


def test_a_draft_report_asks_anonymous_visitors_to_log_in(client, published):
    parties, t1 = published
    response = client.get(url("draft_report", parties, t1, "pdf"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_draft_report_is_not_found_for_someone_outside_the_parties(client, published):
    parties, t1 = published
    client.force_login(factories.UserFactory())
    assert client.get(url("draft_report", parties, t1, "pdf")).status_code == 404


def test_a_draft_for_a_period_the_promise_does_not_have_is_not_found(client, published):
    parties, _t1 = published
    other_year = factories.tertial(2031, 1)
    client.force_login(parties.municipality_editor)
    response = client.get(url("draft_report", parties, other_year, "pdf"))
    assert response.status_code == 404


@pytest.fixture
def queued(client, published, settings):
    settings.REPORTS_SYNC_MAX_SIZE = 1
    parties, t1 = published
    response = client.get(url("published_report", parties, t1, "pdf"))
    return parties, t1, response


def test_a_large_report_sends_the_visitor_to_a_page_that_says_it_is_being_made(
    client, queued
):
    _parties, _t1, response = queued
    assert response.status_code == 302
    status = client.get(response["Location"])
    assert status.status_code == 200
    assert "Rapporten skapas" in status.content.decode()
    assert b'hx-trigger="every 2s"' in status.content


def test_the_status_page_answers_htmx_with_only_the_status(client, queued):
    _parties, _t1, response = queued
    fragment = client.get(response["Location"], headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert body.lstrip().startswith('<div id="report-status"')
    assert "<html" not in body


@pytest.mark.django_db(transaction=True)
def test_once_the_worker_is_done_the_status_page_links_to_the_file(client, settings):
    from loften.testing.reference import reference_data_ensure
    from loften.testing.workflow import promise_with_parties

    reference_data_ensure()
    settings.REPORTS_SYNC_MAX_SIZE = 1
    parties = promise_with_parties()
    (t1,) = promise_with_followups(parties, activities=2, tertials=1)
    first = client.get(url("published_report", parties, t1, "xlsx"))
    call_command("worker", "--batch")
    status = client.get(first["Location"])
    report = GeneratedReport.objects.get()
    download = reverse("reports:report_download", kwargs={"report_id": report.pk})
    assert download in status.content.decode()
    assert "hx-trigger" not in status.content.decode()
    assert client.get(download).status_code == 200
    again = client.get(url("published_report", parties, t1, "xlsx"))
    assert again.status_code == 200


def test_the_status_page_of_a_draft_is_hidden_from_others(client, published, settings):
    settings.REPORTS_SYNC_MAX_SIZE = 1
    parties, t1 = published
    client.force_login(parties.municipality_editor)
    location = client.get(url("draft_report", parties, t1, "pdf"))["Location"]
    assert client.get(location).status_code == 200
    client.force_login(factories.UserFactory())
    assert client.get(location).status_code == 404
    client.logout()
    assert client.get(location).status_code == 404


def test_the_public_promise_page_links_each_published_period_in_every_format(
    client, published
):
    parties, t1 = published
    slug = PublishedPromise.objects.get(pk=parties.promise.pk).slug
    html = client.get(reverse("public:promise", kwargs={"slug": slug})).content.decode()
    for fmt in ("pdf", "docx", "xlsx", "csv"):
        assert url("published_report", parties, t1, fmt) in html
    assert "Tertial 1 2026" in html


def test_the_editors_follow_up_and_approval_pages_link_to_the_draft_reports(
    client, parties
):
    from loften.testing.factories import tertial

    period = tertial(2026, 1)
    client.force_login(parties.municipality_editor)
    for name in ("editor:followup", "editor:period_approval"):
        html = client.get(
            reverse(name, args=[parties.promise.pk, period])
        ).content.decode()
        for fmt in ("pdf", "docx", "xlsx", "csv"):
            url = reverse(
                "reports:draft_report",
                kwargs={
                    "promise_id": parties.promise.pk,
                    "period_id": period.pk,
                    "fmt": fmt,
                },
            )
            assert url in html, (name, fmt)
