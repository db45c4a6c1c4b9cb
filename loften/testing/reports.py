"""Plain promise snapshots for report tests and the report benchmark.

The shape is that of `loften.publication.selectors.promise_snapshot_build`.
"""

from typing import Any

FOCUS_AREAS = [
    {"id": 1, "name": "Trafik", "slug": "trafik"},
    {"id": 2, "name": "Trygghet i centrum", "slug": "trygghet-i-centrum"},
]
STATUSES = [
    {"name": "Genomfört", "category": "done"},
    {"name": "Pågår", "category": "ongoing"},
    {"name": "Delvis genomfört", "category": "partly_done"},
]


def _period(pid: int, kind: str, number: int, year: int, published: bool) -> dict:
    months = {"tertial": 4, "quarter": 3, "year": 12}[kind]
    first = 1 if kind == "year" else (number - 1) * months + 1
    last = 12 if kind == "year" else number * months
    last_day = 31 if last in {1, 3, 5, 7, 8, 10, 12} else 30
    code = "year" if kind == "year" else f"{kind[0].upper()}{number}"
    return {
        "id": pid,
        "kind": kind,
        "year": year,
        "number": number,
        "code": code,
        "label": code,
        "short_label": code,
        "start_date": f"{year}-{first:02d}-01",
        "end_date": f"{year}-{last:02d}-{last_day}",
        "published": published,
    }


def snapshot_example(
    *,
    activities: int = 20,
    year: int = 2026,
    published_tertials: int = 3,
    publish_year: bool = True,
) -> dict[str, Any]:
    """A promise with `activities` activities over two focus areas and two
    commitments, follow-ups with quantities for the published tertials and the
    year, two indicators and two signatories."""
    periods = [
        _period(100 + n, "tertial", n, year, n <= published_tertials) for n in (1, 2, 3)
    ]
    periods.append(_period(104, "year", 0, year, publish_year))
    activity_rows = []
    followups = []
    for index in range(1, activities + 1):
        has_target = index % 4 != 0
        activity_rows.append(
            {
                "id": 1000 + index,
                "text": f"Aktivitet nummer {index}: genomföra trygghetsvandringar "
                f"och riktade kontroller i område {index}",
                "order": index * 10,
                "commitment_id": 11 if index % 2 else 12,
                "focus_area_id": 1 if index <= activities // 2 else 2,
                "responsible_police": index % 3 != 1,
                "responsible_municipality": index % 3 != 2,
                "partners": ["Nattvandrarna"] if index % 5 == 0 else [],
                "target": {
                    "comparator": "at_least" if index % 7 else "at_most",
                    "value": 10 + index,
                    "unit": f"kontroller{index}",
                    "scope": ("per_year", "per_period", "whole_promise")[index % 3],
                }
                if has_target
                else None,
                "place": "Resecentrum" if index % 2 else "",
            }
        )
        for number, period in enumerate(periods[:3], start=1):
            if number > published_tertials:
                continue
            followups.append(
                {
                    "id": 10_000 + index * 10 + number,
                    "activity_id": 1000 + index,
                    "period_id": period["id"],
                    "status": STATUSES[(index + number) % len(STATUSES)],
                    "text": f"Uppföljning T{number} av aktivitet {index}.",
                    "quantity": 100 * number + index if has_target else None,
                    "hours": f"{index + number}.5",
                }
            )
        if publish_year:
            followups.append(
                {
                    "id": 10_000 + index * 10 + 9,
                    "activity_id": 1000 + index,
                    "period_id": 104,
                    "status": STATUSES[0],
                    "text": f"Helårssammanfattning av aktivitet {index}.",
                    "quantity": None,
                    "hours": None,
                }
            )
    return {
        "format": 1,
        "promise": {
            "id": 7,
            "title": f"Medborgarlöfte Nässjö {year}",
            "slug": f"medborgarlofte-nassjo-{year}",
            "status": "published",
            "start_date": f"{year}-01-01",
            "end_date": f"{year}-12-31",
            "cadence": "tertial",
            "municipalities": [
                {
                    "id": 1,
                    "code": "0682",
                    "name": "Nässjö",
                    "slug": "nassjo",
                    "county_code": "06",
                    "county": "Jönköpings län",
                    "police_region": "Öst",
                }
            ],
            "police_area": {
                "id": 3,
                "name": "Lokalpolisområde Höglandet",
                "police_region": "Öst",
            },
            "situation_summary": "Otrygghet i centrum kvällstid.",
            "situation_sources": [],
            "followup_plan": "Uppföljning varje tertial.",
            "signing_date": f"{year - 1}-12-10",
            "signatories": [
                {
                    "name": "Per Holm",
                    "title": "Kommunstyrelsens ordförande",
                    "organisation": "Nässjö kommun",
                },
                {
                    "name": "Eva Berg",
                    "title": "Lokalpolisområdeschef",
                    "organisation": "Lokalpolisområde Höglandet",
                },
            ],
            "previous_id": None,
        },
        "commitments": [
            {"id": 11, "text": "Vi ska öka tryggheten i centrum.", "order": 10},
            {"id": 12, "text": "Vi ska minska trafikbrotten.", "order": 20},
        ],
        "focus_areas": FOCUS_AREAS,
        "activities": activity_rows,
        "indicators": [
            {
                "id": 51,
                "name": "Andel som känner sig otrygga i centrum",
                "description": "",
                "source": "Polisens trygghetsmätning",
                "unit": "%",
                "direction": "decrease",
                "focus_area_id": 2,
                "order": 10,
                "values": [
                    {"id": 61, "year": year - 1, "value": "23.5", "note": ""},
                    {"id": 62, "year": year, "value": "19.25", "note": "Ny mätning"},
                ],
            },
            {
                "id": 52,
                "name": "Anmälda trafikbrott",
                "description": "Brå:s statistik",
                "source": "Brå",
                "unit": "antal",
                "direction": "decrease",
                "focus_area_id": 1,
                "order": 20,
                "values": [{"id": 63, "year": year - 1, "value": "412", "note": ""}],
            },
        ],
        "periods": periods,
        "followups": followups,
    }


