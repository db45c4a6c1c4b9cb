"""Rebuild the public read model (the Published* tables) from a published version,
then send `read_model_rebuilt` so that what is built from it (the search index)
follows in the same transaction.

Rows keep the ids of the live objects and keep their `updated_at` when their
content did not change, so open-data clients can ask for what changed since a date.
"""

import datetime
import json
from decimal import Decimal
from typing import Any

from django.db import transaction

from loften.followups.periods import PeriodKey
from loften.followups.progress import (
    PeriodRef,
    achieved_towards_target,
    figure_is_final,
    met_for_good,
    target_met,
)

from .models import (
    PromiseVersion,
    PublishedActivity,
    PublishedCommitment,
    PublishedFollowUp,
    PublishedIndicator,
    PublishedIndicatorValue,
    PublishedPromise,
    PublishedVersionSummary,
)
from .signals import read_model_rebuilt
from .summary import version_summary


def _fingerprint(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, default=str)


def _stamps(
    model, promise_id: int, path: str
) -> dict[int, tuple[str, datetime.datetime]]:
    """{id: (fingerprint, updated_at)} of the rows now published for the promise."""
    rows = model.objects.filter(**{path: promise_id})
    return {row.pk: (_fingerprint(_row_values(row)), row.updated_at) for row in rows}


def _row_values(row) -> dict[str, Any]:
    values = {}
    for field in row._meta.concrete_fields:
        # latest_in_year and met_for_good are worked out from other rows: a
        # later figure or the activity's comparator does not change this one.
        if field.attname in {
            "updated_at",
            "version_id",
            "latest_in_year",
            "met_for_good",
        }:
            continue
        value = getattr(row, field.attname)
        if isinstance(value, Decimal):
            # 2 and 2.0 are the same figure; only a new figure is a change.
            value = format(value.normalize(), "f")
        values[field.attname] = value
    return values


def _stamp(row, stamps, published_at):
    previous = stamps.get(row.pk)
    if previous and previous[0] == _fingerprint(_row_values(row)):
        row.updated_at = previous[1]
    else:
        row.updated_at = published_at
    return row


@transaction.atomic
def read_model_rebuild(*, version: PromiseVersion) -> PublishedPromise:
    """Make the public tables show exactly `version` of its promise."""
    promise_id = version.snapshot["promise"]["id"]
    stamps = {
        "promise": _stamps(PublishedPromise, promise_id, "pk"),
        "commitment": _stamps(PublishedCommitment, promise_id, "promise_id"),
        "activity": _stamps(PublishedActivity, promise_id, "promise_id"),
        "followup": _stamps(PublishedFollowUp, promise_id, "activity__promise_id"),
        "indicator": _stamps(PublishedIndicator, promise_id, "promise_id"),
        "value": _stamps(PublishedIndicatorValue, promise_id, "indicator__promise_id"),
    }
    first_published = (
        PromiseVersion.objects.filter(promise_id=promise_id)
        .order_by("number")
        .values_list("published_at", flat=True)
        .first()
    )
    PublishedPromise.objects.filter(pk=promise_id).delete()
    rows = _read_model_rows(version, first_published, stamps)
    published = rows["promise"][0]
    published.save(force_insert=True)
    published.municipalities.set(rows["municipalities"])
    for key, model in _ROW_MODELS:
        model.objects.bulk_create(rows[key])
    read_model_rebuilt.send(
        sender=PromiseVersion, promise_id=promise_id, snapshot=version.snapshot
    )
    return published


