"""Activities: added with a target, changed (refusing stale saves), reordered,
removed; and the activity log."""

import datetime

import pytest
from django.urls import reverse

from loften.followups.models import ActivityEvent
from loften.followups.services import activity_event_log
from loften.promises.models import Activity, FocusArea
from loften.promises.services import activities as activity_services
from loften.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, parties):
    client.force_login(parties.municipality_editor)
    return client


def _activity_data(**changes):
    data = {
        "text": "Genomföra trygghetsvandringar.",
        "focus_area": FocusArea.objects.get(slug="trafik").pk,
        "commitment": "",
        "responsible_municipality": "on",
        "target_comparator": "at_least",
        "target_value": "4",
        "target_unit": "trygghetsvandringar",
        "target_scope": "per_year",
        "place": "Centrum",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_an_activity_is_added_with_a_target(editor, parties):
    partner = factories.OrganisationFactory(name="Nattvandrarna")
    response = editor.post(
        reverse("editor:activity_create", args=[parties.promise.pk]),
        _activity_data(partners=[partner.pk]),
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#activity-{activity.pk}")
    assert (activity.target_comparator, activity.target_value) == ("at_least", 4)
    assert list(activity.partners.all()) == [partner]


def test_a_new_focus_area_and_new_partners_are_added_with_the_activity(editor, parties):
    from loften.organisations.models import Organisation

    place = parties.promise.municipalities.get()
    known = factories.OrganisationFactory(
        name="Nattvandrarna", kind=Organisation.Kind.PARTNER, municipality=place
    )
    response = editor.post(
        reverse("editor:activity_create", args=[parties.promise.pk]),
        _activity_data(
            focus_area="",
            new_focus_area="Bostadsinbrott",
            responsible_municipality=None,
            new_partners="nattvandrarna, Bostadsbolaget,  bostadsbolaget",
        ),
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.focus_area.name == "Bostadsinbrott"
    partners = sorted(activity.partners.all(), key=lambda o: o.pk)
    assert partners[0] == known
    assert [p.name for p in partners[1:]] == [f"Bostadsbolaget ({place.name})"]
    assert partners[1].municipality == place


def test_a_stale_save_adds_no_focus_area_or_partner(editor, planned):
    from loften.organisations.models import Organisation

    activity_services.activity_update(
        activity=planned.activity,
        actor=None,
        expected_version=1,
        text="Någon annan hann före.",
    )
    areas = FocusArea.objects.count()
    url = reverse(
        "editor:activity_edit", args=[planned.promise.pk, planned.activity.pk]
    )
    response = editor.post(
        url,
        _activity_data(
            focus_area="",
            new_focus_area="Bostadsinbrott",
            new_partners="Bostadsbolaget",
            version=1,
        ),
    )
    assert response.status_code == 200
    assert response.context["conflict"] is not None
    assert FocusArea.objects.count() == areas
    assert not Organisation.objects.filter(name__startswith="Bostadsbolaget").exists()


def test_a_focus_area_is_chosen_or_named_not_both(editor, parties):
    response = editor.post(
        reverse("editor:activity_create", args=[parties.promise.pk]),
        _activity_data(new_focus_area="Bostadsinbrott"),
    )
    assert response.status_code == 200
    assert "new_focus_area" in response.context["form"].errors
    assert not FocusArea.objects.filter(name="Bostadsinbrott").exists()


def test_an_activity_needs_someone_responsible(editor, parties):
    response = editor.post(
        reverse("editor:activity_create", args=[parties.promise.pk]),
        _activity_data(responsible_municipality=None),
    )
    assert response.status_code == 200
    assert "responsible_police" in response.context["form"].errors
    assert 'href="#id_responsible_police"' in response.content.decode()


def test_a_target_needs_a_number_and_a_comparison(editor, parties):
    response = editor.post(
        reverse("editor:activity_create", args=[parties.promise.pk]),
        _activity_data(target_value=""),
    )
    assert "target_value" in response.context["form"].errors
    response = editor.post(
        reverse("editor:activity_create", args=[parties.promise.pk]),
        _activity_data(target_comparator=""),
    )
    assert "target_comparator" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_the_focus_area_can_be_chosen_from_the_link(editor, parties):
    area = FocusArea.objects.get(slug="narkotika")
    response = editor.get(
        reverse("editor:activity_create", args=[parties.promise.pk])
        + f"?fokusomrade={area.pk}"
    )
    assert response.context["form"]["focus_area"].value() == area.pk


def test_an_activity_is_changed(editor, planned):
    url = reverse(
        "editor:activity_edit", args=[planned.promise.pk, planned.activity.pk]
    )
    response = editor.post(
        url, _activity_data(text="Ny text.", version=planned.activity.version)
    )
    assert response.status_code == 302
    planned.activity.refresh_from_db()
    assert (planned.activity.text, planned.activity.version) == ("Ny text.", 2)


def test_a_stale_activity_form_shows_both_versions_and_keeps_the_input(editor, planned):
    activity = planned.activity
    url = reverse("editor:activity_edit", args=[planned.promise.pk, activity.pk])
    seen = activity.version
    activity_services.activity_update(
        activity=activity,
        actor=planned.police_editor,
        expected_version=seen,
        text="Polisens text.",
    )
    response = editor.post(url, _activity_data(text="Kommunens text.", version=seen))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Polisens text." in html
    assert "Kommunens text." in html
    assert {row["name"] for row in response.context["conflict"]} >= {"text"}
    form = response.context["form"]
    assert form["text"].value() == "Kommunens text."
    assert form["version"].value() == 2
    activity.refresh_from_db()
    assert activity.text == "Polisens text."
    # After merging, saving again is accepted.
    response = editor.post(
        url, _activity_data(text="Polisens och kommunens text.", version=2)
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.text == "Polisens och kommunens text."


def test_an_activity_removed_while_editing_keeps_what_was_typed(editor, planned):
    url = reverse(
        "editor:activity_edit", args=[planned.promise.pk, planned.activity.pk]
    )
    activity_services.activity_delete(activity=planned.activity, actor=None)
    response = editor.post(url, _activity_data(text="Det jag skrev.", version=1))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Det jag skrev." in html
    assert reverse("editor:activity_create", args=[planned.promise.pk]) in html


def test_an_activity_of_another_promise_is_not_found_when_saved(editor, planned):
    other = factories.PromiseFactory(
        municipalities=[planned.promise.municipalities.get()]
    )
    elsewhere = factories.ActivityFactory(promise=other, text="Annat löfte")
    url = reverse("editor:activity_edit", args=[planned.promise.pk, elsewhere.pk])
    response = editor.post(url, _activity_data(text="Försök.", version=1))
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.text == "Annat löfte"


def test_an_activity_is_removed_after_confirmation(editor, planned):
    url = reverse(
        "editor:activity_delete", args=[planned.promise.pk, planned.activity.pk]
    )
    assert editor.get(url).status_code == 200
    assert editor.post(url).status_code == 302
    assert not Activity.objects.exists()


def test_activities_move_within_their_focus_area_with_htmx(editor, parties):
    promise = parties.promise
    _first, second = (
        activity_services.activity_create(
            promise=promise, actor=None, text=text, responsible_police=True
        )
        for text in ("Första", "Andra")
    )
    response = editor.post(
        reverse("editor:activity_move", args=[promise.pk, second.pk]),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="activities"')
    assert html.index("Andra") < html.index("Första")


def test_a_focus_area_moves_without_javascript(editor, parties):
    promise = parties.promise
    for text, slug in (("T", "trafik"), ("N", "narkotika")):
        activity_services.activity_create(
            promise=promise,
            actor=None,
            text=text,
            focus_area=FocusArea.objects.get(slug=slug),
            responsible_police=True,
        )
    area = FocusArea.objects.get(slug="narkotika")
    response = editor.post(
        reverse("editor:focus_area_move", args=[promise.pk, area.pk]),
        {"direction": "up"},
    )
    assert response.status_code == 302
    assert list(
        promise.activities.order_by("order").values_list("text", flat=True)
    ) == [
        "N",
        "T",
    ]


def test_a_focus_area_the_promise_does_not_use_is_not_found(editor, parties):
    area = FocusArea.objects.get(slug="narkotika")
    response = editor.post(
        reverse("editor:focus_area_move", args=[parties.promise.pk, area.pk]),
        {"direction": "up"},
    )
    assert response.status_code == 404


def test_the_log_lists_occurrences_per_period_with_totals(editor, planned):
    for day, quantity in (("2026-02-01", 1), ("2026-03-01", 2), ("2026-05-05", 1)):
        activity_event_log(
            activity=planned.activity,
            actor=None,
            date=datetime.date.fromisoformat(day),
            quantity=quantity,
        )
    response = editor.get(
        reverse("editor:activity_log", args=[planned.promise.pk, planned.activity.pk])
    )
    periods = response.context["periods"]
    assert [(p.period.number, p.quantity, len(p.events)) for p in periods] == [
        (2, 1, 1),
        (1, 3, 2),
    ]


def test_an_occurrence_is_logged_changed_and_removed(editor, planned):
    promise, activity = planned.promise, planned.activity
    response = editor.post(
        reverse("editor:activity_log", args=[promise.pk, activity.pk]),
        {"date": "2026-02-01", "quantity": "1", "hours": "2", "place": "Torget"},
    )
    assert response.status_code == 302
    event = ActivityEvent.objects.get()
    editor.post(
        reverse("editor:event_edit", args=[promise.pk, activity.pk, event.pk]),
        {"date": "2026-02-02", "quantity": "2", "hours": "", "place": "", "note": ""},
    )
    event.refresh_from_db()
    assert (event.date, event.quantity) == (datetime.date(2026, 2, 2), 2)
    editor.post(
        reverse("editor:event_delete", args=[promise.pk, activity.pk, event.pk])
    )
    assert not ActivityEvent.objects.exists()


def test_a_date_outside_the_promise_is_refused_on_the_date_field(editor, planned):
    response = editor.post(
        reverse("editor:activity_log", args=[planned.promise.pk, planned.activity.pk]),
        {"date": "2025-12-31", "quantity": "1"},
    )
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert not ActivityEvent.objects.exists()
