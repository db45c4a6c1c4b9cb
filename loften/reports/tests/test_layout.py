"""The report model built from plain snapshots."""

import copy
import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from loften.reports import layout
from loften.testing.reports import snapshot_example

NOW = datetime.datetime(2027, 1, 20, 9, 30, tzinfo=datetime.UTC)
T1, T2, T3, YEAR = 101, 102, 103, 104


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


def build(snapshot, period_id, **kwargs):
    kwargs.setdefault("is_draft", False)
    return layout.report_build(snapshot, period_id, generated_at=NOW, **kwargs)


def test_the_title_names_the_municipality_year_and_tertial():
    report = build(snapshot_example(), T2)
    assert report.title == "Uppföljning av medborgarlöfte — Nässjö 2026, tertial 2"


def test_a_whole_year_report_says_so_in_the_title():
    report = build(snapshot_example(), YEAR)
    assert report.title == "Uppföljning av medborgarlöfte — Nässjö 2026, helår"


def test_several_municipalities_are_joined_with_and():
    snapshot = snapshot_example()
    snapshot["promise"]["municipalities"].append(
        {**snapshot["promise"]["municipalities"][0], "id": 2, "name": "Aneby"}
    )
    assert "Nässjö och Aneby 2026" in build(snapshot, T1).title


def test_activities_are_grouped_by_focus_area_then_commitment():
    report = build(snapshot_example(activities=8), T1)
    assert [s.focus_area for s in report.sections] == [
        "Trafik",
        "Trygghet i centrum",
    ]
    first = report.sections[0]
    assert [g.commitment for g in first.groups] == [
        "Vi ska öka tryggheten i centrum.",
        "Vi ska minska trafikbrotten.",
    ]
    assert [r.id for r in first.groups[0].rows] == [1001, 1003]
    assert len(report.activity_rows) == 8


def test_activities_without_focus_area_come_last_under_other_activities():
    snapshot = snapshot_example(activities=4)
    snapshot["activities"][0]["focus_area_id"] = None
    report = build(snapshot, T1)
    assert report.sections[-1].focus_area == "Övriga aktiviteter"
    assert report.sections[-1].groups[0].rows[0].id == 1001


def test_columns_are_the_tertials_and_later_ones_are_left_empty():
    report = build(snapshot_example(), T2)
    assert [c.heading for c in report.columns] == [
        "Tertial 1",
        "Tertial 2",
        "Tertial 3",
    ]
    assert [c.included for c in report.columns] == [True, True, False]
    row = report.activity_rows[0]
    assert row.cells[0].text == "Uppföljning T1 av aktivitet 1."
    assert row.cells[1].quantity == 201
    assert row.cells[2] is None


def test_a_published_report_ignores_periods_that_were_not_published():
    snapshot = snapshot_example(published_tertials=3)
    for period in snapshot["periods"]:
        if period["id"] == T1:
            period["published"] = False
    report = build(snapshot, T2)
    assert report.columns[0].included is False
    assert report.activity_rows[0].cells[0] is None


def test_a_published_report_needs_its_period_published():
    snapshot = snapshot_example(published_tertials=1)
    with pytest.raises(layout.ReportUnavailable):
        build(snapshot, T2)
    with pytest.raises(layout.ReportUnavailable):
        build(snapshot, 999)


def test_a_draft_uses_every_followup_and_is_marked():
    snapshot = snapshot_example(published_tertials=1)
    for period in snapshot["periods"]:
        period["published"] = False
    snapshot["followups"].append(
        {
            "id": 1,
            "activity_id": 1001,
            "period_id": T2,
            "status": None,
            "text": "Utkast T2",
            "quantity": 3,
            "hours": None,
        }
    )
    report = build(snapshot, T2, is_draft=True)
    assert report.is_draft
    assert report.activity_rows[0].cells[1].text == "Utkast T2"
    assert report.filename_stem.endswith("-utkast")


def test_target_and_outcome_use_the_progress_rules():
    report = build(snapshot_example(), T2)
    rows = {row.id: row for row in report.activity_rows}
    per_period = rows[1001]  # scope per_period: only T2 counts
    assert per_period.target_text == "minst 11 kontroller1 per tertial"
    assert per_period.achieved == 201
    assert per_period.target_met is True
    assert per_period.outcome_text == "201 av minst 11: målet nått"
    per_year = rows[1003]  # scope per_year: T1 + T2
    assert per_year.target_text == "minst 13 kontroller3 per år"
    assert per_year.achieved == 103 + 203
    at_most = rows[1014]  # at most 24 over the whole promise: over it for good
    assert at_most.target_text == "högst 24 kontroller14 under hela löftesperioden"
    assert at_most.achieved == 114 + 214
    assert at_most.outcome_text == "328 av högst 24: målet inte nått"


