"""Reads for follow-up reports: which published version and periods have reports."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from loften.publication.models import PromiseVersion, PublishedPromise

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


def published_report_version_number(
    *, promise_id: int, number: int, period_id: int
) -> PromiseVersion | None:
    """Version `number` of a published promise, if that version has a published
    follow-up for the period; otherwise None. Every version keeps its reports."""
    if not PublishedPromise.objects.filter(pk=promise_id).exists():
        return None
    version = PromiseVersion.objects.filter(
        promise_id=promise_id, number=number
    ).first()
    if version is None or not any(
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
