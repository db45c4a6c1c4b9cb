"""Who may see which report: published ones are public, drafts follow the promise."""

from django.http import Http404

from loften.core.models import User
from loften.promises.models import Promise
from loften.promises.permissions import can_view_promise

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
