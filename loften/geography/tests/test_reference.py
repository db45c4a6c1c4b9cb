"""The reference geography loaded by the data migrations."""

import csv
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count

from loften.geography import reference
from loften.geography.models import County, Municipality, PoliceArea, PoliceRegion

pytestmark = pytest.mark.django_db


def test_all_290_municipalities_are_loaded_with_unique_four_digit_codes():
    codes = list(Municipality.objects.values_list("code", flat=True))
    assert len(codes) == 290
    assert len(set(codes)) == 290
    assert all(re.fullmatch(r"[0-9]{4}", code) for code in codes)


def test_every_municipality_code_starts_with_an_existing_county_code():
    county_codes = set(County.objects.values_list("code", flat=True))
    for municipality in Municipality.objects.select_related("county"):
        assert municipality.code[:2] == municipality.county.code
        assert municipality.code[:2] in county_codes


def _csv_rows(name: str) -> list[dict[str, str]]:
    # Read the fixture directly, not through `reference`, which the data
    # migrations also use.
    with (reference.DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_7_police_regions_are_loaded():
    assert sorted(PoliceRegion.objects.values_list("name", flat=True)) == [
        "Bergslagen",
        "Mitt",
        "Nord",
        "Stockholm",
        "Syd",
        "Väst",
        "Öst",
    ]


def test_each_county_is_in_the_police_region_the_csv_fixture_names():
    fixture = {row["lanskod"]: row["region"] for row in _csv_rows("polisregioner.csv")}
    loaded = dict(County.objects.values_list("code", "police_region__name"))
    assert len(fixture) == 21
    assert loaded == fixture


def test_the_fixture_names_each_of_the_21_counties_once():
    mapped = [row["lanskod"] for row in _csv_rows("polisregioner.csv")]
    counties = [row["kod"] for row in _csv_rows("lan.csv")]
    assert len(mapped) == len(set(mapped)) == 21
    assert sorted(mapped) == sorted(counties)


def test_every_police_region_has_at_least_one_county():
    counts = dict(
        PoliceRegion.objects.annotate(n=Count("counties")).values_list("name", "n")
    )
    assert len(counts) == 7
    assert all(n >= 1 for n in counts.values()), counts
    assert sum(counts.values()) == 21


def test_northern_counties_belong_to_region_nord():
    nord = set(
        County.objects.filter(police_region__name="Nord").values_list("code", flat=True)
    )
    assert nord == {"22", "23", "24", "25"}


def test_municipalities_that_differ_only_by_swedish_letters_get_distinct_slugs():
    assert Municipality.objects.get(name="Håbo").slug == "håbo"
    assert Municipality.objects.get(name="Habo").slug == "habo"
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs)


def test_the_project_copy_of_the_reference_lists_agrees_with_the_database():
    rows = {row.code: row for row in reference.municipalities()}
    assert len(rows) == 290
    for municipality in Municipality.objects.all():
        assert rows[municipality.code].name == municipality.name


def test_municipality_code_must_be_four_digits_in_the_database():
    county = County.objects.get(code="06")
    with pytest.raises(IntegrityError):
        Municipality.objects.create(code="68a", name="Fel", slug="fel", county=county)


def test_municipality_code_must_start_with_its_county_code_when_validated():
    municipality = Municipality(
        code="0199",
        name="Felplacerad",
        slug="felplacerad",
        county=County.objects.get(code="06"),
    )
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "code" in error.value.message_dict


def test_county_code_must_be_two_digits():
    with pytest.raises(IntegrityError):
        County.objects.create(
            code="7", name="Felaktigt län", police_region=PoliceRegion.objects.first()
        )


def test_the_police_areas_of_the_reference_list_are_loaded_with_their_places():
    rows = _csv_rows("lokalpolisomraden.csv")
    listed: dict[str, set[str]] = {}
    for row in rows:
        listed.setdefault(f"Lokalpolisområde {row['lpo']}", set()).add(row["kommunkod"])
    assert len(rows) == 126
    assert len(listed) == 53
    assert len({row["kommunkod"] for row in rows}) == 122
    loaded = {
        area.name: {m.code for m in area.municipalities.all()}
        for area in PoliceArea.objects.prefetch_related("municipalities")
    }
    assert loaded == listed
    covered = Municipality.objects.filter(police_areas__isnull=False).distinct()
    assert covered.count() == 122


def test_each_police_area_is_in_the_region_and_district_the_list_names():
    rows = {row["lpo"]: row for row in _csv_rows("lokalpolisomraden.csv")}
    for area in PoliceArea.objects.select_related("police_region"):
        row = rows[area.name.removeprefix("Lokalpolisområde ")]
        assert area.police_region.name == row["region"]
        assert area.district == f"Polisområde {row['polisomrade']}"
    # Every area lies in the region of the counties of its municipalities.
    for area in PoliceArea.objects.prefetch_related("municipalities__county"):
        regions = {m.county.police_region_id for m in area.municipalities.all()}
        assert regions == {area.police_region_id}, area.name


def test_every_row_of_the_police_area_list_names_its_source():
    rows = _csv_rows("lokalpolisomraden.csv")
    assert all(row["source"].strip() for row in rows)
    assert all(
        len({r["polisomrade"] for r in rows if r["lpo"] == row["lpo"]}) == 1
        for row in rows
    )
