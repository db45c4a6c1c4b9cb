"""The activity log: occurrences per activity and period, logging, correcting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from loften.core.text import shorten
from loften.followups import services as followup_services
from loften.promises.permissions import can_edit_promise

from ..forms import ActivityEventForm
from ..permissions import EDIT, VIEW, access_activity, access_event
from ..selectors import activity_log as activity_log_selector
from .common import add_service_errors, warn_if_implausible


def _log_url(activity) -> str:
    return reverse("editor:activity_log", args=[activity.promise_id, activity.pk])


@login_required
def activity_log(request, promise_id: int, activity_id: int):
    """The occurrences logged for an activity, per period with totals, and a
    short form to log one more."""
    action = EDIT if request.method == "POST" else VIEW
    activity = access_activity(
        user=request.user, promise_id=promise_id, activity_id=activity_id, action=action
    )
    form = ActivityEventForm(request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            followup_services.activity_event_log(
                activity=activity, actor=request.user, **form.values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The occurrence was logged."))
            warn_if_implausible(
                request, activity=activity, quantity=form.cleaned_data["quantity"]
            )
            return redirect(_log_url(activity))
    return render(
        request,
        "editor/activity_log.html",
        {
            "promise": activity.promise,
            "activity": activity,
            "form": form,
            "periods": activity_log_selector(activity=activity),
            "can_edit": can_edit_promise(user=request.user, promise=activity.promise),
        },
    )


@login_required
def event_edit(request, promise_id: int, activity_id: int, event_id: int):
    event = access_event(
        user=request.user,
        promise_id=promise_id,
        activity_id=activity_id,
        event_id=event_id,
        action=EDIT,
    )
    activity = event.activity
    initial = {
        name: getattr(event, name)
        for name in ("date", "quantity", "hours", "place", "note")
    }
    form = ActivityEventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            followup_services.activity_event_update(
                event=event, actor=request.user, **form.values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The occurrence was saved."))
            warn_if_implausible(
                request, activity=activity, quantity=form.cleaned_data["quantity"]
            )
            return redirect(_log_url(activity))
    return render(
        request,
        "editor/event_form.html",
        {
            "promise": activity.promise,
            "activity": activity,
            "event": event,
            "form": form,
        },
    )


@login_required
def event_delete(request, promise_id: int, activity_id: int, event_id: int):
    event = access_event(
        user=request.user,
        promise_id=promise_id,
        activity_id=activity_id,
        event_id=event_id,
        action=EDIT,
    )
    activity = event.activity
    if request.method == "POST":
        followup_services.activity_event_delete(event=event, actor=request.user)
        messages.success(request, _("The occurrence was removed."))
        return redirect(_log_url(activity))
    return render(
        request,
        "editor/confirm_delete.html",
        {
            "promise": activity.promise,
            "what": _("%(date)s: %(quantity)s × %(activity)s")
            % {
                "date": date_format(event.date),
                "quantity": event.quantity,
                "activity": shorten(activity.text, 80),
            },
            "back_url": _log_url(activity),
        },
    )
