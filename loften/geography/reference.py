"""The project's own copy of the reference geography, read from CSV files.

The files in `data/` are copies of the cross-checked lists described in
docs/reference-data.md. Data migrations and tests read them through here.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class CountyRow:
    code: str
    name: str
    region: str


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    county_code: str

    @property
    def slug(self) -> str:
        return municipality_slug(self.name)


def municipality_slug(name: str) -> str:
    """A URL slug for a Swedish place name ("Malung-Sälen" → "malung-sälen").

    Swedish letters are kept: "Håbo" and "Habo" are different municipalities.
    """
    return slugify(name, allow_unicode=True)


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def police_region_names() -> list[str]:
    return sorted({row["region"] for row in _rows("polisregioner.csv")})


def counties() -> list[CountyRow]:
    regions = {row["lanskod"]: row["region"] for row in _rows("polisregioner.csv")}
    return [
        CountyRow(code=row["kod"], name=row["namn"], region=regions[row["kod"]])
        for row in _rows("lan.csv")
    ]


def municipalities() -> list[MunicipalityRow]:
    return [
        MunicipalityRow(code=row["kod"], name=row["namn"], county_code=row["lanskod"])
        for row in _rows("kommuner.csv")
    ]


@dataclass(frozen=True)
class PoliceAreaRow:
    """A lokalpolisområde and the municipalities the sources say it covers."""

    name: str  # without "Lokalpolisområde "
    district: str  # the polisområde, without "Polisområde "
    region: str
    municipality_codes: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def full_name(self) -> str:
        return f"Lokalpolisområde {self.name}"

    @property
    def full_district(self) -> str:
        return f"Polisområde {self.district}"


def police_areas() -> list[PoliceAreaRow]:
    """The sourced police areas of `lokalpolisomraden.csv`, in the file's order of
    first appearance; a partial list (see docs/reference-data.md)."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in _rows("lokalpolisomraden.csv"):
        grouped.setdefault(row["lpo"], []).append(row)
    return [
        PoliceAreaRow(
            name=name,
            district=rows[0]["polisomrade"],
            region=rows[0]["region"],
            municipality_codes=tuple(row["kommunkod"] for row in rows),
            sources=tuple(dict.fromkeys(row["source"] for row in rows)),
        )
        for name, rows in grouped.items()
    ]
