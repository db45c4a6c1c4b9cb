"""Who may see which report: published ones are public, drafts follow the promise."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from loften.core.models import User
from loften.organisations.models import Membership
from loften.promises.models import Promise
from loften.promises.permissions import can_view_promise, promise_role

from .models import GeneratedReport


def access_promise_for_draft_report(*, user: User, promise_id: int) -> Promise:
    """The promise, if `user` may read its working copy; 404 otherwise, so that
    the existence of a draft is not revealed."""
    promise = Promise.objects.filter(pk=promise_id).first()
    if promise is None or not can_view_promise(user=user, promise=promise):
        raise Http404
    return promise


def can_view_generated_report(*, user: User, report: GeneratedReport) -> bool:
    if report.kind == GeneratedReport.Kind.PUBLISHED:
        return True
    return can_view_promise(user=user, promise=report.promise)


def access_generated_report(*, user: User, report_id) -> GeneratedReport:
    report = (
        GeneratedReport.objects.select_related("promise", "period")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not can_view_generated_report(user=user, report=report):
        raise Http404
    return report


def can_make_action_plan(*, user: User, promise: Promise) -> bool:
    """Editors (and those above them) of a party to the promise, and site
    administrators: the action plan is a working document for the council."""
    if user.is_active and user.is_superuser:
        return True
    role = promise_role(user=user, promise=promise)
    return role is not None and Membership.ROLE_ORDER.index(
        role
    ) >= Membership.ROLE_ORDER.index(Membership.Role.EDITOR)


def access_promise_for_action_plan(*, user: User, promise_id: int) -> Promise:
    """The promise, if `user` may make its municipality's action plan; 404 for
    those who may not read it, 403 for readers who are not editors."""
    promise = access_promise_for_draft_report(user=user, promise_id=promise_id)
    if not can_make_action_plan(user=user, promise=promise):
        raise PermissionDenied
    return promise
