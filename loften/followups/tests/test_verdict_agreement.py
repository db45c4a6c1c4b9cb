"""One verdict everywhere: whether a target is met, within so far, behind or
missed is decided by `followups.progress.target_verdict`, and the public promise
page, the follow-up report, the editors' follow-up sheet, the editors' start page,
the API and the bulk data all say the same for every comparator, figure and period.

The start page lists the activities behind their target: on the last day of the
time a target counts over, exactly those whose figure the pages call short of an
"at least" or "exactly" target; before that, never one the pages call met or
reached so far.

The API and the bulk data give the verdict's two facts (`target_met`, the plain
comparison, and `target_final`); a target counts as met there exactly when it
is met on the pages (`progress.met_for_good`)."""

import csv
import datetime
import io
import zipfile

import pytest
from django.core.cache import cache
from django.urls import reverse

from loften.editor.selectors import editor_overview, followup_sheet
from loften.followups.models import FollowUpStatus
from loften.followups.progress import Verdict, met_for_good
from loften.followups.services import (
    activity_event_log,
    followup_save,
    reporting_periods_ensure,
)
from loften.opendata import export
from loften.promises.services import activities as activity_services
from loften.publication.selectors import latest_version
from loften.reports.layout import report_build
from loften.testing.reference import module_data
from loften.testing.workflow import promise_with_parties, publish_period, publish_plan

# The matrix is published once for the module, so its tests share one worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("verdict_agreement")]

COMPARATORS = ("at_least", "at_most", "exactly")
SCOPES = ("per_period", "per_year")
TARGET = 4
# What is reported in T1; T2 and T3 report nothing more, so the per-year figure
# stays the same and becomes final only at T3 (and the whole year).
FIRST_QUANTITIES = (3, 4, 5)

# What the start page calls behind its target, once the target's time is over.
SHORT = {Verdict.NOT_MET, Verdict.NOT_YET}

# The words the Swedish report uses for each verdict.
REPORT_WORDS = {
    Verdict.MET: "målet nått",
    Verdict.NOT_MET: "målet inte nått",
    Verdict.NOT_YET: "inte nått ännu",
    Verdict.WITHIN_SO_FAR: "inom målet hittills",
    Verdict.REACHED_SO_FAR: "nått hittills",
    Verdict.EXCEEDED: "mer än målet",
}


