"""Sending for approval, joint approval and publishing: of the promise itself and
of each period's follow-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loften.core.exceptions import StaleApprovalError
from loften.followups import periods as period_rules
from loften.followups.selectors import period_report_get
from loften.publication import services as publication
from loften.publication.permissions import approval_organisations
from loften.publication.selectors import (
    approval_list,
    approvals_missing,
    latest_version,
    promise_snapshot_build,
)

from ..forms import ApprovalForm
from ..permissions import (
    APPROVE,
    EDIT,
    PUBLISH,
    VIEW,
    access_period,
    access_promise,
)
from ..publishing import (
    audit_list_after,
    audit_mark,
    first_publication,
    period_checks,
    plan_checks,
    unpublished_changes,
)
from ..selectors import followup_sheet
from .common import rights


def _approval_url(promise) -> str:
    return reverse("editor:promise_approval", args=[promise.pk])


def _period_url(promise, period) -> str:
    return reverse("editor:period_approval", args=[promise.pk, period])


def _report_error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _published_message(version) -> str:
    return _("Published as version %(number)s.") % {"number": version.number}


# --- The promise -------------------------------------------------------------------


def _approval_form(promise, approvers, revision: int | None) -> ApprovalForm:
    return ApprovalForm(
        organisations=approvers,
        initial={"revision": revision, "seen": audit_mark(promise=promise)},
    )


def _stale_context(promise, form: ApprovalForm, error: StaleApprovalError) -> dict:
    """What the page shows after a stale approval: the refusal, and the changes
    made after the approver's page was shown."""
    seen = form.cleaned_data.get("seen") or 0
    return {
        "stale": {
            "message": error.messages[0],
            "changes": list(audit_list_after(promise=promise, mark=seen)),
        },
        "comment": form.cleaned_data.get("comment", ""),
    }


def _approval_form_problem(request, form: ApprovalForm) -> None:
    if "revision" in form.errors or "seen" in form.errors:
        messages.error(
            request,
            _(
                "The approval did not say which version you saw. Read the page "
                "again and approve once more."
            ),
        )
    else:
        messages.error(request, _("Choose the party you approve for."))


@login_required
def promise_approval(request, promise_id: int):
    """Where the plan is sent for approval, approved by each party and published,
    with the checks before publishing and what changes from the published version."""
    promise = access_promise(user=request.user, promise_id=promise_id, action=VIEW)
    return _promise_approval_page(request, promise)


def _promise_approval_page(request, promise, *, extra=None, status: int = 200):
    approvers = approval_organisations(user=request.user, promise=promise)
    approvals = list(approval_list(promise=promise).filter(revision=promise.revision))
    missing = approvals_missing(promise=promise)
    live = promise_snapshot_build(promise=promise)
    form = _approval_form(promise, approvers, promise.revision)
    if extra and extra.get("comment"):
        form.initial["comment"] = extra["comment"]
    today = timezone.localdate()
    pending = unpublished_changes(promise=promise, live=live)
    return render(
        request,
        "editor/approval.html",
        {
            "promise": promise,
            "checks": plan_checks(promise=promise, today=today, live=live),
            "pending": pending,
            "first_plan": first_publication(live=live) if pending is None else [],
            "period_over": promise.end_date < today,
            "approvals": approvals,
            "missing": missing,
            "yours": [o for o in approvers if o in missing],
            "form": form,
            **(extra or {}),
            **rights(request, promise),
        },
        status=status,
    )


@login_required
@require_POST
def promise_submit(request, promise_id: int):
    promise = access_promise(user=request.user, promise_id=promise_id, action=EDIT)
    try:
        publication.promise_submit_for_review(promise=promise, actor=request.user)
    except ValidationError as error:
        _report_error(request, error)
    else:
        messages.success(request, _("The promise was sent to the parties' approvers."))
    return redirect(_approval_url(promise))


@login_required
@require_POST
def promise_approve(request, promise_id: int):
    promise = access_promise(user=request.user, promise_id=promise_id, action=APPROVE)
    form = ApprovalForm(
        request.POST,
        organisations=approval_organisations(user=request.user, promise=promise),
    )
    if not form.is_valid():
        _approval_form_problem(request, form)
        return redirect(_approval_url(promise))
    organisation = form.cleaned_data["organisation"]
    try:
        _approval, version = publication.promise_approve_and_publish(
            promise=promise,
            actor=request.user,
            organisation=organisation,
            comment=form.cleaned_data["comment"],
            revision=form.cleaned_data["revision"],
        )
    except StaleApprovalError as error:
        promise.refresh_from_db()
        return _promise_approval_page(
            request, promise, extra=_stale_context(promise, form, error), status=409
        )
    except ValidationError as error:
        _report_error(request, error)
    else:
        text = _("Approved on behalf of %(organisation)s.") % {
            "organisation": organisation
        }
        if version is not None:
            text = f"{text} {_published_message(version)}"
        messages.success(request, text)
    return redirect(_approval_url(promise))


