"""The follow-up screen of a period: pre-filled from the log, saved as a draft,
refusing stale rows without losing text, and sent for approval."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from loften.editor.forms import followup_fingerprint
from loften.followups.models import FollowUp, PeriodReport
from loften.followups.periods import PeriodKey
from loften.followups.services import activity_event_log, followup_save
from loften.promises.services import activities as activity_services
from loften.testing import factories

pytestmark = pytest.mark.django_db

T1 = PeriodKey(2026, "tertial", 1)


def _url(promise, key=T1):
    return reverse("editor:followup", args=[promise.pk, key])


def _log_three(activity):
    for day in (3, 10, 17):
        activity_event_log(
            activity=activity,
            actor=None,
            date=datetime.date(2026, 2, day),
            hours=2,
        )


def _post_data(response, rows=None):
    """The form as the browser would send it, with `rows` changed:
    {activity_id: {field: value}}."""
    data = {}
    for form in response.context["forms"]:
        for field in form:
            value = field.value()
            if value is None:
                value = ""
            data[field.html_name] = value
        for name, value in (rows or {}).get(form.row.activity.pk, {}).items():
            data[form.add_prefix(name)] = value
    return data


@pytest.fixture
def editor(client, planned):
    client.force_login(planned.municipality_editor)
    return client


def test_the_quantity_is_pre_filled_from_the_log(editor, planned):
    _log_three(planned.activity)
    response = editor.get(_url(planned.promise))
    (form,) = response.context["forms"]
    assert form["quantity"].value() == 3
    assert form["hours"].value() == Decimal("6")
    assert form.row.logged_count == 3
    html = response.content.decode()
    assert "minst 4 trygghetsvandringar" in html


def test_a_followup_is_saved_as_a_draft(editor, planned):
    _log_three(planned.activity)
    first = editor.get(_url(planned.promise))
    status = factories.status()
    data = _post_data(
        first,
        {planned.activity.pk: {"status": status.pk, "text": "Tre vandringar."}},
    )
    data["action"] = "save"
    response = editor.post(_url(planned.promise), data)
    assert response.status_code == 302
    followup = FollowUp.objects.get()
    assert (followup.text, followup.quantity, followup.status) == (
        "Tre vandringar.",
        3,
        status,
    )
    assert followup.author == planned.municipality_editor


def test_untouched_rows_are_not_saved(editor, planned):
    other = activity_services.activity_create(
        promise=planned.promise, actor=None, text="Annat", responsible_police=True
    )
    _log_three(other)  # pre-filled, but nobody wrote anything
    first = editor.get(_url(planned.promise))
    data = _post_data(first, {planned.activity.pk: {"text": "Skrivet."}})
    editor.post(_url(planned.promise), data)
    assert list(FollowUp.objects.values_list("activity", flat=True)) == [
        planned.activity.pk
    ]


def test_a_quantity_other_than_the_log_needs_a_reason(editor, planned):
    _log_three(planned.activity)
    first = editor.get(_url(planned.promise))
    data = _post_data(first, {planned.activity.pk: {"quantity": "5"}})
    response = editor.post(_url(planned.promise), data)
    assert response.status_code == 200
    (form,) = response.context["forms"]
    assert "quantity_note" in form.errors
    assert f'href="#id_a{planned.activity.pk}-quantity_note"' in (
        response.content.decode()
    )
    assert not FollowUp.objects.exists()
    data[f"a{planned.activity.pk}-quantity_note"] = "Två vandringar loggades inte."
    assert editor.post(_url(planned.promise), data).status_code == 302
    assert FollowUp.objects.get().quantity == 5


def test_more_logged_after_saving_does_not_block_the_other_rows(editor, planned):
    other = activity_services.activity_create(
        promise=planned.promise, actor=None, text="Annat", responsible_police=True
    )
    _log_three(planned.activity)
    followup_save(
        activity=planned.activity,
        period=factories.tertial(2026, 1),
        actor=None,
        expected_version=None,
        text="Tre vandringar.",
        quantity=3,
    )
    activity_event_log(
        activity=planned.activity, actor=None, date=datetime.date(2026, 3, 2)
    )
    first = editor.get(_url(planned.promise))
    data = _post_data(first, {other.pk: {"text": "Gjort."}})
    response = editor.post(_url(planned.promise), data)
    assert response.status_code == 302
    assert FollowUp.objects.get(activity=other).text == "Gjort."
    assert FollowUp.objects.get(activity=planned.activity).quantity == 3


def test_a_stale_row_keeps_both_texts_and_the_others_are_saved(editor, planned):
    other = activity_services.activity_create(
        promise=planned.promise, actor=None, text="Annat", responsible_police=True
    )
    first = editor.get(_url(planned.promise))
    followup_save(
        activity=planned.activity,
        period=factories.tertial(),
        actor=planned.police_editor,
        expected_version=None,
        text="Polisens text.",
    )
    data = _post_data(
        first,
        {
            planned.activity.pk: {"text": "Kommunens text."},
            other.pk: {"text": "Om det andra."},
        },
    )
    response = editor.post(_url(planned.promise), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Polisens text." in html
    assert "Kommunens text." in html
    assert list(response.context["conflicts"]) == [planned.activity.pk]
    assert FollowUp.objects.get(activity=planned.activity).text == "Polisens text."
    assert FollowUp.objects.get(activity=other).text == "Om det andra."
    stale_form = next(
        f for f in response.context["forms"] if f.row.activity == planned.activity
    )
    assert stale_form["text"].value() == "Kommunens text."
    # The user merges and saves again: now it goes through.
    again = _post_data(
        response, {planned.activity.pk: {"text": "Polisens och kommunens text."}}
    )
    assert editor.post(_url(planned.promise), again).status_code == 302
    assert (
        FollowUp.objects.get(activity=planned.activity).text
        == "Polisens och kommunens text."
    )


def test_a_row_changed_by_someone_else_but_untouched_here_is_no_conflict(
    editor, planned
):
    first = editor.get(_url(planned.promise))
    followup_save(
        activity=planned.activity,
        period=factories.tertial(),
        actor=planned.police_editor,
        expected_version=None,
        text="Polisens text.",
    )
    response = editor.post(_url(planned.promise), _post_data(first))
    assert response.status_code == 302
    assert FollowUp.objects.get().text == "Polisens text."


def test_sending_for_approval_needs_a_status_for_every_activity(editor, planned):
    first = editor.get(_url(planned.promise))
    data = _post_data(first, {planned.activity.pk: {"text": "Text."}})
    data["action"] = "submit"
    response = editor.post(_url(planned.promise), data)
    assert response.status_code == 200
    (form,) = response.context["forms"]
    assert "status" in form.errors
    assert not PeriodReport.objects.filter(status="submitted").exists()


def test_saving_and_sending_for_approval(editor, planned):
    _log_three(planned.activity)
    first = editor.get(_url(planned.promise))
    data = _post_data(
        first,
        {
            planned.activity.pk: {
                "status": factories.status().pk,
                "text": "Tre vandringar.",
            }
        },
    )
    data["action"] = "submit"
    response = editor.post(_url(planned.promise), data)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "editor:period_approval", args=[planned.promise.pk, T1]
    )
    report = PeriodReport.objects.get()
    assert report.status == PeriodReport.Status.SUBMITTED
    assert report.submitted_by == planned.municipality_editor


def test_a_personnummer_stops_sending_for_approval_with_a_message(editor, planned):
    first = editor.get(_url(planned.promise))
    data = _post_data(
        first,
        {
            planned.activity.pk: {
                "status": factories.status().pk,
                "text": "Möte med 880320-0016.",
            }
        },
    )
    data["action"] = "submit"
    response = editor.post(_url(planned.promise), data)
    assert response.status_code == 200
    assert response.context["problems"]
    assert "text-check--block" in response.content.decode()
    assert FollowUp.objects.get().text == "Möte med 880320-0016."  # kept, as draft
    assert not PeriodReport.objects.filter(status="submitted").exists()


def test_text_for_an_activity_removed_meanwhile_is_shown_not_lost(editor, planned):
    first = editor.get(_url(planned.promise))
    data = _post_data(first, {planned.activity.pk: {"text": "Viktig text."}})
    activity_services.activity_delete(activity=planned.activity, actor=None)
    response = editor.post(_url(planned.promise), data)
    assert response.status_code == 200
    assert response.context["orphans"] == ["Viktig text."]
    assert "Viktig text." in response.content.decode()


def test_a_period_the_promise_does_not_report_on_is_not_found(editor, planned):
    assert (
        editor.get(_url(planned.promise, PeriodKey(2031, "tertial", 1))).status_code
        == 404
    )
    assert (
        editor.get(_url(planned.promise, PeriodKey(2026, "quarter", 1))).status_code
        == 404
    )


def test_the_year_summary_has_its_own_screen(editor, planned):
    response = editor.get(_url(planned.promise, PeriodKey(2026, "year", 0)))
    assert response.status_code == 200


def test_the_fingerprint_treats_windows_line_breaks_as_the_same_text():
    assert followup_fingerprint({"text": "a\r\nb"}) == followup_fingerprint(
        {"text": "a\nb\n"}
    )
