"""Reads for follow-up reports: which published version and periods have reports."""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from loften.followups.models import PeriodReport, ReportingPeriod
from loften.organisations import logos
from loften.organisations.models import Organisation
from loften.promises.models import Promise
from loften.promises.selectors import promise_party_organisations
from loften.publication.checks import find_personal_numbers
from loften.publication.models import Approval, PromiseVersion, PublishedPromise

from . import contents
from .renderers import FORMATS
from .wording import period_heading

logger = logging.getLogger(__name__)


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


# --- What a report needs beyond its snapshot ---------------------------------------


def _logo(organisation: Organisation) -> tuple[bytes | None, str]:
    """The organisation's logo as bytes with its type, or (None, "") when it has
    none or it cannot be read (a file removed by hand must not stop a report)."""
    if not organisation.logo:
        return None, ""
    name = organisation.logo.name
    extension = name.rsplit(".", 1)[-1].lower()
    content_type = logos.CONTENT_TYPES.get("jpg" if extension == "jpeg" else extension)
    if content_type is None:
        return None, ""
    try:
        with organisation.logo.open("rb") as file:
            data = file.read(logos.MAX_BYTES + 1)
    except OSError:
        logger.warning("The logo of %s could not be read", organisation.pk)
        return None, ""
    if len(data) > logos.MAX_BYTES:
        return None, ""
    return data, content_type


def report_parties(*, promise: Promise) -> tuple[contents.Party, ...]:
    """The parties on the cover: the municipalities first, then the police area."""
    organisations = promise_party_organisations(promise=promise)
    organisations.sort(key=lambda o: (o.kind != Organisation.Kind.MUNICIPALITY, o.name))
    parties = []
    for organisation in organisations:
        logo, logo_type = _logo(organisation)
        parties.append(
            contents.Party(
                name=organisation.name,
                kind=organisation.kind,
                logo=logo,
                logo_type=logo_type,
            )
        )
    return tuple(parties)


def _approval_records(
    approvals, *, published: bool
) -> tuple[contents.ApprovalRecord, ...]:
    """Who approved, when and with what comment. A published report is public:
    it prints only the comments the approver chose to show publicly."""
    records = []
    for approval in sorted(approvals, key=lambda a: (a.created_at, a.pk)):
        comment = approval.comment if approval.comment_public or not published else ""
        # A comment was not checked like published text; one with a personnummer
        # is left out rather than printed.
        if comment and find_personal_numbers(comment):
            comment = ""
        records.append(
            contents.ApprovalRecord(
                organisation=approval.organisation.name,
                person=approval.user.display_name,
                title=approval.user.title,
                approved_at=approval.created_at,
                comment=comment,
            )
        )
    return tuple(records)


def _period_order(period: dict[str, Any]) -> tuple:
    return (period["year"], period["kind"] == "year", period["number"])


def _version_label(version: PromiseVersion) -> str:
    day = timezone.localtime(version.published_at).date().isoformat()
    if version.period_id is None:
        what = _("the promise as published")
    else:
        period = version.period
        what = period_heading(period.kind, period.number, period.year).lower()
    return _("%(what)s (version %(number)s, %(date)s)") % {
        "what": what,
        "number": version.number,
        "date": day,
    }


def _notes(
    promise: Promise, after: int, up_to: int
) -> tuple[contents.VersionNote, ...]:
    return tuple(
        contents.VersionNote(v.number, v.published_at, v.note.strip())
        for v in PromiseVersion.objects.filter(
            promise=promise, number__gt=after, number__lte=up_to
        ).order_by("number")
        if v.note.strip()
    )


def _renewal(promise: Promise) -> dict[str, Any] | None:
    """The published snapshot of the promise that renews this one, if any."""
    renewal = (
        PublishedPromise.objects.select_related("version")
        .filter(previous_id=promise.pk)
        .order_by("-version__published_at")
        .first()
    )
    return None if renewal is None else renewal.version.snapshot


