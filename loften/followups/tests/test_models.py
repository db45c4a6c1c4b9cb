"""Database constraints on reporting periods, the log, follow-ups and reports.

Each test inserts a row that breaks one named constraint, both one at a time and
in bulk, and expects the database to refuse it.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from loften.followups.models import (
    ActivityEvent,
    FollowUp,
    PeriodReport,
    ReportingPeriod,
)
from loften.testing import factories

pytestmark = pytest.mark.django_db

HOW = ["create", "bulk_create"]


def assert_refused(model, how: str, **values) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        if how == "create":
            model.objects.create(**values)
        else:
            model.objects.bulk_create([model(**values)])


def assert_constraint_in_database(model, name: str) -> None:
    """The named constraint is declared on the model and exists in the table, so
    deleting it (or its migration) fails the test even where another check, like
    PositiveIntegerField's own, would still refuse the row."""
    assert name in {c.name for c in model._meta.constraints}
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    assert name in found and found[name]["check"], sorted(found)


@pytest.fixture
def activity(db):
    return factories.ActivityFactory()


def _period_values(**values):
    return {
        "kind": "tertial",
        "year": 2026,
        "number": 1,
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2026, 4, 30),
        "due_date": datetime.date(2026, 5, 15),
        **values,
    }


@pytest.mark.parametrize("how", HOW)
def test_a_reporting_period_exists_once_per_kind_year_and_number(how):
    ReportingPeriod.objects.create(**_period_values())
    assert_refused(ReportingPeriod, how, **_period_values())


def test_the_same_number_in_another_year_or_kind_is_another_period():
    ReportingPeriod.objects.create(**_period_values())
    ReportingPeriod.objects.create(**_period_values(year=2027))
    ReportingPeriod.objects.create(
        **_period_values(kind="quarter", end_date=datetime.date(2026, 3, 31))
    )
    assert ReportingPeriod.objects.count() == 3


@pytest.mark.parametrize("how", HOW)
def test_a_follow_up_version_starts_at_one(activity, how):
    # PositiveIntegerField allows 0; only the named constraint refuses it.
    assert_refused(
        FollowUp, how, activity=activity, period=factories.tertial(), version=0
    )


@pytest.mark.parametrize("how", HOW)
def test_logged_hours_cannot_be_negative(activity, how):
    assert_refused(
        ActivityEvent,
        how,
        activity=activity,
        date=datetime.date(2026, 2, 3),
        hours=Decimal("-0.5"),
    )


def test_logged_hours_of_zero_are_allowed(activity):
    ActivityEvent.objects.create(
        activity=activity, date=datetime.date(2026, 2, 3), hours=Decimal("0")
    )


@pytest.mark.parametrize("how", HOW)
def test_a_promise_has_one_report_per_period(activity, how):
    period = factories.tertial()
    PeriodReport.objects.create(promise=activity.promise, period=period)
    assert_refused(PeriodReport, how, promise=activity.promise, period=period)


def test_the_follow_up_quantity_check_is_its_own_named_constraint(activity):
    assert_constraint_in_database(FollowUp, "followup_quantity_not_negative")
    assert_refused(
        FollowUp, "create", activity=activity, period=factories.tertial(), quantity=-1
    )


def test_the_logged_quantity_check_is_its_own_named_constraint(activity):
    assert_constraint_in_database(ActivityEvent, "activity_event_quantity_not_negative")
    assert_refused(
        ActivityEvent,
        "bulk_create",
        activity=activity,
        date=datetime.date(2026, 2, 3),
        quantity=-1,
    )
