"""Activities of the plan: add, change (refusing stale saves), reorder, remove;
and moving a focus area's group of activities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loften.core.exceptions import StaleVersionError
from loften.promises.models import Activity
from loften.promises.services import activities as activity_services
from loften.publication import services as publication

from .. import services as editor_services
from ..forms import ActivityForm, MoveForm, RemovalReasonForm, rebased_data
from ..permissions import EDIT, access_activity, access_focus_area, access_promise
from .common import add_service_errors, is_htmx, plan_url, render_plan_part


def _save(form: ActivityForm, for_promise, user, service, **arguments) -> Activity:
    """Create or change the activity with any focus area or partners typed in
    beside it; if the activity is refused, none of those are added either."""
    with transaction.atomic():
        area, partners = editor_services.activity_new_parts_create(
            actor=user,
            promise=for_promise,
            focus_area_name=form.cleaned_data.get("new_focus_area", ""),
            partner_names=form.new_partner_names(),
        )
        values = form.values()
        if area is not None:
            values["focus_area"] = area
        activity = service(
            actor=user,
            partners=[*form.cleaned_data["partners"], *partners],
            **arguments,
            **values,
        )
        for subject in form.changed_subjects:
            publication.change_reason_record(
                promise=for_promise,
                actor=user,
                activity_id=activity.pk,
                subject=subject,
                reason=form.cleaned_data["change_reason"],
            )
        return activity


@login_required
def activity_create(request, promise_id: int):
    promise = access_promise(user=request.user, promise_id=promise_id, action=EDIT)
    initial = {}
    area = request.GET.get("fokusomrade", "")
    if area.isdigit():
        initial["focus_area"] = int(area)
    form = ActivityForm(request.POST or None, promise=promise, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity = _save(
                form,
                promise,
                request.user,
                activity_services.activity_create,
                promise=promise,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity was added."))
            return redirect(plan_url(promise, f"activity-{activity.pk}"))
    return render(
        request,
        "editor/activity_form.html",
        {"promise": promise, "form": form, "activity": None},
    )


@login_required
def activity_edit(request, promise_id: int, activity_id: int):
    """Change an activity. If someone else saved it meanwhile, both versions are
    shown and what the user typed stays in the form."""
    try:
        activity = access_activity(
            user=request.user,
            promise_id=promise_id,
            activity_id=activity_id,
            action=EDIT,
        )
    except Http404:
        return _activity_gone(request, promise_id, activity_id)
    promise = activity.promise
    published = publication.activity_published_values(activity_id=activity.pk)
    form = ActivityForm(
        request.POST or None, promise=promise, activity=activity, published=published
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            activity = _save(
                form,
                promise,
                request.user,
                activity_services.activity_update,
                activity=activity,
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersionError as error:
            conflict = form.differences_from(error.current)
            form = ActivityForm(
                rebased_data(form, version=error.current.version),
                promise=promise,
                activity=error.current,
                published=published,
            )
            form.is_valid()
            form.conflict_message = error.message
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect(plan_url(promise, f"activity-{activity.pk}"))
    return render(
        request,
        "editor/activity_form.html",
        {
            "promise": promise,
            "form": form,
            "activity": activity,
            "conflict": conflict,
        },
    )


def _activity_gone(request, promise_id: int, activity_id: int):
    """The activity was removed while the user edited it: keep what they typed
    and offer to add it as a new activity. (One that exists, in a promise the
    user may not change here, is simply not found.)"""
    promise = access_promise(user=request.user, promise_id=promise_id, action=EDIT)
    if request.method != "POST" or Activity.objects.filter(pk=activity_id).exists():
        raise Http404(_("No such activity."))
    form = ActivityForm(request.POST, promise=promise)
    form.is_valid()
    return render(
        request,
        "editor/activity_form.html",
        {"promise": promise, "form": form, "activity": None, "gone": True},
        status=409,
    )


@login_required
def activity_delete(request, promise_id: int, activity_id: int):
    activity = access_activity(
        user=request.user, promise_id=promise_id, activity_id=activity_id, action=EDIT
    )
    promise = activity.promise
    # A published activity is removed publicly: the removal asks for a reason.
    published = publication.activity_published_values(activity_id=activity.pk)
    form = None
    if published is not None:
        form = RemovalReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and is_htmx(request) and form and not form.is_valid():
        # From the plan's quick "Remove": ask for the reason on its own page.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse(
            "editor:activity_delete", args=[promise.pk, activity.pk]
        )
        return response
    if request.method == "POST" and (form is None or form.is_valid()):
        with transaction.atomic():
            if form is not None:
                publication.change_reason_record(
                    promise=promise,
                    actor=request.user,
                    activity_id=activity.pk,
                    subject="removed",
                    reason=form.cleaned_data["change_reason"],
                )
            activity_services.activity_delete(activity=activity, actor=request.user)
        if is_htmx(request):
            return render_plan_part(request, promise, "activities")
        messages.success(request, _("The activity was removed."))
        return redirect(plan_url(promise, "activities"))
    return render(
        request,
        "editor/confirm_delete.html",
        {
            "promise": promise,
            "what": activity.text,
            "consequence": _(
                "Its %(events)s logged occurrences and %(followups)s follow-ups "
                "are removed with it. What has been published stays published."
            )
            % {
                "events": activity.events.count(),
                "followups": activity.followups.count(),
            },
            "back_url": plan_url(promise, f"activity-{activity.pk}"),
            "form": form,
        },
    )


@login_required
@require_POST
def activity_move(request, promise_id: int, activity_id: int):
    activity: Activity = access_activity(
        user=request.user, promise_id=promise_id, activity_id=activity_id, action=EDIT
    )
    form = MoveForm(request.POST)
    if form.is_valid():
        activity_services.activity_move(
            activity=activity, actor=request.user, offset=form.offset
        )
    if is_htmx(request):
        return render_plan_part(request, activity.promise, "activities")
    return redirect(plan_url(activity.promise, f"activity-{activity.pk}"))


@login_required
@require_POST
def focus_area_move(request, promise_id: int, focus_area_id: int):
    promise = access_promise(user=request.user, promise_id=promise_id, action=EDIT)
    focus_area = access_focus_area(promise=promise, focus_area_id=focus_area_id)
    form = MoveForm(request.POST)
    if form.is_valid():
        activity_services.focus_area_move(
            promise=promise,
            focus_area=focus_area,
            actor=request.user,
            offset=form.offset,
        )
    if is_htmx(request):
        return render_plan_part(request, promise, "activities")
    return redirect(plan_url(promise, f"focus-area-{focus_area_id}"))
