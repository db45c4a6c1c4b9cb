"""Pure period arithmetic."""

import datetime

from loften.followups import periods
from loften.followups.periods import PeriodKey


def test_tertials_are_january_april_may_august_september_december():
    t1, t2, t3 = (PeriodKey(2026, "tertial", n) for n in (1, 2, 3))
    assert (t1.start_date, t1.end_date) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 4, 30),
    )
    assert (t2.start_date, t2.end_date) == (
        datetime.date(2026, 5, 1),
        datetime.date(2026, 8, 31),
    )
    assert (t3.start_date, t3.end_date) == (
        datetime.date(2026, 9, 1),
        datetime.date(2026, 12, 31),
    )


def test_quarters_end_on_the_last_day_of_their_month():
    q1 = PeriodKey(2024, "quarter", 1)
    assert q1.end_date == datetime.date(2024, 3, 31)
    assert PeriodKey(2024, "quarter", 2).end_date == datetime.date(2024, 6, 30)


def test_a_follow_up_is_due_a_month_after_its_period_and_the_year_two():
    assert PeriodKey(2026, "tertial", 1).due_date == datetime.date(2026, 5, 31)
    assert PeriodKey(2026, "tertial", 3).due_date == datetime.date(2027, 1, 31)
    assert PeriodKey(2026, "quarter", 1).due_date == datetime.date(2026, 4, 30)
    assert PeriodKey(2026, "year", 0).due_date == datetime.date(2027, 2, 28)


def test_days_overdue_counts_only_after_the_due_date():
    due = datetime.date(2026, 9, 15)
    assert periods.days_overdue(due, datetime.date(2026, 9, 15)) == 0
    assert periods.days_overdue(due, datetime.date(2026, 12, 4)) == 80


def test_period_containing_a_date():
    assert periods.period_containing("tertial", datetime.date(2026, 5, 1)).number == 2
    assert periods.period_containing("quarter", datetime.date(2026, 12, 31)).number == 4
    assert periods.period_containing("year", datetime.date(2026, 7, 1)).number == 0


def test_periods_between_covers_overlapping_periods_only():
    keys = periods.periods_between(
        "tertial", datetime.date(2017, 3, 15), datetime.date(2018, 5, 2)
    )
    assert [(k.year, k.number) for k in keys] == [
        (2017, 1),
        (2017, 2),
        (2017, 3),
        (2018, 1),
        (2018, 2),
    ]


def test_a_two_year_promise_reports_per_tertial_and_per_year_in_time_order():
    keys = periods.periods_for_cadence(
        "tertial", datetime.date(2017, 1, 1), datetime.date(2018, 12, 31)
    )
    labels = [("Y" if k.kind == "year" else "T") + f"{k.number}/{k.year}" for k in keys]
    assert labels == [
        "T1/2017",
        "T2/2017",
        "T3/2017",
        "Y0/2017",
        "T1/2018",
        "T2/2018",
        "T3/2018",
        "Y0/2018",
    ]


def test_a_yearly_cadence_reports_only_whole_years():
    keys = periods.periods_for_cadence(
        "year", datetime.date(2019, 1, 1), datetime.date(2020, 12, 31)
    )
    assert [(k.kind, k.year) for k in keys] == [("year", 2019), ("year", 2020)]


def test_an_empty_range_has_no_periods():
    assert (
        periods.periods_between(
            "tertial", datetime.date(2020, 2, 1), datetime.date(2020, 1, 1)
        )
        == []
    )
