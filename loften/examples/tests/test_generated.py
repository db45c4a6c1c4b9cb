"""The generated benchmark data has the shape the services give: one spec built
in bulk and through the editors' services publishes the same versions, the same
feed summaries, the same public read model and the same search entries, field
by field."""

import dataclasses
import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loften.examples import generated
from loften.followups import periods as period_rules
from loften.followups.models import FollowUpStatus, ReportingPeriod
from loften.followups.services import followup_save
from loften.geography.models import Municipality
from loften.organisations.models import Membership
from loften.promises.models import FocusArea, Promise
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.promises.services import promise as promise_services
from loften.publication import services as publication
from loften.publication.models import (
    PromiseVersion,
    PublishedActivity,
    PublishedCommitment,
    PublishedFollowUp,
    PublishedIndicator,
    PublishedIndicatorValue,
    PublishedPromise,
)
from loften.search.models import SearchEntry
from loften.testing import factories

TODAY = datetime.date(2026, 12, 5)


def _spec(code: str, year: int, periods: int = 4) -> generated.PromiseSpec:
    place = Municipality.objects.select_related("county__police_region").get(code=code)
    area = factories.PoliceAreaFactory(
        name=f"Lokalpolisområde {place.name}", municipalities=[place]
    )
    return generated.promise_spec(
        municipality=place,
        police_area_id=area.pk,
        year=year,
        activities=8,
        periods=periods,
        today=TODAY,
    )


def _through_services(spec: generated.PromiseSpec) -> Promise:
    """Build and publish `spec` as editors and approvers would."""
    place = spec.municipality
    area = place.police_areas.get(pk=spec.police_area_id)
    parties = [
        factories.municipality_organisation(place),
        factories.police_area_organisation(area),
    ]
    approvers = [factories.member(o, Membership.Role.APPROVER) for o in parties]
    promise = promise_services.promise_create(
        actor=None,
        title=spec.title,
        municipalities=[place],
        police_area=area,
        start_date=spec.start_date,
        end_date=spec.end_date,
        cadence=spec.cadence,
        situation_summary=spec.situation_summary,
        followup_plan=spec.followup_plan,
        signing_date=spec.signing_date,
        slug=spec.slug,
    )
    for source in spec.sources:
        part_services.situation_source_create(promise=promise, actor=None, **source)
    commitments = [
        part_services.commitment_create(promise=promise, actor=None, text=text)
        for text in spec.commitments
    ]
    focus_areas = {area.slug: area for area in FocusArea.objects.all()}
    activities = []
    for a in spec.activities:
        comparator, value, unit, scope = a.target or ("", None, "", "per_year")
        activities.append(
            activity_services.activity_create(
                promise=promise,
                actor=None,
                text=a.text,
                focus_area=focus_areas.get(a.focus_area),
                commitment=None if a.commitment is None else commitments[a.commitment],
                responsible_police=a.responsible_police,
                responsible_municipality=a.responsible_municipality,
                target_comparator=comparator,
                target_value=value,
                target_unit=unit,
                target_scope=scope,
                place=a.place,
            )
        )
    row = spec.indicator
    indicator = indicator_services.indicator_create(
        promise=promise,
        actor=None,
        name=row["name"],
        source=row["source"],
        unit=row["unit"],
        direction=row["direction"],
        focus_area=focus_areas.get(row["focus_area"] or ""),
    )
    for value_year, value in sorted(row["values"].items()):
        indicator_services.indicator_value_set(
            indicator=indicator,
            actor=None,
            year=value_year,
            value=value,
            note=generated.GENERATED_LABEL,
        )
    for name, title, organisation in spec.signatories:
        part_services.signatory_create(
            promise=promise,
            actor=None,
            name=name,
            title=title,
            organisation=organisation,
        )
    publication.promise_submit_for_review(promise=promise, actor=None)
    for approver, organisation in zip(approvers, parties, strict=True):
        publication.promise_approve(
            promise=promise, actor=approver, organisation=organisation
        )
    publication.promise_publish(promise=promise, actor=None)
    statuses: dict[str, FollowUpStatus] = {}
    for status in FollowUpStatus.objects.order_by("order", "pk"):
        statuses.setdefault(status.category, status)
    for key in spec.published:
        period = ReportingPeriod.objects.get(
            kind=key.kind, year=key.year, number=key.number
        )
        for f in spec.followups:
            if f.period == key:
                followup_save(
                    activity=activities[f.activity],
                    period=period,
                    actor=None,
                    expected_version=None,
                    status=statuses[f.status],
                    text=f.text,
                    quantity=f.quantity,
                    hours=f.hours,
                )
        publication.period_report_submit(promise=promise, period=period, actor=None)
        for approver, organisation in zip(approvers, parties, strict=True):
            publication.period_report_approve(
                promise=promise,
                period=period,
                actor=approver,
                organisation=organisation,
            )
        publication.period_report_publish(promise=promise, period=period, actor=None)
    return promise


