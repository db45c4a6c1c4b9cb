"""The report's further parts from plain snapshots: the summary by the shared
verdict, the trend of an effect measure, the changes since the last report, the
year's sections and the file names."""

import copy
import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import translation

from loften.followups.progress import Verdict
from loften.reports import contents, layout
from loften.reports.contents import ReportSources
from loften.testing.reports import snapshot_example

NOW = datetime.datetime(2027, 1, 20, 9, 30, tzinfo=datetime.UTC)
T1, T2, YEAR = 101, 102, 104


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


def build(snapshot, period_id, **kwargs):
    return layout.report_build(
        snapshot, period_id, is_draft=False, generated_at=NOW, **kwargs
    )


def test_the_summary_counts_each_verdict_once():
    report = build(snapshot_example(), T2)
    rows = report.activity_rows
    verdicts = Counter(row.verdict for row in rows if row.target is not None)
    summary = report.summary
    assert summary.met == verdicts[Verdict.MET]
    assert summary.within == (
        verdicts[Verdict.WITHIN_SO_FAR] + verdicts[Verdict.REACHED_SO_FAR]
    )
    assert summary.not_yet == verdicts[Verdict.NOT_YET]
    assert summary.not_met == verdicts[Verdict.NOT_MET] + verdicts[Verdict.EXCEEDED]
    assert summary.with_target == sum(1 for row in rows if row.target is not None)
    assert sum(count for _name, count in summary.statuses) == len(rows)


def test_the_summary_sentence_reads_as_a_board_expects():
    counts = Counter(met=7, within=2, not_yet=1)
    with translation.override("sv"):
        assert contents.counts_sentence(counts, whole_year=False) == (
            "7 av 10 mål nådda hittills i år, 2 inom målet hittills, 1 inte nådda ännu"
        )
        assert contents.counts_sentence(Counter(met=3, not_met=1), whole_year=True) == (
            "3 av 4 mål nådda under året, 1 inte nådda"
        )
        assert contents.counts_sentence(Counter(), whole_year=True) == (
            "Ingen aktivitet har ett mål i siffror."
        )


def _indicator(values, direction="decrease"):
    row = layout.IndicatorRow(
        name="Otrygghet",
        description="",
        source="",
        unit="%",
        direction=direction,
        values=tuple(
            layout.IndicatorValue(year, Decimal(value), "") for year, value in values
        ),
    )
    return contents.indicator_trend(row, direction)


def test_an_effect_measures_trend_follows_its_desired_direction():
    assert _indicator([(2024, "29"), (2025, "27")]) == "Bättre 2024–2025"
    assert _indicator([(2024, "27"), (2025, "29")]) == "Sämre 2024–2025"
    assert _indicator([(2024, "27"), (2025, "29")], "increase") == "Bättre 2024–2025"
    assert _indicator([(2024, "27"), (2025, "27")]) == "Oförändrat 2024–2025"
    assert _indicator([(2025, "27")]) == "För få värden för en trend"


def test_a_target_changed_since_the_last_report_is_listed_first_with_the_reason():
    before = snapshot_example(activities=3)
    after = copy.deepcopy(before)
    after["activities"][1]["target"]["value"] = 99
    after["activities"][0]["text"] = "Ny text för aktiviteten"
    sources = ReportSources(
        baseline=before,
        baseline_label="tertial 1 (version 2, 2026-05-03)",
        notes=(
            contents.VersionNote(3, NOW, "Målet höjdes efter beslut i styrgruppen."),
        ),
    )
    changes = build(after, T2, sources=sources).changes
    assert not changes.first
    assert changes.since == "tertial 1 (version 2, 2026-05-03)"
    assert changes.lines[0].is_target and "99" in changes.lines[0].new
    assert any(line.new == "Ny text för aktiviteten" for line in changes.lines)
    assert changes.notes[0].note == "Målet höjdes efter beslut i styrgruppen."


