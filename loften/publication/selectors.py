"""Reads for publication: the live snapshot, approvals, versions."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from loften.followups.models import FollowUp, PeriodReport, ReportingPeriod
from loften.followups.selectors import reporting_period_list_for_promise
from loften.organisations.models import Organisation
from loften.promises.models import Activity, FocusArea, Indicator, Promise
from loften.promises.selectors import promise_party_organisations

from . import snapshot as snapshot_rules
from .models import (
    Approval,
    Comment,
    PromiseVersion,
    PublishedActivity,
    PublishedIndicator,
)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _date(value) -> str | None:
    return None if value is None else value.isoformat()


def promise_snapshot_build(*, promise: Promise) -> dict[str, Any]:
    """The promise as it stands now, in the snapshot form (see snapshot.py).

    Used when publishing, and for draft reports and previews. Every follow-up is
    included; publishing decides which periods go out.
    """
    promise = (
        Promise.objects.select_related("police_area__police_region")
        .prefetch_related(
            "municipalities__county__police_region",
            "situation_sources",
            "signatories",
            "contacts",
            "commitments",
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("focus_area").prefetch_related(
                    "partners"
                ),
            ),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.select_related(
                    "focus_area"
                ).prefetch_related("values"),
            ),
        )
        .get(pk=promise.pk)
    )
    activities = sorted(promise.activities.all(), key=lambda a: (a.order, a.id))
    focus_areas: dict[int, dict[str, Any]] = {}
    for activity in activities:
        if activity.focus_area and activity.focus_area_id not in focus_areas:
            focus_areas[activity.focus_area_id] = {
                "id": activity.focus_area.id,
                "name": activity.focus_area.name,
                "slug": activity.focus_area.slug,
            }
    police_area = promise.police_area
    periods = reporting_period_list_for_promise(promise=promise)
    followups = (
        FollowUp.objects.filter(activity__promise=promise)
        .select_related("status")
        .order_by("period_id", "activity_id")
    )
    return {
        "format": snapshot_rules.FORMAT,
        "promise": {
            "id": promise.id,
            "title": promise.title,
            "slug": promise.slug,
            "status": promise.status,
            "start_date": _date(promise.start_date),
            "end_date": _date(promise.end_date),
            "cadence": promise.cadence,
            "municipalities": [
                {
                    "id": m.id,
                    "code": m.code,
                    "name": m.name,
                    "slug": m.slug,
                    "county_code": m.county.code,
                    "county": m.county.name,
                    "police_region": m.county.police_region.name,
                }
                for m in sorted(promise.municipalities.all(), key=lambda m: m.name)
            ],
            "police_area": None
            if police_area is None
            else {
                "id": police_area.id,
                "name": police_area.name,
                "police_region": police_area.police_region.name,
            },
            "situation_summary": promise.situation_summary,
            "situation_sources": [
                {
                    "kind": s.kind,
                    "title": s.title,
                    "year": s.year,
                    "url": s.url,
                    "note": s.note,
                }
                for s in promise.situation_sources.all()
            ],
            "followup_plan": promise.followup_plan,
            "signing_date": _date(promise.signing_date),
            "signatories": [
                {"name": s.name, "title": s.title, "organisation": s.organisation}
                for s in promise.signatories.all()
            ],
            "contacts": [
                {"kind": c.kind, "name": c.name, "role": c.role, "route": c.route}
                for c in promise.contacts.all()
            ],
            "previous_id": promise.previous_id,
        },
        "commitments": [
            {"id": c.id, "text": c.text, "order": c.order}
            for c in promise.commitments.all()
        ],
        "focus_areas": list(focus_areas.values()),
        "activities": [
            {
                "id": a.id,
                "text": a.text,
                "order": a.order,
                "commitment_id": a.commitment_id,
                "focus_area_id": a.focus_area_id,
                "responsible_police": a.responsible_police,
                "responsible_municipality": a.responsible_municipality,
                "partners": sorted(p.name for p in a.partners.all()),
                "target": None
                if a.target_value is None
                else {
                    "comparator": a.target_comparator,
                    "value": a.target_value,
                    "unit": a.target_unit,
                    "scope": a.target_scope,
                },
                "place": a.place,
            }
            for a in activities
        ],
        "indicators": [
            {
                "id": i.id,
                "name": i.name,
                "description": i.description,
                "source": i.source,
                "unit": i.unit,
                "direction": i.direction,
                "focus_area_id": i.focus_area_id,
                "focus_area": i.focus_area.name if i.focus_area else "",
                "order": i.order,
                "values": [
                    {
                        "id": v.id,
                        "year": v.year,
                        "value": _decimal(v.value),
                        "note": v.note,
                    }
                    for v in sorted(i.values.all(), key=lambda v: v.year)
                ],
            }
            for i in promise.indicators.all()
        ],
        "periods": [
            {
                "id": p.id,
                "kind": p.kind,
                "year": p.year,
                "number": p.number,
                "code": p.code,
                "label": p.label,
                "short_label": p.short_label,
                "start_date": _date(p.start_date),
                "end_date": _date(p.end_date),
                "published": False,
            }
            for p in periods
        ],
        "followups": [
            {
                "id": f.id,
                "activity_id": f.activity_id,
                "period_id": f.period_id,
                "status": None
                if f.status is None
                else {"name": f.status.name, "category": f.status.category},
                "text": f.text,
                "quantity": f.quantity,
                "hours": _decimal(f.hours),
            }
            for f in followups
        ],
    }


def approvals_missing(
    *, promise: Promise, period: ReportingPeriod | None = None
) -> list[Organisation]:
    """The parties that have not yet approved the current revision."""
    if period is None:
        revision = promise.revision
    else:
        report = PeriodReport.objects.filter(promise=promise, period=period).first()
        if report is None:
            return promise_party_organisations(promise=promise)
        revision = report.revision
    approved = set(
        Approval.objects.filter(
            promise=promise, period=period, revision=revision
        ).values_list("organisation_id", flat=True)
    )
    return [
        o for o in promise_party_organisations(promise=promise) if o.pk not in approved
    ]


def approval_list(
    *, promise: Promise, period: ReportingPeriod | None = None
) -> QuerySet[Approval]:
    return Approval.objects.filter(promise=promise, period=period).select_related(
        "organisation", "user"
    )


def latest_version(*, promise: Promise) -> PromiseVersion | None:
    return promise.versions.order_by("-number").first()


def version_list(*, promise: Promise) -> QuerySet[PromiseVersion]:
    return promise.versions.select_related("period", "published_by").order_by("-number")


@dataclass(frozen=True)
class AwaitingApproval:
    """A promise, or one period's follow-up, sent for approval and not yet
    approved by every party."""

    promise: Promise
    period: ReportingPeriod | None
    missing: list[Organisation]


def approvals_awaiting(*, promises: Iterable[Promise]) -> list[AwaitingApproval]:
    """What of `promises` waits for approval, and from which parties."""
    promises = list(promises)
    awaiting = [
        AwaitingApproval(promise=p, period=None, missing=approvals_missing(promise=p))
        for p in promises
        if p.status == Promise.Status.IN_REVIEW
    ]
    by_id = {p.pk: p for p in promises}
    reports = (
        PeriodReport.objects.filter(
            promise_id__in=by_id, status=PeriodReport.Status.SUBMITTED
        )
        .select_related("period")
        .order_by("period__start_date", "period__kind")
    )
    for report in reports:
        promise = by_id[report.promise_id]
        awaiting.append(
            AwaitingApproval(
                promise=promise,
                period=report.period,
                missing=approvals_missing(promise=promise, period=report.period),
            )
        )
    return awaiting


def focus_area_list_published() -> QuerySet[FocusArea]:
    """The focus areas that a published activity or effect measure uses: the only
    ones anything public lists (one typed in for a draft stays unseen)."""
    return FocusArea.objects.filter(
        Exists(PublishedActivity.objects.filter(focus_area=OuterRef("pk")))
        | Exists(PublishedIndicator.objects.filter(focus_area=OuterRef("pk")))
    )


def comment_list(
    *, promise: Promise, period: ReportingPeriod | None = None
) -> QuerySet[Comment]:
    """The thread of the promise's plan (no period) or of one period, oldest first."""
    return Comment.objects.filter(promise=promise, period=period).select_related(
        "author", "organisation"
    )


def public_approval_comments(*, promise_id: int, number: int) -> QuerySet[Approval]:
    """The approvers' comments marked public that led to version `number` of the
    promise (only what was published: an approval names its version once the
    approved revision is published)."""
    return (
        Approval.objects.filter(
            version__promise_id=promise_id,
            version__number=number,
            comment_public=True,
        )
        .exclude(comment="")
        .select_related("organisation")
        .order_by("created_at")
    )