def test_an_at_most_target_kept_before_its_last_period_is_within_so_far():
    snapshot = snapshot_example()
    activity = next(a for a in snapshot["activities"] if a["id"] == 1014)
    activity["target"]["value"] = 1000
    rows = {row.id: row for row in build(snapshot, T2).activity_rows}
    assert rows[1014].target_met is True
    assert rows[1014].outcome_text == "328 av högst 1000: inom målet hittills"
    year = {row.id: row for row in build(snapshot, YEAR).activity_rows}
    assert year[1014].outcome_text == "642 av högst 1000: målet nått"


def test_the_outcome_is_final_at_the_end_of_the_targets_scope():
    report = build(snapshot_example(), YEAR)
    rows = {row.id: row for row in report.activity_rows}
    assert rows[1014].achieved == 114 + 214 + 314
    assert rows[1014].outcome_text == "642 av högst 24: målet inte nått"
    assert rows[1001].year_summary.text == "Helårssammanfattning av aktivitet 1."


def test_an_activity_without_target_shows_the_reported_sum_or_a_dash():
    report = build(snapshot_example(), T1)
    without = next(row for row in report.activity_rows if row.target is None)
    assert without.target_text == ""
    assert without.outcome_text == "–"


def test_responsible_parties_are_written_out():
    report = build(snapshot_example(activities=5), T1)
    rows = {row.id: row for row in report.activity_rows}
    assert rows[1001].responsible == "Kommunen"
    assert rows[1002].responsible == "Polisen"
    assert rows[1003].responsible == "Polisen, kommunen"
    assert rows[1005].responsible == "Polisen, Nattvandrarna"


def test_indicators_show_values_up_to_the_reports_year():
    snapshot = snapshot_example()
    snapshot["indicators"][0]["values"].append(
        {"id": 99, "year": 2027, "value": "1", "note": ""}
    )
    report = build(snapshot, T1)
    first = report.indicators[0]
    assert [v.year for v in first.values] == [2025, 2026]
    assert first.values[1].value == Decimal("19.25")
    assert first.direction == "Lägre är bättre"
    assert report.indicator_years == (2025, 2026)


def test_signatories_and_signing_date_are_carried_over():
    report = build(snapshot_example(), T1)
    assert [s.name for s in report.signatories] == ["Per Holm", "Eva Berg"]
    assert report.signing_date == datetime.date(2025, 12, 10)


def test_data_rows_are_one_per_activity_and_period_with_numbers():
    report = build(snapshot_example(activities=4), T2, version=4)
    keys = [c.key for c in report.data_columns]
    assert len(report.data_rows) == 4 * 2
    first = dict(zip(keys, report.data_rows[0], strict=True))
    assert first["activity_id"] == 1001
    assert first["period"] == "Tertial 1"
    assert first["quantity"] == 101
    assert first["hours"] == Decimal("2.5")
    assert first["target_value"] == 11
    assert first["target_met"] is True
    assert first["period_start"] == datetime.date(2026, 1, 1)
    assert first["report"] == "Publicerad version 4"


def test_every_data_row_of_a_draft_says_it_is_a_draft():
    report = build(snapshot_example(activities=2), T1, is_draft=True)
    assert {row[0] for row in report.data_rows} == {"Utkast"}


def test_a_year_report_has_rows_for_each_tertial_and_the_year():
    report = build(snapshot_example(activities=2), YEAR)
    periods = [row[7] for row in report.data_rows]
    assert periods == ["Tertial 1", "Tertial 2", "Tertial 3", "Helår 2026"] * 2


def test_a_yearly_cadence_has_the_year_as_its_only_column():
    snapshot = snapshot_example(activities=2)
    snapshot["promise"]["cadence"] = "year"
    snapshot["periods"] = [p for p in snapshot["periods"] if p["kind"] == "year"]
    snapshot["followups"] = [f for f in snapshot["followups"] if f["period_id"] == YEAR]
    report = build(snapshot, YEAR)
    assert [c.heading for c in report.columns] == ["Helår 2026"]
    assert len(report.data_rows) == 2


def test_building_does_not_change_the_snapshot():
    snapshot = snapshot_example()
    before = copy.deepcopy(snapshot)
    build(snapshot, YEAR)
    assert snapshot == before


def test_report_size_counts_every_column_and_the_filled_ones_again():
    snapshot = snapshot_example(activities=20)
    # Three tertials and the year: 4 columns; a T1 report fills in 1 of them.
    assert layout.report_size(snapshot, T1) == 20 * (4 + 1) // 2
    assert layout.report_size(snapshot, T2) == 60
    assert layout.report_size(snapshot, T3) == 70
    assert layout.report_size(snapshot, YEAR) == 80  # all four, as before


def test_a_yearly_promise_counts_one_column():
    snapshot = snapshot_example(activities=20)
    snapshot["periods"] = [p for p in snapshot["periods"] if p["kind"] == "year"]
    assert layout.report_size(snapshot, YEAR) == 20
