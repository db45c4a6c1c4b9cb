"""Starting, renewing and editing a promise; the plan page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from loften.core.exceptions import StaleVersionError
from loften.promises.selectors import promise_fingerprint, promise_renewal_defaults
from loften.promises.services import promise as promise_services
from loften.promises.services import renewal as renewal_services

from ..forms import (
    PromiseCreateForm,
    PromiseDetailsForm,
    RenewForm,
    SituationForm,
    rebased_data,
)
from ..permissions import EDIT, VIEW, access_promise, may_create_promise
from .common import (
    add_service_errors,
    is_htmx,
    plan_context,
    plan_url,
    render_plan_part,
)


@login_required
def promise_create(request):
    """Start a promise from scratch."""
    if not may_create_promise(user=request.user):
        raise PermissionDenied(
            _("Only editors of a municipality or a police area may start promises.")
        )
    form = PromiseCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            promise = promise_services.promise_create(
                actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The promise was created as a draft."))
            return redirect(plan_url(promise))
    return render(request, "editor/promise_create.html", {"form": form})


@login_required
def promise_detail(request, promise_id: int):
    """The whole plan of a promise, edited in place."""
    promise = access_promise(user=request.user, promise_id=promise_id, action=VIEW)
    return render(request, "editor/promise_detail.html", plan_context(request, promise))


def _edit_promise_fields(request, promise_id: int, form_class, template: str):
    """The details form and the lägesbild form: refused if someone else changed
    the same fields meanwhile, showing both versions."""
    promise = access_promise(user=request.user, promise_id=promise_id, action=EDIT)
    form = form_class(request.POST or None, promise=promise)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            promise_services.promise_update(
                promise=promise,
                actor=request.user,
                expected_fingerprint=form.cleaned_data["fingerprint"],
                **form.values(),
            )
        except StaleVersionError as error:
            conflict = form.differences_from(error.current)
            form = form_class(
                rebased_data(
                    form,
                    fingerprint=promise_fingerprint(
                        promise=error.current, fields=form.promise_fields()
                    ),
                ),
                promise=error.current,
            )
            form.is_valid()
            form.conflict_message = error.message
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if is_htmx(request) and form_class is SituationForm:
                return render_plan_part(request, promise, "situation")
            messages.success(request, _("Saved."))
            return redirect(plan_url(promise, form.anchor))
    context = {"promise": promise, "form": form, "conflict": conflict}
    if is_htmx(request):
        return render(request, f"{template}#form", context)
    return render(request, template, context)


@login_required
def promise_edit(request, promise_id: int):
    return _edit_promise_fields(
        request, promise_id, PromiseDetailsForm, "editor/promise_edit.html"
    )


@login_required
def situation_edit(request, promise_id: int):
    return _edit_promise_fields(
        request, promise_id, SituationForm, "editor/situation_edit.html"
    )


@login_required
def promise_delete(request, promise_id: int):
    """Delete a draft that was never published (published ones are records)."""
    promise = access_promise(user=request.user, promise_id=promise_id, action=EDIT)
    error = None
    if request.method == "POST":
        try:
            promise_services.promise_delete(promise=promise, actor=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request, _("“%(title)s” was deleted.") % {"title": promise.title}
            )
            return redirect("editor:start")
    return render(
        request,
        "editor/confirm_delete.html",
        {
            "promise": promise,
            "what": promise.title,
            "consequence": _(
                "Its plan, log and follow-ups are deleted with it. This cannot be "
                "undone."
            ),
            "error": error,
            "back_url": plan_url(promise),
        },
    )


@login_required
def promise_renew(request, promise_id: int):
    """Start next period's promise from this one."""
    promise = access_promise(user=request.user, promise_id=promise_id, action=VIEW)
    if not may_create_promise(user=request.user):
        raise PermissionDenied(_("Only editors may renew a promise."))
    defaults = promise_renewal_defaults(promise=promise)
    form = RenewForm(request.POST or None, initial=defaults)
    if request.method == "POST" and form.is_valid():
        try:
            renewed = renewal_services.promise_renew(
                promise=promise, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "“%(title)s” was created as a draft with the commitments and "
                    "activities of the previous promise. Update the situational "
                    "picture, the activities and the signatories."
                )
                % {"title": renewed.title},
            )
            return redirect(plan_url(renewed))
    return render(
        request,
        "editor/promise_renew.html",
        {
            "promise": promise,
            "form": form,
            "renewals": list(promise.renewals.all()),
        },
    )