def _canonical_snapshot(snapshot: dict) -> dict:
    """The snapshot with the ids of the promise's own rows replaced by their
    place, and without the promise's id and slug (the two builds differ there)."""
    places = {}
    for section in ("commitments", "activities", "indicators", "followups"):
        for n, item in enumerate(snapshot[section]):
            places[(section, item["id"])] = n
    values = {
        v["id"]: n for i in snapshot["indicators"] for n, v in enumerate(i["values"])
    }
    data = dict(snapshot, promise=dict(snapshot["promise"], id=None, slug=None))
    data["commitments"] = [
        dict(c, id=places[("commitments", c["id"])]) for c in snapshot["commitments"]
    ]
    data["activities"] = [
        dict(
            a,
            id=places[("activities", a["id"])],
            commitment_id=places.get(("commitments", a["commitment_id"])),
        )
        for a in snapshot["activities"]
    ]
    data["indicators"] = [
        dict(
            i,
            id=places[("indicators", i["id"])],
            values=[dict(v, id=values[v["id"]]) for v in i["values"]],
        )
        for i in snapshot["indicators"]
    ]
    data["followups"] = [
        dict(
            f,
            id=places[("followups", f["id"])],
            activity_id=places[("activities", f["activity_id"])],
        )
        for f in snapshot["followups"]
    ]
    return data


def _places(queryset, prefix: str) -> dict:
    return {
        pk: f"{prefix}{n}" for n, pk in enumerate(queryset.values_list("pk", flat=True))
    }


def _read_model(promise_id: int) -> dict[str, list]:
    """The read model and search entries of one promise: every field but the
    timestamps and the slug, with the promise's own ids replaced by their place."""
    commitments = _places(
        PublishedCommitment.objects.filter(promise_id=promise_id).order_by("order"),
        "c",
    )
    activities = _places(
        PublishedActivity.objects.filter(promise_id=promise_id).order_by("order"),
        "a",
    )
    followups = _places(
        PublishedFollowUp.objects.filter(activity__promise_id=promise_id).order_by(
            "period_id", "activity__order"
        ),
        "f",
    )
    indicators = _places(
        PublishedIndicator.objects.filter(promise_id=promise_id).order_by("order"),
        "i",
    )
    values = _places(
        PublishedIndicatorValue.objects.filter(
            indicator__promise_id=promise_id
        ).order_by("indicator__order", "year"),
        "v",
    )
    promise = {promise_id: "p"}
    own = {
        PublishedPromise: (promise, {}),
        PublishedCommitment: (commitments, {"promise_id": promise}),
        PublishedActivity: (
            activities,
            {"promise_id": promise, "commitment_id": commitments},
        ),
        PublishedFollowUp: (followups, {"activity_id": activities}),
        PublishedIndicator: (indicators, {"promise_id": promise}),
        PublishedIndicatorValue: (values, {"indicator_id": indicators}),
    }
    result: dict[str, list] = {}
    for model, (ids, foreign) in own.items():
        rows = []
        for row in model.objects.filter(pk__in=list(ids)):
            item = {}
            for field in row._meta.concrete_fields:
                if field.attname in {"updated_at", "first_published_at", "version_id"}:
                    continue
                value = getattr(row, field.attname)
                if field.attname == "id":
                    value = ids[value]
                elif field.attname in foreign:
                    value = foreign[field.attname].get(value, value)
                elif field.attname == "slug":
                    value = None
                item[field.attname] = value
            rows.append(item)
        result[model.__name__] = sorted(rows, key=lambda r: r["id"])
    result["municipalities"] = sorted(
        PublishedPromise.objects.get(pk=promise_id).municipalities.values_list(
            "pk", flat=True
        )
    )
    result["search"] = sorted(
        (
            {
                field: value
                for field, value in entry.items()
                if field not in {"id", "promise_id", "object_id", "document"}
            }
            for entry in SearchEntry.objects.filter(promise_id=promise_id).values()
        ),
        key=lambda e: (e["kind"], e["title"], e["body"], str(e["period_id"])),
    )
    return result


