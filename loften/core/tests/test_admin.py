"""The admin: every page renders, and every write goes through the services, so it
refuses what the editors' screens refuse and never corrupts the workflow state."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from loften.core.models import AuditEntry
from loften.examples.loader import example_data_load
from loften.followups.models import ActivityEvent, FollowUp, FollowUpStatus
from loften.followups.services import activity_event_log, followup_save
from loften.organisations.models import Membership, Organisation
from loften.promises.models import Activity, Commitment, Promise
from loften.testing import factories
from loften.testing.workflow import promise_with_parties, publish_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def plan(db):
    """A promise that runs around today, with both parties and one activity."""
    today = timezone.localdate()
    parties = promise_with_parties(
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=300),
    )
    factories.ActivityFactory(promise=parties.promise)
    return parties


def form_data(response, **changes) -> dict:
    """What the browser would post back for the change form in `response`, with
    `changes` applied (None removes a field, as an unticked checkbox is absent)."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is not None and value is not False:
                data[bound.html_name] = value
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def change_url(obj) -> str:
    info = f"{obj._meta.app_label}_{obj._meta.model_name}"
    return reverse(f"admin:{info}_change", args=[obj.pk])


def add_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def post_change(client, obj, **changes):
    url = change_url(obj)
    return client.post(url, form_data(client.get(url), **changes))


def form_errors(response) -> list[str]:
    form = response.context["adminform"].form
    return [str(message) for errors in form.errors.values() for message in errors]


def test_every_changelist_and_a_change_form_of_each_model_render(admin_client):
    example_data_load(today=datetime.date(2026, 11, 22))
    for model, model_admin in admin.site._registry.items():
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        changelist = admin_client.get(reverse(f"admin:{info}_changelist"))
        assert changelist.status_code == 200, info
        instance = model_admin.get_queryset(changelist.wsgi_request).first()
        if instance is not None:
            change = admin_client.get(
                reverse(f"admin:{info}_change", args=[instance.pk])
            )
            assert change.status_code == 200, info


# --- Promises -------------------------------------------------------------------------


def test_the_promise_status_and_revision_are_not_fields_of_the_admin_form(
    admin_client, plan
):
    form = admin_client.get(change_url(plan.promise)).context["adminform"].form
    assert "status" not in form.fields
    assert "revision" not in form.fields
    assert "slug" not in form.fields


@pytest.mark.parametrize("status", ["published", "concluded"])
def test_posting_a_status_in_the_admin_changes_nothing_but_the_fields(
    admin_client, plan, status
):
    promise = plan.promise
    revision = promise.revision
    response = post_change(
        admin_client, promise, status=status, title="Nytt namn på löftet"
    )
    assert response.status_code == 302, form_errors(response)
    promise.refresh_from_db()
    assert promise.status == Promise.Status.DRAFT
    assert promise.title == "Nytt namn på löftet"
    assert promise.revision == revision + 1
    assert not promise.versions.exists()


def test_an_admin_edit_of_a_published_promise_is_the_services_change(
    admin_client, plan
):
    publish_plan(plan)
    promise = plan.promise
    old_title = promise.title
    response = post_change(admin_client, promise, title="Rättad rubrik")
    assert response.status_code == 302, form_errors(response)
    promise.refresh_from_db()
    # As on the editors' screens: the published version stays public and the
    # changed plan is a draft that needs new approvals.
    assert promise.status == Promise.Status.DRAFT
    assert promise.versions.count() == 1
    entry = AuditEntry.objects.get(action="promise.update", object_id=str(promise.pk))
    assert entry.actor.is_superuser
    assert entry.changes == {"title": [old_title, "Rättad rubrik"]}


