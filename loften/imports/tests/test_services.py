import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from loften.core.models import AuditEntry
from loften.followups.models import FollowUp
from loften.imports.models import ImportJob
from loften.imports.parsing import read_and_parse
from loften.imports.reading import read_in_child
from loften.imports.selectors import import_draft_defaults, municipality_refs
from loften.imports.services import (
    DraftNotCreated,
    import_document_save_draft,
    import_job_accept,
    import_job_discard,
    import_job_process,
    import_jobs_create,
)
from loften.organisations.models import Organisation
from loften.promises.models import FocusArea, Promise
from loften.promises.services.promise import promise_delete
from loften.testing import factories
from loften.testing.imports import (
    FOLLOWUP_TEXT,
    followup_document,
    ready_job,
    upload,
)

from . import documents

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def accepted_draft(job, *, organisation):
    """The proposal with the one activity that names no party given to the police."""
    draft = import_draft_defaults(result=job.result, organisation=organisation)
    for activity in draft.activities:
        if not (
            activity.responsible_police
            or activity.responsible_municipality
            or activity.partners
        ):
            activity.responsible_police = True
    return draft


# --- Upload ---------------------------------------------------------------------------


def test_an_upload_keeps_the_file_with_its_name_size_and_checksum(people, settings):
    job = upload(actor=people.editor, organisation=people.municipality)
    data = followup_document()
    assert job.status == ImportJob.Status.QUEUED
    assert job.original_name == "uppfoljning-nassjo-2026.txt"
    assert job.size == len(data)
    assert job.sha256 == hashlib.sha256(data).hexdigest()
    assert job.uploaded_by == people.editor
    assert job.organisation == people.municipality
    assert job.source.name.startswith("imports/")
    assert "uppfoljning" not in job.source.name  # stored under a random name
    assert job.source.read() == data
    assert AuditEntry.objects.filter(
        action="import.upload", object_id=str(job.pk), actor=people.editor
    ).exists()