@transaction.atomic
def read_model_build_first(
    versions: list[PromiseVersion], first_published: dict[int, Any]
) -> None:
    """The read model of promises published for the first time, in bulk: the
    same rows `read_model_rebuild` writes for each (generated benchmark data).
    `first_published` maps a promise to when its first version came out."""
    empty: dict[str, dict] = {key: {} for key in _STAMP_KEYS}
    rows: dict[str, list] = {key: [] for key in ("promise", *dict(_ROW_MODELS))}
    links = []
    for version in versions:
        promise_id = version.snapshot["promise"]["id"]
        built = _read_model_rows(version, first_published[promise_id], empty)
        for key in rows:
            rows[key] += built[key]
        links += [
            PublishedPromise.municipalities.through(
                publishedpromise_id=promise_id, municipality_id=municipality_id
            )
            for municipality_id in built["municipalities"]
        ]
    PublishedPromise.objects.bulk_create(rows["promise"])
    PublishedPromise.municipalities.through.objects.bulk_create(links)
    for key, model in _ROW_MODELS:
        model.objects.bulk_create(rows[key], batch_size=2000)
    for version in versions:
        read_model_rebuilt.send(
            sender=PromiseVersion,
            promise_id=version.snapshot["promise"]["id"],
            snapshot=version.snapshot,
        )


def version_summaries_store(
    versions: list[tuple[PromiseVersion, dict[str, Any] | None]],
) -> None:
    """Store what a feed reader is told of each new version, given with the
    snapshot of the version before it (None for a first version)."""
    PublishedVersionSummary.objects.bulk_create(
        (
            PublishedVersionSummary(
                version=version,
                summary=version_summary(
                    previous,
                    version.snapshot,
                    number=version.number,
                    is_period=version.period_id is not None,
                ),
            )
            for version, previous in versions
        ),
        batch_size=1000,
    )


_STAMP_KEYS = ("promise", "commitment", "activity", "followup", "indicator", "value")
_ROW_MODELS = (
    ("commitment", PublishedCommitment),
    ("activity", PublishedActivity),
    ("followup", PublishedFollowUp),
    ("indicator", PublishedIndicator),
    ("value", PublishedIndicatorValue),
)


def _read_model_rows(
    version: PromiseVersion, first_published, stamps: dict[str, dict]
) -> dict[str, Any]:
    """The read model's rows for `version`, unsaved, stamped against `stamps`."""
    data = version.snapshot
    promise = data["promise"]
    promise_id = promise["id"]
    at = version.published_at
    published = _stamp(
        PublishedPromise(
            id=promise_id,
            version=version,
            title=promise["title"],
            slug=promise["slug"],
            police_area_id=(promise["police_area"] or {}).get("id"),
            start_date=datetime.date.fromisoformat(promise["start_date"]),
            end_date=datetime.date.fromisoformat(promise["end_date"]),
            cadence=promise["cadence"],
            is_concluded=promise["status"] == "concluded",
            situation_summary=promise["situation_summary"],
            followup_plan=promise["followup_plan"],
            signing_date=_date_or_none(promise["signing_date"]),
            previous_id=promise["previous_id"],
            first_published_at=first_published or at,
        ),
        stamps["promise"],
        at,
    )
    commitment_ids = {c["id"] for c in data["commitments"]}
    activities = {a["id"]: a for a in data["activities"]}
    return {
        "promise": [published],
        "municipalities": [m["id"] for m in promise["municipalities"]],
        "commitment": [
            _stamp(
                PublishedCommitment(
                    id=c["id"], promise=published, text=c["text"], order=c["order"]
                ),
                stamps["commitment"],
                at,
            )
            for c in data["commitments"]
        ],
        "activity": [
            _stamp(_activity_row(a, published, commitment_ids), stamps["activity"], at)
            for a in data["activities"]
        ],
        "followup": [
            _stamp(row, stamps["followup"], at)
            for row in _followup_rows(data, activities)
        ],
        "indicator": [
            _stamp(
                PublishedIndicator(
                    id=i["id"],
                    promise=published,
                    focus_area_id=i["focus_area_id"],
                    name=i["name"],
                    description=i["description"],
                    source=i["source"],
                    unit=i["unit"],
                    direction=i["direction"],
                    order=i["order"],
                ),
                stamps["indicator"],
                at,
            )
            for i in data["indicators"]
        ],
        "value": [
            _stamp(
                PublishedIndicatorValue(
                    id=v["id"],
                    indicator_id=i["id"],
                    year=v["year"],
                    value=Decimal(v["value"]),
                    note=v["note"],
                ),
                stamps["value"],
                at,
            )
            for i in data["indicators"]
            for v in i["values"]
        ],
    }


