"""Reads for follow-up reports: which published reports exist, and stored files."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from loften.publication.models import PromiseVersion, PublishedPromise

from .models import GeneratedReport
from .renderers import FORMATS
from .wording import period_heading


def published_report_version(
    *, promise_id: int, period_id: int
) -> PromiseVersion | None:
    """The current published version of the promise, if it has a published
    follow-up for the period; otherwise None."""
    published = (
        PublishedPromise.objects.select_related("version").filter(pk=promise_id).first()
    )
    if published is None:
        return None
    version = published.version
    if not any(
        p["id"] == period_id and p.get("published")
        for p in version.snapshot.get("periods", [])
    ):
        return None
    return version


@dataclass(frozen=True)
class ReportPeriodLinks:
    """A published period of a promise and the formats its report comes in."""

    period_id: int
    year: int
    kind: str
    number: int
    heading: str
    formats: tuple[str, ...]


def published_report_periods(*, promise_id: int) -> list[ReportPeriodLinks]:
    """The periods of a published promise that have a published follow-up, newest
    first, for linking to their reports (see reports:published_report)."""
    snapshot_periods: list[dict[str, Any]] = (
        PublishedPromise.objects.filter(pk=promise_id)
        .values_list("version__snapshot__periods", flat=True)
        .first()
    ) or []
    return report_periods(snapshot_periods)


def report_periods(periods: Iterable[Mapping[str, Any]]) -> list[ReportPeriodLinks]:
    """Of a snapshot's periods, those with a published follow-up, newest first,
    with the formats their report comes in. Pure: no database."""
    published = [p for p in periods if p.get("published")]
    published.sort(key=lambda p: (p["year"], p["kind"] == "year", p["number"]))
    return [
        ReportPeriodLinks(
            period_id=p["id"],
            year=p["year"],
            kind=p["kind"],
            number=p["number"],
            heading=period_heading(p["kind"], p["number"], p["year"]),
            formats=FORMATS,
        )
        for p in reversed(published)
    ]


def generated_report_list_for_promise(*, promise_id: int) -> QuerySet[GeneratedReport]:
    return GeneratedReport.objects.filter(promise_id=promise_id).select_related(
        "period", "version"
    )
