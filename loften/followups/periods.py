"""Reporting-period arithmetic: tertials, quarters and years. Pure; no database."""

import calendar
import datetime
from dataclasses import dataclass

TERTIAL = "tertial"
QUARTER = "quarter"
YEAR = "year"

# How long after a period ends its follow-up is due.
DUE_AFTER_DAYS = 15

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
        return self.end_date + datetime.timedelta(days=DUE_AFTER_DAYS)


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