@login_required
@require_POST
def promise_publish(request, promise_id: int):
    promise = access_promise(user=request.user, promise_id=promise_id, action=PUBLISH)
    try:
        version = publication.promise_publish(promise=promise, actor=request.user)
    except ValidationError as error:
        _report_error(request, error)
    else:
        messages.success(request, _published_message(version))
    return redirect(_approval_url(promise))


@login_required
@require_POST
def promise_conclude(request, promise_id: int):
    """Mark a published promise as concluded; it can no longer be changed."""
    promise = access_promise(user=request.user, promise_id=promise_id, action=PUBLISH)
    try:
        publication.promise_conclude(promise=promise, actor=request.user)
    except ValidationError as error:
        _report_error(request, error)
    else:
        messages.success(request, _("The promise was concluded."))
    return redirect(_approval_url(promise))


# --- A period's follow-up -------------------------------------------------------------


@login_required
def period_approval(request, promise_id: int, key: period_rules.PeriodKey):
    promise = access_promise(user=request.user, promise_id=promise_id, action=VIEW)
    period = access_period(promise=promise, key=key)
    return _period_approval_page(request, promise, period)


def _period_approval_page(request, promise, period, *, extra=None, status=200):
    report = period_report_get(promise=promise, period=period)
    approvers = approval_organisations(user=request.user, promise=promise)
    missing = approvals_missing(promise=promise, period=period)
    approvals = []
    form = _approval_form(promise, approvers, report.revision if report else None)
    if extra and extra.get("comment"):
        form.initial["comment"] = extra["comment"]
    if report is not None:
        approvals = list(
            approval_list(promise=promise, period=period).filter(
                revision=report.revision
            )
        )
    return render(
        request,
        "editor/period_approval.html",
        {
            "promise": promise,
            "period": period,
            "report": report,
            "rows": followup_sheet(promise=promise, period=period),
            "checks": period_checks(promise=promise, period=period),
            "approvals": approvals,
            "missing": missing,
            "yours": [o for o in approvers if o in missing],
            "form": form,
            "plan_published": latest_version(promise=promise) is not None,
            **(extra or {}),
            **rights(request, promise),
        },
        status=status,
    )


@login_required
@require_POST
def period_submit(request, promise_id: int, key: period_rules.PeriodKey):
    promise = access_promise(user=request.user, promise_id=promise_id, action=EDIT)
    period = access_period(promise=promise, key=key)
    try:
        publication.period_report_submit(
            promise=promise, period=period, actor=request.user
        )
    except ValidationError as error:
        _report_error(request, error)
    else:
        messages.success(
            request, _("The follow-up was sent to the parties' approvers.")
        )
    return redirect(_period_url(promise, period))


@login_required
@require_POST
def period_approve(request, promise_id: int, key: period_rules.PeriodKey):
    promise = access_promise(user=request.user, promise_id=promise_id, action=APPROVE)
    period = access_period(promise=promise, key=key)
    form = ApprovalForm(
        request.POST,
        organisations=approval_organisations(user=request.user, promise=promise),
    )
    if not form.is_valid():
        _approval_form_problem(request, form)
        return redirect(_period_url(promise, period))
    organisation = form.cleaned_data["organisation"]
    try:
        _approval, version = publication.period_report_approve_and_publish(
            promise=promise,
            period=period,
            actor=request.user,
            organisation=organisation,
            comment=form.cleaned_data["comment"],
            revision=form.cleaned_data["revision"],
        )
    except StaleApprovalError as error:
        return _period_approval_page(
            request,
            promise,
            period,
            extra=_stale_context(promise, form, error),
            status=409,
        )
    except ValidationError as error:
        _report_error(request, error)
    else:
        text = _("Approved on behalf of %(organisation)s.") % {
            "organisation": organisation
        }
        if version is not None:
            text = f"{text} {_published_message(version)}"
        elif not approvals_missing(promise=promise, period=period):
            text = f"{text} " + _(
                "It will be published together with the promise, once the promise "
                "is approved."
            )
        messages.success(request, text)
    return redirect(_period_url(promise, period))


@login_required
@require_POST
def period_publish(request, promise_id: int, key: period_rules.PeriodKey):
    promise = access_promise(user=request.user, promise_id=promise_id, action=PUBLISH)
    period = access_period(promise=promise, key=key)
    try:
        version = publication.period_report_publish(
            promise=promise, period=period, actor=request.user
        )
    except ValidationError as error:
        _report_error(request, error)
    else:
        messages.success(request, _published_message(version))
    return redirect(_period_url(promise, period))
