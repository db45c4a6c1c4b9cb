"""Published promises of any size for the public site's tests, written through the
same services editors use and published straight to the version and the read
model (or through the approval workflow, `through_workflow=True`)."""

import datetime
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal

from loften.followups.models import FollowUpStatus, ReportingPeriod
from loften.followups.services import followup_save, reporting_periods_ensure
from loften.geography.models import Municipality
from loften.promises.models import Activity, FocusArea, Promise
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.publication.models import PromiseVersion

from . import factories
from .workflow import (
    Parties,
    promise_with_parties,
    publish_period,
    publish_period_directly,
    publish_plan,
    publish_plan_directly,
)

FOCUS_AREA_SLUGS = ["trafik", "narkotika", "skadegorelse", "ungdomar-i-riskzon"]


@dataclass
class PublishedPromise:
    """A promise published with its plan and `periods` follow-ups."""

    parties: Parties
    activities: list[Activity]
    periods: list[ReportingPeriod]
    version: PromiseVersion

    @property
    def promise(self) -> Promise:
        return self.parties.promise


def published_promise(
    *,
    activities: int = 3,
    periods: int = 1,
    municipality: Municipality | None = None,
    year: int = 2026,
    title: str | None = None,
    indicators: int = 1,
    quantity: int = 3,
    comparator: str = "at_least",
    through_workflow: bool = False,
) -> PublishedPromise:
    """A tertial promise for `year` with `activities` activities (every other one
    with a target of `comparator` 4 per year, at least by default), published with
    the follow-ups of its first `periods` reporting periods (T1, T2, T3, the whole
    year). Published directly unless `through_workflow`; both give the same
    versions and public rows."""
    plan_step, period_step = (
        (publish_plan, publish_period)
        if through_workflow
        else (publish_plan_directly, publish_period_directly)
    )
    place = municipality or factories.municipality()
    extra = {"title": title} if title else {}
    parties = promise_with_parties(
        municipalities=[place],
        start_date=datetime.date(year, 1, 1),
        end_date=datetime.date(year, 12, 31),
        **extra,
    )
    promise = parties.promise
    editor = parties.municipality_editor
    areas = {a.slug: a for a in FocusArea.objects.filter(slug__in=FOCUS_AREA_SLUGS)}
    commitment = part_services.commitment_create(
        promise=promise, actor=editor, text="Vi ska öka tryggheten i centrum."
    )
    planned = []
    for number in range(activities):
        with_target = number % 2 == 0
        planned.append(
            activity_services.activity_create(
                promise=promise,
                actor=editor,
                text=f"Genomföra trygghetsvandringar i område {number + 1}",
                focus_area=areas[FOCUS_AREA_SLUGS[number % len(FOCUS_AREA_SLUGS)]],
                commitment=commitment,
                responsible_police=number % 3 != 1,
                responsible_municipality=number % 3 != 2,
                target_comparator=comparator if with_target else "",
                target_value=4 if with_target else None,
                target_unit="trygghetsvandringar" if with_target else "",
                place="Centrum" if number % 4 == 0 else "",
            )
        )
    for number in range(indicators):
        indicator = indicator_services.indicator_create(
            promise=promise,
            actor=editor,
            name=f"Andel som känner sig otrygga {number + 1}",
            source="Polisens trygghetsmätning",
            unit="%",
            direction="decrease",
        )
        for offset, value in enumerate(("31.5", "28", "26.2")):
            indicator_services.indicator_value_set(
                indicator=indicator,
                actor=editor,
                year=year - 3 + offset,
                value=Decimal(value),
            )
    part_services.signatory_create(
        promise=promise,
        actor=editor,
        name="Per Holm",
        title="Kommunstyrelsens ordförande",
        organisation=parties.municipality.name,
    )
    version = plan_step(parties)
    all_periods = reporting_periods_ensure(promise=promise)[:periods]
    done = FollowUpStatus.objects.filter(category="done").first()
    for period in all_periods:
        for activity in planned:
            followup_save(
                activity=activity,
                period=period,
                actor=editor,
                expected_version=None,
                status=done,
                text=f"Vi genomförde {quantity} trygghetsvandringar under perioden.",
                quantity=quantity if activity.has_target else None,
            )
        version = period_step(parties, period)
    return PublishedPromise(
        parties=parties, activities=planned, periods=all_periods, version=version
    )


SITEMAP_NAMESPACE = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_documents(client) -> list[bytes]:
    """/sitemap.xml's index and every page of every section it names."""
    index = client.get("/sitemap.xml")
    if index.status_code != 200:
        raise AssertionError(f"/sitemap.xml answered {index.status_code}")
    root = ET.fromstring(index.content)  # noqa: S314 - our own output
    documents = []
    for loc in root.findall("s:sitemap/s:loc", SITEMAP_NAMESPACE):
        response = client.get(re.sub(r"^https?://[^/]+", "", loc.text))
        if response.status_code != 200:
            raise AssertionError(f"{loc.text} answered {response.status_code}")
        documents.append(response.content)
    return documents


def sitemap_locations(client) -> list[str]:
    """Every address the sitemap lists, without the scheme and host."""
    return [
        re.sub(r"^https?://[^/]+", "", loc.text)
        for document in sitemap_documents(client)
        for loc in ET.fromstring(document).findall("s:url/s:loc", SITEMAP_NAMESPACE)  # noqa: S314
    ]