# --- Published promises in the database ------------------------------------------


def promise_with_followups(
    parties, *, activities: int = 3, tertials: int = 1, through_workflow: bool = False
):
    """Give `parties.promise` activities with targets, an indicator with a value
    for 2025, a signatory and a source, publish the plan, write
    follow-ups for the first `tertials` tertials and publish each of them:
    straight to the version and the read model, or through the approval
    workflow when `through_workflow` (both give the same versions).

    Returns the published tertial periods.
    """
    from loften.followups.models import ReportingPeriod
    from loften.followups.services import followup_save, reporting_periods_ensure
    from loften.promises.models import FocusArea
    from loften.promises.services import activities as activity_services
    from loften.promises.services import indicators as indicator_services
    from loften.promises.services import parts as part_services

    from . import factories
    from .workflow import (
        publish_period,
        publish_period_directly,
        publish_plan,
        publish_plan_directly,
    )

    plan_step, period_step = (
        (publish_plan, publish_period)
        if through_workflow
        else (publish_plan_directly, publish_period_directly)
    )

    promise = parties.promise
    editor = parties.municipality_editor
    commitment = part_services.commitment_create(
        promise=promise, actor=editor, text="Vi ska göra centrum tryggare."
    )
    created = [
        activity_services.activity_create(
            promise=promise,
            actor=editor,
            text=f"Publicerad aktivitet {index}",
            focus_area=FocusArea.objects.get(slug="trafik"),
            commitment=commitment,
            responsible_police=True,
            target_comparator="at_least",
            target_value=4 + index,
            target_unit="kontroller",
            target_scope="per_period",
        )
        for index in range(1, activities + 1)
    ]
    indicator = indicator_services.indicator_create(
        promise=promise,
        actor=editor,
        name="Andel som känner sig otrygga i centrum",
        source="Polisens trygghetsmätning",
        unit="%",
        direction="decrease",
    )
    indicator_services.indicator_value_set(
        indicator=indicator, actor=editor, year=2025, value="23.5"
    )
    part_services.signatory_create(
        promise=promise,
        actor=editor,
        name="Per Holm",
        title="Kommunstyrelsens ordförande",
        organisation="Nässjö kommun",
    )
    part_services.situation_source_create(
        promise=promise,
        actor=editor,
        kind="survey",
        title="Polisens trygghetsmätning",
        year=2025,
        note="Fler känner sig otrygga i centrum.",
    )
    plan_step(parties)
    periods = [
        p
        for p in reporting_periods_ensure(promise=promise)
        if p.kind == ReportingPeriod.Kind.TERTIAL
    ][:tertials]
    for number, period in enumerate(periods, start=1):
        for index, activity in enumerate(created, start=1):
            followup_save(
                activity=activity,
                period=period,
                actor=editor,
                expected_version=None,
                status=factories.status(),
                text=f"Publicerad uppföljning {index} T{number}",
                quantity=10 * number + index,
            )
        period_step(parties, period)
    return periods