def report_sources_published(
    *, version: PromiseVersion, period: ReportingPeriod
) -> contents.ReportSources:
    """For a published report: the parties, the approvals of the period's
    follow-up as published, the last report before it and, for a whole year,
    the promise that renews this one. Only published or recorded facts."""
    promise = version.promise
    # The version that published this period's follow-up (or the latest one).
    published = (
        PromiseVersion.objects.filter(
            promise=promise, period=period, number__lte=version.number
        )
        .order_by("-number")
        .first()
    ) or version
    approvals = list(
        Approval.objects.filter(
            promise=promise, period=period, created_at__lte=published.published_at
        ).select_related("organisation", "user")
    )
    if approvals:
        revision = max(a.revision for a in approvals)
        approvals = [a for a in approvals if a.revision == revision]
    baseline = _baseline_before(promise, period, published.number)
    return contents.ReportSources(
        parties=report_parties(promise=promise),
        approvals=_approval_records(approvals, published=True),
        baseline=None if baseline is None else baseline.snapshot,
        baseline_label="" if baseline is None else _version_label(baseline),
        notes=_notes(promise, baseline.number if baseline else 0, version.number)
        if baseline is not None
        else (),
        renewal=_renewal(promise) if period.kind == ReportingPeriod.Kind.YEAR else None,
    )


def _baseline_before(
    promise: Promise, period: ReportingPeriod, before_number: int
) -> PromiseVersion | None:
    """The last report before `period`'s: the newest version published before
    `before_number` that published an earlier period; failing that, the first
    publication of the promise (when it is not the one being reported on)."""
    here = _period_order(
        {"year": period.year, "kind": period.kind, "number": period.number}
    )
    earlier = [
        v
        for v in PromiseVersion.objects.filter(
            promise=promise,
            kind=PromiseVersion.Kind.PERIOD,
            number__lt=before_number,
        )
        .select_related("period")
        .order_by("-number")
        if _period_order(
            {"year": v.period.year, "kind": v.period.kind, "number": v.period.number}
        )
        < here
    ]
    if earlier:
        return earlier[0]
    first = (
        PromiseVersion.objects.filter(promise=promise, number__lt=before_number)
        .order_by("number")
        .first()
    )
    return first


def report_sources_draft(
    *, promise: Promise, period: ReportingPeriod
) -> contents.ReportSources:
    """For a draft report: the approvals the current revision has so far and the
    parties still missing; changes since the current published version."""
    from loften.publication.selectors import approval_list, approvals_missing

    report = PeriodReport.objects.filter(promise=promise, period=period).first()
    approvals = []
    if report is not None:
        approvals = [
            a
            for a in approval_list(promise=promise, period=period)
            if a.revision == report.revision
        ]
    latest = promise.versions.select_related("period").order_by("-number").first()
    return contents.ReportSources(
        parties=report_parties(promise=promise),
        approvals=_approval_records(approvals, published=False),
        approvals_missing=tuple(
            o.name for o in approvals_missing(promise=promise, period=period)
        ),
        baseline=None if latest is None else latest.snapshot,
        baseline_label="" if latest is None else _version_label(latest),
        renewal=_renewal(promise) if period.kind == ReportingPeriod.Kind.YEAR else None,
    )


def action_plan_promises(*, promise: Promise, user) -> list[Promise]:
    """The promises an action plan made from `promise` covers: it first, then
    the other promises of its (first) municipality whose period overlaps it and
    that `user` may read, concluded ones left out. A municipality with several
    police areas or areas of its own gets one plan for them all."""
    from loften.promises.permissions import can_view_promise

    municipality = promise.municipalities.order_by("name").first()
    if municipality is None:
        return [promise]
    others = (
        Promise.objects.filter(
            municipalities=municipality,
            start_date__lte=promise.end_date,
            end_date__gte=promise.start_date,
        )
        .exclude(pk=promise.pk)
        .exclude(status=Promise.Status.CONCLUDED)
        .order_by("start_date", "pk")
    )
    return [promise] + [p for p in others if can_view_promise(user=user, promise=p)]
