"""Making, reusing, queueing and pruning report files."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from loften.followups.services import followup_save
from loften.promises.services import activities as activity_services
from loften.promises.services import parts as part_services
from loften.promises.services import promise as promise_services
from loften.publication.selectors import latest_version
from loften.reports import services
from loften.reports.models import GeneratedReport
from loften.testing import factories
from loften.testing.reference import reference_data_ensure
from loften.testing.reports import promise_with_followups
from loften.testing.workflow import promise_with_parties, publish_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(parties):
    periods = promise_with_followups(parties, activities=2, tertials=1)
    return parties, periods[0]


def obtain(parties, period, fmt="csv"):
    return services.report_published_obtain(
        version=latest_version(promise=parties.promise),
        period=period,
        fmt=fmt,
        language="sv",
    )


def test_a_published_report_is_made_once_per_version(published):
    parties, t1 = published
    first = obtain(parties, t1)
    assert first.status == GeneratedReport.Status.READY
    assert first.file.read().decode().count("Publicerad aktivitet") == 2
    again = obtain(parties, t1)
    assert again.pk == first.pk
    assert GeneratedReport.objects.count() == 1


def test_a_new_version_adds_a_stored_report_and_keeps_the_old_one(published):
    parties, t1 = published
    old = obtain(parties, t1)
    old_name = old.file.name
    storage = old.file.storage
    part_services.commitment_create(
        promise=parties.promise, actor=parties.municipality_editor, text="Nytt löfte"
    )
    publish_plan(parties)
    new = obtain(parties, t1)
    assert new.pk != old.pk
    assert new.file.name != old_name
    assert GeneratedReport.objects.filter(pk=old.pk).exists()
    assert storage.exists(old_name)


def test_each_language_and_format_has_its_own_file(published):
    parties, t1 = published
    version = latest_version(promise=parties.promise)
    sv = obtain(parties, t1, "csv")
    en = services.report_published_obtain(
        version=version, period=t1, fmt="csv", language="en"
    )
    assert en.pk != sv.pk
    assert "Quantity achieved" in en.file.read().decode()
    assert obtain(parties, t1, "pdf").pk not in {sv.pk, en.pk}


def test_a_period_that_is_not_published_has_no_published_report(published):
    parties, _t1 = published
    t2 = factories.tertial(2026, 2)
    with pytest.raises(ValidationError):
        obtain(parties, t2)


def test_an_unknown_format_is_refused(published):
    parties, t1 = published
    with pytest.raises(ValidationError):
        obtain(parties, t1, "exe")


def test_a_large_report_is_queued_for_the_worker(
    published, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_SYNC_MAX_SIZE = 1
    parties, t1 = published
    with django_capture_on_commit_callbacks() as callbacks:
        report = obtain(parties, t1, "pdf")
    assert report.status == GeneratedReport.Status.PENDING
    assert not report.file
    assert len(callbacks) == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_a_queued_report(settings):
    reference_data_ensure()
    parties = promise_with_parties()
    settings.REPORTS_SYNC_MAX_SIZE = 1
    (t1,) = promise_with_followups(parties, activities=2, tertials=1)
    report = obtain(parties, t1, "docx")
    assert report.status == GeneratedReport.Status.PENDING
    call_command("worker", "--batch")
    report.refresh_from_db()
    assert report.status == GeneratedReport.Status.READY
    assert report.filename.endswith(".docx")
    assert report.file.size > 0


def test_a_failed_rendering_is_recorded_and_retried(published, monkeypatch):
    parties, t1 = published

    def broken(report, fmt):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(services, "render", broken)
    report = obtain(parties, t1)
    assert report.status == GeneratedReport.Status.FAILED
    assert "no fonts" in report.error
    monkeypatch.undo()
    retried = obtain(parties, t1)
    assert retried.pk == report.pk
    assert retried.status == GeneratedReport.Status.READY


def test_a_draft_needs_read_access_to_the_promise(published):
    parties, t1 = published
    outsider = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        services.report_draft_obtain(
            promise=parties.promise, period=t1, fmt="csv", language="sv", actor=outsider
        )


def test_a_draft_is_reused_until_the_working_copy_changes(published):
    parties, t1 = published
    editor = parties.municipality_editor

    def draft():
        return services.report_draft_obtain(
            promise=parties.promise, period=t1, fmt="csv", language="sv", actor=editor
        )

    first = draft()
    assert first.status == GeneratedReport.Status.READY
    assert "Utkast" in first.file.read().decode()
    assert draft().pk == first.pk
    activity = parties.promise.activities.first()
    followup = activity.followups.get(period=t1)
    followup_save(
        activity=activity,
        period=t1,
        actor=editor,
        expected_version=followup.version,
        text="Ändrad men inte publicerad",
        quantity=99,
    )
    changed = draft()
    assert changed.pk != first.pk
    assert "Ändrad men inte publicerad" in changed.file.read().decode()


def test_a_draft_can_be_made_for_a_promise_never_published(parties):
    activity_services.activity_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        text="Aktivitet i ett utkast",
        responsible_police=True,
    )
    t1 = factories.tertial(2026, 1)
    report = services.report_draft_obtain(
        promise=parties.promise,
        period=t1,
        fmt="pdf",
        language="sv",
        actor=parties.police_editor,
    )
    assert report.status == GeneratedReport.Status.READY
    assert report.filename.endswith("-utkast.pdf")


def test_deleting_a_promise_removes_its_report_files(parties):
    activity_services.activity_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        text="Aktivitet i ett utkast",
        responsible_police=True,
    )
    report = services.report_draft_obtain(
        promise=parties.promise,
        period=factories.tertial(2026, 1),
        fmt="csv",
        language="sv",
        actor=parties.municipality_editor,
    )
    storage, name = report.file.storage, report.file.name
    assert storage.exists(name)
    promise_services.promise_delete(
        promise=parties.promise, actor=parties.municipality_editor
    )
    assert not GeneratedReport.objects.filter(pk=report.pk).exists()
    assert not storage.exists(name)


# --- Pruning ----------------------------------------------------------------------


def _draft(parties, period, fmt="csv"):
    return services.report_draft_obtain(
        promise=parties.promise,
        period=period,
        fmt=fmt,
        language="sv",
        actor=parties.municipality_editor,
    )


def _age(report, days):
    GeneratedReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_drafts_older_than_a_week_are_pruned_with_their_files(published):
    parties, t1 = published
    old, recent = _draft(parties, t1, "csv"), _draft(parties, t1, "docx")
    storage, name = old.file.storage, old.file.name
    _age(old, 8)
    _age(recent, 6)
    assert services.report_prune() == {"drafts": 1, "replaced": 0}
    assert not GeneratedReport.objects.filter(pk=old.pk).exists()
    assert not storage.exists(name)
    assert GeneratedReport.objects.filter(pk=recent.pk).exists()


def test_any_report_made_prunes_old_drafts_of_every_promise(published):
    parties, t1 = published
    old = _draft(parties, t1)
    _age(old, 8)
    other = promise_with_parties()
    (other_t1,) = promise_with_followups(other, activities=1, tertials=1)
    obtain(other, other_t1, "csv")
    assert not GeneratedReport.objects.filter(pk=old.pk).exists()


def test_reports_of_older_versions_are_kept_when_a_newer_version_is_published(
    published,
):
    parties, t1 = published
    old = obtain(parties, t1, "csv")
    other_format = obtain(parties, t1, "xlsx")
    part_services.commitment_create(
        promise=parties.promise, actor=parties.municipality_editor, text="Nytt löfte"
    )
    publish_plan(parties)
    current = obtain(parties, t1, "docx")  # a report made prunes only old drafts
    remaining = set(GeneratedReport.objects.values_list("pk", flat=True))
    assert remaining == {old.pk, other_format.pk, current.pk}
    assert current.version_id != old.version_id


def test_the_prune_command_reports_what_it_deleted(published):
    parties, t1 = published
    _age(_draft(parties, t1), 3)
    out = io.StringIO()
    call_command("reports_prune", "--days", "2", stdout=out)
    assert "Deleted 1 draft reports older than 2 days" in out.getvalue()
    assert not GeneratedReport.objects.exists()
    with pytest.raises(CommandError):
        call_command("reports_prune", "--days", "-1")


def _docx_body(report) -> str:
    import docx

    document = docx.Document(io.BytesIO(report.file.read()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def test_a_published_report_records_who_approved_for_which_party(parties):
    (t1,) = promise_with_followups(
        parties, activities=2, tertials=1, through_workflow=True
    )
    body = _docx_body(obtain(parties, t1, "docx"))
    for approver, organisation in (
        (parties.municipality_approver, parties.municipality),
        (parties.police_approver, parties.police),
    ):
        assert approver.display_name in body
        assert organisation.name in body
    assert "Ännu inte godkänd av" not in body


def test_a_draft_report_says_which_parties_have_not_approved_yet(published):
    from loften.followups.models import ReportingPeriod
    from loften.publication import services as publication

    parties, _t1 = published
    t2 = ReportingPeriod.objects.get(kind="tertial", year=t1_year(parties), number=2)
    for activity in parties.promise.activities.all():
        followup_save(
            activity=activity,
            period=t2,
            actor=parties.municipality_editor,
            expected_version=None,
            status=factories.status(),
            text="Gjort i tertial 2.",
            quantity=1,
        )
    publication.period_report_submit(
        promise=parties.promise, period=t2, actor=parties.municipality_editor
    )
    publication.period_report_approve(
        promise=parties.promise,
        period=t2,
        actor=parties.police_approver,
        organisation=parties.police,
        comment="Stämmer med polisens logg.",
    )
    report = services.report_draft_obtain(
        promise=parties.promise,
        period=t2,
        fmt="docx",
        language="sv",
        actor=parties.municipality_editor,
    )
    body = _docx_body(report)
    assert parties.police_approver.display_name in body
    assert "Stämmer med polisens logg." in body
    assert f"Ännu inte godkänd av: {parties.municipality.name}." in body


def t1_year(parties) -> int:
    return parties.promise.start_date.year


def test_a_published_report_prints_only_the_comments_marked_public(published):
    from loften.followups.models import ReportingPeriod
    from loften.publication import services as publication

    parties, _t1 = published
    t2 = ReportingPeriod.objects.get(kind="tertial", year=t1_year(parties), number=2)
    for activity in parties.promise.activities.all():
        followup_save(
            activity=activity,
            period=t2,
            actor=parties.municipality_editor,
            expected_version=None,
            status=factories.status(),
            text="Gjort i tertial 2.",
            quantity=1,
        )
    publication.period_report_submit(
        promise=parties.promise, period=t2, actor=parties.municipality_editor
    )
    for approver, organisation, comment, public in (
        (parties.police_approver, parties.police, "Internt: kolla loggen.", False),
        (parties.municipality_approver, parties.municipality, "Bra arbete.", True),
    ):
        publication.period_report_approve(
            promise=parties.promise,
            period=t2,
            actor=approver,
            organisation=organisation,
            comment=comment,
            comment_public=public,
        )
    publication.period_report_publish(
        promise=parties.promise, period=t2, actor=parties.municipality_approver
    )
    body = _docx_body(obtain(parties, t2, "docx"))
    assert parties.police_approver.display_name in body
    assert "Bra arbete." in body
    assert "Internt: kolla loggen." not in body