def test_each_changed_activity_carries_the_public_reason_given_for_it():
    before = snapshot_example(activities=3)
    before["activity_changes"] = [
        {
            "activity_id": 0,
            "activity": "Tidigare",
            "subject": "target",
            "old": None,
            "new": None,
            "reason": "En äldre ändring.",
            "version": 2,
            "date": "2026-03-01",
        },
    ]
    after = copy.deepcopy(before)
    target = after["activities"][1]
    target["target"]["value"] = 99
    old_text = after["activities"][0]["text"]
    after["activities"][0]["text"] = "Ny text för aktiviteten"
    after["activity_changes"] += [
        {
            "activity_id": target["id"],
            "activity": target["text"],
            "subject": "target",
            "old": None,
            "new": None,
            "reason": "Fler kontroller behövs.",
            "version": 3,
            "date": "2026-10-12",
        },
        {
            "activity_id": after["activities"][0]["id"],
            "activity": "Ny text för aktiviteten",
            "subject": "text",
            "old": old_text,
            "new": "Ny text för aktiviteten",
            "reason": "Tydligare.",
            "version": 3,
            "date": "2026-10-12",
        },
    ]
    sources = ReportSources(baseline=before, baseline_label="tertial 1")
    lines = build(after, T2, sources=sources).changes.lines
    target_line = next(line for line in lines if line.is_target)
    assert target_line.reason == "Fler kontroller behövs."
    assert {line.reason for line in lines} <= {
        "Fler kontroller behövs.",
        "Tydligare.",
        "",
    }
    assert "En äldre ändring." not in {line.reason for line in lines}


def test_without_an_earlier_report_the_changes_say_it_is_the_first():
    changes = build(snapshot_example(activities=2), T1).changes
    assert changes.first and not changes.lines
    assert changes.since.startswith("Det här är den första rapporten")


def test_a_whole_year_report_has_the_years_own_sections_and_the_renewal():
    renewal = snapshot_example(activities=2, year=2027)
    renewal["promise"]["title"] = "Medborgarlöfte Nässjö 2027"
    renewal["promise"]["start_date"] = "2027-01-01"
    renewal["promise"]["end_date"] = "2027-12-31"
    report = build(snapshot_example(), YEAR, sources=ReportSources(renewal=renewal))
    sections = report.year_sections
    assert {d.activity for d in sections.police} == {
        r.text for r in report.activity_rows if r.responsible_police
    }
    joint = next(d for d in sections.police if "kommunen" in d.together_with)
    assert joint.facts  # what was done in the year
    assert sections.next_year.title == "Medborgarlöfte Nässjö 2027"
    assert sections.next_year.period == "2027"
    assert len(sections.next_year.activities) == 2
    assert build(snapshot_example(), T2).year_sections is None
    assert build(snapshot_example(), YEAR).year_sections.next_year is None


@pytest.mark.parametrize(
    ("places", "code", "expected"),
    [
        (["Nässjö"], "T2", "medborgarlofte-nassjo-2026-tertial-2"),
        (["Nässjö"], "year", "medborgarlofte-nassjo-2026-helar"),
        (["Upplands Väsby"], "Q3", "medborgarlofte-upplands-vasby-2026-kvartal-3"),
        (["Nässjö", "Aneby"], "T1", "medborgarlofte-nassjo-aneby-2026-tertial-1"),
        (["Malung-Sälen"], "T1", "medborgarlofte-malung-salen-2026-tertial-1"),
    ],
)
def test_file_names_are_ascii_with_municipality_year_and_period(places, code, expected):
    assert layout.filename_stem(places, 2026, code) == expected
    assert layout.filename_stem(places, 2026, code).isascii()


def test_a_drafts_file_name_ends_in_utkast():
    report = build(snapshot_example(activities=1), T2)
    draft = layout.report_build(
        snapshot_example(activities=1), T2, is_draft=True, generated_at=NOW
    )
    assert report.filename_stem == "medborgarlofte-nassjo-2026-tertial-2"
    assert draft.filename_stem == "medborgarlofte-nassjo-2026-tertial-2-utkast"
