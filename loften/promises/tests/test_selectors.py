"""Reads of promises: grouping, renewal defaults, fingerprints, lists per user."""

import datetime

import pytest

from loften.organisations.models import Membership
from loften.promises import selectors
from loften.promises.models import FocusArea
from loften.promises.services import activities as activity_services
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_renewal_defaults_move_the_period_and_the_years_in_the_title(db):
    promise = factories.PromiseFactory(
        title="Medborgarlöfte Nässjö 2025 (med uppföljning 2025)",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    defaults = selectors.promise_renewal_defaults(promise=promise)
    assert defaults == {
        "title": "Medborgarlöfte Nässjö 2026 (med uppföljning 2026)",
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2026, 12, 31),
    }


def test_renewal_of_a_two_year_promise_follows_on_for_two_years(db):
    promise = factories.PromiseFactory(
        title="Löfte 2024–2025, kommunkod 0682",
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2025, 2, 28),
    )
    defaults = selectors.promise_renewal_defaults(promise=promise)
    assert defaults["title"] == "Löfte 2026–2027, kommunkod 0682"
    assert defaults["start_date"] == datetime.date(2026, 3, 1)
    assert defaults["end_date"] == datetime.date(2027, 2, 28)


def test_activity_groups_follow_the_first_activity_of_each_focus_area(parties):
    promise = parties.promise
    areas = {a.slug: a for a in FocusArea.objects.all()}
    for text, slug in [("T1", "trafik"), ("N1", "narkotika"), ("T2", "trafik")]:
        activity_services.activity_create(
            promise=promise,
            actor=None,
            text=text,
            focus_area=areas[slug],
            responsible_police=True,
        )
    activity_services.activity_create(
        promise=promise, actor=None, text="Utan", responsible_police=True
    )
    groups = selectors.activity_groups(activities=promise.activities.all())
    assert [
        (area.slug if area else None, [a.text for a in items]) for area, items in groups
    ] == [
        ("trafik", ["T1", "T2"]),
        ("narkotika", ["N1"]),
        (None, ["Utan"]),
    ]


def test_the_fingerprint_changes_only_with_its_fields(parties):
    promise = parties.promise
    before = selectors.promise_fingerprint(promise=promise, fields=["title"])
    promise.situation_summary = "Annan text"
    assert selectors.promise_fingerprint(promise=promise, fields=["title"]) == before
    promise.title = "Ny titel"
    assert selectors.promise_fingerprint(promise=promise, fields=["title"]) != before


def test_the_fingerprint_ignores_how_line_breaks_were_sent(parties):
    promise = parties.promise
    promise.situation_summary = "Rad ett\r\nRad två"
    windows = selectors.promise_fingerprint(
        promise=promise, fields=["situation_summary"]
    )
    promise.situation_summary = "Rad ett\nRad två"
    assert (
        selectors.promise_fingerprint(promise=promise, fields=["situation_summary"])
        == windows
    )


def test_promise_list_for_user_by_minimum_role(parties):
    viewer = factories.member(parties.police, Membership.Role.VIEWER)
    assert list(selectors.promise_list_for_user(user=viewer)) == [parties.promise]
    assert not selectors.promise_list_for_user(
        user=viewer, min_role=Membership.Role.EDITOR
    ).exists()
    assert list(
        selectors.promise_list_for_user(
            user=parties.police_editor, min_role=Membership.Role.EDITOR
        )
    ) == [parties.promise]
