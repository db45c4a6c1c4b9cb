"""Reads of the published data set, table by table, as plain rows.

Everything here reads the public read model (the Published* tables), the
published snapshots and the reference geography, never the working copy, so no
draft can reach open data. Rows come from `.iterator()` so a whole table is never
held in memory.
"""

import contextlib
import datetime
import hashlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Max

from loften.followups.models import ReportingPeriod
from loften.geography.models import County, Municipality, PoliceArea, PoliceRegion
from loften.publication.models import (
    PromiseVersion,
    PublishedActivity,
    PublishedCommitment,
    PublishedFollowUp,
    PublishedIndicator,
    PublishedIndicatorValue,
    PublishedPromise,
)
from loften.publication.selectors import focus_area_list_published

from .columns import TABLES_BY_NAME

CHUNK = 1000
Row = Mapping[str, Any]


@contextlib.contextmanager
def consistent_snapshot(*, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Read everything inside as of one moment, so that a publication committed
    meanwhile is either wholly in what is read or wholly out of it.

    On PostgreSQL this is a REPEATABLE READ, READ ONLY transaction. On SQLite it
    is a deferred transaction: in WAL mode it reads one snapshot and, unlike the
    IMMEDIATE transactions the settings ask for elsewhere, does not stop anyone
    from writing meanwhile. Inside an atomic block already, that block's
    transaction is used as it is.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    with contextlib.ExitStack() as stack:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            mode = connection.transaction_mode
            connection.transaction_mode = "DEFERRED"
            try:
                stack.enter_context(transaction.atomic(using=using))
            finally:
                connection.transaction_mode = mode
        else:
            stack.enter_context(transaction.atomic(using=using))
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                    )
        yield


# The tables whose content is not in a published version: read whole to tell
# whether they changed, as they keep no change time. They are small (a few
# hundred rows in all).
UNVERSIONED_TABLES = (
    "police_regions",
    "counties",
    "municipalities",
    "police_areas",
    "focus_areas",
    "reporting_periods",
)


def data_fingerprint() -> str:
    """A digest that changes whenever the data set does, for conditional downloads.

    Everything published comes from a promise's current version, so the list of
    (promise, version) pairs stands for it; the reference tables have no change
    time and are digested whole.
    """
    digest = hashlib.sha256()
    versions = PublishedPromise.objects.order_by("id").values_list("id", "version_id")
    digest.update(repr(list(versions)).encode())
    for table in UNVERSIONED_TABLES:
        digest.update(table.encode())
        for row in table_rows(table=table):
            digest.update(repr(tuple(row.values())).encode())
    return digest.hexdigest()


def data_published_at() -> datetime.datetime | None:
    """The time of the newest publication in the data set (the date of the data)."""
    return PromiseVersion.objects.filter(
        pk__in=PublishedPromise.objects.values("version_id")
    ).aggregate(latest=Max("published_at"))["latest"]


def _period_code(kind: str, number: int) -> str:
    if kind == ReportingPeriod.Kind.TERTIAL:
        return f"T{number}"
    if kind == ReportingPeriod.Kind.QUARTER:
        return f"Q{number}"
    return "year"


def _police_regions() -> Iterator[Row]:
    yield from PoliceRegion.objects.order_by("id").values("id", "name", "slug")


def _counties() -> Iterator[Row]:
    yield from County.objects.order_by("code").values(
        "code", "name", "police_region_id"
    )


def _municipalities() -> Iterator[Row]:
    for row in Municipality.objects.order_by("code").values(
        "code", "name", "county__code"
    ):
        yield {
            "code": row["code"],
            "name": row["name"],
            "county_code": row["county__code"],
        }


def _police_areas() -> Iterator[Row]:
    areas = PoliceArea.objects.order_by("id").prefetch_related("municipalities")
    for area in areas:
        yield {
            "id": area.id,
            "name": area.name,
            "police_region_id": area.police_region_id,
            "district": area.district,
            "municipality_codes": sorted(m.code for m in area.municipalities.all()),
        }


def _focus_areas() -> Iterator[Row]:
    yield from (
        focus_area_list_published()
        .order_by("order", "id")
        .values("id", "name", "slug", "description")
    )


def _reporting_periods() -> Iterator[Row]:
    # Every period a published promise reports on (promise_periods), published
    # or not, and every period a published follow-up is for, so that each
    # period_id in the data set has its row here.
    ids = {
        period["id"]
        for _promise, periods in _snapshot_part("periods")
        for period in periods
    }
    ids.update(PublishedFollowUp.objects.values_list("period_id", flat=True).distinct())
    periods = ReportingPeriod.objects.filter(pk__in=sorted(ids)).order_by(
        "year", "kind", "number"
    )
    for period in periods.values(
        "id", "kind", "year", "number", "start_date", "end_date"
    ):
        yield {**period, "code": _period_code(period["kind"], period["number"])}


