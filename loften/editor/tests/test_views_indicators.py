"""Effect measures in the plan: added, changed and removed like the other parts,
and their values recorded, corrected and removed year by year."""

import pytest
from django.urls import reverse

from loften.core.models import AuditEntry
from loften.promises.models import Indicator
from loften.promises.services import indicators as indicator_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, parties):
    client.force_login(parties.municipality_editor)
    return client


@pytest.fixture
def indicator(parties):
    return indicator_services.indicator_create(
        promise=parties.promise,
        actor=None,
        name="Andel otrygga i centrum",
        source="Polisens trygghetsmätning",
        unit="%",
        direction="decrease",
    )


def _values_url(indicator):
    return reverse("editor:indicator_values", args=[indicator.promise_id, indicator.pk])


def test_an_indicator_is_added_without_javascript(editor, parties):
    response = editor.post(
        reverse("editor:indicator_create", args=[parties.promise.pk]),
        {
            "name": "Anmälda bostadsinbrott",
            "source": "Polisens statistik",
            "unit": "antal",
            "direction": "decrease",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#indicators")
    created = parties.promise.indicators.get()
    assert created.name == "Anmälda bostadsinbrott"
    assert created.direction == Indicator.Direction.DECREASE


def test_an_indicator_without_a_source_shows_the_error_summary(editor, parties):
    response = editor.post(
        reverse("editor:indicator_create", args=[parties.promise.pk]),
        {"name": "Anmälda bostadsinbrott", "unit": "antal", "direction": "decrease"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_source"' in html
    assert not parties.promise.indicators.exists()


def test_the_plan_lists_indicators_with_their_values(editor, parties, indicator):
    indicator_services.indicator_value_set(
        indicator=indicator, actor=None, year=2025, value="23.5"
    )
    html = editor.get(
        reverse("editor:promise_detail", args=[parties.promise.pk])
    ).content.decode()
    assert 'id="indicators"' in html
    assert "Andel otrygga i centrum" in html
    assert "2025: 23,5" in html


def test_an_indicator_is_changed_in_place_with_htmx(editor, parties, indicator):
    url = reverse("editor:indicator_edit", args=[parties.promise.pk, indicator.pk])
    response = editor.post(
        url,
        {
            "name": "Andel otrygga i centrum på kvällen",
            "source": "Polisens trygghetsmätning",
            "unit": "%",
            "direction": "decrease",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<div id="indicator-{indicator.pk}"')
    indicator.refresh_from_db()
    assert indicator.name == "Andel otrygga i centrum på kvällen"


def test_a_value_is_recorded_with_a_decimal_comma(editor, indicator):
    response = editor.post(
        _values_url(indicator), {"year": "2026", "value": "21,5", "note": ""}
    )
    assert response.status_code == 302
    assert str(indicator.values.get(year=2026).value) == "21.50"
    assert AuditEntry.objects.filter(action="indicator_value.set").count() == 1


def test_recording_a_year_again_corrects_its_value(editor, indicator):
    indicator_services.indicator_value_set(
        indicator=indicator, actor=None, year=2026, value=25
    )
    page = editor.get(_values_url(indicator) + "?ar=2026").content.decode()
    assert 'value="25' in page
    editor.post(_values_url(indicator), {"year": "2026", "value": "22"})
    assert indicator.values.get().value == 22


def test_a_bad_value_keeps_what_was_typed_and_explains(editor, indicator):
    response = editor.post(
        _values_url(indicator), {"year": "2026", "value": "många", "note": "Ny fråga"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_value"' in html
    assert 'value="Ny fråga"' in html
    assert not indicator.values.exists()


def test_a_year_out_of_range_is_refused(editor, indicator):
    response = editor.post(_values_url(indicator), {"year": "1890", "value": "3"})
    assert 'href="#id_year"' in response.content.decode()
    assert not indicator.values.exists()


def test_a_value_is_removed_after_confirming(editor, indicator):
    value = indicator_services.indicator_value_set(
        indicator=indicator, actor=None, year=2025, value=30
    )
    url = reverse(
        "editor:indicator_value_delete",
        args=[indicator.promise_id, indicator.pk, value.pk],
    )
    assert "2025" in editor.get(url).content.decode()
    assert indicator.values.exists()
    response = editor.post(url)
    assert response.status_code == 302
    assert not indicator.values.exists()


def test_a_value_of_another_indicator_is_not_found(editor, parties, indicator):
    other = indicator_services.indicator_create(
        promise=parties.promise,
        actor=None,
        name="Anmälda inbrott",
        source="Polisen",
        unit="antal",
        direction="decrease",
    )
    value = indicator_services.indicator_value_set(
        indicator=other, actor=None, year=2025, value=12
    )
    url = reverse(
        "editor:indicator_value_delete",
        args=[indicator.promise_id, indicator.pk, value.pk],
    )
    assert editor.post(url).status_code == 404
    assert other.values.exists()


def test_a_viewer_sees_the_values_without_the_form(client, parties, indicator):
    from loften.organisations.models import Membership
    from loften.testing import factories

    organisation = parties.municipality_editor.memberships.get().organisation
    client.force_login(factories.member(organisation, Membership.Role.VIEWER))
    indicator_services.indicator_value_set(
        indicator=indicator, actor=None, year=2025, value=30
    )
    html = client.get(_values_url(indicator)).content.decode()
    assert "2025" in html
    assert 'name="value"' not in html