def test_an_upload_queues_the_reading_once_the_transaction_commits(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(actor=people.editor, organisation=people.municipality)
    task = DBTaskResult.objects.get()
    assert task.task_path == "loften.imports.tasks.process_import_job"
    assert task.args_kwargs["args"] == [job.pk]


def test_a_file_over_the_limit_is_refused_before_anything_is_stored(people, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("stor.pdf", b"%PDF-1.4\n" + b"x" * (1536 * 1024))
    with pytest.raises(ValidationError) as refused:
        import_jobs_create(
            actor=people.editor, organisation=people.municipality, files=[big]
        )
    assert refused.value.messages == [
        "stor.pdf: Filen är 1,5 MB; filer större än 1 MB kan inte importeras."
    ]
    assert not ImportJob.objects.exists()
    assert stored_files(settings) == []


def test_one_bad_file_among_several_stores_none_of_them(people, settings):
    files = [
        SimpleUploadedFile("bra.txt", followup_document()),
        SimpleUploadedFile("tom.txt", b""),
    ]
    with pytest.raises(ValidationError, match=r"tom\.txt: Filen är tom\."):
        import_jobs_create(
            actor=people.editor, organisation=people.municipality, files=files
        )
    assert not ImportJob.objects.exists()
    assert stored_files(settings) == []


def test_a_failure_while_storing_the_second_file_keeps_neither(
    people, settings, monkeypatch
):
    from loften.imports import services

    logged = []

    def audit_then_fail(**kwargs):
        logged.append(kwargs)
        if len(logged) == 2:
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(services, "audit_log", audit_then_fail)
    files = [
        SimpleUploadedFile("ett.txt", followup_document()),
        SimpleUploadedFile("tva.txt", followup_document()),
    ]
    with pytest.raises(RuntimeError):
        import_jobs_create(
            actor=people.editor, organisation=people.municipality, files=files
        )
    assert not ImportJob.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("who", ["viewer", "other_editor", "police_editor"])
def test_only_editors_of_the_organisation_may_upload_for_it(people, who):
    with pytest.raises(PermissionDenied):
        upload(actor=getattr(people, who), organisation=people.municipality)
    assert not ImportJob.objects.exists()


def test_nobody_imports_for_a_partner_organisation(people):
    partner = factories.OrganisationFactory(name="Föreningen")
    editor = factories.member(partner)
    with pytest.raises(PermissionDenied):
        upload(actor=editor, organisation=partner)


# --- Reading --------------------------------------------------------------------------


def test_reading_keeps_the_result_and_the_source_text(people, assert_valid):
    job = ready_job(people)
    assert job.status == ImportJob.Status.READY
    assert job.file_type == "txt"
    assert_valid(job.result)
    assert job.result["municipality"] == {"name": "Nässjö", "code": "0682"}
    assert len(job.result["activities"]) == 4
    assert any("Statistiken för hösten" in w for w in job.warnings)
    first = job.source_blocks[0]
    assert first["kind"] == "heading"
    assert first["text"] == "Uppföljning av medborgarlöfte Nässjö kommun 2026"
    assert first["line"] == 1


def test_reading_a_job_twice_changes_nothing(people):
    job = ready_job(people)
    updated = job.updated_at
    again = import_job_process(job_id=job.pk)
    assert again.status == ImportJob.Status.READY
    assert again.updated_at == updated


BAD_DOCUMENTS = [
    ("skyddad.pdf", documents.encrypted_pdf, "encrypted_pdf", "lösenordsskyddad"),
    ("trasig.pdf", lambda: b"%PDF-1.4\nnot really a pdf", "corrupt_pdf", "skadad"),
    ("trasig.docx", lambda: b"PK\x03\x04 trasigt arkiv", "corrupt_docx", "Word-filen"),
    ("skräp.txt", lambda: bytes(range(256)) * 4, "binary", "binärdata"),
    ("inskannad.pdf", documents.scanned_pdf, "empty", "OCR"),
    (
        "gammal.doc",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
        "unsupported_type",
        ".doc",
    ),
    (
        "recept.txt",
        lambda: "Pannkakor\n\nTre ägg, sex dl mjölk och tre dl mjöl.".encode(),
        "no_structure",
        "Inga löften eller aktiviteter",
    ),
]


@pytest.mark.parametrize(
    ("name", "make", "code", "words"), BAD_DOCUMENTS, ids=[d[2] for d in BAD_DOCUMENTS]
)
def test_a_document_that_cannot_be_read_fails_with_a_swedish_message_and_leaves_nothing(
    people, settings, django_capture_on_commit_callbacks, name, make, code, words
):
    with django_capture_on_commit_callbacks(execute=True):
        job = ready_job(people, data=make(), name=name)
    assert job.status == ImportJob.Status.FAILED
    assert job.error_code == code
    assert words in job.error_message
    assert job.result is None
    assert not job.source  # the stored copy is removed
    assert stored_files(settings) == []
    assert not Promise.objects.exists()


def test_a_fault_in_the_reader_keeps_the_file_for_an_administrator(
    people, settings, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("loften.imports.services.read_in_child", broken)
    job = ready_job(people)
    assert job.status == ImportJob.Status.FAILED
    assert job.error_code == "internal"
    assert "fel i Löften" in job.error_message
    assert job.source
    assert len(stored_files(settings)) == 1


def test_a_document_that_takes_too_long_to_read_fails_with_a_swedish_message(
    people, settings, monkeypatch
):
    settings.IMPORT_PARSE_SECONDS = 7
    seen = {}

    def never_answers(header, data, *, timeout):
        # The reader ran past the limit and its grace, so it was killed.
        seen["timeout"] = timeout
        raise TimeoutError

    monkeypatch.setattr("loften.imports.reading._run_child", never_answers)
    job = ready_job(people)
    assert seen["timeout"] > 7
    assert job.status == ImportJob.Status.FAILED
    assert job.error_code == "too_slow"
    assert job.error_message == (
        "Det tog längre än 7 sekunder att läsa dokumentet, så läsningen avbröts; "
        "dela upp det i mindre filer och importera dem en i taget."
    )


def test_an_import_removed_while_it_is_read_stays_removed(people, monkeypatch):
    job = upload(actor=people.editor, organisation=people.municipality)
    real = read_in_child

    def remove_meanwhile(*args, **kwargs):
        ImportJob.objects.filter(pk=job.pk).delete()
        return real(*args, **kwargs)

    monkeypatch.setattr("loften.imports.services.read_in_child", remove_meanwhile)
    assert import_job_process(job_id=job.pk) is None
    assert not ImportJob.objects.exists()


# --- Acceptance -----------------------------------------------------------------------


def test_accepting_creates_exactly_the_reviewed_draft(people):
    job = ready_job(people)
    draft = accepted_draft(job, organisation=people.municipality)
    promise = import_job_accept(job=job, actor=people.editor, data=draft)

    assert promise.status == Promise.Status.DRAFT
    assert promise.title == "Uppföljning av medborgarlöfte Nässjö kommun 2026"
    assert list(promise.municipalities.values_list("code", flat=True)) == ["0682"]
    assert promise.police_area == people.police_area  # Nässjö's only police area
    assert (promise.start_date, promise.end_date) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert promise.cadence == "tertial"
    assert promise.created_by == people.editor
    assert [c.text for c in promise.commitments.all()] == [
        "Vi lovar att öka tryggheten i centrala Nässjö under 2026."
    ]
    activities = list(promise.activities.order_by("order"))
    assert [a.focus_area.name if a.focus_area else None for a in activities] == [
        "Trafik",
        "Trafik",
        "Trafik",
        None,  # "Trygghet i centrum" is not in the taxonomy and was not added
    ]
    first, second, third, fourth = activities
    assert (first.responsible_police, first.responsible_municipality) == (True, False)
    assert (first.target_comparator, first.target_value, first.target_unit) == (
        "at_least",
        10,
        "trafikkontroller",
    )
    assert first.commitment == promise.commitments.get()
    assert [p.name for p in second.partners.all()] == ["Skolan (Nässjö)"]
    assert [p.name for p in fourth.partners.all()] == ["Nattvandrare (Nässjö)"]
    assert Organisation.objects.get(name="Skolan (Nässjö)").municipality.code == "0682"

    followups = FollowUp.objects.filter(activity__promise=promise)
    assert followups.count() == 8
    t1 = followups.get(activity=first, period__number=1)
    assert t1.period.kind == "tertial" and t1.period.year == 2026
    assert t1.status.category == "done"
    assert t1.quantity == 8  # the count in the target's unit, not the 12 hours
    assert t1.text == "Genomfört, 8 trafikkontroller och sammanlagt 12 timmar."
    assert followups.get(activity=third, period__number=1).status.category == (
        "not_done"
    )
    assert FocusArea.objects.filter(name__iexact="Trygghet i centrum").count() == 0

    job.refresh_from_db()
    assert job.status == ImportJob.Status.ACCEPTED
    assert job.promise == promise
    assert job.accepted_by == people.editor
    assert job.created == {
        "commitments": 1,
        "activities": 4,
        "targets": 2,
        "followups": 8,
        "partners": ["Skolan (Nässjö)", "Nattvandrare (Nässjö)"],
        "focus_areas": [],
    }
    assert job.source.read() == followup_document()  # the file is kept
    entry = AuditEntry.objects.get(action="import.accept")
    assert entry.object_id == str(job.pk)
    assert entry.promise_id == promise.pk
    assert entry.actor == people.editor
    assert "uppfoljning-nassjo-2026.txt" in entry.message
    assert f"Import {job.pk}" in entry.message or f"Importen {job.pk}" in entry.message
    # The parts were written through the promises' own services, audited as such.
    assert (
        AuditEntry.objects.filter(
            action="activity.create", promise_id=promise.pk
        ).count()
        == 4
    )
    assert (
        AuditEntry.objects.filter(
            action="followup.create", promise_id=promise.pk
        ).count()
        == 8
    )


def test_a_new_focus_area_is_added_only_when_chosen(people):
    job = ready_job(people)
    draft = accepted_draft(job, organisation=people.municipality)
    draft.activities[3].new_focus_area = "Trygghet i centrum"
    promise = import_job_accept(job=job, actor=people.editor, data=draft)
    area = FocusArea.objects.get(name="Trygghet i centrum")
    assert promise.activities.get(text__startswith="Nattvandring").focus_area == area
    assert AuditEntry.objects.filter(
        action="focus_area.create", object_id=str(area.pk)
    ).exists()


def test_an_invalid_activity_rolls_back_everything_including_new_partners(people):
    job = ready_job(people)
    draft = import_draft_defaults(result=job.result, organisation=people.municipality)
    # Activity 3 names no responsible party: the promises' service refuses it,
    # after the promise, the commitment and two activities were already made.
    audit_before = AuditEntry.objects.count()
    partners_before = Organisation.objects.filter(kind="partner").count()
    with pytest.raises(ValidationError, match="Aktivitet 3"):
        import_job_accept(job=job, actor=people.editor, data=draft)
    assert not Promise.objects.exists()
    assert not FollowUp.objects.exists()
    assert Organisation.objects.filter(kind="partner").count() == partners_before
    assert AuditEntry.objects.count() == audit_before
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
    assert job.promise is None


def test_the_draft_must_have_the_importing_organisation_as_a_party(people):
    job = ready_job(people)
    draft = accepted_draft(job, organisation=people.municipality)
    draft.municipality = factories.municipality("0604")  # Aneby
    with pytest.raises(ValidationError, match="Nässjö kommun"):
        import_job_accept(job=job, actor=people.editor, data=draft)
    assert not Promise.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "other_editor"])
def test_only_editors_of_the_organisation_may_accept(people, who):
    job = ready_job(people)
    draft = accepted_draft(job, organisation=people.municipality)
    with pytest.raises(PermissionDenied):
        import_job_accept(job=job, actor=getattr(people, who), data=draft)
    assert not Promise.objects.exists()


def test_an_import_is_accepted_only_once(people):
    job = ready_job(people)
    draft = accepted_draft(job, organisation=people.municipality)
    import_job_accept(job=job, actor=people.editor, data=draft)
    with pytest.raises(ValidationError, match="redan"):
        import_job_accept(job=job, actor=people.editor, data=draft)
    assert Promise.objects.count() == 1


def test_a_failed_import_cannot_be_accepted(people):
    job = ready_job(people, data=b"%PDF-1.4\nnot really a pdf", name="trasig.pdf")
    draft = import_draft_defaults(
        result={"activities": [], "years": [2026]}, organisation=people.municipality
    )
    with pytest.raises(ValidationError):
        import_job_accept(job=job, actor=people.editor, data=draft)


def test_deleting_the_draft_later_keeps_the_record_of_the_import(people):
    job = ready_job(people)
    promise = import_job_accept(
        job=job,
        actor=people.editor,
        data=accepted_draft(job, organisation=people.municipality),
    )
    promise_delete(promise=promise, actor=people.editor)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.ACCEPTED
    assert job.promise is None
    assert job.source
    assert job.created["activities"] == 4


# --- Discarding -----------------------------------------------------------------------


def test_discarding_removes_the_import_and_its_file(people, settings):
    job = ready_job(people)
    import_job_discard(job=job, actor=people.editor)
    assert not ImportJob.objects.exists()
    assert AuditEntry.objects.filter(action="import.discard").exists()


def test_discarding_deletes_the_stored_file_after_commit(
    people, settings, django_capture_on_commit_callbacks
):
    job = ready_job(people)
    with django_capture_on_commit_callbacks(execute=True):
        import_job_discard(job=job, actor=people.editor)
    assert stored_files(settings) == []


def test_an_accepted_import_cannot_be_discarded(people):
    job = ready_job(people)
    import_job_accept(
        job=job,
        actor=people.editor,
        data=accepted_draft(job, organisation=people.municipality),
    )
    with pytest.raises(ValidationError):
        import_job_discard(job=job, actor=people.editor)


def test_a_viewer_cannot_discard(people):
    job = ready_job(people)
    with pytest.raises(PermissionDenied):
        import_job_discard(job=job, actor=people.viewer)


# --- The command line's draft --------------------------------------------------------


def parsed(text: str = FOLLOWUP_TEXT, name: str = "nassjo.txt"):
    return read_and_parse(
        text.encode(), filename=name, municipalities=municipality_refs()
    )


def test_a_command_line_draft_is_an_accepted_import_of_the_municipality(people):
    saved = import_document_save_draft(
        actor=None,
        data=followup_document(),
        filename="dokument/nassjo.txt",
        parsed=parsed(),
    )
    job = saved.job
    assert job.status == ImportJob.Status.ACCEPTED
    assert job.organisation == people.municipality
    assert job.uploaded_by is None
    assert job.original_name == "nassjo.txt"
    assert job.source.read() == followup_document()
    promise = saved.promise
    assert promise.status == Promise.Status.DRAFT
    assert promise.activities.count() == 4
    lamp = promise.activities.get(text__startswith="Belysning")
    # Named by nobody in the document: both parties until someone checks.
    assert lamp.responsible_police and lamp.responsible_municipality
    assert any(
        "Aktivitet 3" in hint and "polisen och kommunen" in hint for hint in saved.hints
    )
    assert AuditEntry.objects.filter(action="import.accept", actor=None).exists()


def test_a_command_line_draft_needs_a_municipality(db, settings):
    text = FOLLOWUP_TEXT.replace("Nässjö kommun", "kommunen").replace(
        "centrala Nässjö", "centrum"
    )
    with pytest.raises(DraftNotCreated) as refused:
        import_document_save_draft(
            actor=None, data=text.encode(), filename="x.txt", parsed=parsed(text)
        )
    assert refused.value.code == "no_municipality"
    assert not ImportJob.objects.exists()
    assert not Promise.objects.exists()
    assert stored_files(settings) == []


def test_the_command_lines_municipality_and_year_fill_what_the_document_lacks(db):
    text = (
        FOLLOWUP_TEXT.replace("Nässjö kommun", "kommunen")
        .replace("centrala Nässjö", "centrum")
        .replace(" 2026", "")
    )
    saved = import_document_save_draft(
        actor=None,
        data=text.encode(),
        filename="x.txt",
        parsed=parsed(text),
        municipality=factories.municipality("0682"),
        year=2025,
    )
    promise = saved.promise
    assert [m.code for m in promise.municipalities.all()] == ["0682"]
    assert promise.start_date == datetime.date(2025, 1, 1)
    assert {
        f.period.year for f in FollowUp.objects.filter(activity__promise=promise)
    } == {2025}


# --- Focus areas added on the way --------------------------------------------------


def test_adding_a_focus_area_that_exists_returns_it(people):
    from loften.promises.services.activities import focus_area_create

    existing = FocusArea.objects.get(name="Trafik")
    assert focus_area_create(actor=people.editor, name="  TRAFIK ") == existing


def test_only_editors_add_focus_areas(people):
    from loften.promises.services.activities import focus_area_create

    with pytest.raises(PermissionDenied):
        focus_area_create(actor=people.viewer, name="Trygghet i centrum")
    area = focus_area_create(actor=people.editor, name="Trygghet i centrum")
    assert area.slug == "trygghet-i-centrum"
    assert area.is_active


NOTES_TEXT = """\
Medborgarlöfte Nässjö kommun 2026

Polisen lovar att:
- Genomföra minst 12 hastighetskontroller på Storgatan.
  - Särskilt vid skolorna.
  - Kvällstid under hösten.
"""


def test_a_command_line_draft_keeps_what_the_document_says_about_an_activity(people):
    saved = import_document_save_draft(
        actor=None,
        data=NOTES_TEXT.encode(),
        filename="nassjo.txt",
        parsed=parsed(NOTES_TEXT),
    )
    (checks,) = saved.promise.activities.all()
    assert checks.text == (
        "Genomföra minst 12 hastighetskontroller på Storgatan.\n\n"
        "Särskilt vid skolorna.\n\nKvällstid under hösten."
    )
    assert (
        "Aktivitet 1: Det dokumentet också säger om aktiviteten lades till i dess text."
        in saved.hints
    )