def _promises() -> Iterator[Row]:
    rows = (
        PublishedPromise.objects.order_by("id")
        .values(
            "id",
            "title",
            "slug",
            "is_concluded",
            "start_date",
            "end_date",
            "cadence",
            "police_area_id",
            "previous_id",
            "signing_date",
            "situation_summary",
            "followup_plan",
            "version__number",
            "version__published_at",
            "first_published_at",
            "updated_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    published_ids = set(PublishedPromise.objects.values_list("id", flat=True))
    for row in rows:
        yield {
            "id": row["id"],
            "title": row["title"],
            "slug": row["slug"],
            "status": "concluded" if row["is_concluded"] else "published",
            "start_date": row["start_date"],
            "end_date": row["end_date"],
            "cadence": row["cadence"],
            "police_area_id": row["police_area_id"],
            # Only a published promise can be pointed to.
            "previous_id": row["previous_id"]
            if row["previous_id"] in published_ids
            else None,
            "signing_date": row["signing_date"],
            "situation_summary": row["situation_summary"],
            "followup_plan": row["followup_plan"],
            "version": row["version__number"],
            "version_published_at": row["version__published_at"],
            "first_published_at": row["first_published_at"],
            "updated_at": row["updated_at"],
        }


def _promise_municipalities() -> Iterator[Row]:
    through = PublishedPromise.municipalities.through.objects.order_by(
        "publishedpromise_id", "municipality__code"
    )
    for row in through.values("publishedpromise_id", "municipality__code").iterator(
        chunk_size=CHUNK
    ):
        yield {
            "promise_id": row["publishedpromise_id"],
            "municipality_code": row["municipality__code"],
        }


def _snapshot_part(path: str) -> Iterator[tuple[int, Any]]:
    """(promise id, part of the published snapshot) for every published promise."""
    rows = (
        PublishedPromise.objects.order_by("id")
        .values_list("id", f"version__snapshot__{path}")
        .iterator(chunk_size=CHUNK)
    )
    for promise_id, part in rows:
        yield promise_id, part or []


def _promise_periods() -> Iterator[Row]:
    for promise_id, periods in _snapshot_part("periods"):
        for period in periods:
            yield {
                "promise_id": promise_id,
                "period_id": period["id"],
                "followup_published": bool(period.get("published")),
            }


def _signatories() -> Iterator[Row]:
    for promise_id, people in _snapshot_part("promise__signatories"):
        for order, person in enumerate(people, start=1):
            yield {
                "promise_id": promise_id,
                "order": order,
                "name": person.get("name", ""),
                "title": person.get("title", ""),
                "organisation": person.get("organisation", ""),
            }


def _situation_sources() -> Iterator[Row]:
    for promise_id, sources in _snapshot_part("promise__situation_sources"):
        for order, source in enumerate(sources, start=1):
            yield {
                "promise_id": promise_id,
                "order": order,
                "kind": source.get("kind", ""),
                "title": source.get("title", ""),
                "year": source.get("year"),
                "url": source.get("url", ""),
                "note": source.get("note", ""),
            }


def _commitments() -> Iterator[Row]:
    yield from (
        PublishedCommitment.objects.order_by("id")
        .values("id", "promise_id", "order", "text", "updated_at")
        .iterator(chunk_size=CHUNK)
    )


def _activities() -> Iterator[Row]:
    rows = (
        PublishedActivity.objects.order_by("id")
        .values(
            "id",
            "promise_id",
            "commitment_id",
            "focus_area_id",
            "order",
            "text",
            "responsible_police",
            "responsible_municipality",
            "partners",
            "target_comparator",
            "target_value",
            "target_unit",
            "target_scope",
            "place",
            "updated_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        # The scope means nothing without a target.
        yield {
            **row,
            "target_scope": row["target_scope"] if row["target_value"] else "",
        }


def _followups() -> Iterator[Row]:
    rows = (
        PublishedFollowUp.objects.order_by("id")
        .values(
            "id",
            "activity_id",
            "activity__promise_id",
            "period_id",
            "period__kind",
            "period__number",
            "period__year",
            "status_name",
            "status_category",
            "text",
            "quantity",
            "hours",
            "running_total",
            "target_value_then",
            "target_met",
            "target_final",
            "updated_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        yield {
            "id": row["id"],
            "activity_id": row["activity_id"],
            "promise_id": row["activity__promise_id"],
            "period_id": row["period_id"],
            "period_code": _period_code(row["period__kind"], row["period__number"]),
            "year": row["period__year"],
            "status": row["status_name"],
            "status_category": row["status_category"],
            "text": row["text"],
            "quantity": row["quantity"],
            "hours": row["hours"],
            "running_total": row["running_total"],
            "target_value": row["target_value_then"],
            "target_met": row["target_met"],
            "target_final": row["target_final"],
            "updated_at": row["updated_at"],
        }


def _indicators() -> Iterator[Row]:
    yield from (
        PublishedIndicator.objects.order_by("id")
        .values(
            "id",
            "promise_id",
            "focus_area_id",
            "order",
            "name",
            "description",
            "source",
            "unit",
            "direction",
            "updated_at",
        )
        .iterator(chunk_size=CHUNK)
    )


def _indicator_values() -> Iterator[Row]:
    rows = (
        PublishedIndicatorValue.objects.order_by("id")
        .values(
            "id",
            "indicator_id",
            "indicator__promise_id",
            "year",
            "value",
            "note",
            "updated_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        yield {**row, "promise_id": row["indicator__promise_id"]}


_READERS: dict[str, Callable[[], Iterator[Row]]] = {
    "police_regions": _police_regions,
    "counties": _counties,
    "municipalities": _municipalities,
    "police_areas": _police_areas,
    "focus_areas": _focus_areas,
    "reporting_periods": _reporting_periods,
    "promises": _promises,
    "promise_municipalities": _promise_municipalities,
    "promise_periods": _promise_periods,
    "signatories": _signatories,
    "situation_sources": _situation_sources,
    "commitments": _commitments,
    "activities": _activities,
    "followups": _followups,
    "indicators": _indicators,
    "indicator_values": _indicator_values,
}


def table_rows(*, table: str) -> Iterator[Row]:
    """The rows of one table of the data set, in the catalogue's column order."""
    names = TABLES_BY_NAME[table].column_names
    for row in _READERS[table]():
        yield {name: row[name] for name in names}