def test_a_promise_edit_over_someone_elses_change_is_refused(admin_client, plan):
    from loften.promises.services.promise import promise_update

    promise = plan.promise
    url = change_url(promise)
    shown = admin_client.get(url)
    promise_update(promise=promise, actor=None, title="Ändrad av någon annan")
    response = admin_client.post(url, form_data(shown, title="Min ändring"))
    assert response.status_code == 200
    assert form_errors(response) == [
        gettext(
            "Someone else changed this while you were editing it. Your text "
            "is kept below beside theirs: merge them and save again."
        )
    ]
    promise.refresh_from_db()
    assert promise.title == "Ändrad av någon annan"


def test_a_published_promise_cannot_be_deleted_in_the_admin(admin_client, plan):
    publish_plan(plan)
    url = reverse("admin:promises_promise_delete", args=[plan.promise.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Promise.objects.filter(pk=plan.promise.pk).exists()


def test_a_commitment_added_inline_goes_through_the_service(admin_client, plan):
    promise = plan.promise
    revision = promise.revision
    url = change_url(promise)
    shown = admin_client.get(url)
    prefix = next(
        inline.formset.prefix
        for inline in shown.context["inline_admin_formsets"]
        if inline.formset.model is Commitment
    )
    response = admin_client.post(
        url,
        form_data(
            shown,
            **{
                f"{prefix}-TOTAL_FORMS": "1",
                f"{prefix}-0-text": "  Vi ska göra centrum tryggare.  ",
            },
        ),
    )
    assert response.status_code == 302, form_errors(response)
    commitment = promise.commitments.get()
    assert commitment.text == "Vi ska göra centrum tryggare."
    promise.refresh_from_db()
    assert promise.revision == revision + 1
    assert AuditEntry.objects.filter(
        action="commitment.create", object_id=str(commitment.pk)
    ).exists()


# --- Activities -----------------------------------------------------------------------


def test_an_activity_edit_records_the_old_value_and_needs_new_approval(
    admin_client, plan
):
    activity = plan.promise.activities.get()
    old_text = activity.text
    publish_plan(plan)
    promise = plan.promise
    promise.refresh_from_db()
    revision = promise.revision
    response = post_change(admin_client, activity, text="Ändrad av administratören")
    assert response.status_code == 302, form_errors(response)
    promise.refresh_from_db()
    activity.refresh_from_db()
    assert promise.revision == revision + 1
    assert promise.status == Promise.Status.DRAFT
    assert activity.version == 2
    entry = AuditEntry.objects.get(action="activity.update", object_id=str(activity.pk))
    assert entry.changes == {"text": [old_text, "Ändrad av administratören"]}


def test_an_activity_without_a_responsible_party_is_refused(admin_client, plan):
    activity = plan.promise.activities.get()
    revision = Promise.objects.get(pk=plan.promise.pk).revision
    response = post_change(
        admin_client,
        activity,
        responsible_police=None,
        responsible_municipality=None,
        partners=None,
    )
    assert response.status_code == 200
    assert gettext(
        "Name who is responsible: the police, the municipality or a partner."
    ) in form_errors(response)
    activity.refresh_from_db()
    assert activity.responsible_police and activity.version == 1
    assert Promise.objects.get(pk=plan.promise.pk).revision == revision


def test_an_activity_with_another_promises_commitment_is_refused(admin_client, plan):
    other = factories.CommitmentFactory()
    response = admin_client.post(
        add_url(Activity),
        {
            "promise": plan.promise.pk,
            "text": "Ny aktivitet",
            "commitment": other.pk,
            "responsible_police": "on",
            "target_scope": "per_year",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["commitment"] == [
        gettext("The commitment belongs to another promise.")
    ]
    assert plan.promise.activities.count() == 1


def test_an_activity_change_offers_only_its_own_promises_commitments(
    admin_client, plan
):
    activity = plan.promise.activities.get()
    own = factories.CommitmentFactory(promise=plan.promise)
    other = factories.CommitmentFactory()
    response = post_change(admin_client, activity, commitment=str(other.pk))
    assert response.status_code == 200
    assert "commitment" in response.context["adminform"].form.errors
    response = post_change(admin_client, activity, commitment=str(own.pk))
    assert response.status_code == 302, form_errors(response)
    activity.refresh_from_db()
    assert activity.commitment == own


def test_the_activity_of_a_concluded_promise_cannot_be_changed(admin_client, plan):
    activity = plan.promise.activities.get()
    data = form_data(admin_client.get(change_url(activity)), text="Sent ändrad")
    Promise.objects.filter(pk=plan.promise.pk).update(status="concluded")
    assert admin_client.post(change_url(activity), data).status_code == 403
    activity.refresh_from_db()
    assert activity.text != "Sent ändrad"


# --- Follow-ups and the log -----------------------------------------------------------


def _period(promise):
    from loften.followups.services import reporting_periods_ensure

    return reporting_periods_ensure(promise=promise)[0]


def test_a_follow_up_for_a_period_the_promise_does_not_report_on_is_refused(
    admin_client, plan
):
    activity = plan.promise.activities.get()
    far_away = factories.tertial(year=plan.promise.end_date.year + 3, number=1)
    response = admin_client.post(
        add_url(FollowUp),
        {"activity": activity.pk, "period": far_away.pk, "text": "Gjort."},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["period"] == [
        gettext("The promise does not report on this period.")
    ]
    assert not FollowUp.objects.exists()


def test_an_admin_follow_up_edit_bumps_the_version_once_and_records_the_old_text(
    admin_client, plan
):
    activity = plan.promise.activities.get()
    followup = followup_save(
        activity=activity,
        period=_period(plan.promise),
        actor=None,
        expected_version=None,
        text="Första texten.",
    )
    response = post_change(admin_client, followup, text="Rättad text.")
    assert response.status_code == 302, form_errors(response)
    followup.refresh_from_db()
    assert followup.version == 2
    entry = AuditEntry.objects.get(action="followup.update")
    assert entry.changes == {"text": ["Första texten.", "Rättad text."]}


def test_an_admin_follow_up_edit_over_someone_elses_save_is_refused(admin_client, plan):
    activity = plan.promise.activities.get()
    period = _period(plan.promise)
    followup = followup_save(
        activity=activity, period=period, actor=None, expected_version=None, text="A"
    )
    url = change_url(followup)
    shown = admin_client.get(url)
    followup_save(
        activity=activity, period=period, actor=None, expected_version=1, text="B"
    )
    response = admin_client.post(url, form_data(shown, text="C"))
    assert response.status_code == 200
    assert form_errors(response) == [
        gettext(
            "Someone else saved this follow-up while you were writing. "
            "Your text is kept below beside theirs: merge them and save again."
        )
    ]
    followup.refresh_from_db()
    assert (followup.text, followup.version) == ("B", 2)


def test_a_logged_occurrence_in_the_future_is_refused(admin_client, plan):
    activity = plan.promise.activities.get()
    response = admin_client.post(
        add_url(ActivityEvent),
        {
            "activity": activity.pk,
            "date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "quantity": "1",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"] == [
        gettext("An occurrence cannot be logged in the future.")
    ]
    assert not ActivityEvent.objects.exists()


def test_a_logged_occurrence_moved_outside_the_promise_is_refused(admin_client, plan):
    activity = plan.promise.activities.get()
    event = activity_event_log(
        activity=activity, actor=None, date=timezone.localdate(), quantity=2
    )
    before = plan.promise.start_date - datetime.timedelta(days=1)
    response = post_change(admin_client, event, date=before.isoformat())
    assert response.status_code == 200
    assert "date" in response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.date == timezone.localdate()


def test_a_logged_occurrence_changed_in_the_admin_records_old_and_new(
    admin_client, plan
):
    activity = plan.promise.activities.get()
    event = activity_event_log(
        activity=activity, actor=None, date=timezone.localdate(), quantity=2
    )
    response = post_change(admin_client, event, quantity="3")
    assert response.status_code == 302, form_errors(response)
    entry = AuditEntry.objects.get(action="activity_event.update")
    assert entry.changes == {"quantity": [2, 3]}


# --- Models without services: audited with the old value ------------------------------


def test_an_admin_change_without_a_service_records_the_stored_value(admin_client):
    status = FollowUpStatus.objects.order_by("order").first()
    old_name = status.name
    response = post_change(admin_client, status, name="Helt klart")
    assert response.status_code == 302, form_errors(response)
    entry = AuditEntry.objects.get(action="admin.update", object_id=str(status.pk))
    assert entry.changes == {"name": [old_name, "Helt klart"]}


def test_an_admin_change_of_a_police_areas_municipalities_records_both_lists(
    admin_client,
):
    area = factories.PoliceAreaFactory(municipalities=[factories.municipality("0682")])
    aneby = factories.municipality("0604")
    response = post_change(admin_client, area, municipalities=[str(aneby.pk)])
    assert response.status_code == 302, form_errors(response)
    entry = AuditEntry.objects.get(action="admin.update", object_id=str(area.pk))
    assert entry.changes == {"municipalities": [["Nässjö"], ["Aneby"]]}


# --- Organisations --------------------------------------------------------------------


def test_a_membership_added_in_the_admin_goes_through_the_service(admin_client, plan):
    user = factories.UserFactory()
    response = admin_client.post(
        add_url(Membership),
        {"user": user.pk, "organisation": plan.municipality.pk, "role": "viewer"},
    )
    assert response.status_code == 302, form_errors(response)
    entry = AuditEntry.objects.get(action="membership.set")
    assert entry.changes == {"role": [None, "viewer"]}
    assert entry.actor.is_superuser


def test_an_organisation_added_in_the_admin_goes_through_the_service(admin_client):
    url = add_url(Organisation)
    response = admin_client.post(
        url,
        form_data(
            admin_client.get(url),
            name="Fältgruppen",
            kind="partner",
            contact_phone="036-10 10 10",
        ),
    )
    assert response.status_code == 302, form_errors(response)
    entry = AuditEntry.objects.get(action="organisation.create")
    assert entry.object_repr == "Fältgruppen"


def test_a_promise_added_in_the_admin_is_a_draft_started_by_the_service(
    admin_client, superuser
):
    url = add_url(Promise)
    area = factories.PoliceAreaFactory()
    response = admin_client.post(
        url,
        form_data(
            admin_client.get(url),
            title="Medborgarlöfte Aneby 2027",
            slug="aneby-2027",
            municipalities=[str(factories.municipality("0604").pk)],
            police_area=str(area.pk),
            start_date="2027-01-01",
            end_date="2027-12-31",
            status="published",
        ),
    )
    assert response.status_code == 302, form_errors(response)
    promise = Promise.objects.get(slug="aneby-2027")
    assert promise.status == Promise.Status.DRAFT
    assert promise.created_by == superuser
    assert AuditEntry.objects.filter(
        action="promise.create", object_id=str(promise.pk)
    ).exists()


def test_an_indicator_value_moved_to_another_year_in_the_admin(admin_client, plan):
    from decimal import Decimal

    from loften.promises.services.indicators import (
        indicator_create,
        indicator_value_set,
    )

    indicator = indicator_create(
        promise=plan.promise,
        actor=None,
        name="Otrygghet i centrum",
        source="Trygghetsmätningen",
        unit="%",
        direction="decrease",
    )
    indicator_value_set(indicator=indicator, actor=None, year=2024, value=31)
    shown = admin_client.get(change_url(indicator))
    prefix = shown.context["inline_admin_formsets"][0].formset.prefix
    response = admin_client.post(
        change_url(indicator), form_data(shown, **{f"{prefix}-0-year": "2025"})
    )
    assert response.status_code == 302, form_errors(response)
    assert list(indicator.values.values_list("year", "value")) == [
        (2025, Decimal("31.00"))
    ]
    assert AuditEntry.objects.filter(action="indicator_value.delete").exists()
