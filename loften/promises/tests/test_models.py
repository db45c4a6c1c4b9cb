"""Database constraints on promises and their parts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from loften.promises.models import Activity, IndicatorValue, Promise
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_a_promise_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        Promise.objects.create(
            title="Baklänges",
            slug="baklanges",
            start_date=datetime.date(2026, 12, 31),
            end_date=datetime.date(2026, 1, 1),
        )


def test_the_start_date_check_gives_a_translated_message_on_validation():
    promise = Promise(
        title="Baklänges",
        slug="baklanges",
        start_date=datetime.date(2026, 12, 31),
        end_date=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        promise.full_clean()
    assert "Startdatumet får inte vara efter slutdatumet." in error.value.messages


def test_a_promise_cannot_renew_itself():
    promise = factories.PromiseFactory()
    promise.previous_id = promise.pk
    with pytest.raises(IntegrityError):
        promise.save()


def test_an_activity_target_needs_comparator_and_value_together():
    promise = factories.PromiseFactory()
    with pytest.raises(IntegrityError):
        Activity.objects.create(promise=promise, text="Halvt mål", target_value=4)


def test_an_activity_target_comparator_without_value_is_rejected():
    promise = factories.PromiseFactory()
    with pytest.raises(IntegrityError):
        Activity.objects.create(
            promise=promise, text="Halvt mål", target_comparator="at_least"
        )


def test_an_activity_target_must_be_a_known_comparator():
    promise = factories.PromiseFactory()
    with pytest.raises(IntegrityError):
        Activity.objects.create(
            promise=promise, text="Konstigt", target_comparator="about", target_value=3
        )


def test_an_activity_target_cannot_be_negative():
    promise = factories.PromiseFactory()
    with pytest.raises(IntegrityError):
        Activity.objects.create(
            promise=promise,
            text="Negativt",
            target_comparator="at_least",
            target_value=-1,
        )


def test_the_target_check_is_a_named_constraint_in_the_database():
    # PositiveIntegerField adds its own CHECK, so a negative target is refused
    # either way; this fails if the named constraint itself is dropped.
    assert "activity_target_not_negative" in {
        c.name for c in Activity._meta.constraints
    }
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(
            cursor, Activity._meta.db_table
        )
    assert found["activity_target_not_negative"]["check"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.bulk_create(
            [
                Activity(
                    promise=factories.PromiseFactory(),
                    text="Negativt",
                    target_comparator="at_least",
                    target_value=-1,
                )
            ]
        )


def test_an_indicator_has_one_value_per_year():
    indicator = factories.PromiseFactory().indicators.create(
        name="Otrygghet", source="NTU", unit="%", direction="decrease"
    )
    IndicatorValue.objects.create(indicator=indicator, year=2025, value=10)
    with pytest.raises(IntegrityError):
        IndicatorValue.objects.create(indicator=indicator, year=2025, value=11)


def test_an_indicator_value_year_must_be_plausible():
    indicator = factories.PromiseFactory().indicators.create(
        name="Otrygghet", source="NTU", unit="%", direction="decrease"
    )
    with pytest.raises(IntegrityError):
        IndicatorValue.objects.create(indicator=indicator, year=225, value=10)


def test_promise_period_label_spans_years():
    promise = Promise(
        start_date=datetime.date(2017, 3, 1), end_date=datetime.date(2018, 12, 31)
    )
    assert promise.period_label == "2017–2018"
    assert promise.years == [2017, 2018]
