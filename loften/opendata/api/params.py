"""Strict parsing of query parameters: a value the schema does not allow is a 400
with a message saying what is expected, never a silent default."""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1
MIN_YEAR, MAX_YEAR = 1990, 2100

_DATE = r"\d{4}-\d{2}-\d{2}"
# RFC 3339: seconds and a time zone are required.
_DATETIME = r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
_ISO = re.compile(rf"^({_DATE}|{_DATETIME})$")

UPDATED_SINCE_HELP = _(
    "Only rows changed at or after this time: an ISO 8601 date (2026-05-01, "
    "meaning the start of that day in Swedish time) or a date and time with its "
    "time zone (2026-05-01T12:00:00+02:00 or 2026-05-01T10:00:00Z)."
)

PUBLISHED_SINCE_HELP = _(
    "Only promises with a version published at or after this time, written as "
    "for updated_since. Every publication of a promise counts, also one that "
    "only removes activities, commitments or indicators, so this finds the "
    "promises whose parts to fetch again."
)


def parse_since(raw: str) -> datetime.datetime:
    """An ISO 8601 date or date and time as an aware datetime; ValueError if not."""
    text = raw
    if not _ISO.match(text):
        raise ValueError(raw)
    if len(text) == 10:
        day = datetime.date.fromisoformat(text)
        value = datetime.datetime.combine(day, datetime.time())
    else:
        value = datetime.datetime.fromisoformat(
            text.replace("z", "Z").replace("t", "T")
        )
    if timezone.is_naive(value):  # a date alone: its first moment in Sweden
        value = timezone.make_aware(value, timezone.get_default_timezone())
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        # Within a day of year 1 or 9999: earlier or later than every row.
        if value.year < 2:
            return datetime.datetime.min.replace(tzinfo=datetime.UTC)
        return datetime.datetime.max.replace(tzinfo=datetime.UTC)


class SinceField(forms.CharField):
    default_error_messages = {
        "invalid": _(
            "Use an ISO 8601 date such as 2026-05-01, or a date and time with its "
            "time zone such as 2026-05-01T12:00:00+02:00."
        )
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_since(value)
        except (ValueError, OverflowError):
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
