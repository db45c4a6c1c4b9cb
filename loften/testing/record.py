"""A published promise whose target is about to change: the public record's
scenario (a target of "minst 40" per year, the first tertial followed up)."""

from dataclasses import dataclass

from loften.followups.models import ReportingPeriod
from loften.followups.services import followup_save, reporting_periods_ensure
from loften.promises.models import Activity
from loften.promises.services import activities as activity_services

from . import factories
from .workflow import Parties, promise_with_parties, publish_period, publish_plan


@dataclass
class Record:
    parties: Parties
    activity: Activity
    tertials: list[ReportingPeriod]


def promise_with_published_tertial(**promise_kwargs) -> Record:
    """A promise with one activity ("minst 40 trafikkontroller per år"), its
    plan published (version 1) and T1 followed up with 14 (version 2)."""
    parties = promise_with_parties(**promise_kwargs)
    activity = activity_services.activity_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        text="Genomföra riktade trafikkontroller mot bilburen ungdom",
        responsible_police=True,
        target_comparator="at_least",
        target_value=40,
        target_unit="trafikkontroller",
        target_scope="per_year",
    )
    publish_plan(parties)
    tertials = [
        p
        for p in reporting_periods_ensure(promise=parties.promise)
        if p.kind == ReportingPeriod.Kind.TERTIAL
    ]
    followup_save(
        activity=activity,
        period=tertials[0],
        actor=parties.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text="Kontroller vid resecentrum.",
        quantity=14,
    )
    publish_period(parties, tertials[0])
    return Record(parties=parties, activity=activity, tertials=tertials)


def follow_up(record: Record, period: ReportingPeriod, quantity: int) -> None:
    """Write and publish the activity's follow-up for `period`."""
    followup_save(
        activity=record.activity,
        period=period,
        actor=record.parties.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text="Fler kontroller på kvällarna.",
        quantity=quantity,
    )
    publish_period(record.parties, period)
