import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loften.core.models import AuditEntry
from loften.followups.models import FollowUp
from loften.imports.models import ImportJob
from loften.imports.tasks import process_import_job
from loften.organisations.models import Organisation
from loften.promises.models import FocusArea, Promise
from loften.testing import factories
from loften.testing.imports import (
    FOLLOWUP_TEXT,
    WARNING_LINE,
    followup_document,
    ready_job,
    review_post_data,
)

from .test_services import BAD_DOCUMENTS

pytestmark = pytest.mark.django_db

START = reverse("imports:start")


def job_url(job, name="imports:job"):
    return reverse(name, kwargs={"job_id": job.pk})


def page(response) -> str:
    return html.unescape(response.content.decode())


def post_file(client, name, data, organisation):
    return client.post(
        START,
        {"organisation": organisation.pk, "files": SimpleUploadedFile(name, data)},
    )


# --- Who may do what ------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_log_in(client, people):
    job = ready_job(people)
    for url in (START, job_url(job), job_url(job, "imports:source")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_viewer_sees_the_imports_but_cannot_upload_or_accept(client, people):
    job = ready_job(people)
    client.force_login(people.viewer)
    start = client.get(START)
    assert start.status_code == 200
    assert "Bara redaktörer" in page(start)
    assert 'type="file"' not in page(start)
    assert job.original_name in page(start)
    response = post_file(client, "x.txt", followup_document(), people.municipality)
    assert response.status_code == 403
    detail = client.get(job_url(job))
    assert detail.status_code == 200
    assert "väntar på att en redaktör granskar" in page(detail)
    assert "Godta och skapa utkastet" not in page(detail)
    assert client.post(job_url(job), review_post_data(job)).status_code == 403
    assert client.get(job_url(job, "imports:discard")).status_code == 403
    assert not Promise.objects.exists()


def test_an_editor_of_another_municipality_gets_404(client, people):
    job = ready_job(people)
    client.force_login(people.other_editor)
    for name in ("imports:job", "imports:source", "imports:discard"):
        assert client.get(job_url(job, name)).status_code == 404
    assert client.post(job_url(job), review_post_data(job)).status_code == 404
    assert job.original_name not in page(client.get(START))


def test_an_editor_cannot_upload_for_an_organisation_not_theirs(client, people):
    client.force_login(people.editor)
    response = post_file(client, "x.txt", followup_document(), people.police)
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in page(response)
    assert not ImportJob.objects.exists()


# --- The whole flow -------------------------------------------------------------------


def test_upload_read_review_correct_and_accept(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.editor)
    assert 'type="file"' in page(client.get(START))

    # Upload: the import is queued and its page says so, polling with htmx.
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(
            client, "uppfoljning.txt", followup_document(), people.municipality
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job_url(job)
    waiting = page(client.get(job_url(job)))
    assert "Dokumentet väntar på att läsas." in waiting
    assert f'hx-get="{job_url(job)}?status=queued"' in waiting
    assert "Uppdatera sidan" in waiting
    poll = client.get(job_url(job) + "?status=queued", headers={"HX-Request": "true"})
    assert poll.status_code == 204  # unchanged: nothing to swap
    ImportJob.objects.filter(pk=job.pk).update(status="processing")
    poll = client.get(job_url(job) + "?status=queued", headers={"HX-Request": "true"})
    assert poll.status_code == 200
    assert "Dokumentet läses." in page(poll)
    assert "<html" not in poll.content.decode()

    # The worker reads it; the polling page then reloads itself.
    assert process_import_job.call(job.pk) == "ready"
    job.refresh_from_db()
    poll = client.get(job_url(job), headers={"HX-Request": "true"})
    assert poll.status_code == 204
    assert poll["HX-Refresh"] == "true"

    # Review: the structure as a form, the warnings, the source text.
    review = client.get(job_url(job))
    text = page(review)
    assert "Polisen genomför minst tio trafikkontroller vid skolorna." in text
    assert 'name="activities-0-target_value"' in text
    assert "Varningar från läsningen" in text or "Varning från läsningen" in text
    assert f"Texten kunde inte placeras (rad 16): ”{WARNING_LINE}" in text
    source = text[text.index('id="source-heading"') :]
    assert "Uppföljning av medborgarlöfte Nässjö kommun 2026" in source
    assert re.search(r'aria-hidden="true">16</span>\s*<mark>', source)
    assert re.search(r"<mark>.*?" + re.escape(WARNING_LINE), source, re.S)
    # The unplaced line, and the weekly night walk whose target a tertial plan
    # cannot hold.
    assert source.count("<mark>") == 2
    assert re.search(r"<mark>.*?Nattvandring varje fredag", source, re.S)
    assert "Lägg till ”Trygghet i centrum” som nytt fokusområde" in text
    assert "”skolan” läggs till som aktören Skolan (Nässjö)" in text
    assert "Dokumentet anger ingen ansvarig." in text
    assert re.search(r'<option value="\d+" selected>Ej genomfört</option>', text)
    assert not Promise.objects.exists()

    # Accepting the proposal unchanged fails on the activity that names no party;
    # nothing is created and the form keeps what was posted.
    data = review_post_data(job)
    refused = client.post(job_url(job), data)
    assert refused.status_code == 200
    assert "Aktivitet 3 – Polisen ansvarar" in page(refused)
    assert 'href="#id_activities-2-responsible_police"' in page(refused)
    assert not Promise.objects.exists()

    # Correct and accept.
    data["promise-title"] = "Medborgarlöfte Nässjö 2026 (uppföljning)"
    data["activities-2-responsible_municipality"] = "on"
    data["activities-3-focus_area"] = "new"
    data["activities-3-followups-1-DELETE"] = "on"
    data["activities-1-partners"] = "skolan, fältarbetare"
    data["activities-0-followups-0-quantity"] = "9"
    data["commitments-1-text"] = "Vi ska minska skadegörelsen."
    accepted = client.post(job_url(job), data)
    assert accepted.status_code == 302, page(accepted)[:3000]
    assert accepted["Location"] == job_url(job)

    promise = Promise.objects.get()
    assert promise.title == "Medborgarlöfte Nässjö 2026 (uppföljning)"
    assert promise.status == Promise.Status.DRAFT
    assert [c.text for c in promise.commitments.all()][1] == (
        "Vi ska minska skadegörelsen."
    )
    activities = list(promise.activities.order_by("order"))
    assert len(activities) == 4
    assert activities[2].responsible_municipality
    assert activities[3].focus_area == FocusArea.objects.get(name="Trygghet i centrum")
    assert sorted(p.name for p in activities[1].partners.all()) == [
        "Fältarbetare (Nässjö)",
        "Skolan (Nässjö)",
    ]
    assert FollowUp.objects.filter(activity__promise=promise).count() == 7
    assert FollowUp.objects.get(activity=activities[0], period__number=1).quantity == 9
    assert [
        f.status.category
        for f in FollowUp.objects.filter(activity=activities[2]).order_by("period")
    ] == ["not_done", "ongoing"]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.ACCEPTED and job.promise == promise
    assert AuditEntry.objects.filter(
        action="import.accept", object_id=str(job.pk), actor=people.editor
    ).exists()

    # The import's page now tells what was created, and the file can be fetched.
    done = page(client.get(job_url(job)))
    assert "Det här skapades" in done
    assert "<strong>Medborgarlöfte Nässjö 2026 (uppföljning)</strong>" in done
    assert "4 aktiviteter" in done
    assert "7 uppföljningar" in done
    assert "2 löften" in done
    assert "nya aktörer: Skolan (Nässjö), Fältarbetare (Nässjö)" in done
    assert "nya fokusområden: Trygghet i centrum" in done
    assert "Öppna utkastet" in done
    source = client.get(job_url(job, "imports:source"))
    assert b"".join(source.streaming_content) == followup_document()
    assert "uppfoljning.txt" in source["Content-Disposition"]

    # Posting the review again changes nothing.
    again = client.post(job_url(job), data)
    assert again.status_code == 302
    assert Promise.objects.count() == 1


def test_a_failure_when_saving_leaves_nothing_and_shows_the_error(client, people):
    job = ready_job(people)
    client.force_login(people.editor)
    data = review_post_data(job)
    data["activities-2-responsible_police"] = "on"
    # Another municipality than the importing organisation's: refused as a whole.
    data["promise-municipality"] = factories.municipality("0604").pk
    response = client.post(job_url(job), data)
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in page(response)
    assert not Promise.objects.exists()
    assert not Organisation.objects.filter(kind="partner").exists()


def test_follow_ups_must_fit_the_cadence_and_the_period(client, people):
    job = ready_job(people)
    client.force_login(people.editor)
    data = review_post_data(job)
    data["activities-2-responsible_police"] = "on"
    data["promise-cadence"] = "quarter"
    data["activities-0-followups-1-year"] = "2025"
    response = client.post(job_url(job), data)
    text = page(response)
    assert "Aktivitet 1, uppföljning 1 – Period" in text
    assert "Löftet följs inte upp per den här sortens period." in text
    assert "Året ligger utanför löftets period." in text
    assert not Promise.objects.exists()


def test_the_review_page_escapes_the_documents_text(client, people):
    text = FOLLOWUP_TEXT.replace(
        "Statistiken för hösten saknas ännu",
        "Statistiken <b>för</b> 3 < 5 & <img src=x onerror=alert(1)> "
        "hösten saknas ännu",
    )
    job = ready_job(people, data=text.encode())
    assert "3 < 5 & hösten" in job.source_blocks[-1]["text"]
    client.force_login(people.editor)
    content = client.get(job_url(job)).content.decode()
    assert "3 < 5 &" not in content
    assert "3 &lt; 5 &amp; hösten" in content
    assert "onerror" not in content


def test_the_review_page_is_in_english_under_en(client, people):
    job = ready_job(people)
    client.force_login(people.editor)
    response = client.get("/en" + job_url(job))
    assert response.status_code == 200
    assert "What was found" in page(response)
    assert "Accept and create the draft" in page(response)


def test_the_importer_gets_a_link_to_the_draft_on_the_editors_pages(client, people):
    from loften.imports.selectors import import_draft_defaults
    from loften.imports.services import import_job_accept

    job = ready_job(people)
    draft = import_draft_defaults(result=job.result, organisation=people.municipality)
    draft.activities[2].responsible_police = True
    promise = import_job_accept(job=job, actor=people.editor, data=draft)
    client.force_login(people.editor)
    text = page(client.get(job_url(job)))
    assert "Öppna utkastet" in text
    assert reverse("editor:promise_detail", args=[promise.pk]) in text


# --- Several files and bad input ------------------------------------------------------


def test_several_files_become_one_import_each(client, people):
    client.force_login(people.editor)
    response = client.post(
        START,
        {
            "organisation": people.municipality.pk,
            "files": [
                SimpleUploadedFile("a.txt", followup_document()),
                SimpleUploadedFile("b.txt", followup_document()),
            ],
        },
        follow=True,
    )
    assert "2 filer laddades upp och läses nu." in page(response)
    assert ImportJob.objects.count() == 2
    assert "Samma fil har också importerats här" in page(
        client.get(job_url(ImportJob.objects.first()))
    )


def test_a_file_over_the_limit_is_refused_in_the_form(client, people, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    client.force_login(people.editor)
    response = post_file(
        client, "stor.pdf", b"%PDF-1.4\n" + b"x" * (1536 * 1024), people.municipality
    )
    assert response.status_code == 200
    text = page(response)
    assert "Något behöver rättas" in text or "Det finns ett problem" in text
    assert (
        "stor.pdf: Filen är 1,5 MB; filer större än 1 MB kan inte importeras." in text
    )
    assert not ImportJob.objects.exists()


def test_an_empty_file_is_refused_in_the_form(client, people):
    client.force_login(people.editor)
    response = post_file(client, "tom.txt", b"", people.municipality)
    assert "tom.txt: Filen är tom." in page(response)
    assert not ImportJob.objects.exists()


def test_no_file_at_all_is_refused(client, people):
    client.force_login(people.editor)
    response = client.post(START, {"organisation": people.municipality.pk})
    assert "Välj minst en fil." in page(response)


@pytest.mark.parametrize(
    ("name", "make", "code", "words"), BAD_DOCUMENTS, ids=[d[2] for d in BAD_DOCUMENTS]
)
def test_a_document_that_cannot_be_read_shows_why_on_its_page(
    client, people, django_capture_on_commit_callbacks, name, make, code, words
):
    client.force_login(people.editor)
    with django_capture_on_commit_callbacks(execute=True):
        post_file(client, name, make(), people.municipality)
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        process_import_job.call(job.pk)
    text = page(client.get(job_url(job)))
    assert "Dokumentet kunde inte läsas" in text
    assert words in text
    assert "Inget skapades från den." in text
    assert "Ladda ned originalet" not in text
    assert not Promise.objects.exists()


def test_discarding_an_import_through_the_page(client, people):
    job = ready_job(people)
    client.force_login(people.editor)
    confirm = client.get(job_url(job, "imports:discard"))
    assert "Ta bort importen av uppfoljning-nassjo-2026.txt?" in page(confirm)
    response = client.post(job_url(job, "imports:discard"), follow=True)
    assert "Importen av uppfoljning-nassjo-2026.txt togs bort." in page(response)
    assert not ImportJob.objects.exists()


def test_the_list_polls_while_an_import_is_being_read(client, people):
    from loften.testing.imports import upload

    upload(actor=people.editor, organisation=people.municipality)
    client.force_login(people.editor)
    response = client.get(START)
    assert 'hx-trigger="every 3s"' in page(response)
    version = response.context["version"]
    htmx = {"HX-Request": "true"}
    unchanged = client.get(START, {"version": version}, headers=htmx)
    assert unchanged.status_code == 204
    ImportJob.objects.update(status="failed", error_code="binary")
    fragment = client.get(START, {"version": version}, headers=htmx)
    assert '<div id="import-jobs"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "every 3s" not in fragment.content.decode()  # nothing left to wait for


def test_a_long_document_can_be_reviewed_and_accepted_in_one_form(client, people):
    rows = "\n".join(
        f"Polisen genomför minst {n} trafikkontroller vid skola {n}.\t"
        f"Genomfört vid {n} tillfällen.\tPågår.\tEj genomfört."
        for n in range(1, 81)
    )
    text = (
        "Uppföljning av medborgarlöfte Nässjö kommun 2026\n\n"
        "Polisen och Nässjö kommun lovar att öka tryggheten under 2026.\n\n"
        f"Aktivitet\tTertial 1\tTertial 2\tTertial 3\n{rows}\n"
    )
    job = ready_job(people, data=text.encode())
    assert len(job.result["activities"]) == 80
    client.force_login(people.editor)
    data = review_post_data(job)
    assert len(data) > 2000  # more fields than Django's default limit of 1000
    response = client.post(job_url(job), data)
    assert response.status_code == 302
    assert FollowUp.objects.filter(activity__promise__isnull=False).count() == 240


def test_administrators_see_imports_read_only_in_the_administration(client, people):
    job = ready_job(people)
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:imports_importjob_changelist"))
    assert listing.status_code == 200
    assert job.original_name in page(listing)
    change = client.get(reverse("admin:imports_importjob_change", args=[job.pk]))
    assert change.status_code == 200
    assert job_url(job) in page(change)
    assert client.get(reverse("admin:imports_importjob_add")).status_code == 403


def test_the_page_of_an_import_whose_draft_was_deleted_says_so(client, people):
    from loften.imports.selectors import import_draft_defaults
    from loften.imports.services import import_job_accept
    from loften.promises.services.promise import promise_delete

    job = ready_job(people)
    draft = import_draft_defaults(result=job.result, organisation=people.municipality)
    draft.activities[2].responsible_police = True
    promise = import_job_accept(job=job, actor=people.editor, data=draft)
    promise_delete(promise=promise, actor=people.editor)
    client.force_login(people.editor)
    text = page(client.get(job_url(job)))
    assert "har tagits bort sedan dess" in text
    assert "4 aktiviteter" in text
    assert "Ladda ned originalet" in text


NOTES_DOCUMENT = """\
Medborgarlöfte Nässjö kommun 2026

Polisen lovar att:
- Genomföra minst 12 hastighetskontroller på Storgatan.
  - Särskilt vid skolorna.
  - Kvällstid under hösten.
""".encode()


def test_the_review_shows_the_notes_and_an_empty_row_for_a_missed_activity(
    client, people
):
    job = ready_job(people, data=NOTES_DOCUMENT, name="nassjo.txt")
    client.force_login(people.editor)
    text = page(client.get(job_url(job)))
    assert "<legend>Särskilt vid skolorna.</legend>" in text
    assert 'name="activities-0-note_0" value="text"' in text
    assert "Gör den till en egen aktivitet" in text
    assert "En aktivitet som inte hittades" in text
    assert 'name="activities-1-text"' in text
    outcome = text[text.index("outcome-heading") :][:600]
    assert "1 aktivitet" in outcome, outcome  # the empty row creates nothing


def test_notes_are_kept_in_the_text_by_default(client, people):
    job = ready_job(people, data=NOTES_DOCUMENT, name="nassjo.txt")
    client.force_login(people.editor)
    accepted = client.post(job_url(job), review_post_data(job))
    assert accepted.status_code == 302, page(accepted)[:2000]
    (checks,) = Promise.objects.get().activities.all()
    assert checks.text.split("\n\n") == [
        "Genomföra minst 12 hastighetskontroller på Storgatan.",
        "Särskilt vid skolorna.",
        "Kvällstid under hösten.",
    ]


def test_a_note_can_become_an_activity_or_be_left_out_and_one_can_be_added(
    client, people
):
    job = ready_job(people, data=NOTES_DOCUMENT, name="nassjo.txt")
    client.force_login(people.editor)
    data = review_post_data(job)
    data["activities-0-note_0"] = "activity"
    data["activities-0-note_1"] = "leave_out"
    data["activities-1-text"] = "Kommunen sätter upp belysning vid Storgatan."
    data["activities-1-responsible_municipality"] = "on"
    accepted = client.post(job_url(job), data)
    assert accepted.status_code == 302, page(accepted)[:2000]
    activities = list(Promise.objects.get().activities.order_by("order"))
    assert [
        (a.text, a.responsible_police, a.responsible_municipality) for a in activities
    ] == [
        ("Genomföra minst 12 hastighetskontroller på Storgatan.", True, False),
        ("Särskilt vid skolorna.", True, False),
        ("Kommunen sätter upp belysning vid Storgatan.", False, True),
    ]
    assert activities[0].target_value == 12
    assert activities[1].target_value is None


def test_an_added_activity_needs_a_responsible_party(client, people):
    job = ready_job(people, data=NOTES_DOCUMENT, name="nassjo.txt")
    client.force_login(people.editor)
    data = review_post_data(job)
    data["activities-1-text"] = "Kommunen sätter upp belysning vid Storgatan."
    refused = client.post(job_url(job), data)
    assert refused.status_code == 200
    assert 'href="#id_activities-1-responsible_police"' in page(refused)
    assert not Promise.objects.exists()
