"""Load the example data through the same services that editors use.

Idempotent: places, organisations, users and their memberships are looked up
before they are made (so one deleted since is made again), and a promise that
already exists (by its slug) is left alone.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from loften.core.models import User
from loften.followups.models import FollowUpStatus, ReportingPeriod
from loften.followups.services import (
    activity_event_log,
    followup_save,
    reporting_periods_ensure,
)
from loften.geography.models import Municipality, PoliceArea, PoliceRegion
from loften.organisations.models import Membership, Organisation
from loften.organisations.services import membership_set, organisation_create
from loften.promises.models import FocusArea, Promise
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.promises.services import promise as promise_services
from loften.publication import services as publication_services

from . import content


@dataclass
class LoadResult:
    created_promises: list[str]
    created_users: list[str]
    restored_memberships: list[str] = field(default_factory=list)

    @property
    def created_anything(self) -> bool:
        return bool(
            self.created_promises or self.created_users or self.restored_memberships
        )


@transaction.atomic
def example_data_load(*, today: datetime.date | None = None) -> LoadResult:
    """Create the example places, organisations, users and promises if missing."""
    today = today or timezone.localdate()
    _police_areas()
    organisations = _organisations()
    created_users, restored_memberships = _users(organisations)
    users = {
        user.username: user
        for user in User.objects.filter(username__in=[row[0] for row in content.USERS])
    }
    created: list[str] = []
    year = today.year

    previous = _promise(
        slug=f"exempel-nassjo-{year - 1}",
        title=f"Medborgarlöfte Nässjö {year - 1} ({content.EXAMPLE_LABEL})",
        municipality="0682",
        year=year - 1,
        commitments=content.NASSJO_COMMITMENTS,
        activities=content.NASSJO_ACTIVITIES[:6],
        editor=users["kommun.redaktor"],
        approvers=[users["kommun.godkannare"], users["polis.godkannare"]],
        today=today,
        created=created,
        conclude=True,
    )
    _promise(
        slug=f"exempel-nassjo-{year}",
        title=f"Medborgarlöfte Nässjö {year} ({content.EXAMPLE_LABEL})",
        municipality="0682",
        year=year,
        commitments=content.NASSJO_COMMITMENTS,
        activities=content.NASSJO_ACTIVITIES,
        editor=users["kommun.redaktor"],
        approvers=[users["kommun.godkannare"], users["polis.godkannare"]],
        today=today,
        created=created,
        previous=previous,
    )
    _promise(
        slug=f"exempel-aneby-{year}",
        title=f"Medborgarlöfte Aneby {year} ({content.EXAMPLE_LABEL})",
        municipality="0604",
        year=year,
        commitments=content.ANEBY_COMMITMENTS,
        activities=content.ANEBY_ACTIVITIES,
        editor=users["aneby.redaktor"],
        approvers=[users["aneby.godkannare"], users["polis.godkannare"]],
        today=today,
        created=created,
        indicators=content.INDICATORS[:1],
    )
    return LoadResult(
        created_promises=created,
        created_users=created_users,
        restored_memberships=restored_memberships,
    )


def _police_areas() -> None:
    for row in content.POLICE_AREAS:
        area, _created = PoliceArea.objects.get_or_create(
            name=row["name"],
            defaults={
                "slug": slugify(row["name"]),
                "police_region": PoliceRegion.objects.get(name=row["region"]),
                "district": row["district"],
            },
        )
        # Only places that no police area covers yet: an administrator's (or the
        # reference data's) choice is kept.
        area.municipalities.add(
            *Municipality.objects.filter(
                code__in=row["municipalities"], police_areas__isnull=True
            )
        )


def _organisations() -> dict[str, Organisation]:
    organisations = {}
    for row in content.ORGANISATIONS:
        existing = Organisation.objects.filter(
            kind=row["kind"], name=row["name"]
        ).first()
        organisations[row["name"]] = existing or organisation_create(
            actor=None,
            name=row["name"],
            kind=row["kind"],
            municipality=Municipality.objects.filter(
                code=row.get("municipality")
            ).first(),
            police_area=PoliceArea.objects.filter(name=row.get("police_area")).first(),
            website=row.get("website", ""),
            feedback_url=row.get("feedback_url", ""),
        )
    return organisations


def _users(organisations: dict[str, Organisation]) -> tuple[list[str], list[str]]:
    """Create the example users and memberships that are missing; return the
    users created and the memberships restored for users that already were."""
    created_names: list[str] = []
    restored_memberships: list[str] = []
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={
            "full_name": "Administratör (exempel)",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        admin.set_password(content.EXAMPLE_PASSWORD)
        admin.save(update_fields=["password"])
        created_names.append(admin.username)
    for username, full_name, title, organisation, role in content.USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "title": title,
                "email": f"{username}@example.invalid",
            },
        )
        if created:
            user.set_password(content.EXAMPLE_PASSWORD)
            user.save(update_fields=["password"])
            created_names.append(username)
        # Looked up apart from the user, so a membership removed since the last
        # load comes back; one whose role was changed is left as it is.
        if not Membership.objects.filter(
            user=user, organisation=organisations[organisation]
        ).exists():
            membership_set(
                actor=None,
                user=user,
                organisation=organisations[organisation],
                role=role,
            )
            if not created:
                restored_memberships.append(f"{username} ({organisation})")
    return created_names, restored_memberships


def _promise(
    *,
    slug: str,
    title: str,
    municipality: str,
    year: int,
    commitments: list[str],
    activities: list[tuple],
    editor: User,
    approvers: list[User],
    today: datetime.date,
    created: list[str],
    previous: Promise | None = None,
    indicators: list[dict] | None = None,
    conclude: bool = False,
) -> Promise:
    existing = Promise.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    place = Municipality.objects.get(code=municipality)
    police_area = place.police_areas.first()
    promise = promise_services.promise_create(
        actor=editor,
        title=title,
        municipalities=[place],
        police_area=police_area,
        start_date=datetime.date(year, 1, 1),
        end_date=datetime.date(year, 12, 31),
        situation_summary=(
            f"{content.EXAMPLE_LABEL}: en påhittad lägesbild som visar hur Löften "
            f"används. Boende i {place.name} känner sig otrygga i centrum kvällstid, "
            "och skola och socialtjänst ser fler unga i riskzon."
        ),
        followup_plan=content.FOLLOWUP_PLAN,
        signing_date=datetime.date(year - 1, 12, 10),
        previous=previous,
        slug=slug,
    )
    for source in content.SITUATION_SOURCES:
        part_services.situation_source_create(
            promise=promise, actor=editor, year=year - 1, **source
        )
    commitment_objects = [
        part_services.commitment_create(promise=promise, actor=editor, text=text)
        for text in commitments
    ]
    focus_areas = {area.slug: area for area in FocusArea.objects.all()}
    partners = {o.name: o for o in Organisation.objects.filter(kind="partner")}
    planned = []
    for (
        area,
        commitment,
        text,
        police,
        municipal,
        partner_names,
        target,
        where,
        counts,
    ) in activities:
        comparator, value, unit, scope = target or ("", None, "", "per_year")
        activity = activity_services.activity_create(
            promise=promise,
            actor=editor,
            text=text,
            focus_area=focus_areas[area],
            commitment=None if commitment is None else commitment_objects[commitment],
            responsible_police=police,
            responsible_municipality=municipal,
            partners=[partners[name] for name in partner_names],
            target_comparator=comparator,
            target_value=value,
            target_unit=unit,
            target_scope=scope,
            place=where,
        )
        planned.append((activity, counts))
    for row in indicators if indicators is not None else content.INDICATORS:
        indicator = indicator_services.indicator_create(
            promise=promise,
            actor=editor,
            name=row["name"],
            source=row["source"],
            unit=row["unit"],
            direction=row["direction"],
            focus_area=focus_areas.get(row["focus_area"] or ""),
        )
        for value_year, value in _indicator_values(row, year, today):
            indicator_services.indicator_value_set(
                indicator=indicator,
                actor=editor,
                year=value_year,
                value=Decimal(value),
                note=content.EXAMPLE_LABEL,
            )
    for name, title_text, organisation in _signatories(place, police_area, approvers):
        part_services.signatory_create(
            promise=promise,
            actor=editor,
            name=name,
            title=title_text,
            organisation=organisation,
        )

    publication_services.promise_submit_for_review(promise=promise, actor=editor)
    _approve_all(promise, approvers, period=None)
    publication_services.promise_publish(
        promise=promise, actor=approvers[0], note="Medborgarlöftet publicerades."
    )

    periods = reporting_periods_ensure(promise=promise)
    _log_and_follow_up(promise, planned, periods, editor, approvers, today)
    if conclude and promise.end_date < today:
        publication_services.promise_conclude(promise=promise, actor=approvers[0])
    created.append(promise.title)
    return promise


def _indicator_values(
    row: dict, year: int, today: datetime.date
) -> list[tuple[int, str]]:
    """The example values of an indicator for a promise of `year`: the years
    before it, and its own year once that year's figure would be out."""
    values = []
    for offset, value in sorted(row["values"].items()):
        value_year = year + offset
        if offset == 0:
            month, day = row["this_year_from"]
            if today < datetime.date(value_year, month, day):
                continue
        values.append((value_year, value))
    return values


