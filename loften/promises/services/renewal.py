"""Renewing a promise: next period's draft, copied from this one."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loften.core.models import User
from loften.core.services import audit_log

from ..models import Activity, Commitment, IndicatorValue, Promise
from ..permissions import can_view_promise
from ..selectors import promise_renewal_defaults
from .promise import promise_create


@transaction.atomic
def promise_renew(
    *,
    promise: Promise,
    actor: User | None,
    title: str | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Promise:
    """Start next period's promise as a draft that renews `promise`.

    Copies the parties, cadence, lägesbild text, follow-up plan, commitments,
    activities (focus areas, responsible parties, targets and places) and
    indicators with their values. Sources, signatories, the signing date, the log
    and follow-ups belong to the old period and are not copied. By default the new
    period follows on from the old one with the same length.
    """
    if actor is not None and not can_view_promise(user=actor, promise=promise):
        raise PermissionDenied(_("You may not renew this promise."))
    renewal = promise.renewals.order_by("start_date").first()
    if renewal is not None:
        raise ValidationError(
            _("This promise has already been renewed as “%(title)s”.")
            % {"title": renewal.title}
        )
    defaults = promise_renewal_defaults(promise=promise)
    start_date = start_date or defaults["start_date"]
    end_date = end_date or defaults["end_date"]
    title = (title or "").strip() or defaults["title"]
    renewed = promise_create(
        actor=actor,
        title=title,
        municipalities=promise.municipalities.all(),
        police_area=promise.police_area,
        start_date=start_date,
        end_date=end_date,
        cadence=promise.cadence,
        situation_summary=promise.situation_summary,
        followup_plan=promise.followup_plan,
        previous=promise,
    )
    commitments = {}
    for commitment in promise.commitments.order_by("order", "id"):
        commitments[commitment.pk] = Commitment.objects.create(
            promise=renewed, text=commitment.text, order=commitment.order
        )
    activities = promise.activities.select_related("focus_area").prefetch_related(
        "partners"
    )
    for activity in activities.order_by("order", "id"):
        duplicate = Activity.objects.create(
            promise=renewed,
            commitment=commitments.get(activity.commitment_id),
            focus_area=activity.focus_area
            if activity.focus_area and activity.focus_area.is_active
            else None,
            text=activity.text,
            responsible_police=activity.responsible_police,
            responsible_municipality=activity.responsible_municipality,
            target_comparator=activity.target_comparator,
            target_value=activity.target_value,
            target_unit=activity.target_unit,
            target_scope=activity.target_scope,
            place=activity.place,
            order=activity.order,
        )
        duplicate.partners.set(activity.partners.all())
    for indicator in promise.indicators.prefetch_related("values").order_by(
        "order", "id"
    ):
        values = list(indicator.values.all())
        indicator.pk = None
        indicator.promise = renewed
        indicator.save()
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=indicator, year=v.year, value=v.value, note=v.note)
            for v in values
        )
    audit_log(
        actor=actor,
        action="promise.renew",
        obj=renewed,
        promise_id=renewed.pk,
        changes={
            "previous": [None, promise.title],
            "commitments": [None, len(commitments)],
            "activities": [None, activities.count()],
        },
    )
    return renewed
