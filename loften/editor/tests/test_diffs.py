"""Readable differences between versions. Pure."""

from django.utils import translation

from loften.editor import diffs
from loften.publication.snapshot import Change


def _readable(change, lookup=None):
    with translation.override("en"):
        return diffs.readable(change, lookup or {})


def test_a_target_reads_as_people_write_it():
    with translation.override("sv"):
        assert (
            diffs.target_text("at_least", 4, "trygghetsvandringar", "per_year")
            == "minst 4 trygghetsvandringar per år"
        )
    assert diffs.target_text("at_least", None) == ""


def test_a_changed_target_shows_both_values():
    change = Change(
        "activity",
        "changed",
        "Trygghetsvandringar",
        "target",
        {"comparator": "at_least", "value": 2, "unit": "st", "scope": "per_year"},
        {"comparator": "at_least", "value": 4, "unit": "st", "scope": "per_year"},
    )
    readable = _readable(change)
    assert (readable.old, readable.new) == (
        "at least 2 st per year",
        "at least 4 st per year",
    )
    with translation.override("en"):
        assert readable.sentence == "Changed activity: Target"
    assert readable.segments == ()


def test_a_long_text_is_compared_word_by_word():
    old = "Vi ska genomföra trygghetsvandringar i centrum tillsammans med boende. " * 2
    new = old.replace("i centrum", "vid resecentrum", 1)
    readable = _readable(
        Change("promise", "changed", "T", "situation_summary", old, new)
    )
    changed = [s for s in readable.segments if s.op != "equal"]
    assert changed == [
        diffs.Segment("delete", "i"),
        diffs.Segment("insert", "vid"),
        diffs.Segment("delete", "centrum"),
        diffs.Segment("insert", "resecentrum"),
    ]


def test_word_diff_keeps_the_whole_of_both_texts():
    old, new = "ett två tre", "ett fyra tre fem"
    segments = diffs.word_diff(old, new)
    assert "".join(s.text for s in segments if s.op != "insert") == old
    assert "".join(s.text for s in segments if s.op != "delete") == new


def test_ids_are_shown_by_name():
    lookup = diffs.snapshot_lookup(
        {"focus_areas": [{"id": 3, "name": "Trafik"}], "commitments": []},
        {"focus_areas": [{"id": 4, "name": "Narkotika"}], "commitments": []},
    )
    readable = _readable(
        Change("activity", "changed", "A", "focus_area_id", 3, 4), lookup
    )
    assert (readable.old, readable.new) == ("Trafik", "Narkotika")


def test_values_of_every_kind_read_naturally():
    with translation.override("en"):
        assert diffs.display_value("responsible_police", True, {}) == "Yes"
        assert diffs.display_value("place", "", {}) == "–"
        assert diffs.display_value("status", "in_review", {}) == "In review"
        assert diffs.display_value("status", {"name": "Genomfört"}, {}) == "Genomfört"
        assert diffs.display_value("start_date", "2026-01-01", {}) == "1 January 2026"
        assert (
            diffs.display_value(
                "municipalities", [{"name": "Aneby"}, {"name": "Nässjö"}], {}
            )
            == "Aneby, Nässjö"
        )
        assert (
            diffs.display_value(
                "signatories",
                [{"name": "Per Holm", "title": "Ordförande", "organisation": "K"}],
                {},
            )
            == "Per Holm, Ordförande, K"
        )


def test_a_published_period_reads_as_published():
    with translation.override("en"):
        readable = diffs.readable(Change("period", "added", "Tertial 1 2026"), {})
        assert readable.sentence == "Published the follow-up for the period"
    assert readable.item == "Tertial 1 2026"


def test_an_added_followup_shows_what_it_says():
    followup = {
        "status": {"name": "Genomfört"},
        "quantity": 3,
        "hours": "4.5",
        "text": "Tre vandringar.",
    }
    with translation.override("sv"):
        readable = diffs.readable(
            Change("followup", "added", "T1: Vandringar", new=followup), {}
        )
    assert readable.new == "Genomfört · Antal: 3 · Timmar: 4,5 · Tre vandringar."
    assert readable.field == ""
