"""Numbers, dates and cells as text, shared by the PDF and Word renderers."""

import datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..layout import FollowUpCell, Report


def number(value: int | Decimal | None) -> str:
    """A number in the active language's style (19,25 in Swedish)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    return formats.number_format(value, use_l10n=True)


def day(value: datetime.date | datetime.datetime | None) -> str:
    """An ISO date (2026-05-03), the Swedish way of writing dates in documents."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def moment(value: datetime.datetime | None) -> str:
    """A date and time in the local zone: 2026-09-03 14:05."""
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def cell_facts(cell: FollowUpCell) -> str:
    """The figures of one follow-up, e.g. "Genomfört · antal 8 · 12,5 timmar"."""
    parts = []
    if cell.status:
        parts.append(cell.status)
    if cell.quantity is not None:
        parts.append(_("quantity %(number)s") % {"number": number(cell.quantity)})
    if cell.hours is not None:
        parts.append(_("%(number)s hours") % {"number": number(cell.hours)})
    return " · ".join(parts)


def parties(report: Report) -> list[tuple[str, str]]:
    """(label, names) for the municipality or municipalities and the police area."""
    rows = []
    if report.municipalities:
        label = _("Municipality") if len(report.municipalities) == 1 else None
        rows.append((label or _("Municipalities"), ", ".join(report.municipalities)))
    if report.police_area:
        rows.append((_("Police"), report.police_area))
    return rows


def status_line(report: Report) -> str:
    """Whether this is a draft or which published version it shows."""
    if report.is_draft:
        return _("Draft – not published. The content may still change.")
    if report.version is not None and report.published_at is not None:
        return _("Published version %(number)s, %(date)s") % {
            "number": report.version,
            "date": day(report.published_at),
        }
    return _("Published")
