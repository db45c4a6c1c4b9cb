"""The words of a follow-up report: titles, headings, targets and outcomes, in the
active language. Pure; no database."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from loften.followups.periods import QUARTER, TERTIAL
from loften.followups.progress import PER_PERIOD, PER_YEAR, Verdict
from loften.promises.models import Indicator

if TYPE_CHECKING:
    from .layout import Target


def join_names(names: Sequence[str]) -> str:
    """Names joined in the active language: A; A and B; A, B and C."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {
        "first": ", ".join(names[:-1]),
        "last": names[-1],
    }


def period_heading(kind: str, number: int, year: int) -> str:
    """The column heading of a period: "Tertial 1", "Quarter 2" or "Whole year"."""
    if kind == TERTIAL:
        return _("Tertial %(number)s") % {"number": number}
    if kind == QUARTER:
        return _("Quarter %(number)s") % {"number": number}
    return _("Whole year %(year)s") % {"year": year}


def report_title(places: Sequence[str], kind: str, number: int, year: int) -> str:
    values = {"place": join_names(places), "year": year, "number": number}
    if kind == TERTIAL:
        return (
            _("Follow-up of citizen promise — %(place)s %(year)s, tertial %(number)s")
            % values
        )
    if kind == QUARTER:
        return (
            _("Follow-up of citizen promise — %(place)s %(year)s, quarter %(number)s")
            % values
        )
    return _("Follow-up of citizen promise — %(place)s %(year)s, whole year") % values


def responsible_text(activity: dict[str, Any]) -> str:
    """Who is responsible, as a phrase: "Polisen, kommunen, Nattvandrarna"."""
    parts = []
    if activity.get("responsible_police"):
        parts.append(_("the police"))
    if activity.get("responsible_municipality"):
        parts.append(_("the municipality"))
    parts += list(activity.get("partners") or [])
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def comparator_text(comparator: str) -> str:
    return {
        "at_least": pgettext("target", "at least"),
        "at_most": pgettext("target", "at most"),
        "exactly": pgettext("target", "exactly"),
    }.get(comparator, comparator)


def scope_text(scope: str, cadence: str) -> str:
    if scope == PER_PERIOD:
        if cadence == TERTIAL:
            return _("per tertial")
        if cadence == QUARTER:
            return _("per quarter")
        return _("per year")
    if scope == PER_YEAR:
        return _("per year")
    return _("for the whole promise")


def target_text(target: "Target | None", cadence: str) -> str:
    if target is None:
        return ""
    return " ".join(
        part
        for part in (
            comparator_text(target.comparator),
            str(target.value),
            target.unit,
            scope_text(target.scope, cadence),
        )
        if part
    )


def outcome_text(
    *, target: "Target | None", achieved: int | None, verdict: str | None
) -> str:
    """The Utfall cell: the figure compared with the target, and its verdict
    (`followups.progress.target_verdict`, as on the public pages)."""
    if achieved is None:
        return "–"
    if target is None:
        return str(achieved)
    values = {
        "achieved": achieved,
        "comparator": comparator_text(target.comparator),
        "target": target.value,
    }
    if verdict == Verdict.MET:
        return _("%(achieved)s of %(comparator)s %(target)s: target met") % values
    if verdict == Verdict.NOT_MET:
        return _("%(achieved)s of %(comparator)s %(target)s: target not met") % values
    if verdict == Verdict.WITHIN_SO_FAR:
        return (
            _("%(achieved)s of %(comparator)s %(target)s: within the target so far")
            % values
        )
    if verdict == Verdict.REACHED_SO_FAR:
        return _("%(achieved)s of %(comparator)s %(target)s: reached so far") % values
    if verdict == Verdict.EXCEEDED:
        return (
            _("%(achieved)s of %(comparator)s %(target)s: more than the target")
            % values
        )
    return _("%(achieved)s of %(comparator)s %(target)s: not met yet") % values


def version_label(*, is_draft: bool, version: int | None) -> str:
    """Whether the report is a draft, or which published version it shows."""
    if is_draft:
        return _("Draft")
    if version is None:
        return _("Published")
    return _("Published version %(number)s") % {"number": version}


def draft_title(title: str) -> str:
    """The document title of a draft: "Utkast: Uppföljning av …"."""
    return _("Draft: %(title)s") % {"title": title}


def direction_text(direction: str) -> str:
    """An indicator's direction in words, from `Indicator.Direction`."""
    try:
        return str(Indicator.Direction(direction).label)
    except ValueError:
        return direction
