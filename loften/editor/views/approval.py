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
from loften.followups import services as followups
from loften.followups.models import PeriodReport
from loften.followups.selectors import deadline_get, period_report_get
from loften.promises.models import Promise
from loften.publication import services as publication
from loften.publication.permissions import approval_organisations, can_comment
from loften.publication.selectors import (
    approval_list,
    approvals_missing,
    comment_list,
    latest_version,
    promise_snapshot_build,
)

from ..forms import ApprovalForm, CommentForm, DueDateForm, SendBackForm
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


def _discussion(request, promise, period, approvers, extra, *, submitted) -> dict:
    """The thread between the parties, the form to write in it and the form an
    approver sends back with (bound again after a refused post)."""
    comments = list(comment_list(promise=promise, period=period))
    sent_back = [c for c in comments if c.kind == c.Kind.SEND_BACK]
    return {
        "comments": comments,
        "last_send_back": sent_back[-1] if sent_back else None,
        "comment_form": (extra or {}).get("comment_form") or CommentForm(),
        "send_back_form": (extra or {}).get("send_back_form")
        or SendBackForm(organisations=approvers),
        "may_comment": can_comment(user=request.user, promise=promise),
        "send_back_parties": approvers,
        "submitted": submitted,
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
            **_discussion(
                request,
                promise,
                None,
                approvers,
                extra,
                submitted=promise.status == Promise.Status.IN_REVIEW,
            ),
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
            comment_public=form.cleaned_data["comment_public"],
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
    submitted = report is not None and report.status == PeriodReport.Status.SUBMITTED
    published = report is not None and report.status == PeriodReport.Status.PUBLISHED
    due_date = deadline_get(promise=promise, period=period)
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
            "due_date": due_date,
            "days_overdue": 0
            if submitted or published
            else period_rules.days_overdue(due_date, timezone.localdate()),
            "due_form": DueDateForm(
                initial={"due_date": report.due_date if report else None}
            ),
            **_discussion(
                request, promise, period, approvers, extra, submitted=submitted
            ),
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
            comment_public=form.cleaned_data["comment_public"],
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


# --- Sending back and the thread between the parties -------------------------------


@login_required
@require_POST
def promise_send_back(request, promise_id: int):
    """An approver returns the plan to the editors with a required comment."""
    promise = access_promise(user=request.user, promise_id=promise_id, action=APPROVE)
    approvers = approval_organisations(user=request.user, promise=promise)
    form = SendBackForm(request.POST, organisations=approvers)
    if form.is_valid():
        try:
            publication.promise_send_back(
                promise=promise,
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _report_error(request, error)
        else:
            messages.success(
                request, _("The promise was sent back to the editors as a draft.")
            )
            return redirect(_approval_url(promise))
    promise.refresh_from_db()
    return _promise_approval_page(
        request, promise, extra={"send_back_form": form}, status=400
    )


@login_required
@require_POST
def period_send_back(request, promise_id: int, key: period_rules.PeriodKey):
    """An approver returns a period's follow-up to the editors with a comment."""
    promise = access_promise(user=request.user, promise_id=promise_id, action=APPROVE)
    period = access_period(promise=promise, key=key)
    approvers = approval_organisations(user=request.user, promise=promise)
    form = SendBackForm(request.POST, organisations=approvers)
    if form.is_valid():
        try:
            publication.period_report_send_back(
                promise=promise,
                period=period,
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _report_error(request, error)
        else:
            messages.success(
                request, _("The follow-up was sent back to the editors as a draft.")
            )
            return redirect(_period_url(promise, period))
    return _period_approval_page(
        request, promise, period, extra={"send_back_form": form}, status=400
    )


def _comment(request, promise, period):
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            publication.comment_create(
                promise=promise,
                period=period,
                actor=request.user,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            _report_error(request, error)
        else:
            messages.success(request, _("Your comment was sent to both parties."))
            return None
    return form


@login_required
@require_POST
def promise_comment(request, promise_id: int):
    promise = access_promise(user=request.user, promise_id=promise_id, action=VIEW)
    form = _comment(request, promise, None)
    if form is None:
        return redirect(_approval_url(promise) + "#discussion-heading")
    return _promise_approval_page(
        request, promise, extra={"comment_form": form}, status=400
    )


@login_required
@require_POST
def period_comment(request, promise_id: int, key: period_rules.PeriodKey):
    promise = access_promise(user=request.user, promise_id=promise_id, action=VIEW)
    period = access_period(promise=promise, key=key)
    form = _comment(request, promise, period)
    if form is None:
        return redirect(_period_url(promise, period) + "#discussion-heading")
    return _period_approval_page(
        request, promise, period, extra={"comment_form": form}, status=400
    )


@login_required
@require_POST
def period_due_date(request, promise_id: int, key: period_rules.PeriodKey):
    """Set when this promise's follow-up for the period is due."""
    promise = access_promise(user=request.user, promise_id=promise_id, action=EDIT)
    period = access_period(promise=promise, key=key)
    form = DueDateForm(request.POST)
    if form.is_valid():
        try:
            followups.period_due_date_set(
                promise=promise,
                period=period,
                due_date=form.cleaned_data["due_date"],
                actor=request.user,
            )
        except ValidationError as error:
            _report_error(request, error)
        else:
            messages.success(request, _("The due date was saved."))
    else:
        messages.error(request, _("Enter the date as YYYY-MM-DD."))
    return redirect(_period_url(promise, period))
