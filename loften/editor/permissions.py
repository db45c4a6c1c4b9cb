"""Fetch-and-authorise helpers for the editors' screens.

Every editor view gets its objects through these. A user who may not see a
promise gets 404 for it and for everything in it (as if it did not exist); one
who may see it but not do what the screen does gets 403. The policy itself — who
may view and edit — is `loften.promises.permissions`; who may approve and
publish, `loften.publication.permissions`.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from loften.core.models import User
from loften.followups import periods as period_rules
from loften.followups.models import ActivityEvent, ReportingPeriod
from loften.followups.selectors import followup_period_keys, reporting_period_get
from loften.organisations.models import Membership, Organisation
from loften.organisations.selectors import organisation_list_for_user
from loften.promises.models import (
    Activity,
    Commitment,
    Contact,
    FocusArea,
    Indicator,
    IndicatorValue,
    Promise,
    Signatory,
    SituationSource,
)
from loften.promises.permissions import (
    can_edit_promise,
    can_view_promise,
)
from loften.promises.selectors import (
    promise_list_for_user,
)
from loften.publication.permissions import approval_organisations, can_publish

VIEW = "view"
EDIT = "edit"
APPROVE = "approve"
PUBLISH = "publish"


def may_create_promise(*, user: User) -> bool:
    """Editors of a municipality or police area may start promises for it."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        organisation_list_for_user(user=user, min_role=Membership.Role.EDITOR)
        .exclude(kind=Organisation.Kind.PARTNER)
        .exists()
    )


def access_promise(*, user: User, promise_id: int, action: str = VIEW) -> Promise:
    """The promise, if `user` may do `action` with it; 404 if they may not see it."""
    promise = (
        Promise.objects.select_related("police_area", "previous")
        .filter(pk=promise_id)
        .first()
    )
    if promise is None or not can_view_promise(user=user, promise=promise):
        raise Http404(_("No such promise."))
    if action == EDIT and not can_edit_promise(user=user, promise=promise):
        if promise.status == Promise.Status.CONCLUDED:
            raise PermissionDenied(_("The promise is concluded and cannot be changed."))
        raise PermissionDenied(_("You may read this promise but not change it."))
    if action == APPROVE and not approval_organisations(user=user, promise=promise):
        raise PermissionDenied(_("Only an approver of a party may approve."))
    if action == PUBLISH and not can_publish(user=user, promise=promise):
        raise PermissionDenied(_("Only an approver of a party may publish."))
    return promise


def _access_part(
    model: type[Model], *, user: User, promise_id: int, part_id: int, action: str
):
    promise = access_promise(user=user, promise_id=promise_id, action=action)
    part = model.objects.filter(promise=promise, pk=part_id).first()
    if part is None:
        raise Http404(_("Not found in this promise."))
    part.promise = promise
    return part


def access_commitment(
    *, user: User, promise_id: int, commitment_id: int, action: str = VIEW
) -> Commitment:
    return _access_part(
        Commitment,
        user=user,
        promise_id=promise_id,
        part_id=commitment_id,
        action=action,
    )


def access_situation_source(
    *, user: User, promise_id: int, source_id: int, action: str = VIEW
) -> SituationSource:
    return _access_part(
        SituationSource,
        user=user,
        promise_id=promise_id,
        part_id=source_id,
        action=action,
    )


def access_signatory(
    *, user: User, promise_id: int, signatory_id: int, action: str = VIEW
) -> Signatory:
    return _access_part(
        Signatory,
        user=user,
        promise_id=promise_id,
        part_id=signatory_id,
        action=action,
    )


def access_contact(
    *, user: User, promise_id: int, contact_id: int, action: str = VIEW
) -> Contact:
    return _access_part(
        Contact,
        user=user,
        promise_id=promise_id,
        part_id=contact_id,
        action=action,
    )


def access_indicator(
    *, user: User, promise_id: int, indicator_id: int, action: str = VIEW
) -> Indicator:
    return _access_part(
        Indicator,
        user=user,
        promise_id=promise_id,
        part_id=indicator_id,
        action=action,
    )


def access_indicator_value(
    *, user: User, promise_id: int, indicator_id: int, value_id: int, action: str
) -> IndicatorValue:
    indicator = access_indicator(
        user=user, promise_id=promise_id, indicator_id=indicator_id, action=action
    )
    value = indicator.values.filter(pk=value_id).first()
    if value is None:
        raise Http404(_("Not found in this promise."))
    value.indicator = indicator
    return value


def access_activity(
    *, user: User, promise_id: int, activity_id: int, action: str = VIEW
) -> Activity:
    return _access_part(
        Activity,
        user=user,
        promise_id=promise_id,
        part_id=activity_id,
        action=action,
    )


def access_event(
    *,
    user: User,
    promise_id: int,
    activity_id: int,
    event_id: int,
    action: str = VIEW,
) -> ActivityEvent:
    activity = access_activity(
        user=user, promise_id=promise_id, activity_id=activity_id, action=action
    )
    event = ActivityEvent.objects.filter(activity=activity, pk=event_id).first()
    if event is None:
        raise Http404(_("No such occurrence."))
    event.activity = activity
    return event


def access_focus_area(*, promise: Promise, focus_area_id: int) -> FocusArea | None:
    """A focus area the promise's activities use; 0 means "no focus area"."""
    if focus_area_id == 0:
        if not promise.activities.filter(focus_area__isnull=True).exists():
            raise Http404(_("No such focus area in this promise."))
        return None
    focus_area = FocusArea.objects.filter(
        pk=focus_area_id, activities__promise=promise
    ).first()
    if focus_area is None:
        raise Http404(_("No such focus area in this promise."))
    return focus_area


def access_period(*, promise: Promise, key: period_rules.PeriodKey) -> ReportingPeriod:
    """The reporting period `key` if the promise is followed up for it.

    Periods are shared reference rows that the promise's services create with
    the promise (and when its period or cadence changes), so this only reads.
    """
    period = None
    if key in followup_period_keys(promise=promise):
        period = reporting_period_get(key=key)
    if period is None:
        raise Http404(_("The promise is not followed up for this period."))
    return period


def loggable_activities(*, user: User, today: datetime.date) -> QuerySet[Activity]:
    """Activities of running promises that `user` may log occurrences for: begun by
    `today` (nothing can be logged ahead of time) and not concluded."""
    promises = promise_list_for_user(user=user, min_role=Membership.Role.EDITOR)
    return (
        Activity.objects.filter(
            promise__in=promises.values("pk"), promise__start_date__lte=today
        )
        .exclude(promise__status=Promise.Status.CONCLUDED)
        .select_related("promise", "focus_area")
        .order_by("-promise__start_date", "promise__title", "order", "id")
    )