def _publish_matrix():
    parties = promise_with_parties(
        start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 12, 31)
    )
    promise, editor = parties.promise, parties.municipality_editor
    cases = {}
    for comparator in COMPARATORS:
        for scope in SCOPES:
            for quantity in FIRST_QUANTITIES:
                activity = activity_services.activity_create(
                    promise=promise,
                    actor=editor,
                    text=f"Aktivitet {comparator} {scope} {quantity}",
                    responsible_municipality=True,
                    target_comparator=comparator,
                    target_value=TARGET,
                    target_unit="kontroller",
                    target_scope=scope,
                )
                cases[activity.pk] = (comparator, scope, quantity)
    publish_plan(parties)
    done = FollowUpStatus.objects.filter(category="done").first()
    periods = reporting_periods_ensure(promise=promise)
    for index, period in enumerate(periods):
        for activity in promise.activities.all():
            quantity = cases[activity.pk][2]
            # The log says what the follow-ups say, so the start page, which
            # counts the log of a period not yet over, sees the same figures.
            if period.kind != "year" and (
                cases[activity.pk][1] == "per_period" or index == 0
            ):
                activity_event_log(
                    activity=activity,
                    actor=editor,
                    date=period.start_date,
                    quantity=quantity,
                )
            followup_save(
                activity=activity,
                period=period,
                actor=editor,
                expected_version=None,
                status=done,
                text="Kontroller genomförda.",
                # Per period targets see the same figure each tertial; per year
                # targets add up to the T1 figure over the year.
                quantity=quantity
                if cases[activity.pk][1] == "per_period" or index == 0
                else 0,
            )
        publish_period(parties, period)
    return parties, cases, periods


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The matrix, published once for the module and rolled back after it."""
    with module_data(django_db_blocker):
        yield _publish_matrix()


def _public_verdicts(client, promise) -> dict[tuple[int, int], str | None]:
    cache.clear()
    page = client.get(reverse("public:promise", args=[promise.slug])).context["page"]
    return {
        (activity.id, entry.period.id): entry.progress.verdict
        if entry.progress
        else None
        for area in page.focus_areas
        for activity in area.activities
        for entry in activity.entries
    }


def _api_rows(client) -> dict[tuple[int, int], dict]:
    rows, url = {}, reverse("api:followup-list")
    while url:
        page = client.get(url).json()
        for row in page["results"]:
            rows[(row["activity_id"], row["period"]["id"])] = row
        url = page["next"]
    return rows


def _bulk_rows() -> dict[tuple[int, int], dict]:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export.csv_zip_stream())))
    reader = csv.DictReader(io.StringIO(archive.read("followups.csv").decode()))
    return {(int(r["activity_id"]), int(r["period_id"])): r for r in reader}


def test_the_verdict_agrees_on_every_page_report_and_data(client, matrix):
    parties, cases, periods = matrix
    promise = parties.promise
    snapshot = latest_version(promise=promise).snapshot
    public = _public_verdicts(client, promise)
    api = _api_rows(client)
    bulk = _bulk_rows()
    disagreements = []
    seen = set()
    for period in periods:
        report = report_build(
            snapshot,
            period.pk,
            is_draft=False,
            generated_at=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC),
        )
        reported = {row.id: row for row in report.activity_rows}
        sheet = {
            row.activity.pk: row
            for row in followup_sheet(promise=promise, period=period)
        }
        for activity_id, (comparator, scope, quantity) in cases.items():
            key = (activity_id, period.pk)
            verdict = public[key]
            seen.add(verdict)
            row = reported[activity_id]
            met_in_data = {
                "api": met_for_good(
                    comparator, api[key]["target_met"], api[key]["target_final"]
                ),
                "bulk": met_for_good(
                    comparator,
                    bulk[key]["target_met"] == "true",
                    bulk[key]["target_final"] == "true",
                ),
            }
            found = {
                "report": row.verdict,
                "report words": row.outcome_text.endswith(REPORT_WORDS[verdict])
                if verdict
                else None,
                "editor": sheet[activity_id].verdict,
                "api met": met_in_data["api"],
                "bulk met": met_in_data["bulk"],
            }
            expected = {
                "report": verdict,
                "report words": True if verdict else None,
                "editor": verdict,
                "api met": verdict == Verdict.MET,
                "bulk met": verdict == Verdict.MET,
            }
            if found != expected:
                disagreements.append(
                    (comparator, scope, quantity, period.label, verdict, found)
                )
    assert not disagreements, "\n".join(map(str, disagreements))
    # The matrix reaches every verdict, so none of them goes untested.
    assert seen == {
        Verdict.MET,
        Verdict.NOT_MET,
        Verdict.NOT_YET,
        Verdict.WITHIN_SO_FAR,
        Verdict.REACHED_SO_FAR,
        Verdict.EXCEEDED,
    }


def test_the_start_page_lists_as_behind_what_the_pages_call_short(client, matrix):
    parties, cases, periods = matrix
    public = _public_verdicts(client, parties.promise)
    disagreements = []
    seen = set()
    for period in periods:
        if period.kind == "year":
            continue  # the start page counts tertial by tertial
        # The last day of the period: its own targets' time is over, and a
        # per-year target's too at the last tertial.
        overview = editor_overview(
            user=parties.municipality_editor, today=period.end_date
        )
        behind = {item.activity.pk for item in overview.behind}
        for activity_id, (comparator, scope, quantity) in cases.items():
            verdict = public[(activity_id, period.pk)]
            time_over = scope == "per_period" or period.end_date.month == 12
            # A limit kept or passed ("at most") is never behind.
            short = comparator != "at_most" and verdict in SHORT
            if time_over:
                agrees = (activity_id in behind) == short
                seen.add((activity_id in behind, verdict))
            else:
                agrees = activity_id not in behind or verdict == Verdict.NOT_YET
            if not agrees:
                disagreements.append(
                    (comparator, scope, quantity, period.label, verdict, behind)
                )
    assert not disagreements, "\n".join(map(str, disagreements))
    # Both sides are tried: some activities behind, some not.
    assert {listed for listed, _verdict in seen} == {True, False}
