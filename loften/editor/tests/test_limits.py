"""Every text has a maximum and every number a range, refused with a clear
Swedish message; a figure far above the target is saved with a warning."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from loften.followups.models import ActivityEvent
from loften.promises.models import Activity, FocusArea, Promise
from loften.promises.selectors import promise_fingerprint
from loften.promises.services import (
    activities as activity_services,
)
from loften.promises.services import (
    promise as promise_services,
)

pytestmark = pytest.mark.django_db

HUGE = "Trygghetsvandring i centrum. " * 72_000  # about 2 MB
BIG_NUMBERS = ["1000000000000", "100000000000000000000"]


@pytest.fixture
def editor(client, parties):
    client.force_login(parties.municipality_editor)
    return client


def _activity_data(**changes):
    data = {
        "text": "Genomföra trygghetsvandringar.",
        "focus_area": FocusArea.objects.get(slug="trafik").pk,
        "responsible_municipality": "on",
        "target_comparator": "at_least",
        "target_value": "4",
        "target_unit": "trygghetsvandringar",
        "target_scope": "per_year",
    }
    data.update(changes)
    return data


def _errors(response) -> str:
    return " ".join(
        str(message)
        for errors in response.context["form"].errors.values()
        for message in errors
    )


def test_a_two_megabyte_activity_text_is_refused_clearly(editor, parties):
    response = editor.post(
        reverse("editor:activity_create", args=[parties.promise.pk]),
        _activity_data(text=HUGE),
    )
    assert response.status_code == 200
    assert "som mest 4000 tecken" in _errors(response)
    assert not Activity.objects.exists()
    # The page does not repeat megabytes back: the field keeps a maxlength.
    assert 'maxlength="4000"' in response.content.decode()


def test_a_five_megabyte_situational_picture_is_refused_clearly(editor, parties):
    promise = parties.promise
    response = editor.post(
        reverse("editor:situation_edit", args=[promise.pk]),
        {
            "situation_summary": HUGE * 3,
            "fingerprint": promise_fingerprint(
                promise=promise, fields=["situation_summary"]
            ),
        },
    )
    assert response.status_code == 200
    assert "som mest 10000 tecken" in _errors(response)
    promise.refresh_from_db()
    assert promise.situation_summary != HUGE * 3


@pytest.mark.parametrize("number", BIG_NUMBERS)
def test_a_target_beyond_a_million_is_refused_without_technical_numbers(
    editor, parties, number
):
    response = editor.post(
        reverse("editor:activity_create", args=[parties.promise.pk]),
        _activity_data(target_value=number),
    )
    assert response.status_code == 200
    assert "mindre än eller lika med 1000000" in _errors(response)
    assert "9223372036854775807" not in response.content.decode()
    assert not Activity.objects.exists()


@pytest.fixture
def activity(parties):
    return activity_services.activity_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        text="Genomföra trygghetsvandringar.",
        responsible_municipality=True,
        target_comparator="at_least",
        target_value=4,
        target_unit="trygghetsvandringar",
        target_scope="per_year",
    )


def _log(editor, activity, quantity):
    day = activity.promise.start_date + datetime.timedelta(days=3)
    return editor.post(
        reverse("editor:activity_log", args=[activity.promise_id, activity.pk]),
        {"date": day.isoformat(), "quantity": quantity},
    )


@pytest.mark.parametrize("number", BIG_NUMBERS)
def test_a_days_log_beyond_the_range_is_refused(editor, activity, number):
    response = _log(editor, activity, number)
    assert response.status_code == 200
    assert "mindre än eller lika med 100000" in _errors(response)
    assert "9223372036854775807" not in response.content.decode()
    assert not ActivityEvent.objects.exists()


def test_a_days_log_far_above_the_years_target_is_saved_with_a_warning(
    editor, activity
):
    response = _log(editor, activity, "5000")
    assert response.status_code == 302
    assert ActivityEvent.objects.get().quantity == 5000
    warnings = [
        m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"
    ]
    assert len(warnings) == 1
    assert "5\N{NO-BREAK SPACE}000" in str(warnings[0])
    assert "målet för hela året (4 trygghetsvandringar)" in str(warnings[0])


def test_a_plausible_days_log_has_no_warning(editor, activity):
    response = _log(editor, activity, "3")
    assert response.status_code == 302
    assert not [
        m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"
    ]


def test_the_services_refuse_what_the_forms_refuse(parties):
    """The admin and the importer write through the services, so the limits hold
    there too."""
    with pytest.raises(ValidationError) as caught:
        activity_services.activity_create(
            promise=parties.promise,
            actor=parties.municipality_editor,
            text="x" * 4001,
            responsible_police=True,
            target_comparator="at_least",
            target_value=10**12,
        )
    assert set(caught.value.message_dict) == {"text", "target_value"}
    with pytest.raises(ValidationError):
        promise_services.promise_update(
            promise=Promise.objects.get(pk=parties.promise.pk),
            actor=parties.municipality_editor,
            situation_summary="x" * 10_001,
        )
