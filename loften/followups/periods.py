"""Reporting-period arithmetic: tertials, quarters and years. Pure; no database."""

import calendar
import datetime
from dataclasses import dataclass

TERTIAL = "tertial"
QUARTER = "quarter"
YEAR = "year"

# How many months after a period ends its follow-up is due, by cadence: a
# tertial's or a quarter's a month after (T2 ends 31 August, due 30 September),
# the whole year's two months after, when the year's figures are in.
DUE_AFTER_MONTHS = {TERTIAL: 1, QUARTER: 1, YEAR: 2}

_MONTHS_PER_PERIOD = {TERTIAL: 4, QUARTER: 3, YEAR: 12}


def periods_per_year(cadence: str) -> int:
    """How many reporting periods of `cadence` a year has: 3, 4 or 1."""
    return 12 // _MONTHS_PER_PERIOD[cadence]


@dataclass(frozen=True, order=True)
class PeriodKey:
    year: int
    kind: str
    number: int  # 1–3 for tertials, 1–4 for quarters, 0 for a whole year

    @property
    def start_date(self) -> datetime.date:
        months = _MONTHS_PER_PERIOD[self.kind]
        first_month = 1 if self.kind == YEAR else (self.number - 1) * months + 1
        return datetime.date(self.year, first_month, 1)

    @property
    def end_date(self) -> datetime.date:
        months = _MONTHS_PER_PERIOD[self.kind]
        last_month = 12 if self.kind == YEAR else self.number * months
        last_day = calendar.monthrange(self.year, last_month)[1]
        return datetime.date(self.year, last_month, last_day)

    @property
    def due_date(self) -> datetime.date:
        """The default due date of the period's follow-up: the last day of the
        month DUE_AFTER_MONTHS after the period's last month."""
        month = self.end_date.month + DUE_AFTER_MONTHS[self.kind]
        year = self.end_date.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return datetime.date(year, month, calendar.monthrange(year, month)[1])


def days_overdue(due: datetime.date, today: datetime.date) -> int:
    """How many days after `due` `today` is (0 when not overdue)."""
    return max((today - due).days, 0)


def period_containing(kind: str, day: datetime.date) -> PeriodKey:
    """The period of `kind` that `day` falls in."""
    if kind == YEAR:
        return PeriodKey(day.year, YEAR, 0)
    months = _MONTHS_PER_PERIOD[kind]
    return PeriodKey(day.year, kind, (day.month - 1) // months + 1)


def periods_between(
    kind: str, start: datetime.date, end: datetime.date
) -> list[PeriodKey]:
    """Every period of `kind` that overlaps the days from `start` to `end`."""
    if end < start:
        return []
    keys = []
    key = period_containing(kind, start)
    while key.start_date <= end:
        keys.append(key)
        key = period_containing(kind, key.end_date + datetime.timedelta(days=1))
    return keys


def periods_for_cadence(
    cadence: str, start: datetime.date, end: datetime.date
) -> list[PeriodKey]:
    """The periods a promise reports on: its cadence's periods and each whole year,
    ordered by time with each year's summary after its last period."""
    keys = set(periods_between(YEAR, start, end))
    if cadence != YEAR:
        keys |= set(periods_between(cadence, start, end))
    return sorted(keys, key=lambda k: (k.year, k.kind == YEAR, k.number))