@pytest.mark.parametrize("periods", [3, 4])
def test_the_generated_promise_is_what_the_services_publish(db, periods):
    spec = _spec("0682", 2025, periods=periods)
    assert spec.published, "every period of a past year is published"
    generated.promises_build([spec])
    bulk = Promise.objects.get(slug=spec.slug)
    by_services = _through_services(
        dataclasses.replace(spec, slug=spec.slug + "-tjanster")
    )

    bulk_versions = list(
        PromiseVersion.objects.filter(promise=bulk)
        .select_related("summary")
        .order_by("number")
    )
    service_versions = list(
        PromiseVersion.objects.filter(promise=by_services)
        .select_related("summary")
        .order_by("number")
    )
    assert [(v.number, v.kind, v.period_id) for v in bulk_versions] == [
        (v.number, v.kind, v.period_id) for v in service_versions
    ]
    assert len(bulk_versions) == 1 + len(spec.published)
    for ours, theirs in zip(bulk_versions, service_versions, strict=True):
        assert _canonical_snapshot(ours.snapshot) == _canonical_snapshot(
            theirs.snapshot
        ), f"version {ours.number}"
        # The feeds' summary of the version (no ids of the promise's rows in it).
        assert ours.summary.summary == theirs.summary.summary, f"version {ours.number}"

    ours, theirs = _read_model(bulk.pk), _read_model(by_services.pk)
    for section in theirs:
        assert ours[section] == theirs[section], section
    assert len(ours["PublishedFollowUp"]) == len(spec.followups)
    assert ours["search"]


def test_the_spec_is_plainly_generated_and_follows_up_only_ended_periods(db):
    spec = _spec("0180", 2026, periods=3)
    assert "genererad testdata" in spec.title
    assert spec.slug.startswith("genererad-")
    assert "inte ett verkligt löfte" in spec.situation_summary
    # On 5 December the third tertial and the year have not ended.
    assert [(k.kind, k.number) for k in spec.published] == [
        (period_rules.TERTIAL, 1),
        (period_rules.TERTIAL, 2),
    ]


def test_the_command_refuses_a_database_with_real_promises(db):
    factories.PromiseFactory(slug="nassjo-2026")
    with pytest.raises(CommandError, match="not generated"):
        call_command("generate_benchmark_data", "--years", "1")
    assert not Promise.objects.filter(slug__startswith="genererad-").exists()


def test_the_command_refuses_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("generate_benchmark_data", "--years", "1")


def test_the_command_fills_every_municipality(db):
    places = Municipality.objects.count()
    call_command("generate_benchmark_data", "--years", "1", "--activities", "2")
    assert PublishedPromise.objects.count() == places == 290
    assert SearchEntry.objects.values("promise_id").distinct().count() == places