def _signatories(place, police_area, approvers):
    return [
        (approvers[0].full_name, approvers[0].title, f"{place.name} kommun"),
        (approvers[1].full_name, approvers[1].title, police_area.name),
    ]


def _approve_all(promise: Promise, approvers: list[User], period) -> None:
    for approver in approvers:
        organisation = approver.memberships.get().organisation
        if period is None:
            publication_services.promise_approve(
                promise=promise, actor=approver, organisation=organisation
            )
        else:
            publication_services.period_report_approve(
                promise=promise,
                period=period,
                actor=approver,
                organisation=organisation,
            )


def _event_dates(period: ReportingPeriod, count: int, today: datetime.date):
    """`count` dates spread over the period, none of them today or later."""
    last = min(period.end_date, today - datetime.timedelta(days=1))
    if count == 0 or last < period.start_date:
        return []
    span = (last - period.start_date).days
    return [
        period.start_date
        + datetime.timedelta(days=(index * span) // count + span // (2 * count))
        for index in range(count)
    ]


def _log_and_follow_up(promise, planned, periods, editor, approvers, today) -> None:
    statuses = {status.category: status for status in FollowUpStatus.objects.all()}
    tertials = [p for p in periods if p.kind == ReportingPeriod.Kind.TERTIAL]
    totals: dict[int, int] = {}
    for index, period in enumerate(tertials):
        ended = period.end_date < today
        for activity, counts in planned:
            dates = _event_dates(period, counts[index], today)
            for number, day in enumerate(dates):
                activity_event_log(
                    activity=activity,
                    actor=editor,
                    date=day,
                    quantity=1,
                    hours=Decimal("2.5") if activity.responsible_police else None,
                    place=activity.place,
                    note="Loggad i exemplet." if number == 0 else "",
                )
            if not (ended or dates):
                continue
            logged = len(dates)
            totals[activity.pk] = totals.get(activity.pk, 0) + logged
            status = _status_for(activity, logged, totals[activity.pk], statuses, ended)
            followup_save(
                activity=activity,
                period=period,
                actor=editor,
                expected_version=None,
                status=status,
                text=content.followup_text(activity.target_unit, logged)
                if activity.has_target or logged
                else "Arbetet pågår och följs upp i samverkansgruppen.",
                quantity=logged if activity.has_target else None,
            )
        if ended:
            publication_services.period_report_submit(
                promise=promise, period=period, actor=editor
            )
            _approve_all(promise, approvers, period=period)
            publication_services.period_report_publish(
                promise=promise, period=period, actor=approvers[1]
            )
    year_period = next(
        (p for p in periods if p.kind == ReportingPeriod.Kind.YEAR), None
    )
    if year_period is None or year_period.end_date >= today:
        return
    for activity, _counts in planned:
        total = totals.get(activity.pk, 0)
        followup_save(
            activity=activity,
            period=year_period,
            actor=editor,
            expected_version=None,
            status=_status_for(activity, total, total, statuses, True),
            text=(
                f"Sammanlagt under året: {total} "
                f"{activity.target_unit or 'tillfällen'}."
            ),
            quantity=total if activity.has_target else None,
        )
    publication_services.period_report_submit(
        promise=promise, period=year_period, actor=editor
    )
    _approve_all(promise, approvers, period=year_period)
    publication_services.period_report_publish(
        promise=promise, period=year_period, actor=approvers[1]
    )


def _status_for(activity, logged, cumulative, statuses, ended):
    if not activity.has_target:
        return statuses["ongoing"]
    goal = activity.target_value
    reached = logged if activity.target_scope == "per_period" else cumulative
    if reached >= goal:
        return statuses["done"]
    if not ended:
        return statuses["ongoing"]
    if activity.target_scope == "per_year" and reached > 0:
        return statuses["ongoing"] if logged else statuses["planned"]
    return statuses["partly_done"] if reached else statuses["not_done"]