def _date_or_none(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


def _activity_row(a: dict[str, Any], published, commitment_ids) -> PublishedActivity:
    target = a["target"] or {}
    return PublishedActivity(
        id=a["id"],
        promise=published,
        commitment_id=a["commitment_id"]
        if a["commitment_id"] in commitment_ids
        else None,
        focus_area_id=a["focus_area_id"],
        text=a["text"],
        responsible_police=a["responsible_police"],
        responsible_municipality=a["responsible_municipality"],
        partners=a["partners"],
        target_comparator=target.get("comparator", ""),
        target_value=target.get("value"),
        target_unit=target.get("unit", ""),
        target_scope=target.get("scope", "per_year"),
        place=a["place"],
        order=a["order"],
    )


def _followup_rows(data: dict[str, Any], activities: dict[int, dict]) -> list:
    published_periods = [p for p in data["periods"] if p["published"]]
    refs = [
        PeriodRef(p["id"], p["year"], p["kind"], p["number"]) for p in published_periods
    ]
    # Every period the promise reports on, published or not: whether a figure is
    # final depends on what may still come.
    every_period = [
        PeriodRef(p["id"], p["year"], p["kind"], p["number"]) for p in data["periods"]
    ]
    by_id = {ref.id: ref for ref in refs}
    quantities: dict[int, dict[int, int | None]] = {}
    for f in data["followups"]:
        quantities.setdefault(f["activity_id"], {})[f["period_id"]] = f["quantity"]
    rows = []
    for f in data["followups"]:
        activity = activities.get(f["activity_id"])
        if activity is None or f["period_id"] not in by_id:
            continue
        # The target in force when the period was published (older snapshots:
        # the plan's).
        target = f.get("target", activity["target"])
        met = final = achieved = None
        if target:
            achieved = achieved_towards_target(
                scope=target["scope"],
                period=by_id[f["period_id"]],
                periods=refs,
                quantities=quantities[f["activity_id"]],
            )
            met = target_met(target["comparator"], target["value"], achieved)
            final = figure_is_final(
                scope=target["scope"],
                period=by_id[f["period_id"]],
                periods=every_period,
            )
        status = f["status"] or {}
        rows.append(
            PublishedFollowUp(
                id=f["id"],
                activity_id=f["activity_id"],
                period_id=f["period_id"],
                status_name=status.get("name", ""),
                status_category=status.get("category", ""),
                text=f["text"],
                quantity=f["quantity"],
                hours=None if f["hours"] is None else Decimal(f["hours"]),
                target_met=met,
                target_final=final,
                met_for_good=met_for_good(
                    target["comparator"] if target else "", met, bool(final)
                ),
                running_total=achieved,
                target_value_then=target["value"] if target else None,
            )
        )
    _mark_latest_in_year(rows, by_id)
    return rows


def _mark_latest_in_year(rows: list, periods: dict[int, PeriodRef]) -> None:
    """Mark each activity's latest figure against its target in each year: the
    one of the period that ends last, and of a year and its last tertial or
    quarter, which end together, the year's (it sums the year up)."""

    def order(row) -> tuple:
        ref = periods[row.period_id]
        return (PeriodKey(ref.year, ref.kind, ref.number).end_date, -ref.number)

    latest: dict[tuple[int, int], Any] = {}
    for row in rows:
        if row.target_met is None:
            continue
        key = (row.activity_id, periods[row.period_id].year)
        if key not in latest or order(row) > order(latest[key]):
            latest[key] = row
    for row in latest.values():
        row.latest_in_year = True
