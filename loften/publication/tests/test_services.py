"""Joint approval, immutable versions and the public read model."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from loften.core.exceptions import StaleApprovalError
from loften.core.models import AuditEntry
from loften.followups.services import followup_save
from loften.promises.models import Promise
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import promise as promise_services
from loften.publication import services
from loften.publication.models import (
    PromiseVersion,
    PublishedActivity,
    PublishedFollowUp,
    PublishedPromise,
)
from loften.publication.selectors import approvals_missing
from loften.testing import factories
from loften.testing.workflow import publish_period, publish_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(parties):
    activity_services.activity_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        text="Genomföra minst fyra trygghetsvandringar",
        responsible_municipality=True,
        target_comparator="at_least",
        target_value=4,
        target_unit="trygghetsvandringar",
        target_scope="per_period",
    )
    return parties


def test_publishing_needs_both_parties_approval(planned):
    promise = planned.promise
    services.promise_submit_for_review(
        promise=promise, actor=planned.municipality_editor
    )
    services.promise_approve(
        promise=promise,
        actor=planned.municipality_approver,
        organisation=planned.municipality,
    )
    assert approvals_missing(promise=promise) == [planned.police]
    with pytest.raises(ValidationError) as error:
        services.promise_publish(promise=promise, actor=planned.municipality_approver)
    assert planned.police.name in error.value.messages[0]
    services.promise_approve(
        promise=promise, actor=planned.police_approver, organisation=planned.police
    )
    version = services.promise_publish(promise=promise, actor=planned.police_approver)
    assert version.number == 1
    promise.refresh_from_db()
    assert promise.status == Promise.Status.PUBLISHED
    assert AuditEntry.objects.filter(
        action="promise.publish", promise_id=promise.pk
    ).exists()


def test_a_single_party_promise_needs_only_that_partys_approval(db):
    promise = factories.PromiseFactory(police_area=None)
    municipality = factories.municipality_organisation(promise.municipalities.get())
    editor = factories.member(municipality, "editor")
    approver = factories.member(municipality, "approver")
    activity_services.activity_create(
        promise=promise,
        actor=editor,
        text="Kommunens aktivitet",
        responsible_municipality=True,
    )
    services.promise_submit_for_review(promise=promise, actor=editor)
    services.promise_approve(promise=promise, actor=approver, organisation=municipality)
    assert services.promise_publish(promise=promise, actor=approver).number == 1


def test_an_edit_after_approval_needs_a_new_approval(planned):
    promise = planned.promise
    services.promise_submit_for_review(
        promise=promise, actor=planned.municipality_editor
    )
    services.promise_approve(
        promise=promise,
        actor=planned.municipality_approver,
        organisation=planned.municipality,
    )
    promise_services.promise_update(
        promise=promise, actor=planned.police_editor, title="Ändrad"
    )
    promise.refresh_from_db()
    assert promise.status == Promise.Status.DRAFT
    assert len(approvals_missing(promise=promise)) == 2


def test_an_editor_cannot_approve_or_publish(planned):
    promise = planned.promise
    services.promise_submit_for_review(
        promise=promise, actor=planned.municipality_editor
    )
    with pytest.raises(PermissionDenied):
        services.promise_approve(
            promise=promise,
            actor=planned.municipality_editor,
            organisation=planned.municipality,
        )
    with pytest.raises(PermissionDenied):
        services.promise_publish(promise=promise, actor=planned.municipality_editor)


def test_a_party_approves_a_revision_once(planned):
    promise = planned.promise
    services.promise_submit_for_review(
        promise=promise, actor=planned.municipality_editor
    )
    services.promise_approve(
        promise=promise,
        actor=planned.municipality_approver,
        organisation=planned.municipality,
    )
    with pytest.raises(ValidationError):
        services.promise_approve(
            promise=promise,
            actor=planned.municipality_approver,
            organisation=planned.municipality,
        )


def test_an_approval_names_the_revision_shown_and_a_stale_one_is_refused(planned):
    promise = planned.promise
    services.promise_submit_for_review(
        promise=promise, actor=planned.municipality_editor
    )
    shown = promise.revision
    activity_services.activity_update(
        activity=promise.activities.get(),
        actor=planned.municipality_editor,
        text="Ny text.",
    )
    services.promise_submit_for_review(
        promise=promise, actor=planned.municipality_editor
    )
    with pytest.raises(StaleApprovalError) as refused:
        services.promise_approve(
            promise=promise,
            actor=planned.police_approver,
            organisation=planned.police,
            revision=shown,
        )
    assert (refused.value.shown, refused.value.current) == (shown, shown + 1)
    assert not promise.approvals.exists()
    approval = services.promise_approve(
        promise=promise,
        actor=planned.police_approver,
        organisation=planned.police,
        revision=shown + 1,
    )
    assert approval.revision == shown + 1


def test_published_content_does_not_change_with_later_edits(planned):
    publish_plan(planned)
    activity = planned.promise.activities.get()
    activity_services.activity_update(
        activity=activity,
        actor=planned.municipality_editor,
        text="Utkast efter publicering",
    )
    published = PublishedActivity.objects.get(pk=activity.pk)
    assert published.text == "Genomföra minst fyra trygghetsvandringar"
    version = PromiseVersion.objects.get()
    assert (
        version.snapshot["activities"][0]["text"]
        == "Genomföra minst fyra trygghetsvandringar"
    )
    planned.promise.refresh_from_db()
    assert planned.promise.status == Promise.Status.DRAFT


def test_a_period_is_published_with_target_against_actual(planned):
    publish_plan(planned)
    activity = planned.promise.activities.get()
    t1 = factories.tertial(2026, 1)
    followup_save(
        activity=activity,
        period=t1,
        actor=planned.municipality_editor,
        expected_version=None,
        status=factories.status("partly_done"),
        text="Tre vandringar genomfördes.",
        quantity=3,
    )
    version = publish_period(planned, t1)
    assert version.number == 2
    assert version.kind == PromiseVersion.Kind.PERIOD
    published = PublishedFollowUp.objects.get()
    assert (published.quantity, published.target_met, published.status_category) == (
        3,
        False,
        "partly_done",
    )


def test_publishing_a_period_does_not_publish_draft_plan_edits(planned):
    publish_plan(planned)
    activity = planned.promise.activities.get()
    activity_services.activity_update(
        activity=activity, actor=planned.municipality_editor, text="Ej godkänd ändring"
    )
    t1 = factories.tertial(2026, 1)
    followup_save(
        activity=activity,
        period=t1,
        actor=None,
        expected_version=None,
        status=factories.status(),
        quantity=4,
    )
    publish_period(planned, t1)
    assert (
        PublishedActivity.objects.get().text
        == "Genomföra minst fyra trygghetsvandringar"
    )
    assert PublishedFollowUp.objects.get().target_met is True


def test_a_period_cannot_be_published_before_the_plan(planned):
    activity = planned.promise.activities.get()
    t1 = factories.tertial(2026, 1)
    followup_save(
        activity=activity,
        period=t1,
        actor=None,
        expected_version=None,
        status=factories.status(),
        quantity=1,
    )
    with pytest.raises(ValidationError):
        publish_period(planned, t1)


def test_read_model_keeps_ids_and_update_times_of_unchanged_rows(planned):
    first = publish_plan(planned)
    activity = planned.promise.activities.get()
    stamp = PublishedActivity.objects.get(pk=activity.pk).updated_at
    t1 = factories.tertial(2026, 1)
    followup_save(
        activity=activity,
        period=t1,
        actor=None,
        expected_version=None,
        status=factories.status(),
        quantity=2,
    )
    publish_period(planned, t1)
    assert PublishedActivity.objects.get(pk=activity.pk).updated_at == stamp
    assert PublishedPromise.objects.get().first_published_at == first.published_at


def test_versions_are_numbered_and_kept(planned):
    publish_plan(planned)
    promise_services.promise_update(
        promise=planned.promise, actor=planned.municipality_editor, title="Nytt namn"
    )
    publish_plan(planned)
    assert list(
        planned.promise.versions.order_by("number").values_list("number", flat=True)
    ) == [1, 2]
    assert PublishedPromise.objects.get().title == "Nytt namn"
    assert (
        PromiseVersion.objects.get(number=1).snapshot["promise"]["title"] != "Nytt namn"
    )


def test_concluding_makes_the_promise_read_only(planned):
    publish_plan(planned)
    services.promise_conclude(promise=planned.promise, actor=planned.police_approver)
    planned.promise.refresh_from_db()
    assert planned.promise.status == Promise.Status.CONCLUDED
    assert PublishedPromise.objects.get().is_concluded
    with pytest.raises(PermissionDenied):
        promise_services.promise_update(
            promise=planned.promise, actor=planned.municipality_editor, title="Sent"
        )


def test_without_party_organisations_nobody_can_publish(db):
    promise = factories.PromiseFactory()
    activity_services.activity_create(
        promise=promise, actor=None, text="Något", responsible_police=True
    )
    with pytest.raises(ValidationError):
        services.promise_submit_for_review(promise=promise, actor=None)


# --- Checks in the publishing path, and approving as the last party ------------------

PERSONNUMMER = "19880320-0016"


def test_a_personnummer_in_the_plan_blocks_sending_for_approval(planned):
    promise = planned.promise
    promise_services.promise_update(
        promise=promise,
        actor=planned.municipality_editor,
        situation_summary=f"Anmälan från {PERSONNUMMER} om skadegörelse.",
    )
    with pytest.raises(ValidationError) as error:
        services.promise_submit_for_review(
            promise=promise, actor=planned.municipality_editor
        )
    assert error.value.code == "personnummer"
    promise.refresh_from_db()
    assert promise.status == Promise.Status.DRAFT


def test_a_personnummer_blocks_publishing_whatever_the_screen(planned):
    promise = planned.promise
    services.promise_submit_for_review(
        promise=promise, actor=planned.municipality_editor
    )
    # Written behind the services' back, e.g. by a direct database edit.
    Promise.objects.filter(pk=promise.pk).update(
        followup_plan=f"Kontakt {PERSONNUMMER}"
    )
    for approver, organisation in (
        (planned.municipality_approver, planned.municipality),
        (planned.police_approver, planned.police),
    ):
        services.promise_approve(
            promise=promise, actor=approver, organisation=organisation
        )
    with pytest.raises(ValidationError):
        services.promise_publish(promise=promise, actor=planned.police_approver)
    assert not PromiseVersion.objects.filter(promise=promise).exists()


def test_a_personnummer_in_an_effect_measure_blocks_sending_for_approval(planned):
    indicator = indicator_services.indicator_create(
        promise=planned.promise,
        actor=planned.municipality_editor,
        name="Andel otrygga",
        source="Trygghetsmätningen",
        unit="%",
        direction="decrease",
    )
    indicator_services.indicator_value_set(
        indicator=indicator,
        actor=planned.municipality_editor,
        year=2025,
        value=23,
        note=f"Uppgift från {PERSONNUMMER}",
    )
    with pytest.raises(ValidationError) as error:
        services.promise_submit_for_review(
            promise=planned.promise, actor=planned.municipality_editor
        )
    assert error.value.code == "personnummer"


def test_a_luhn_invalid_number_does_not_block(planned):
    promise = planned.promise
    promise_services.promise_update(
        promise=promise,
        actor=planned.municipality_editor,
        situation_summary="Ärende 880320-0018 avslutades.",
    )
    assert publish_plan(planned).number == 1


def test_a_personnummer_in_a_followup_blocks_sending_it_for_approval(planned):
    publish_plan(planned)
    period = factories.tertial()
    followup_save(
        activity=planned.promise.activities.get(),
        period=period,
        actor=planned.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text=f"Besök hos {PERSONNUMMER}.",
    )
    with pytest.raises(ValidationError) as error:
        services.period_report_submit(
            promise=planned.promise, period=period, actor=planned.municipality_editor
        )
    assert error.value.code == "personnummer"


def test_warnings_do_not_block(planned):
    promise = planned.promise
    promise_services.promise_update(
        promise=promise,
        actor=planned.municipality_editor,
        situation_summary="Ring 070-123 45 67 eller mejla info@nassjo.se.",
    )
    assert publish_plan(planned).number == 1


def test_the_last_approval_publishes_at_once(planned):
    promise = planned.promise
    services.promise_submit_for_review(
        promise=promise, actor=planned.municipality_editor
    )
    _approval, version = services.promise_approve_and_publish(
        promise=promise,
        actor=planned.municipality_approver,
        organisation=planned.municipality,
    )
    assert version is None
    _approval, version = services.promise_approve_and_publish(
        promise=promise, actor=planned.police_approver, organisation=planned.police
    )
    assert version.number == 1
    assert version.published_by == planned.police_approver
    assert PublishedPromise.objects.filter(pk=promise.pk).exists()


def test_a_followup_approved_before_the_plan_is_published_with_it(planned):
    promise = planned.promise
    period = factories.tertial()
    followup_save(
        activity=promise.activities.get(),
        period=period,
        actor=planned.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text="Tre vandringar genomförda.",
        quantity=3,
    )
    services.promise_submit_for_review(
        promise=promise, actor=planned.municipality_editor
    )
    services.period_report_submit(
        promise=promise, period=period, actor=planned.municipality_editor
    )
    for approver, organisation in (
        (planned.municipality_approver, planned.municipality),
        (planned.police_approver, planned.police),
    ):
        _approval, version = services.period_report_approve_and_publish(
            promise=promise, period=period, actor=approver, organisation=organisation
        )
        assert version is None  # the plan is not published yet
    services.promise_approve_and_publish(
        promise=promise,
        actor=planned.municipality_approver,
        organisation=planned.municipality,
    )
    _approval, version = services.promise_approve_and_publish(
        promise=promise, actor=planned.police_approver, organisation=planned.police
    )
    assert version.number == 2
    assert version.kind == PromiseVersion.Kind.PERIOD
    assert PublishedFollowUp.objects.get().text == "Tre vandringar genomförda."


def test_approvals_awaiting_lists_plans_and_followups_with_missing_parties(planned):
    from loften.publication.selectors import approvals_awaiting

    promise = planned.promise
    publish_plan(planned)
    period = factories.tertial()
    followup_save(
        activity=promise.activities.get(),
        period=period,
        actor=planned.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text="Klart.",
    )
    services.period_report_submit(
        promise=promise, period=period, actor=planned.municipality_editor
    )
    services.period_report_approve(
        promise=promise,
        period=period,
        actor=planned.police_approver,
        organisation=planned.police,
    )
    promise.refresh_from_db()
    awaiting = approvals_awaiting(promises=[promise])
    assert [(a.promise, a.period, a.missing) for a in awaiting] == [
        (promise, period, [planned.municipality])
    ]


def test_a_period_is_sent_for_approval_only_when_every_activity_has_a_status(
    planned,
):
    publish_plan(planned)
    second = activity_services.activity_create(
        promise=planned.promise,
        actor=planned.municipality_editor,
        text="Samverkansmöten",
        responsible_police=True,
    )
    period = factories.tertial()
    followup_save(
        activity=planned.promise.activities.exclude(pk=second.pk).get(),
        period=period,
        actor=planned.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text="Klart.",
    )
    followup_save(
        activity=second,
        period=period,
        actor=planned.municipality_editor,
        expected_version=None,
        text="Skrivet men utan status.",
    )
    with pytest.raises(ValidationError) as error:
        services.period_report_submit(
            promise=planned.promise, period=period, actor=planned.municipality_editor
        )
    assert error.value.code == "incomplete"
    assert "1 aktivitet" in error.value.messages[0]


def test_a_published_period_without_changes_is_not_sent_again(planned):
    publish_plan(planned)
    period = factories.tertial()
    followup_save(
        activity=planned.promise.activities.get(),
        period=period,
        actor=planned.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text="Klart.",
    )
    publish_period(planned, period)
    with pytest.raises(ValidationError):
        services.period_report_submit(
            promise=planned.promise, period=period, actor=planned.municipality_editor
        )


def test_removing_an_activity_makes_a_sent_period_need_new_approvals(planned):
    from loften.followups.models import PeriodReport

    publish_plan(planned)
    second = activity_services.activity_create(
        promise=planned.promise,
        actor=planned.municipality_editor,
        text="Samverkansmöten",
        responsible_police=True,
    )
    period = factories.tertial()
    for activity in planned.promise.activities.all():
        followup_save(
            activity=activity,
            period=period,
            actor=planned.municipality_editor,
            expected_version=None,
            status=factories.status(),
            text="Klart.",
        )
    report = services.period_report_submit(
        promise=planned.promise, period=period, actor=planned.municipality_editor
    )
    services.period_report_approve(
        promise=planned.promise,
        period=period,
        actor=planned.police_approver,
        organisation=planned.police,
    )
    report.refresh_from_db()
    approved_revision = report.revision
    activity_services.activity_delete(
        activity=second, actor=planned.municipality_editor
    )
    report.refresh_from_db()
    assert report.status == PeriodReport.Status.DRAFT
    assert report.revision == approved_revision + 1
    assert planned.police in approvals_missing(promise=planned.promise, period=period)
